/**
 * The persistent cache of what was read out of plan files, pure half: the format, and the rule for
 * when an entry may stand in for the file. The CLI keeps it in a cache folder, the extension in its
 * workspace storage; both read and write the bytes themselves and ask this module what they mean.
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
 */

/** Bump when the layout below changes: an older cache is then discarded, not misread. */
export const CACHE_FORMAT = 1;

/** How long a file must have been left alone before its stamp is trusted (FAT's 2 s tick). */
export const UNSETTLED_MS = 2000;

/** What a stat says about a file, as far as the cache cares. Times in ms since the epoch. */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
  /** The change time (inode change), when the platform or file system reports one. */
  readonly ctime?: number;
}

/** The stored layout: `[path, size, mtime, ctime | null, value]` per entry. */
type StoredEntry = [string, number, number, number | null, unknown];

interface StoredCache {
  readonly format: number;
  readonly key: string;
  readonly entries: StoredEntry[];
}

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

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtime === b.mtime && (a.ctime ?? null) === (b.ctime ?? null);
}

/**
 * The cache of one run: what a previous run left (`decode`), looked up by path and stamp, and what
 * this run adds (`set`). `encode` writes the entries of this run only: the ones it found still
 * valid and the ones it added, so files that went away leave the cache with the next write.
 */
export class PlanCache<V> {
  private readonly previous: Map<string, { stamp: FileStamp; value: V }>;
  private readonly current = new Map<string, { stamp: FileStamp; value: V }>();
  private added = 0;

  private constructor(
    readonly key: string,
    previous: Map<string, { stamp: FileStamp; value: V }>,
  ) {
    this.previous = previous;
  }

  /** A cache with nothing in it. */
  static empty<V>(key: string): PlanCache<V> {
    return new PlanCache<V>(key, new Map());
  }

  /**
   * Reads a cache written by `encode`. Anything but a well-formed cache of this format and this
   * key gives an empty cache and the reason it was discarded (for one line in a log); `undefined`
   * (no cache yet) gives an empty cache and no reason.
   */
  static decode<V>(text: string | undefined, key: string): { readonly cache: PlanCache<V>; readonly discarded?: string } {
    if (text === undefined) return { cache: PlanCache.empty<V>(key) };
    let stored: StoredCache;
    try {
      stored = JSON.parse(text) as StoredCache;
    } catch {
      return { cache: PlanCache.empty<V>(key), discarded: 'not readable' };
    }
    if (!stored || typeof stored !== 'object' || typeof stored.format !== 'number') return { cache: PlanCache.empty<V>(key), discarded: 'not readable' };
    if (stored.format !== CACHE_FORMAT) return { cache: PlanCache.empty<V>(key), discarded: `format ${stored.format}, expected ${CACHE_FORMAT}` };
    if (stored.key !== key) return { cache: PlanCache.empty<V>(key), discarded: 'made by another build or with other settings' };
    if (!Array.isArray(stored.entries)) return { cache: PlanCache.empty<V>(key), discarded: 'not readable' };
    const previous = new Map<string, { stamp: FileStamp; value: V }>();
    for (const e of stored.entries) {
      if (!Array.isArray(e) || e.length !== 5 || typeof e[0] !== 'string' || typeof e[1] !== 'number' || typeof e[2] !== 'number' || (e[3] !== null && typeof e[3] !== 'number')) {
        return { cache: PlanCache.empty<V>(key), discarded: 'not readable' };
      }
      previous.set(e[0], { stamp: { size: e[1], mtime: e[2], ...(e[3] === null ? {} : { ctime: e[3] }) }, value: e[4] as V });
    }
    return { cache: new PlanCache<V>(key, previous) };
  }

  /** The value stored for `path` when the file's stamp is exactly the one it was stored with. */
  get(path: string, stamp: FileStamp): V | undefined {
    const entry = this.previous.get(path);
    if (!entry || !sameStamp(entry.stamp, stamp)) return undefined;
    this.current.set(path, entry);
    return entry.value;
  }

  /**
   * Stores what was read out of the file at `path`, whose stamp was taken before it was read, by a
   * run that started reading at `startedAt`. An unsettled file (see the module comment) is not
   * stored: the next run reads it again.
   */
  set(path: string, stamp: FileStamp, value: V, startedAt: number): void {
    if (!isSettled(stamp, startedAt)) return;
    this.current.set(path, { stamp, value });
    this.added++;
  }

  /** The number of entries found valid or added by this run. */
  get size(): number {
    return this.current.size;
  }

  /** Whether `encode` would write something other than what was read: entries added, or gone. */
  get changed(): boolean {
    return this.added > 0 || this.current.size !== this.previous.size;
  }

  /** The cache as text, for the next run. */
  encode(): string {
    return [...this.encodeParts()].join('');
  }

  /** `encode` in parts (the header, then an entry at a time), for a writer that never holds the whole text. */
  *encodeParts(): Generator<string> {
    yield `{"format":${CACHE_FORMAT},"key":${JSON.stringify(this.key)},"entries":[`;
    let first = true;
    for (const [path, { stamp, value }] of this.current) {
      const entry: StoredEntry = [path, stamp.size, stamp.mtime, stamp.ctime ?? null, value];
      yield (first ? '' : ',') + JSON.stringify(entry);
      first = false;
    }
    yield ']}';
  }
}
