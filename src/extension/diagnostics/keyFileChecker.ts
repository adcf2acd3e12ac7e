import * as vscode from 'vscode';
import type { KeyFilePath } from '../../core';
import { isFileNotFound } from '../workspaceFs';
import { placeInWorkspace, statIsLink } from '../workspaceLinks';

/** How long an answer about one path is trusted without a file event saying otherwise. */
const TTL_MS = 5_000;

/**
 * Answers "does this key-file path exist?" for the diagnostics, with `workspace.fs.stat`. A path
 * is looked up relative to the plan's workspace folder, then relative to the plan's own folder.
 * Answers are cached briefly and forgotten when files are created, deleted or renamed (then
 * `onDidChange` fires once the burst of file events is over). In an untrusted workspace a path
 * that leaves the workspace folder or passes a symbolic link is not looked up (and not reported).
 */
export class KeyFileChecker implements vscode.Disposable {
  private readonly cache = new Map<string, { exists: boolean; at: number }>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when files were created, deleted or renamed: answers may have changed. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const forget = (): void => {
      this.cache.clear();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => this.emitter.fire(), 300);
    };
    // Files made outside the editor (a terminal, a build) only show up through a watcher.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables = [
      this.emitter,
      watcher,
      watcher.onDidCreate(forget),
      watcher.onDidDelete(forget),
      { dispose: () => timer && clearTimeout(timer) },
      vscode.workspace.onDidCreateFiles(forget),
      vscode.workspace.onDidDeleteFiles(forget),
      vscode.workspace.onDidRenameFiles(forget),
    ];
  }

  /** Which of `paths` (named in the plan at `planUri`) exist nowhere they could mean. */
  async missing(planUri: vscode.Uri, paths: readonly KeyFilePath[]): Promise<Set<string>> {
    const folder = vscode.workspace.getWorkspaceFolder(planUri);
    const planDir = vscode.Uri.joinPath(planUri, '..');
    const bases = folder ? [folder.uri, planDir] : planUri.scheme === 'untitled' ? [] : [planDir];
    const unique = [...new Set(paths.map((p) => p.path))];
    const missing = new Set<string>();
    if (bases.length === 0) return missing;
    // Restricted Mode: only paths inside the workspace folder, without a link on the way, are looked
    // at; a path that leads elsewhere is not reported either way (a plan must not probe the disk).
    const linkAnswers = new Map<string, Promise<boolean>>();
    const isLink = (uri: vscode.Uri): Promise<boolean> => {
      let answer = linkAnswers.get(uri.toString());
      if (!answer) linkAnswers.set(uri.toString(), (answer = statIsLink(uri)));
      return answer;
    };
    const mayLook = async (uri: vscode.Uri): Promise<boolean> =>
      vscode.workspace.isTrusted || (folder !== undefined && (await placeInWorkspace(folder.uri, uri, isLink)) === 'inside');
    await Promise.all(
      unique.map(async (path) => {
        for (const base of bases) {
          const uri = vscode.Uri.joinPath(base, path);
          if (!(await mayLook(uri)) || (await this.exists(uri))) return;
        }
        missing.add(path);
      }),
    );
    return missing;
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.exists;
    let exists: boolean;
    try {
      await vscode.workspace.fs.stat(uri);
      exists = true;
    } catch (error) {
      // Anything but "not found" (permissions, a provider error) is not the plan's fault.
      exists = !isFileNotFound(error);
    }
    this.cache.set(key, { exists, at: Date.now() });
    return exists;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.cache.clear();
  }
}
