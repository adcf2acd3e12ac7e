/**
 * A plan's list kept packed (core/compactTasks.ts, core/compactSections.ts): an index holds
 * thousands of plans but shows a few at a time, so each plan keeps the packed form and the
 * property materializes plain objects on demand. The last few materialized lists are cached, so
 * repeated reads of the same plan return the very same objects, and the list the parser built
 * serves the reads that follow the parse of the plan parsed last (the rest of the parse, a
 * command's checks). That list never enters the cache: it may hold strings cut from the plan's
 * whole text, and an index of thousands of plans must not keep the texts of the last ones parsed.
 * Both keep the same layout: rows of small integers, then the rows' texts (`PackedRows`), which
 * an index deflates once it is idle (`deflateTexts`).
 */

import type * as Fflate from 'fflate/browser';

import { progressOf } from './progress';
import { utf8Of } from './text';
import type { Progress } from './types';

const CACHE_SIZE = 64;

export interface PackedProperty<P, T> {
  /**
   * Defines `target[name]` as an enumerable getter (JSON.stringify, spreads and postMessage still
   * see it) over `packed`, primed with `built`, the list the packed form was made from.
   */
  define<O extends object>(target: O, packed: P, built: readonly T[]): void;
  /** The packed form behind `target[name]`, when the property is this one; undefined otherwise. */
  packedOf(target: object): P | undefined;
  /** The packed form behind `target[name]`, or `target[name]` packed now when it is a plain list. */
  packedFrom(target: object): P;
  /** Defines `target[name]` over `packed`, which is kept as it is (a plan's packed form saved and read back). */
  adopt<O extends object>(target: O, packed: P): void;
}

export function packedProperty<P extends object, T>(name: string, unpack: (packed: P) => readonly T[], pack: (list: readonly T[]) => P): PackedProperty<P, T> {
  /** Where a plan keeps the packed form: a non-enumerable own property, invisible to JSON and clones. */
  const key = Symbol(name);
  const cache = new Map<P, readonly T[]>();
  let fresh: { readonly packed: P; readonly list: readonly T[] } | undefined;
  const remember = (packed: P, list: readonly T[]): readonly T[] => {
    cache.delete(packed);
    cache.set(packed, list);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as P);
    return list;
  };
  // One getter for every plan, so that plans share their hidden class (a closure per plan would
  // give each its own, hundreds of bytes apiece).
  function get(this: { readonly [key: symbol]: P }): readonly T[] {
    const packed = this[key];
    if (fresh?.packed === packed) return fresh.list;
    return cache.get(packed) ?? remember(packed, unpack(packed));
  }
  const adopt = (target: object, packed: P): void => {
    Object.defineProperty(target, key, { value: packed });
    Object.defineProperty(target, name, { enumerable: true, configurable: false, get });
  };
  return {
    define(target, packed, built) {
      fresh = { packed, list: built };
      adopt(target, packed);
    },
    packedOf: (target) => (target as { readonly [key: symbol]: P | undefined })[key],
    packedFrom: (target) => (target as { readonly [key: symbol]: P | undefined })[key] ?? pack((target as Record<string, readonly T[]>)[name]),
    adopt,
  };
}

/** Rows of small integers (a fixed number a row), then the rows' texts as UTF-8, in one byte array. */
export interface PackedRows {
  /** The numbers (2 or 4 bytes each), then the texts. */
  readonly bytes: Uint8Array;
  readonly count: number;
  /** Whether the numbers take 4 bytes each (one of them is over 65,535). */
  readonly wide: boolean;
  /** Whether the texts after the numbers are deflated: their length in 4 bytes, then raw DEFLATE (`deflateTexts`). */
  readonly deflated?: boolean;
}

const decoder = new TextDecoder();

/** A progress's four counts into a row's numbers from `at` (done, open, in progress, skipped): how packed rows keep one. */
export function writeProgress(nums: Uint16Array | Int32Array, at: number, p: Progress): void {
  nums[at] = p.done;
  nums[at + 1] = p.open;
  nums[at + 2] = p.inProgress;
  nums[at + 3] = p.skipped;
}

/** The progress `writeProgress` wrote from `at` (shared values: core/progress.ts). */
export function readProgress(nums: Uint16Array | Int32Array, at: number): Progress {
  return progressOf(nums[at], nums[at + 1], nums[at + 2], nums[at + 3]);
}

/**
 * The bytes for `count` rows of `fields` numbers followed by `text` (encoded in one native call:
 * a call per row costs more than the rest of the packing), and the view to write the numbers into.
 */
export function allocateRows(count: number, fields: number, wide: boolean, text: string): { bytes: Uint8Array; nums: Uint16Array | Int32Array } {
  const numberBytes = count * fields * (wide ? 4 : 2);
  // Through scratch space (utf8Of), then copied once: a third less time for 6,000 lists' texts
  // than `encode`, which allocates an array buffer for each.
  const utf8 = utf8Of(text);
  const bytes = new Uint8Array(numberBytes + utf8.length);
  bytes.set(utf8, numberBytes);
  return { bytes, nums: wide ? new Int32Array(bytes.buffer, 0, count * fields) : new Uint16Array(bytes.buffer, 0, count * fields) };
}

/** The numbers of `rows` (`fields` a row) and their text, decoded (`withText` false: not decoded, ''). */
export function readRows(rows: PackedRows, fields: number, withText = true): { nums: Uint16Array | Int32Array; text: string } {
  const { count, wide } = rows;
  // Rows read back from a file may be a view at any offset of its bytes; the numbers need their
  // alignment. A copy through the constructor: `slice` of a Node Buffer is another view.
  const bytes = rows.bytes.byteOffset % (wide ? 4 : 2) === 0 ? rows.bytes : new Uint8Array(rows.bytes);
  const nums = wide ? new Int32Array(bytes.buffer, bytes.byteOffset, count * fields) : new Uint16Array(bytes.buffer, bytes.byteOffset, count * fields);
  return { nums, text: withText && count > 0 ? decoder.decode(textBytes(rows, fields)) : '' };
}

/**
 * The UTF-8 of the rows' texts, inflated when they are deflated. Deflated bytes that do not inflate
 * (a damaged snapshot whose sizes still fit) give no texts rather than an error in a getter.
 */
function textBytes(rows: PackedRows, fields: number): Uint8Array {
  const stored = rows.bytes.subarray(rows.count * fields * (rows.wide ? 4 : 2));
  if (!rows.deflated) return stored;
  try {
    // Their length first (4 bytes): inflated into a buffer of that size, not one grown as it fills.
    const length = stored.length >= 4 ? (stored[0] | (stored[1] << 8) | (stored[2] << 16) | (stored[3] << 24)) >>> 0 : -1;
    if (length < 0 || length > MAX_INFLATED) return new Uint8Array(0);
    const out = codec().inflateSync(stored.subarray(4), { out: new Uint8Array(length) });
    return out.length === length ? out : new Uint8Array(0);
  } catch {
    return new Uint8Array(0);
  }
}

/** More than any plan's task texts can be (the read limit is 5 MB): a length over it is damage. */
const MAX_INFLATED = 64 * 1024 * 1024;

/**
 * The `n`-th of the rows' texts when they are joined by `\n` (as a plan's task texts are), decoded
 * alone: UTF-8 never holds byte 10 but for a line break, so the bytes are split without decoding.
 */
export function joinedText(rows: PackedRows, fields: number, n: number): string {
  if (rows.count === 0) return '';
  const bytes = textBytes(rows, fields);
  let start = 0;
  for (let k = 0; k < n && start >= 0; k++) {
    const at = bytes.indexOf(10, start);
    start = at < 0 ? -1 : at + 1;
  }
  if (start < 0) return '';
  const end = bytes.indexOf(10, start);
  return decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
}

/**
 * fflate, loaded when first needed (texts to deflate or to inflate): its tables take 7–8 ms to
 * build when it loads, which every run of the CLI (which never deflates) would pay. A require()
 * that the bundles include and run on first call, as js-yaml's in core/parse.ts. Its browser
 * build in both hosts: the Node one loads `module` and `worker_threads` for an asynchronous API
 * that this never calls.
 */
let fflate: typeof Fflate | undefined;
function codec(): typeof Fflate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, no-restricted-globals
  fflate ??= require('fflate/browser') as typeof Fflate;
  return fflate;
}

/** Texts shorter than this are left as they are: a deflated few words save nothing worth an inflate. */
const DEFLATE_MIN_BYTES = 256;

/** Rows whose texts have been deflated, or tried: each is tried once. */
const deflateTried = new WeakSet<PackedRows>();

/**
 * Deflates the texts of `rows` in place (the numbers stay as they are, read without inflating)
 * when that saves a fifth of their bytes or more: what an index does to the plans it holds once it
 * is idle, since it shows a few of them at a time. In place, so every plan that shares the rows
 * (a copy made by `planWith`) and every list cached for them stay as they are. Each rows object is
 * tried once; returns the bytes saved.
 */
export function deflateTexts(rows: PackedRows, fields: number): number {
  if (rows.deflated || deflateTried.has(rows)) return 0;
  deflateTried.add(rows);
  const numberBytes = rows.count * fields * (rows.wide ? 4 : 2);
  const text = rows.bytes.subarray(numberBytes);
  if (text.length < DEFLATE_MIN_BYTES) return 0;
  const deflated = codec().deflateSync(text, { level: 1 });
  if (deflated.length + 4 > text.length * 0.8) return 0;
  // The numbers, the texts' length (4 bytes, little-endian), then the texts deflated.
  const bytes = new Uint8Array(numberBytes + 4 + deflated.length);
  bytes.set(rows.bytes.subarray(0, numberBytes));
  new DataView(bytes.buffer).setUint32(numberBytes, text.length, true);
  bytes.set(deflated, numberBytes + 4);
  // The one place rows change after they are made: the same texts, in fewer bytes.
  Object.assign(rows as { bytes: Uint8Array; deflated?: boolean }, { bytes, deflated: true });
  return text.length - deflated.length - 4;
}

/** Whether `rows` is large enough for its `count` rows of `fields` numbers (packed forms read back from a file). */
export function rowsFit(rows: PackedRows, fields: number): boolean {
  return Number.isInteger(rows.count) && rows.count >= 0 && rows.bytes.length >= rows.count * fields * (rows.wide ? 4 : 2);
}

/**
 * `rows` with bytes of their own: a view on a larger buffer (rows read back from a file) is
 * copied, so keeping the rows does not keep the whole buffer.
 */
export function ownRows<P extends PackedRows>(rows: P): P {
  const { bytes } = rows;
  // Through the constructor, which copies: `slice` of a Node Buffer (what the Node host reads a file into) is another view.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? rows : { ...rows, bytes: new Uint8Array(bytes) };
}
