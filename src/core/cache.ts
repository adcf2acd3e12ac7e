/**
 * The persistent cache of what was read out of plan files, pure half: the format, and the rule for
 * when an entry may stand in for the file. The CLI keeps it in a cache folder and does the I/O
 * (src/cli/cliCache.ts); this module says what the bytes mean and which bytes to write.
 *
 * An entry is keyed by the file's path and stamp (size, modification time and, where the platform
 * has one, change time, in milliseconds with their fractions). The whole cache is keyed by a string
 * naming everything else the values depend on (the parser's build, the options that change the
 * model): a cache with another key, another format or bytes that do not decode is discarded whole.
 *
 * The cache never makes an answer wrong. A stamp that differs in anything is a miss. A stamp that
 * matches can still hide a change when the file was written twice within one tick of the file
 * system's clock (1 ns on ext4, 1 s on HFS+, 2 s on FAT; same size, same time). So an entry is only
 * stored once it is *settled*: its modification and change times are at least `UNSETTLED_MS` older
 * than the moment the run started reading, so any later write lands on a later tick. A file written
 * in the last two seconds (or stamped in the future) is read and parsed again on the next run,
 * which costs one file, instead of a content hash for every file. Setting the modification time back
 * (`touch -d`, `utimes`) still moves the change time, which is part of the stamp.
 *
 * What an entry holds is in two parts: `meta`, a small JSON value read back with the index (a
 * plan's status and totals, say), and `slice`, bytes the next run never decodes, only copies (the
 * plan's part of the command's output, already laid out). The file:
 *
 *   {"format":2,"key":"…"}\n          the head line: format first, so any reader can tell it
 *   <slice><slice>…                    the entries' bytes, back to back, in the order written
 *   [[path,size,mtime,ctime,offset,length,meta],…]\n     the index (UTF-8 JSON)
 *   <offset of the index>\n            the last line, in decimal
 *
 * The slices come first so a run can write each one as it is made, holding none of them: the index
 * (small) is written last, when the run knows what it holds. A run that reads the cache reads the
 * head, the last line and the index, then each slice when its file is looked up (`CacheSource`:
 * the CLI reads the file through one window it moves along), so it never holds the whole file.
 */

/** Bump when the layout changes: an older cache is then discarded, not misread. */
export const CACHE_FORMAT = 2;

/** How long a file must have been left alone before its stamp is trusted (FAT's 2 s tick). */
export const UNSETTLED_MS = 2000;

/** What a stat says about a file, as far as the cache cares. Times in ms since the epoch. */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
  /** The change time (inode change), when the platform or file system reports one. */
  readonly ctime?: number;
}

/** What the cache keeps of one file: a small value read back with the index, and bytes copied out as they are. */
export interface CacheEntry<M> {
  readonly meta: M;
  readonly slice: Uint8Array;
}

/**
 * A cache file to read, as the caller reaches it: its size, and its bytes from an offset. What
 * `read` returns may be a view that the next `read` overwrites; undefined when it cannot be read.
 */
export interface CacheSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array | undefined;
}

/** A `CacheSource` over bytes in memory. */
export function cacheSourceOf(bytes: Uint8Array): CacheSource {
  return { size: bytes.length, read: (offset, length) => (offset + length <= bytes.length ? bytes.subarray(offset, offset + length) : undefined) };
}

/** A row of the index: `[path, size, mtime, ctime | null, offset, length, meta]`. */
type IndexRow = [string, number, number, number | null, number, number, unknown];


/**
 * The key of a cache: a canonical string of everything its values depend on besides the files
 * (object keys sorted, so the same settings give the same key whatever order they were built in).
 */
export function cacheKey(parts: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(canonical(parts));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Whether a file with this stamp has been left alone long enough, as of `startedAt`, to be cached. */
export function isSettled(stamp: FileStamp, startedAt: number): boolean {
  const latest = Math.max(stamp.mtime, stamp.ctime ?? stamp.mtime);
  return latest <= startedAt - UNSETTLED_MS;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
/** The head line of any format this module ever wrote starts so (format 1 was one JSON document). */
const FORMAT_PREFIX = /^\{"format":(\d+)[,}]/;

type Decoded<M> = { readonly cache: PlanCache<M>; readonly discarded?: string };

/**
 * The cache of one run: what a previous run left (`decode`), looked up by path and stamp, and what
 * this run writes for the next. Writing is streamed: `set` returns the bytes to append to the new
 * cache file at once (the head line first, then the entry's slice), and `finish` the rest (the
 * slices of entries found still valid, the index, the last line). Only the entries of this run are
 * written, so files that went away leave the cache with the next write; a run that found every
 * entry valid and added none (`changed` false) writes nothing.
 */
export class PlanCache<M> {
  /** Rows of the previous run found valid by this one (kept as read: no object per entry but the row). */
  private readonly kept = new Map<string, IndexRow>();
  /** Rows of the entries this run added, whose slices are written already. */
  private readonly rows = new Map<string, IndexRow>();
  /** Bytes handed out for the new file so far (0: not started). */
  private written = 0;

  private constructor(
    readonly key: string,
    private readonly previous: ReadonlyMap<string, IndexRow>,
    private readonly source?: CacheSource,
  ) {}

  /** A cache with nothing in it. */
  static empty<M>(key: string): PlanCache<M> {
    return new PlanCache<M>(key, new Map());
  }

  /**
   * Reads a cache file: its head, last line and index, not yet its slices. Anything but a
   * well-formed cache of this format and this key gives an empty cache and the reason it was
   * discarded (for one line in a log); `undefined` (no cache yet) gives an empty cache and no reason.
   */
  static decode<M>(source: CacheSource | undefined, key: string): Decoded<M> {
    if (source === undefined) return { cache: PlanCache.empty<M>(key) };
    const discard = (why: string): Decoded<M> => ({ cache: PlanCache.empty<M>(key), discarded: why });
    const text = (offset: number, length: number): string | undefined => {
      const bytes = source.read(offset, length);
      return bytes && fromUtf8.decode(bytes);
    };
    const total = source.size;
    const format = FORMAT_PREFIX.exec(text(0, Math.min(total, 24)) ?? '');
    if (!format) return discard('not readable');
    if (Number(format[1]) !== CACHE_FORMAT) return discard(`format ${format[1]}, expected ${CACHE_FORMAT}`);
    try {
      // The head line holds the key, which can be long (a template's placeholders): read on until its newline.
      let headText = '';
      for (let want = Math.min(total, 4096); ; want = Math.min(total, want * 4)) {
        const got = text(0, want) ?? '';
        const end = got.indexOf('\n');
        if (end >= 0) {
          headText = got.slice(0, end + 1);
          break;
        }
        if (want === total) return discard('not readable');
      }
      const head = JSON.parse(headText) as { key?: unknown };
      if (head.key !== key) return discard('made by another build or with other settings');
      const headEnd = utf8.encode(headText).length;
      const tailAt = Math.max(headEnd, total - 24);
      const lastLine = /\n(\d+)\n$/.exec(text(tailAt, total - tailAt) ?? '');
      if (!lastLine) return discard('not readable');
      // The last line is ASCII: as many bytes as characters.
      const trailer = total - lastLine[0].length + 1;
      const indexAt = Number(lastLine[1]);
      if (!Number.isSafeInteger(indexAt) || indexAt < headEnd || indexAt >= trailer) return discard('not readable');
      const rows = JSON.parse(text(indexAt, trailer - indexAt) ?? '') as unknown;
      if (!Array.isArray(rows)) return discard('not readable');
      const previous = new Map<string, IndexRow>();
      for (const row of rows as unknown[]) {
        if (!isRow(row) || row[4] < headEnd || row[4] + row[5] > indexAt) return discard('not readable');
        previous.set(row[0], row);
      }
      return { cache: new PlanCache<M>(key, previous, source) };
    } catch {
      return discard('not readable');
    }
  }

  /**
   * The entry stored for `path` when the file's stamp is exactly the one it was stored with (and
   * its slice can be read). The slice is the source's: it may be overwritten by the next look-up.
   */
  get(path: string, stamp: FileStamp): CacheEntry<M> | undefined {
    const row = this.previous.get(path);
    if (!row || row[1] !== stamp.size || row[2] !== stamp.mtime || row[3] !== (stamp.ctime ?? null)) return undefined;
    const slice = this.source?.read(row[4], row[5]);
    if (!slice) return undefined;
    this.kept.set(path, row);
    return { meta: row[6] as M, slice };
  }

  /**
   * Stores what was read out of the file at `path`, whose stamp was taken before it was read, by a
   * run that started reading at `startedAt`; returns the bytes to append to the new cache file now
   * (none when the file is unsettled, see the module comment: the next run reads it again).
   */
  set(path: string, stamp: FileStamp, entry: CacheEntry<M>, startedAt: number): Uint8Array[] {
    if (!isSettled(stamp, startedAt)) return [];
    const out = this.written === 0 ? [this.head()] : [];
    this.kept.delete(path);
    this.rows.set(path, [path, stamp.size, stamp.mtime, stamp.ctime ?? null, this.written, entry.slice.length, entry.meta]);
    this.written += entry.slice.length;
    out.push(entry.slice);
    return out;
  }

  /** The number of entries the previous run left (0: every file is read, none needs a look-up). */
  get stored(): number {
    return this.previous.size;
  }

  /** The number of entries found valid or added by this run. */
  get size(): number {
    return this.kept.size + this.rows.size;
  }

  /** Whether the next run would find something other than what this one read: entries added, or gone. */
  get changed(): boolean {
    return this.rows.size > 0 || this.kept.size !== this.previous.size;
  }

  /**
   * The rest of the new cache file after the bytes `set` returned: the entries found valid (their
   * slices copied from the old file), the index and the last line. Call it once, when `changed`.
   */
  *finish(): Generator<Uint8Array> {
    if (this.written === 0) yield this.head();
    for (const [path, row] of this.kept) {
      const slice = this.source?.read(row[4], row[5]);
      if (!slice) continue; // read before, unreadable now: left out, the next run reads the file
      this.rows.set(path, [path, row[1], row[2], row[3], this.written, row[5], row[6]]);
      this.written += row[5];
      yield slice;
    }
    const indexAt = this.written;
    let text = '[';
    let first = true;
    for (const row of this.rows.values()) {
      text += (first ? '' : ',') + JSON.stringify(row);
      first = false;
      // The index of 10,000 plans is a few MB: handed out in parts, never one string.
      if (text.length >= 1 << 20) {
        yield utf8.encode(text);
        text = '';
      }
    }
    yield utf8.encode(`${text}]\n${indexAt}\n`);
  }

  private head(): Uint8Array {
    const head = utf8.encode(`{"format":${CACHE_FORMAT},"key":${JSON.stringify(this.key)}}\n`);
    this.written = head.length;
    return head;
  }
}

function isRow(row: unknown): row is IndexRow {
  return (
    Array.isArray(row) &&
    row.length === 7 &&
    typeof row[0] === 'string' &&
    typeof row[1] === 'number' &&
    typeof row[2] === 'number' &&
    (row[3] === null || typeof row[3] === 'number') &&
    Number.isSafeInteger(row[4]) &&
    Number.isSafeInteger(row[5]) &&
    row[5] >= 0
  );
}
