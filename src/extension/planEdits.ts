/**
 * The one adapter that applies core edits to plans. Every command and view that changes a plan
 * goes through here, so they all behave the same:
 * - the edit is computed by the core from the document's *current* text (the open buffer with its
 *   unsaved changes, or the file on disk), and refused with the core's reason if it no longer fits;
 * - a plan open in an editor (or with unsaved changes) is edited through a WorkspaceEdit, so the
 *   edit joins its undo stack, never clobbers unsaved text, and is left unsaved like any other edit;
 * - a plan that is not open is edited on disk: read, edited by the core, written back (UTF-8, a BOM
 *   kept). Not through a hidden TextDocument: VS Code keeps documents loaded after their editor
 *   closes, and such a model can lag behind the disk, so saving it could fail ("File Modified
 *   Since") or write an edit computed from stale text. Files that are not plain UTF-8 (another
 *   `files.encoding`, invalid bytes) take the document path, which knows their encoding.
 */
import * as vscode from 'vscode';
import { applyEdits, type EditResult, type TextEdit } from '../core';

export type ApplyOutcome = { readonly applied: true; readonly changed: boolean } | { readonly applied: false; readonly reason: string };

export function toRange(edit: TextEdit): vscode.Range {
  return new vscode.Range(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character);
}

/**
 * Whether the user has the plan open: in an editor tab, or with unsaved changes. A document VS Code
 * merely keeps loaded (`workspace.textDocuments` lists documents for a while after their editor
 * is closed, and documents extensions opened) counts as closed: an edit to it is saved, or it
 * would sit in a buffer nobody sees.
 */
function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (!document) return false;
  if (document.isDirty || document.isUntitled) return true;
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => {
      const input = tab.input;
      if (input instanceof vscode.TabInputText) return input.uri.toString() === key;
      if (input instanceof vscode.TabInputTextDiff) return input.modified.toString() === key || input.original.toString() === key;
      return false;
    }),
  );
}

/**
 * Computes an edit with `compute(text)` against the plan's current text and applies it.
 * Refusals and failures are shown to the user (unless `quiet`) and returned.
 */
export async function applyPlanEdit(
  uri: vscode.Uri,
  compute: (text: string) => EditResult,
  options: { readonly label?: string; readonly quiet?: boolean } = {},
): Promise<ApplyOutcome> {
  const fail = (reason: string): ApplyOutcome => {
    if (!options.quiet) void vscode.window.showWarningMessage(reason);
    return { applied: false, reason };
  };
  const wasOpen = isOpen(uri);
  if (!wasOpen) {
    const onDisk = await editOnDisk(uri, compute, fail);
    if (onDisk) return onDisk;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    return fail(vscode.l10n.t('Plan Tracker could not open {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
  }
  const result = compute(document.getText());
  if (!result.ok) return fail(result.reason);
  if (result.edits.length === 0) return { applied: true, changed: false };

  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label: options.label ?? vscode.l10n.t('Plan Tracker edit'), needsConfirmation: false };
  for (const e of result.edits) edit.replace(uri, toRange(e), e.newText, metadata);
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return fail(vscode.l10n.t('VS Code refused the edit to {0}; the file may be read-only.', vscode.workspace.asRelativePath(uri)));
  if (!wasOpen && !document.isClosed) {
    const saved = await document.save();
    if (!saved) return fail(vscode.l10n.t('The edit to {0} was made but could not be saved.', vscode.workspace.asRelativePath(uri)));
  }
  return { applied: true, changed: true };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The edit applied to the file itself, or undefined when the file is not plain UTF-8. */
async function editOnDisk(uri: vscode.Uri, compute: (text: string) => EditResult, fail: (reason: string) => ApplyOutcome): Promise<ApplyOutcome | undefined> {
  const encoding = vscode.workspace.getConfiguration('files', uri).get<string>('encoding', 'utf8');
  if (encoding !== 'utf8' && encoding !== 'utf8bom') return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return fail(vscode.l10n.t('Plan Tracker could not read {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
  }
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return undefined; // invalid UTF-8: re-encoding would change bytes the user never touched
  }
  const result = compute(text);
  if (!result.ok) return fail(result.reason);
  if (result.edits.length === 0) return { applied: true, changed: false };
  const encoded = new TextEncoder().encode(applyEdits(text, result.edits));
  const out = bom ? new Uint8Array([...UTF8_BOM, ...encoded]) : encoded;
  try {
    await vscode.workspace.fs.writeFile(uri, out);
  } catch (error) {
    return fail(vscode.l10n.t('Plan Tracker could not write {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
  }
  return { applied: true, changed: true };
}
