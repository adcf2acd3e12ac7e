/**
 * Helpers for the plan health tests (diagnostics, quick fixes, CodeLens, plan commands, preview).
 * Their plans are written at test time into `plan-health-tmp/` of the first workspace folder and
 * deleted afterwards (waiting for the index to drop them), so other suites that count the
 * fixture's plans never see them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../../src/extension/api';
import { deleteAndSettle, deleteIfExists, waitFor, writeText } from './planTracker';

export const SOURCE = 'Plan Tracker';
export const TEMP_FOLDER = 'plan-health-tmp';

export function tempFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'these tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, TEMP_FOLDER);
}

let written = 0;

/**
 * Writes a plan into the temp folder and waits until the index holds it. Each plan gets a name of
 * its own (`health-3.md`): a file deleted and created again at once can reach the index as one
 * "changed" event from the file watcher, or not at all when its folder was re-created too. A name
 * with folders keeps its path below a folder of its own (`3/.planning/ROADMAP.md`): some plans
 * are plans by their place.
 */
export async function writePlan(api: PlanTrackerApi, name: string, text: string): Promise<vscode.Uri> {
  const unique = name.includes('/') ? `${++written}/${name}` : name.replace(/\.md$/, `-${++written}.md`);
  const uri = vscode.Uri.joinPath(tempFolder(), unique);
  await writeText(uri, text);
  await waitFor(async () => {
    await api.settle();
    return api.getPlan(uri);
  }, `the index to pick up ${name}`);
  return uri;
}

/** Opens a plan in an editor (focused, so `undo` applies to it). */
export async function openPlan(api: PlanTrackerApi, uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await api.settle();
  return editor;
}

/** Reverts unsaved changes, closes every editor, deletes the temp files (not the folder) and waits for the index. */
export async function cleanUp(api: PlanTrackerApi): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isUntitled) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const folder = tempFolder();
  const plans = api.getPlans().filter((p) => p.uri.toString().startsWith(`${folder.toString()}/`)).map((p) => p.uri);
  let files: vscode.Uri[] = [];
  try {
    files = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => vscode.Uri.joinPath(folder, name));
  } catch {
    files = [];
  }
  await deleteIfExists(...files);
  if (plans.length) await deleteAndSettle(api, ...plans);
}

export function planDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** `code@line:startChar-endChar` of each Plan Tracker diagnostic, in order. */
export function described(uri: vscode.Uri): string[] {
  return planDiagnostics(uri)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);
}

/** Waits until the plan's diagnostics are exactly `expected` (see `described`). */
export async function waitForDiagnostics(uri: vscode.Uri, expected: string[], message = 'the expected diagnostics'): Promise<void> {
  try {
    await waitFor(() => JSON.stringify(described(uri)) === JSON.stringify(expected) || undefined, message);
  } catch {
    assert.deepEqual(described(uri), expected, message);
  }
}

/** The quick fixes offered at the range of the diagnostic with `code` (the first one, or the one on `line`). */
export async function quickFixes(uri: vscode.Uri, code: string, line?: number): Promise<vscode.CodeAction[]> {
  const diagnostic = planDiagnostics(uri).find((d) => d.code === code && (line === undefined || d.range.start.line === line));
  assert.ok(diagnostic, `no ${code} diagnostic${line === undefined ? '' : ` on line ${line}`}: ${described(uri).join(', ')}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // The API command does not hand back `CodeAction.diagnostics`: the range picks the diagnostic.
  return actions;
}

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}
