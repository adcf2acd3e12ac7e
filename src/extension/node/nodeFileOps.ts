/**
 * The one place the extension uses Node's `fs`, and only from the Node entry (extension.node.ts hands
 * it to the edit adapter through ExtensionHostInfo; a web worker build leaves it out and works without it).
 *
 * `workspace.fs.rename(from, to, { overwrite: true })` is not atomic on the local disk: VS Code's
 * disk provider deletes the target and then renames, so for a moment the plan does not exist (a
 * reader gets ENOENT, a watcher sees it deleted). POSIX `rename(2)` replaces the file in one step.
 */
import { promises as fs } from 'node:fs';
import type { NativeFileOps } from '../host';

export const nodeFileOps: NativeFileOps = {
  async replace(from, to) {
    if (from.scheme !== 'file' || to.scheme !== 'file') return false;
    await fs.rename(from.fsPath, to.fsPath);
    return true;
  },
};
