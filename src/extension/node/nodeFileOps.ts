/**
 * The one place the extension uses Node's `fs`, and only from the Node entry (extension.ts hands
 * it to the edit adapter; a web worker build leaves it out and works without it).
 *
 * `workspace.fs.rename(from, to, { overwrite: true })` is not atomic on the local disk: VS Code's
 * disk provider deletes the target and then renames, so for a moment the plan does not exist (a
 * reader gets ENOENT, a watcher sees it deleted). POSIX `rename(2)` replaces the file in one step.
 */
import { promises as fs } from 'node:fs';
import type * as vscode from 'vscode';

export interface NativeFileOps {
  /** Renames `from` over `to` in one step when both are local files; false when it cannot (then the caller uses `workspace.fs`). */
  replace(from: vscode.Uri, to: vscode.Uri): Promise<boolean>;
}

export const nodeFileOps: NativeFileOps = {
  async replace(from, to) {
    if (from.scheme !== 'file' || to.scheme !== 'file') return false;
    await fs.rename(from.fsPath, to.fsPath);
    return true;
  },
};
