/** Helpers for the tests of the Plans view and the status bar. */
import * as vscode from 'vscode';

/** A MarkdownString's value as the text it shows (no escapes, no &nbsp;). */
export function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

/** Reverts unsaved changes a test left in these documents (open or not). */
export async function revertDirty(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document?.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}
