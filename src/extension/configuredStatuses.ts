import * as vscode from 'vscode';
import { affectsSettings, readSettings } from './config';

/**
 * `planTracker.statuses` for a plan, cached per workspace folder (the views ask for every plan on
 * every refresh). `onDidChange` fires when the setting changes.
 */
export class ConfiguredStatuses implements vscode.Disposable {
  private readonly cache = new Map<string, readonly string[]>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event, 'statuses')) {
        this.cache.clear();
        this.emitter.fire();
      }
    });
  }

  get(uri: vscode.Uri | undefined): readonly string[] {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let statuses = this.cache.get(key);
    if (!statuses) {
      statuses = readSettings(folder?.uri ?? uri ?? null).statuses;
      this.cache.set(key, statuses);
    }
    return statuses;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
