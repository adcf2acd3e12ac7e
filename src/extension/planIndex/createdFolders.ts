/**
 * Folders created while the index runs, looked at again on a timer.
 *
 * On Linux, VS Code's file watcher (@parcel/watcher's inotify backend) starts watching a folder
 * created after it started, but not the folders created inside it in the same moment: after
 * `mkdir -p docs/plans` (or a plan written with the folders it needs) `plans` is never watched,
 * and a plan added, ticked or deleted there later is never reported (parcel-bundler/watcher#97,
 * microsoft/vscode#142694; a window reload heals it). An agent making a repository's first plan
 * does exactly that. The API gives an extension no way to ask for a fresh watch of such a folder,
 * so the index lists the files below each folder it saw created, every `pollMs` while the folder
 * is young or just changed, then six times as seldom, and reads again what was added, changed
 * (size or modification time) or removed since the last look. Where the watcher did report it,
 * the read finds the same text and nothing is parsed or reported again.
 *
 * Bounded: the `MAX_FOLDERS` most recent folders (a folder inside one already looked at is not
 * added), the `MAX_FILES` first files in scope of each; a folder that lists more than
 * `MAX_LISTED` files is dropped.
 */
import { errorText } from '../../core';
import type { IndexFolder, IndexLogger, IndexUri, WorkspacePort } from './port';
import { relativeTo, type IndexScope } from './scope';

/** How many created folders are looked at, at most: the oldest is dropped for a new one. */
const MAX_FOLDERS = 16;
/** Files in scope looked at per folder, at most. */
const MAX_FILES = 500;
/** A folder whose listing holds more files than this (a build's output, a copied tree) is not looked at again: too costly. */
const MAX_LISTED = 5_000;
/** A folder is looked at every `pollMs` this long after it was created or last changed, then six times as seldom. */
const YOUNG_MS = 120_000;

interface Polled<U> {
  readonly uri: U;
  /** Each file in scope as last seen: its URI and `size:mtime`; undefined before the first look. */
  seen: Map<string, { readonly uri: U; readonly signature: string }> | undefined;
  /** When the folder was added or last found changed (`Date.now()`). */
  changedAt: number;
}

export interface CreatedFolderPollOptions<U extends IndexUri, F extends IndexFolder<U>> {
  readonly port: WorkspacePort<U, F>;
  readonly scope: IndexScope<U, F>;
  /** Reads `uri` again (the change queue's `schedule`). */
  readonly schedule: (uri: U) => void;
  /** Milliseconds between two looks at a young folder; negative: none. */
  readonly pollMs: number;
  readonly logger?: IndexLogger;
}

export class CreatedFolderPoll<U extends IndexUri, F extends IndexFolder<U>> {
  private readonly folders = new Map<string, Polled<U>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private disposed = false;

  constructor(private readonly options: CreatedFolderPollOptions<U, F>) {}

  /** `folder` was created (the watcher said so, and it is a folder in a workspace folder): look at it from now on. */
  add(folder: U): void {
    if (this.disposed || this.options.pollMs < 0) return;
    const key = folder.toString();
    for (const polled of this.folders.keys()) if (key === polled || key.startsWith(`${polled}/`)) return;
    for (const polled of [...this.folders.keys()]) if (polled.startsWith(`${key}/`)) this.folders.delete(polled);
    if (this.folders.size >= MAX_FOLDERS) this.folders.delete(this.folders.keys().next().value as string);
    this.folders.set(key, { uri: folder, seen: undefined, changedAt: Date.now() });
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.folders.clear();
  }

  private arm(): void {
    if (this.disposed || this.timer || this.polling || this.folders.size === 0) return;
    const now = Date.now();
    const young = [...this.folders.values()].some((f) => now - f.changedAt < YOUNG_MS);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.poll();
      },
      young ? this.options.pollMs : this.options.pollMs * 6,
    );
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      for (const [key, polled] of [...this.folders]) {
        if (this.disposed) return;
        if (!(await this.look(polled))) this.folders.delete(key);
      }
    } finally {
      this.polling = false;
      this.arm();
    }
  }

  /** Looks at one folder; false when it is gone (or no longer in a workspace folder). */
  private async look(polled: Polled<U>): Promise<boolean> {
    const { port, scope, schedule, logger } = this.options;
    try {
      const folder = port.folderOf(polled.uri);
      const stat = await port.stat(polled.uri);
      if (!folder || stat?.type !== 'directory') return false;
      const found = (await this.walk(polled.uri, folder)) ?? (await this.list(polled.uri, folder));
      if (found.length > MAX_LISTED) {
        logger?.info(`Plan index: ${polled.uri.fsPath} holds ${found.length} files; it is no longer looked at for changes its file events miss`);
        return false;
      }
      const seen = new Map<string, { readonly uri: U; readonly signature: string }>();
      for (const uri of found) {
        if (seen.size >= MAX_FILES) break;
        if (!scope.of(uri).eligible) continue;
        const file = await port.stat(uri);
        if (file?.type === 'file') seen.set(uri.toString(), { uri, signature: `${file.size}:${file.mtime}` });
      }
      let changed = 0;
      for (const [key, { uri, signature }] of seen) {
        // The first look reads every file again: one may have been added, or written (a tick), since
        // the folder was listed, and nothing says what the index read then. A text the index holds
        // already is not parsed again.
        const before = polled.seen?.get(key)?.signature;
        if (before !== signature) {
          changed++;
          schedule(uri);
        }
      }
      for (const [key, { uri }] of polled.seen ?? []) {
        if (!seen.has(key)) {
          changed++;
          schedule(uri);
        }
      }
      polled.seen = seen;
      if (changed > 0) polled.changedAt = Date.now();
      return true;
    } catch (error) {
      logger?.warn(`Plan index: looking into ${polled.uri.fsPath} again failed: ${errorText(error)}`);
      return true;
    }
  }

  /** The files below `uri` by a walk of its folders where the port can (the Node host: no search process each time); undefined where it cannot. */
  private async walk(uri: U, folder: F): Promise<readonly U[] | undefined> {
    const { port, scope } = this.options;
    const below = relativeTo(folder, uri);
    if (!port.walk || !below) return undefined;
    const filter = scope.walkFilterOf(folder);
    const prefix = `${below}/`;
    return port.walk(uri, { enter: (relative) => filter.enter(prefix + relative), keep: (relative) => filter.keep(prefix + relative) }, new AbortController().signal);
  }

  /** The files below `uri` by the workspace's search, with the include glob when it applies below any folder (it starts with `**`): not every file of a big folder. */
  private list(uri: U, folder: F): Promise<readonly U[]> {
    const { port, scope } = this.options;
    const include = scope.includeOf(folder);
    return port.findFiles(uri, include.startsWith('**/') ? include : '**/*', scope.excludeGlobOf(folder));
  }
}
