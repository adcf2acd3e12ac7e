/**
 * The web worker entry (`browser` in package.json): vscode.dev, github.dev and every web workbench
 * without a Node extension host. No Node here: `process`, `require` and Node's modules do not exist.
 */
import type * as vscode from 'vscode';
import { activateShared, type ActivatedApi } from './extension';
import { platformIgnoresCase } from './host';

export function activate(context: vscode.ExtensionContext): ActivatedApi {
  // A folder opened from the user's disk (vscode.dev's Open Folder) has the file system of the
  // machine the browser runs on; the worker's navigator says which one that is.
  const userAgent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '';
  return activateShared(context, { kind: 'web', fileNamesIgnoreCase: platformIgnoresCase(userAgent) });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
