/** Helpers for the integration tests of Plan Tracker (they run inside the extension host). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../../src/extension/api';

export type { PlanTrackerApi };

export const EXTENSION_ID = 'plan-tracker.plan-tracker';

/** Activates the extension under test and returns its API. */
export async function activatePlanTracker(): Promise<PlanTrackerApi> {
  const extension = vscode.extensions.getExtension<PlanTrackerApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function extensionUri(): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.extensionUri;
}

export function workspaceFolders(): readonly vscode.WorkspaceFolder[] {
  return vscode.workspace.workspaceFolders ?? [];
}

/** The workspace folder called `name`, or undefined (the suite then skips what needs it). */
export function folderNamed(name: string): vscode.WorkspaceFolder | undefined {
  return workspaceFolders().find((folder) => folder.name === name);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Deletes what tests created; missing files are fine. */
export async function deleteIfExists(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    if (await exists(uri)) {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
    }
  }
}

/**
 * Deletes what a test created and waits until the plan index has dropped it too, so the next
 * test (maybe another suite's) starts from the fixture's own plans.
 */
export async function deleteAndSettle(api: PlanTrackerApi, ...uris: vscode.Uri[]): Promise<void> {
  await deleteIfExists(...uris);
  await waitFor(async () => {
    await api.settle();
    return uris.every((uri) => !api.getPlan(uri)) || undefined;
  }, `the index to drop ${uris.map((uri) => uri.path).join(', ')}`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Polls `condition` until it holds or `timeoutMs` passes (then fails with `message`). */
export async function waitFor<T>(condition: () => T | undefined | Promise<T | undefined>, message: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== null && (value as unknown) !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms: ${message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Today's date as the extension writes it (local time, YYYY-MM-DD). */
export function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
