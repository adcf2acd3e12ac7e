import * as vscode from 'vscode';

/**
 * Whether the user sees the document at `uri`: a visible editor or an editor tab shows it (a text
 * tab, or either side of a diff). Closing a tab does not close its TextDocument right away (the
 * host keeps documents loaded for a while, and extensions open documents of their own), so a
 * loaded document alone does not count. The one rule for "is this plan open in an editor": the
 * edit path (edit the buffer or write the file) and the diagnostics (report on it or not) ask it.
 */
export function isOpenInEditor(uri: vscode.Uri): boolean {
  const key = uri.toString();
  const same = (u: vscode.Uri | undefined): boolean => u?.toString() === key;
  if (vscode.window.visibleTextEditors.some((e) => same(e.document.uri))) return true;
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => {
      const input = tab.input;
      if (input instanceof vscode.TabInputText) return same(input.uri);
      if (input instanceof vscode.TabInputTextDiff) return same(input.modified) || same(input.original);
      return false;
    }),
  );
}
