/**
 * Where the CLI keeps its cache (the format and the rule are the core's `PlanCache`):
 *
 *   $XDG_CACHE_HOME/plan-tracker/<root>/<run>.json     (XDG_CACHE_HOME unset: ~/.cache)
 *
 * `<root>` names the folder the CLI ran in, `<run>` the command with its paths and options, each
 * a short hash, so an agent's `check docs/plans/x.md` and a full `status` keep caches of their own.
 * A cache is written to a temporary file next to it (entry by entry, as the run makes them) and
 * renamed over it: a run reading at the same time sees the old file or the new one, never half of
 * one, and of two runs writing at once the last rename wins. A cache that cannot be read or written costs speed, never an answer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanCache, type CacheEntry, type CacheSource, type FileStamp } from '../core';
import { shortHash, tempSuffix } from './fileNames';
import { ByteOut } from './jsonStream';

/** The cache file of one kind of run in one folder. */
export function cacheFile(folder: string, root: string, run: unknown): string {
  return path.join(folder, shortHash(root), `${shortHash(JSON.stringify(run))}.json`);
}

/**
 * The cache file of a previous run, read through one window (1 MB, larger only for a larger index)
 * that moves along it: a run never holds the whole file, and reuses the same memory for every slice.
 */
class WindowSource implements CacheSource {
  private window = Buffer.allocUnsafe(1 << 20);
  private start = 0;
  private end = 0;
  private closed = false;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  read(offset: number, length: number): Uint8Array | undefined {
    if (offset < this.start || offset + length > this.end) {
      if (length > this.window.length) this.window = Buffer.allocUnsafe(length);
      try {
        let got = 0;
        for (let n = -1; n !== 0 && got < this.window.length; got += n) n = fs.readSync(this.fd, this.window, got, this.window.length - got, offset + got);
        this.start = offset;
        this.end = offset + got;
      } catch {
        this.end = this.start;
      }
      if (offset + length > this.end) return undefined;
    }
    return this.window.subarray(offset - this.start, offset - this.start + length);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

/**
 * The cache of a run from the file at `file` (missing: empty) and the writer of the next one. A
 * cache discarded as unreadable or stale says so in one line on `log`.
 */
export function openCache<M>(file: string, key: string, log: (line: string) => void): CacheWriter<M> {
  let source: WindowSource | undefined;
  try {
    const fd = fs.openSync(file, 'r');
    source = new WindowSource(fd, fs.fstatSync(fd).size);
  } catch {
    source = undefined;
  }
  const { cache, discarded } = PlanCache.decode<M>(source, key);
  if (discarded) log(`plan-tracker: cache ${file} discarded (${discarded}); it is rebuilt.`);
  return new CacheWriter(file, cache, source);
}

/**
 * The cache of a run and the file it writes for the next one. Each entry the run adds is written
 * to a temporary file as it is made (the cache of 10,000 plans is never in memory); `close` writes
 * the rest and renames the file into place when the run changed the cache, else removes it.
 * Failures are quiet (the cache is an optimisation): the temporary file is removed, the run goes on.
 */
export class CacheWriter<M> {
  private fd: number | undefined;
  /** Writes to the temporary file in chunks of 256 KB, not a system call per plan. */
  private out: ByteOut | undefined;
  private temp: string | undefined;
  private failed = false;
  private readonly onExit = (): void => this.abandon();

  constructor(
    readonly file: string,
    readonly cache: PlanCache<M>,
    /** The previous run's file, open until this one is written (the slices it kept are copied from it). */
    private readonly source?: { close(): void },
  ) {}

  set(path: string, stamp: FileStamp, entry: CacheEntry<M>, startedAt: number): void {
    this.append(this.cache.set(path, stamp, entry, startedAt));
  }

  /** Finishes the file and puts it in place, when this run changed the cache. */
  close(): void {
    if (!this.failed && this.cache.changed) this.append(this.cache.finish());
    this.source?.close();
    if (this.fd === undefined || this.failed) return this.abandon();
    try {
      this.out?.flush();
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.renameSync(this.temp!, this.file);
      this.temp = undefined;
    } catch {
      this.abandon();
    }
    process.off('exit', this.onExit);
  }

  private append(chunks: Iterable<Uint8Array>): void {
    if (this.failed) return;
    try {
      for (const chunk of chunks) (this.out ?? this.open()).bytes(chunk);
    } catch {
      this.abandon();
    }
  }

  private open(): ByteOut {
    this.temp = `${this.file}.${tempSuffix()}`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const fd = (this.fd = fs.openSync(this.temp, 'wx', 0o600));
    this.out = new ByteOut((bytes) => {
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at);
    });
    // A run that stops early (output closed: EPIPE) leaves no temporary file behind.
    process.on('exit', this.onExit);
    return this.out;
  }

  /** Stops writing: the temporary file is removed, the cache in place is left as it was. */
  abandon(): void {
    this.failed = true;
    this.out = undefined;
    this.source?.close();
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // closed already
      }
      this.fd = undefined;
    }
    if (this.temp !== undefined) {
      try {
        fs.rmSync(this.temp, { force: true });
      } catch {
        // never made (its folder could not be: ENOTDIR, EACCES) or not ours to remove
      }
    }
    this.temp = undefined;
    process.off('exit', this.onExit);
  }
}
