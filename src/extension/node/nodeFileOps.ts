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
 * here is one call into Node.
 */
import { constants, promises as fs } from 'node:fs';
import type { NativeFileOps } from '../host';

export const nodeFileOps: NativeFileOps = {
  async replace(from, to) {
    if (from.scheme !== 'file' || to.scheme !== 'file') return false;
    await fs.rename(from.fsPath, to.fsPath);
    return true;
  },
  async readFile(uri) {
    if (uri.scheme !== 'file') return undefined;
    // Non-blocking, so a pipe put where a file was neither blocks the open nor the read; the
    // handle's own stat sizes the buffer, and the bytes come in one request (fs.readFile asks
    // for 512 KB at a time), growing only if the file did since.
    const handle = await fs.open(uri.fsPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('not a regular file');
      let buffer = Buffer.allocUnsafe(stat.size + 1);
      let length = 0;
      for (;;) {
        if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) return buffer.subarray(0, length);
        length += bytesRead;
      }
    } finally {
      await handle.close();
    }
  },
};
