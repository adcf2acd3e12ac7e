/**
 * The one adapter that applies core edits to plans. Every command and view that changes a plan
 * goes through here, so they all behave the same:
 * - the edit is computed by the core from the document's *current* text (the open buffer with its
 *   unsaved changes, or the file on disk), and refused with the core's reason if it no longer fits;
 * - it is applied as a WorkspaceEdit, so it joins the undo stack and never clobbers unsaved text;
 * - a plan that was not open is saved right away (the user ticked a box, the file should say so);
 *   an open one is left dirty, as any other edit in an editor would be.
 */
import * as vscode from 'vscode';
import type { EditResult, TextEdit } from '../core';

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
