/**
 * The one place the extension uses Node's `fs`, and only from the Node entry (extension.node.ts hands
 * it to the edit adapter through ExtensionHostInfo; a web worker build leaves it out and works without it).
 *
 * `workspace.fs.rename(from, to, { overwrite: true })` is not atomic on the local disk: VS Code's
 * disk provider deletes the target and then renames, so for a moment the plan does not exist (a
 * reader gets ENOENT, a watcher sees it deleted). POSIX `rename(2)` replaces the file in one step.
 *
 * `workspace.fs.readFile` of a large local file is slow in the extension host: the paint-first
 * snapshot of 2,000 plans (22 MB) took 318 ms through it, most of the time to paint. `readFile`
 * here reads it with Node, as the CLI reads plans (src/node/readThroughHandle.ts).
 *
 * Many small files are slow through `workspace.fs` too: a stat and a read are six round trips to
 * the thread pool, and the scan of 2,000 plans waited on them for 1.2 s. `readNow` reads one
 * synchronously, as the CLI does, and the plan index calls it in short slices.
 */
import { constants, lstatSync, promises as fs, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { WalkFilter } from '../planIndex/port';
import { readThroughHandle, SyncHandleReader } from '../../node/readThroughHandle';
import type { NativeFileOps, NativeFileStat } from '../host';

const syncReader = new SyncHandleReader();
/** Opening a link fails instead of following it (not on Windows: there `readNow` asks lstat first). */
const NO_FOLLOW = constants.O_NOFOLLOW as number | undefined;

export const nodeFileOps: NativeFileOps = {
  async replace(from, to) {
    if (from.scheme !== 'file' || to.scheme !== 'file') return false;
    await fs.rename(from.fsPath, to.fsPath);
    return true;
  },
  async readFile(uri) {
    if (uri.scheme !== 'file') return undefined;
    const read = await readThroughHandle(uri.fsPath, (stat) => (stat.isFile() ? { limit: Number.MAX_SAFE_INTEGER } : { refuse: 'not a regular file' }));
    if ('refuse' in read) throw new Error(read.refuse);
    return read.bytes;
  },
  walk(base, filter, signal) {
    return base.scheme === 'file' ? walkFolders(base.fsPath, filter, signal) : Promise.resolve(undefined);
  },
  readNow(uri, limitOf) {
    if (uri.scheme !== 'file') return undefined;
    try {
      if (NO_FOLLOW === undefined && lstatSync(uri.fsPath).isSymbolicLink()) return undefined;
      let seen: NativeFileStat | undefined;
      const read = syncReader.read(uri.fsPath, (stat) => {
        seen = statOf(stat);
        const limit = limitOf(seen);
        return limit === undefined ? { refuse: true } : { limit };
      }, NO_FOLLOW ?? 0);
      // `decide` ran (and set `seen`) whenever read returns: the stat it was given, built once.
      return 'refuse' in read ? { stat: seen! } : { stat: seen!, bytes: read.bytes };
    } catch {
      return undefined;
    }
  },
};

/** A Node stat as `workspace.fs.stat` says it (VS Code's disk provider: the Dates' milliseconds, the birth time as `ctime`), so files read either way compare. */
function statOf(stat: Stats): NativeFileStat {
  return {
    type: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other',
    size: stat.size,
    mtime: stat.mtime.getTime(),
    ctime: stat.birthtime.getTime(),
  };
}

/** How many entries a walk looks at before it gives up: beyond, `findFiles` (ripgrep, in its own process) is the better tool. */
export const MAX_WALK_ENTRIES = 100_000;
/** Folders read at once. */
const WALK_CONCURRENCY = 8;

/** `NativeFileOps.walk`: breadth first, a few folders at a time, links not followed; undefined past `maxEntries`. */
export function walkFolders(root: string, filter: WalkFilter, signal: AbortSignal, maxEntries = MAX_WALK_ENTRIES): Promise<readonly string[] | undefined> {
  return new Promise((resolve) => {
    const found: string[] = [];
    const folders: string[] = [''];
    let next = 0;
    let reading = 0;
    let entries = 0;
    let done = false;
    const finish = (result: readonly string[] | undefined) => {
      if (!done) resolve(result);
      done = true;
    };
    const pump = () => {
      if (done) return;
      if (signal.aborted || entries > maxEntries) return finish(undefined);
      while (reading < WALK_CONCURRENCY && next < folders.length) {
        const folder = folders[next++];
        reading++;
        fs.readdir(folder ? join(root, folder) : root, { withFileTypes: true }).then(
          (list) => {
            reading--;
            entries += list.length;
            const prefix = folder ? `${folder}/` : '';
            for (const entry of list) {
              // No links (the listing finds what they lead to), and nothing of a type the folder does not tell.
              const relative = prefix + entry.name;
              if (entry.isDirectory()) {
                if (filter.enter(relative)) folders.push(relative);
              } else if (entry.isFile() && filter.keep(relative)) found.push(relative);
            }
            pump();
          },
          () => {
            // Unreadable (gone, no permission): passed over, as the listing passes it over.
            reading--;
            pump();
          },
        );
      }
      if (reading === 0 && next === folders.length) finish(found);
    };
    pump();
  });
}
