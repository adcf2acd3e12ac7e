/**
 * How a plan file is read, for the CLI and the editor alike: regular files only, one size cap,
 * a binary sniff and the byte order mark. The rule is pure; the two I/O sides (src/cli/readPlanFile.ts
 * over Node, the plan index over `workspace.fs`) ask it before and after reading, and print the
 * reason it gives for a skipped file.
 */

/** No plan is this large; larger files are skipped without being read. */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The most bytes any reader asks for: one more than the cap, which tells a file that grew past it
 * since its stat from one exactly at it (`checkAfterRead` then says it is too large).
 */
export const MAX_READ_BYTES = MAX_PLAN_FILE_BYTES + 1;

/** A NUL byte among the first this many bytes marks a file as binary (git looks at the same 8,000). */
export const BINARY_SNIFF_BYTES = 8000;

/** What a stat says about a path, in the terms of the rule. */
export interface FileFacts {
  /** `file`: a regular file (after following links); `other`: a pipe, socket, device or unknown. */
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
}

/** Why a file was not read. */
export type SkipReason =
  | { readonly kind: 'not-regular' }
  | { readonly kind: 'directory' }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'binary' };

/** Before reading: undefined when the file may be read (at most `MAX_READ_BYTES` of it). */
export function checkBeforeRead(facts: FileFacts): SkipReason | undefined {
  if (facts.type === 'directory') return { kind: 'directory' };
  if (facts.type !== 'file') return { kind: 'not-regular' };
  if (facts.size > MAX_PLAN_FILE_BYTES) return { kind: 'too-large', size: facts.size };
  return undefined;
}

/**
 * After reading: the text, or why it is not one. `bytes` may hold one byte more than the cap (a
 * file that grew since its stat): that, too, is too large. A UTF-8 byte order mark is dropped; a
 * UTF-16 one picks that encoding. Invalid UTF-8 becomes U+FFFD rather than failing.
 */
/** One decoder for every file: a decode without `stream` keeps no state between calls, and making a decoder costs more than a small file's decode. */
const UTF8 = new TextDecoder('utf-8', { fatal: false });

export function checkAfterRead(bytes: Uint8Array): { readonly text: string; readonly utf8?: Uint8Array } | { readonly skip: SkipReason } {
  if (bytes.byteLength > MAX_PLAN_FILE_BYTES) return { skip: { kind: 'too-large', size: bytes.byteLength } };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes) };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: { kind: 'binary' } };
  // TextDecoder drops a leading UTF-8 BOM by default (ignoreBOM: false); `utf8` is the bytes the
  // text was decoded from, without it (what core/text.ts hashUtf8 hashes).
  return { text: UTF8.decode(bytes), utf8: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes };
}

/** The reason as printed after the path: `docs/plans/x.md: skipped: …`. */
export function describeSkip(reason: SkipReason): string {
  switch (reason.kind) {
    case 'not-regular':
      return 'skipped: not a regular file (a pipe, socket or device)';
    case 'directory':
      return 'skipped: is a folder';
    case 'too-large':
      return `skipped: ${formatMegabytes(reason.size)} is larger than the ${formatMegabytes(MAX_PLAN_FILE_BYTES)} limit for a plan file`;
    case 'binary':
      return 'skipped: binary file, not Markdown';
  }
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
