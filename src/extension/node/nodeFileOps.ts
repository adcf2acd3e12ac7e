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
 */
import { promises as fs } from 'node:fs';
import { readThroughHandle } from '../../node/readThroughHandle';
import type { NativeFileOps } from '../host';

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
};
