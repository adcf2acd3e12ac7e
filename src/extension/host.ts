/**
 * What differs between the extension hosts Plan Tracker runs in. The two entry points fill it in:
 * `extension.node.ts` (desktop, Remote, Codespaces, code-server: Node) and `extension.browser.ts`
 * (vscode.dev, github.dev: the browser's web worker). Everything else is the same code.
 */
import type * as vscode from 'vscode';
import type { WalkFilter } from './planIndex/port';

/** File operations only a Node host has (src/extension/node/nodeFileOps.ts). */
export interface NativeFileOps {
  /** Renames `from` over `to` in one step when both are local files; false when it cannot (then the caller uses `workspace.fs`). */
  replace(from: vscode.Uri, to: vscode.Uri): Promise<boolean>;
  /**
   * The bytes of a local regular file, read in one request; undefined when `uri` is not a local
   * file (then the caller uses `workspace.fs`). Throws as `fs` does (ENOENT for a missing file),
   * and for anything but a regular file, without blocking on a pipe.
   */
  readFile(uri: vscode.Uri): Promise<Uint8Array | undefined>;
  /**
   * A local file's stat (as `workspace.fs.stat` gives it) and bytes, synchronously: four system
   * calls, for the plan index to read many files in short slices. `undefined` when `uri` is not a
   * local file, is a symbolic link, or cannot be read (the caller then asks `workspace.fs`, which
   * says why). `limitOf` decides from the stat how many bytes to read at most (`undefined`: none).
   * The bytes are valid until the next call.
   */
  readNow(uri: vscode.Uri, limitOf: (stat: NativeFileStat) => number | undefined): { readonly stat: NativeFileStat; readonly bytes?: Uint8Array } | undefined;
  /**
   * The plain files below the local folder `base` that `filter` keeps, as paths relative to it
   * (`/`-separated): the folders are read directly, a few at a time, without following links.
   * Links and entries of unknown type are left out, a folder that cannot be read is passed over.
   * undefined when `base` is not local, when the walk meets more than `MAX_WALK_ENTRIES` entries
   * (a huge tree: `findFiles` is the better tool), or when `signal` aborts. Never throws.
   */
  walk(base: vscode.Uri, filter: WalkFilter, signal: AbortSignal): Promise<readonly string[] | undefined>;
}

/** A file's stat as `workspace.fs.stat` gives it: times in whole milliseconds, `ctime` its creation. */
export interface NativeFileStat {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtime: number;
  readonly ctime: number;
}

export interface ExtensionHostInfo {
  /** `node`: a Node extension host; `web`: a web worker extension host (no Node, no processes). */
  readonly kind: 'node' | 'web';
  /** Whether paths of the `file` scheme compare case-insensitively (Windows and macOS file systems). */
  readonly fileNamesIgnoreCase: boolean;
  /** The Node host's atomic rename for local files; absent in a web worker, where edits use `workspace.fs` only. */
  readonly nativeFileOps?: NativeFileOps;
  /** The extension host thread's CPU time in ms, where Node tells it (23.9 and later); for the plan index's stats. */
  readonly threadCpuMs?: () => number;
}

/** Whether a platform (Node's `process.platform`, or a browser's user agent) has case-insensitive file names. */
export function platformIgnoresCase(platform: string): boolean {
  return /^(win32|darwin)$|Windows|Macintosh|Mac OS X/.test(platform);
}
