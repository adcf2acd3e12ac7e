/**
 * The small part of the built-in Git extension's API (`vscode.git`, `getAPI(1)`) that the drift
 * diagnostics use, typed here instead of taking a dependency. Names and shapes follow the
 * extension's own `git.d.ts`; everything else it offers is left out.
 */
import type { Event, Uri } from 'vscode';

export interface GitExtension {
  /** False while `git.enabled` is off (then `getAPI` throws). */
  readonly enabled: boolean;
  readonly onDidChangeEnablement: Event<boolean>;
  getAPI(version: 1): GitApi;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: Event<GitRepository>;
  readonly onDidCloseRepository: Event<GitRepository>;
  /** The repository that holds `uri`, or null. */
  getRepository(uri: Uri): GitRepository | null;
}

export interface GitRepository {
  readonly rootUri: Uri;
  readonly state: GitRepositoryState;
  /** The text of `path` (absolute, or relative to the root) at `ref`; rejects when it is not there. */
  show(ref: string, path: string): Promise<string>;
}

export interface GitRepositoryState {
  readonly HEAD: { readonly commit?: string } | undefined;
  readonly onDidChange: Event<void>;
}
