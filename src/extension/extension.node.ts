/**
 * The Node entry (`main` in package.json): desktop VS Code, Remote, Codespaces, code-server.
 * Node-only pieces are wired here (from `./node/`), never from the shared files, which the web
 * worker bundle includes too (lint-enforced).
 */
import type * as vscode from 'vscode';
import { activateShared, type ActivatedApi } from './extension';
import { platformIgnoresCase } from './host';
import { nodeFileOps } from './node/nodeFileOps';
import { threadCpuMs } from './node/threadCpu';

export function activate(context: vscode.ExtensionContext): ActivatedApi {
  return activateShared(context, { kind: 'node', fileNamesIgnoreCase: platformIgnoresCase(process.platform), nativeFileOps: nodeFileOps, threadCpuMs: threadCpuMs() });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
