import type { Stats } from 'node:fs';
import { MAX_READ_BYTES, checkBeforeRead, checkAfterRead, type FileStamp, type SkipReason } from '../core';
import { readThroughHandle, SyncHandleReader, type ReadDecision } from '../node/readThroughHandle';

/**
 * Reads one plan file by the core's read policy (src/core/readPolicy.ts), over Node (the way of
 * reading is src/node/readThroughHandle.ts). At most the cap plus one byte is ever read, whatever
 * the file claims to be (a link to /dev/zero, a file still growing). Errors of the file system
 * (missing, permissions, link loops) are thrown.
 */
export async function readPlanFile(file: string): Promise<{ readonly text: string } | { readonly skip: SkipReason }> {
  const read = await readThroughHandle<SkipReason>(file, decideByPolicy);
  if ('refuse' in read) return { skip: read.refuse };
  const checked = checkAfterRead(read.bytes);
  // The text alone: the bytes it was decoded from need not live as long as it does.
  return 'text' in checked ? { text: checked.text } : checked;
}

/** The policy's decision from a handle's stat. */
function decideByPolicy(stat: Stats): ReadDecision<SkipReason> {
  const skip = checkBeforeRead({ type: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size });
  return skip ? { refuse: skip } : { limit: MAX_READ_BYTES };
}

/** What the cache keys a file by, from a Node stat. */
export function stampOf(stat: Stats): FileStamp {
  return { size: stat.size, mtime: stat.mtimeMs, ctime: stat.ctimeMs };
}

/**
 * `readPlanFile` for a run that reads many files one after the other (the CLI's `status` and
 * `check`): synchronously, into one buffer kept from file to file (`SyncHandleReader`). The same
 * policy; the stamp is the handle's own, taken before the read, for the cache.
 */
export class PlanFileReader {
  private readonly reader = new SyncHandleReader();

  read(file: string): { readonly text: string; readonly stamp: FileStamp } | { readonly skip: SkipReason } {
    const read = this.reader.read<SkipReason>(file, decideByPolicy);
    if ('refuse' in read) return { skip: read.refuse };
    const checked = checkAfterRead(read.bytes);
    return 'text' in checked ? { text: checked.text, stamp: stampOf(read.stat) } : checked;
  }
}
