/**
 * What a plan said at git `HEAD`, for the drift diagnostics, read through VS Code's built-in Git
 * extension (`vscode.git`, API version 1; see gitApi.ts). Silent — no answer, no error — when
 * there is no Git extension (the web worker host), Git is disabled (`git.enabled: false`), the
 * file is in no repository, or it is new since HEAD. `onDidChange` fires when HEAD moves (a
 * commit, a checkout), when a repository opens or closes and when Git is switched on or off.
 */
import * as vscode from 'vscode';
import type { GitApi, GitExtension, GitRepository } from './gitApi';

/** The baseline the diagnostics compare an open plan with (an in-memory one in tests of our rules). */
export interface DriftBaseline {
  /** The text to compare the plan at `uri` with, or undefined when there is none (then no drift). */
  textAt(uri: vscode.Uri): Promise<string | undefined>;
  /** What it was compared with, for the messages (`HEAD`). */
  readonly label: string;
  readonly onDidChange: vscode.Event<void>;
}

const GIT_EXTENSION_ID = 'vscode.git';
/** How often, and how far apart, the API is asked for again after the extension said it is enabled. */
const RETRIES = 20;
const RETRY_MS = 100;

export class GitHeadBaseline implements DriftBaseline, vscode.Disposable {
  readonly label = 'HEAD';
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private api: GitApi | undefined;
  /** Listeners on the current API and its repositories (replaced when Git is switched on or off). */
  private apiListeners: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** HEAD's commit per repository root, to tell HEAD moving from the many other state changes. */
  private readonly heads = new Map<string, string | undefined>();
  /** HEAD's text per `commit path`; dropped whenever HEAD moves anywhere. */
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private disposed = false;

  constructor() {
    void this.connect();
  }

  async textAt(uri: vscode.Uri): Promise<string | undefined> {
    if (uri.scheme !== 'file' || !this.api) return undefined;
    const repository = this.api.getRepository(uri);
    const commit = repository?.state.HEAD?.commit;
    if (!repository || !commit) return undefined;
    const key = `${commit} ${uri.fsPath}`;
    let text = this.texts.get(key);
    if (!text) {
      // A file new since HEAD is not in it: show() rejects, and a new plan has no drift.
      text = repository.show(commit, uri.fsPath).then(
        (t) => t,
        () => undefined,
      );
      this.texts.set(key, text);
    }
    return text;
  }

  private async connect(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
    if (!extension) return;
    let git: GitExtension | undefined;
    try {
      git = extension.isActive ? extension.exports : await extension.activate();
    } catch {
      return; // Another host's extension, or one that failed: no drift diagnostics.
    }
    if (!git || this.disposed) return;
    const gitExtension = git;
    this.disposables.push(gitExtension.onDidChangeEnablement((enabled) => this.useApi(enabled ? gitExtension : undefined)));
    this.useApi(gitExtension.enabled ? gitExtension : undefined);
  }

  private useApi(git: GitExtension | undefined, attempt = 0): void {
    if (this.disposed) return;
    for (const d of this.apiListeners.splice(0)) d.dispose();
    this.heads.clear();
    this.texts.clear();
    try {
      this.api = git?.getAPI(1);
    } catch {
      this.api = undefined;
      // The extension says "enabled" a moment before its API can be had (it sets its model, fires,
      // then finishes setting up): ask again shortly.
      if (git?.enabled && attempt < RETRIES) {
        const timer = setTimeout(() => this.useApi(git, attempt + 1), RETRY_MS);
        this.apiListeners.push({ dispose: () => clearTimeout(timer) });
      }
    }
    const api = this.api;
    if (api) {
      this.apiListeners.push(
        api.onDidOpenRepository((repository) => {
          this.watch(repository);
          this.changed();
        }),
        api.onDidCloseRepository((repository) => {
          this.heads.delete(repository.rootUri.toString());
          this.changed();
        }),
      );
      api.repositories.forEach((repository) => this.watch(repository));
    }
    this.changed();
  }

  private watch(repository: GitRepository): void {
    const root = repository.rootUri.toString();
    this.heads.set(root, repository.state.HEAD?.commit);
    this.apiListeners.push(
      repository.state.onDidChange(() => {
        const commit = repository.state.HEAD?.commit;
        if (this.heads.get(root) === commit) return;
        this.heads.set(root, commit);
        this.changed();
      }),
    );
  }

  private changed(): void {
    this.texts.clear();
    if (!this.disposed) this.emitter.fire();
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.apiListeners.splice(0)) d.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.texts.clear();
    this.api = undefined;
  }
}
