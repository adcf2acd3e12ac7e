/**
 * How Plan Tracker reads a file on Node, in the CLI (plan files) and in the Node extension host
 * (plan files and the paint-first snapshot): one home for what both need.
 *
 * The file is opened non-blocking, so a named pipe put where a file was blocks neither the open
 * nor the read, and the handle's own stat decides whether to read it: no window between looking
 * and reading. The bytes come in one request sized by that stat (fs.readFile asks for 512 KB at a
 * time), and more only if the file grew since, never past the limit the caller set.
 *
 * Two ways to run those steps: `readThroughHandle` (promises, a buffer of its own per file) and
 * `SyncHandleReader` (synchronous, one buffer from file to file, for many files in a row).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What to do with a file, from its handle's stat: read at most `limit` bytes, or refuse it (`refuse` is the caller's reason). */
export type ReadDecision<R> = { readonly limit: number } | { readonly refuse: R };

/** Open flags: read only, and never wait on a pipe or a device (Windows has no O_NONBLOCK). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads the file at `file` as `decide` says from its stat: its bytes (the first `limit` of them,
 * when it holds more) and that stat, or the reason `decide` gave for leaving it. Errors of the
 * file system (missing, permissions, link loops) are thrown.
 */
export async function readThroughHandle<R>(file: string, decide: (stat: Stats) => ReadDecision<R>): Promise<{ readonly bytes: Uint8Array; readonly stat: Stats } | { readonly refuse: R }> {
  // Loaded on first use: `fs/promises` (with readline and streams) is not needed by the CLI's `status` or `check`.
  const { open } = await import('node:fs/promises');
  const handle = await open(file, READ_FLAGS);
  try {
    const stat = await handle.stat();
    const decision = decide(stat);
    if ('refuse' in decision) return decision;
    const { limit } = decision;
    // One byte more than the stat says, so the read that finds the end needs no larger buffer.
    // Not zero-filled (every byte handed out is read first), and not from Node's shared pool.
    let buffer: Uint8Array = Buffer.allocUnsafeSlow(Math.min(stat.size + 1, limit));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // Full: the limit, or a file larger than its stat said (still being written).
        if (length >= limit) break;
        const bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2, limit));
        bigger.set(buffer);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { bytes: buffer.subarray(0, length), stat };
  } finally {
    await handle.close();
  }
}

/** The largest buffer a `SyncHandleReader` keeps between reads: a larger file gets one of its own. */
const KEPT_BUFFER_MAX = 1024 * 1024;

/**
 * `readThroughHandle`, synchronously: four system calls a file (open, fstat, read, close), no
 * promise, and one buffer kept from file to file (up to 1 MB: the extension host keeps its reader
 * for the session, and one large file must not stay allocated). For many files read one after
 * the other: the CLI's `status` and `check`, and the Node extension host's scan (in short slices).
 * The bytes it hands out are valid until the next `read`.
 */
export class SyncHandleReader {
  private buffer = new Uint8Array(64 * 1024);

  /** `extraFlags`: more open flags (O_NOFOLLOW: a symbolic link is an error, not followed). */
  read<R>(file: string, decide: (stat: Stats) => ReadDecision<R>, extraFlags = 0): { readonly bytes: Uint8Array; readonly stat: Stats } | { readonly refuse: R } {
    const fd = openSync(file, READ_FLAGS | extraFlags);
    try {
      const stat = fstatSync(fd);
      const decision = decide(stat);
      if ('refuse' in decision) return decision;
      const { limit } = decision;
      let buffer = this.buffer;
      let length = 0;
      // One byte more than the stat says: a read that fills `want` may mean the file grew since.
      let want = Math.min(stat.size + 1, limit);
      for (;;) {
        if (buffer.length < want) {
          const bigger = new Uint8Array(Math.min(Math.max(want, buffer.length * 2), limit));
          bigger.set(buffer.subarray(0, length));
          buffer = bigger;
          if (bigger.length <= KEPT_BUFFER_MAX) this.buffer = bigger;
        }
        const bytesRead = readSync(fd, buffer, length, want - length, null);
        length += bytesRead;
        // A short read of a regular file is its end; a full one may mean it grew: read on, up to the limit.
        if (bytesRead === 0 || length < want || length >= limit) break;
        want = Math.min(want * 2, limit);
      }
      return { bytes: buffer.subarray(0, length), stat };
    } finally {
      closeSync(fd);
    }
  }
}
