import type { TextEdit, TextPosition } from './types';

const LINE_BREAK = /\r\n|\r|\n/;

/** The line ending a document uses: that of its first line break, `\n` when it has none. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Lines without their line breaks. `\r\n`, `\r` and `\n` all end a line, as in VS Code. */
export function splitLines(text: string): string[] {
  // Split by a string where there is no `\r`: a third less time than by the expression.
  return text.indexOf('\r') < 0 ? text.split('\n') : text.split(LINE_BREAK);
}

/**
 * Offsets at which each line starts. `\r\n`, `\r` and `\n` all end a line, as in VS Code. Found in
 * scratch space kept between calls, then copied into an array of their exact number: one
 * allocation, not one each time a small array fills up.
 */
export function lineStarts(text: string): Int32Array {
  return lineStartsScratch.of(text).slice();
}

/** Space to find line starts in, kept from call to call: grown for a larger text, and kept so unless it is larger than most texts need (16,384 lines). */
export class LineStartsScratch {
  private space: Int32Array = new Int32Array(1024);

  /** `lineStarts(text)` as a view on the space: valid until the next call. */
  of(text: string): Int32Array {
    const starts = lineStartsInto(text, this.space);
    if (starts.buffer !== this.space.buffer && starts.buffer.byteLength <= 16384 * 4) this.space = new Int32Array(starts.buffer);
    return starts;
  }
}

const lineStartsScratch = new LineStartsScratch();

/**
 * `lineStarts(text)` written into `into` (the parser's scratch space, kept from plan to plan), or
 * into a larger array when it has no room: the result is a view of just the starts, on `into`'s
 * buffer or on the larger one's.
 */
export function lineStartsInto(text: string, into: Int32Array): Int32Array {
  let starts = into;
  let n = 1;
  starts[0] = 0;
  const room = (): void => {
    const bigger = new Int32Array(starts.length * 2);
    bigger.set(starts);
    starts = bigger;
  };
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n === starts.length) room();
      starts[n++] = i + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (n === starts.length) room();
      starts[n++] = i + 1;
    }
  }
  return starts.subarray(0, n);
}

/** The text of one line (without its break), or undefined past the end. */
export function lineAt(text: string, starts: ArrayLike<number>, line: number): string | undefined {
  if (line < 0 || line >= starts.length) return undefined;
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(starts[line], end);
}

function offsetAt(text: string, starts: ArrayLike<number>, pos: TextPosition): number {
  if (pos.line >= starts.length) return text.length;
  const lineText = lineAt(text, starts, pos.line) ?? '';
  return starts[pos.line] + Math.min(Math.max(0, pos.character), lineText.length);
}

/**
 * Applies non-overlapping edits to a text (what VS Code does with a WorkspaceEdit);
 * used by the CLI and by tests.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const starts = lineStarts(text);
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, starts, e.range.start), end: offsetAt(text, starts, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of resolved) {
    if (e.end > lastStart) throw new Error('applyEdits: overlapping edits');
    result = result.slice(0, e.start) + e.newText + result.slice(e.end);
    lastStart = e.start;
  }
  return result;
}

/**
 * Returns a flat copy of `s` that does not keep a larger string alive. V8 represents substrings as
 * slices of their parent, so a task text cut out of a 12 KB document would retain the whole
 * document; the model must not (its memory budget is per plan, not per source). A JSON round trip
 * allocates a fresh sequential string, without the 32-byte slice header a concatenation leaves,
 * and one byte a character when it has no other: a structured clone is twice as fast but keeps
 * the two bytes a character of a document that holds one emoji (measured: 1.6 MB more for the
 * strings 2,000 plans keep).
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * `detach` of many strings in one round trip (a pair of native calls in all, not a pair each):
 * each comes back a string of its own, as compact as a string can be. For strings a model keeps.
 */
export function detachAll(strings: readonly string[]): string[] {
  return strings.length === 0 ? [] : (JSON.parse(JSON.stringify(strings)) as string[]);
}

/**
 * `detach` of many strings that go away together: joined into one new flat string, then split
 * apart again. The parts longer than a few characters are slices of that string, which holds only
 * these strings (not the documents they were cut from), and one part kept keeps all of them: about
 * four times cheaper than `detachAll` for the forty-odd strings of a plan's phases, but for the
 * title and header fields a plan keeps it measured 0.9 MB more retained by 2,000 plans. Strings
 * that hold the separator (NUL, which a binary file can) split into more parts: then they take
 * `detachAll`.
 */
export function detachTogether(strings: readonly string[]): string[] {
  if (strings.length < 2) return strings.map(detach);
  const parts = strings.join('\0').split('\0');
  return parts.length === strings.length ? parts : detachAll(strings);
}

/**
 * Inline Markdown as plain text: code spans keep their content as written (`upgrade_phase1_results`),
 * emphasis and strike-through marks go, and an underscore inside a word stays.
 */
/** The last segment of a `/`-separated path or URI path: `docs/plans/auth.md` → `auth.md`. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The names tools give every feature's file, so that only the folder tells them apart. */
const SHARED_NAME = /^(?:tasks|plan|todo|spec|readme|index)\.md$/i;

/**
 * What a plan is called where plans are listed: its title, else its file name, with its folder
 * when the name is one every feature's folder has (an OpenSpec change's `tasks.md` without a `#`
 * heading: `add-2fa/tasks.md`).
 */
export function planName(title: string, path: string): string {
  const t = title.trim();
  if (t) return t;
  const name = fileNameOf(path);
  if (!SHARED_NAME.test(name)) return name;
  const folder = fileNameOf(path.slice(0, Math.max(0, path.length - name.length - 1)));
  return folder ? `${folder}/${name}` : name;
}

/**
 * The time an ExecPlan's step was done, before its text (`- [x] (2025-10-01 13:00Z) Step.`): a date,
 * with a time (and zone) or not.
 */
const DONE_AT = /^\s*\((\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\)\s*/;

/**
 * A task's text without the time an ExecPlan writes before a step it has done, and that time
 * (`at`, undefined when there is none): how a step is found by its text, and what the Plans view
 * shows apart from its label.
 */
export function withoutDoneAt(text: string): { readonly text: string; readonly at?: string } {
  const m = text.charCodeAt(0) === 40 /* ( */ || /^\s/.test(text) ? DONE_AT.exec(text) : null;
  return m ? { text: text.slice(m[0].length), at: m[1] } : { text };
}

/**
 * Task or heading text as a label: link text without its target, emphasis and code ticks left
 * out, white space collapsed. What the tree, the quick picks and the quick-fix titles show.
 */
export function labelText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function plainText(s: string): string {
  if (!hasInlineMarks(s)) return s.trim(); // most headings and labels: nothing to strip
  let out = '';
  let last = 0;
  const code = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  for (let m = code.exec(s); m; m = code.exec(s)) {
    out += stripEmphasis(s.slice(last, m.index)) + m[2].trim();
    last = m.index + m[0].length;
  }
  return (out + stripEmphasis(s.slice(last))).trim();
}

/** Whether `s` holds a backtick, `*`, `~` or `_`: the characters plainText removes or reads. */
function hasInlineMarks(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 96 || c === 42 || c === 126 || c === 95) return true;
  }
  return false;
}

function stripEmphasis(s: string): string {
  return s.replace(/[*~]+/g, '').replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '');
}

/** Lower-case words of a heading or label, without numbering, emoji, Markdown or punctuation. */
export function normalizeName(s: string): string {
  const ascii = normalizeAsciiName(s);
  if (ascii !== undefined) return ascii;
  return s
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/^[\s\d.]+(?=[a-z])/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const isDroppedMark = (c: number): boolean => c === 42 || c === 95 || c === 96 || c === 126; // * _ ` ~
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isAsciiWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** normalizeName of an all-ASCII string, in one pass without regular expressions; undefined for any other string. */
function normalizeAsciiName(s: string): string | undefined {
  const n = s.length;
  // A leading run of spaces, digits and dots (numbering) goes when a letter follows it.
  let j = 0;
  let numbering = false;
  for (; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c >= 128) return undefined;
    if (isDroppedMark(c)) continue;
    if (isAsciiSpace(c) || (c >= 48 && c <= 57) || c === 46) numbering = true;
    else break;
  }
  const next = j < n ? s.charCodeAt(j) | 32 : 0;
  // Words are copied a run at a time (a run ends at any other character; a dropped mark joins two).
  const lower = s.toLowerCase();
  let out = '';
  let gap = false;
  let run = -1;
  for (let i = numbering && next >= 97 && next <= 122 ? j : 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    if (c >= 128) return undefined;
    if (isAsciiWordChar(c)) {
      if (run < 0) {
        if (gap && out.length > 0) out += ' ';
        gap = false;
        run = i;
      }
      continue;
    }
    if (run >= 0) {
      out += lower.slice(run, i);
      run = -1;
    }
    if (!isDroppedMark(c)) gap = true;
  }
  return out;
}

const FNV_PRIME = 0x01000193;

/**
 * A 32-bit hash of a text's UTF-8 bytes, to tell "same text as last time" without keeping the
 * text (the plan index hashes every file it reads): MurmurHash3 (x86, 32-bit, seed 0), four bytes
 * a step. The index hashes the bytes it read (hashUtf8), before they are decoded, and an open
 * document's text (hashText) as the same bytes, so a plan read from disk and from an editor has
 * one hash. Every step is a bijection of the state, so a change to any one byte always changes
 * the hash. Written here, not taken from a package: the packages on npm hash a string's code
 * units, not bytes, and this loop is the index's hottest after the parser.
 */
export function hashUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  const words = n & ~3;
  let h = 0;
  // Bytes at a multiple of four, on a little-endian machine (all Node and browsers run on): the
  // words as one typed array reads them, half the time of assembling each from four bytes.
  if (LITTLE_ENDIAN && (bytes.byteOffset & 3) === 0) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset, words >> 2);
    for (let j = 0; j < view.length; j++) h = mixWord(h, view[j]);
  } else {
    for (let i = 0; i < words; i += 4) h = mixWord(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
  }
  if (n > words) {
    // The last one to three bytes, as the low bytes of one more word.
    let k = bytes[words];
    if (n > words + 1) k |= bytes[words + 1] << 8;
    if (n > words + 2) k |= bytes[words + 2] << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One four-byte step of MurmurHash3's body. */
function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

const utf8Encoder = new TextEncoder();
/** Where utf8Of encodes a text of up to a third of its size (UTF-8 takes at most three bytes a UTF-16 code unit). */
const utf8Scratch = new Uint8Array(256 * 1024);

/**
 * The text's UTF-8 bytes (a lone surrogate encodes as U+FFFD, as TextEncoder does), as a view on
 * scratch space valid until the next call: `TextEncoder.encode` allocates an array buffer for each.
 * A larger text gets bytes of its own, of its exact size (not three times it, nor kept).
 */
export function utf8Of(text: string): Uint8Array {
  if (text.length * 3 > utf8Scratch.length) return utf8Encoder.encode(text);
  return utf8Scratch.subarray(0, utf8Encoder.encodeInto(text, utf8Scratch).written);
}

/** `hashUtf8` of the text's UTF-8 encoding. */
export function hashText(text: string): number {
  return hashUtf8(utf8Of(text));
}

/**
 * 32-bit FNV-1a of the UTF-16 code units: tells "same text as last time" without keeping the text.
 * `seed`: the hash so far, to go on from (the hash of a text is that of its parts, chained).
 */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}
