import { constants, type Stats } from 'node:fs';
import * as fsSync from 'node:fs';
import { MAX_PLAN_FILE_BYTES, checkBeforeRead, checkAfterRead, type FileStamp, type SkipReason } from '../core';
import { readThroughHandle } from '../node/readThroughHandle';

/**
 * Reads one plan file by the core's read policy (src/core/readPolicy.ts), over Node (the way of
 * reading is src/node/readThroughHandle.ts). At most the cap plus one byte is ever read, whatever
 * the file claims to be (a link to /dev/zero, a file still growing). Errors of the file system
 * (missing, permissions, link loops) are thrown.
 */
export async function readPlanFile(file: string): Promise<{ readonly text: string } | { readonly skip: SkipReason }> {
  const read = await readThroughHandle<SkipReason>(file, (stat) => {
    const skip = checkBeforeRead({ type: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size });
    // One byte more than the cap tells "grew past it" from "exactly at it".
    return skip ? { refuse: skip } : { limit: MAX_PLAN_FILE_BYTES + 1 };
  });
  return 'refuse' in read ? { skip: read.refuse } : checkAfterRead(read.bytes);
}

/** What the cache keys a file by, from a Node stat. */
export function stampOf(stat: Stats): FileStamp {
  return { size: stat.size, mtime: stat.mtimeMs, ctime: stat.ctimeMs };
}

/**
 * `readPlanFile` for a run that reads many files one after the other (the CLI's `status` and
 * `check`): synchronous, into one buffer kept from file to file, four system calls per file (open,
 * fstat, read, close). The same policy and the same guarantees; the stamp is the handle's own,
 * taken before the read, for the cache.
 */
export class PlanFileReader {
  private buffer = new Uint8Array(64 * 1024);

  read(file: string): { readonly text: string; readonly stamp: FileStamp } | { readonly skip: SkipReason } {
    const fd = fsSync.openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stat = fsSync.fstatSync(fd);
      const skip = checkBeforeRead({ type: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size });
      if (skip) return { skip };
      let length = 0;
      let want = Math.min(stat.size, MAX_PLAN_FILE_BYTES) + 1;
      for (;;) {
        if (this.buffer.length < want) {
          const bigger = new Uint8Array(Math.min(Math.max(want, this.buffer.length * 2), MAX_PLAN_FILE_BYTES + 1));
          bigger.set(this.buffer.subarray(0, length));
          this.buffer = bigger;
        }
        const bytesRead = fsSync.readSync(fd, this.buffer, length, want - length, null);
        length += bytesRead;
        // A short read of a regular file is its end; a full one may mean it grew since the stat:
        // read on, up to the cap plus one byte.
        if (bytesRead === 0 || length < want || length > MAX_PLAN_FILE_BYTES) break;
        want = Math.min(want * 2, MAX_PLAN_FILE_BYTES + 1);
      }
      const read = checkAfterRead(this.buffer.subarray(0, length));
      return 'text' in read ? { text: read.text, stamp: stampOf(stat) } : read;
    } finally {
      fsSync.closeSync(fd);
    }
  }
}
