import * as vscode from 'vscode';
import type { PhaseStatusBar, PhaseStatusBarState } from './views/phaseStatusBar';
import type { PlanTreeProvider } from './views/planTree';
import type { PlanTreeNode } from './views/planTreeNodes';

/**
 * The Plans view and the status bar as tests see them, through the extension's API. The tree
 * calls go to the provider VS Code itself calls, and `setChecked` runs the very handler a
 * checkbox click runs. Not a stable interface.
 */
export interface ViewsInspector {
  readonly tree: {
    getChildren(node?: PlanTreeNode): Promise<PlanTreeNode[]>;
    getTreeItem(node: PlanTreeNode): vscode.TreeItem;
    /** What VS Code calls when a row is hovered: fills in its tooltip. */
    resolveTreeItem(item: vscode.TreeItem, node: PlanTreeNode): vscode.TreeItem;
    getParent(node: PlanTreeNode): PlanTreeNode | undefined;
    /** As if the node's checkbox was clicked; resolves to whether the edit was made. */
    setChecked(node: PlanTreeNode, checked: boolean): Promise<boolean>;
    reveal(uri: vscode.Uri, line?: number): Promise<PlanTreeNode | undefined>;
    readonly badge: vscode.ViewBadge | undefined;
    readonly description: string | undefined;
    readonly visible: boolean;
  };
  readonly statusBar: { readonly state: PhaseStatusBarState };
}

export function viewsInspector(tree: PlanTreeProvider, statusBar: PhaseStatusBar): ViewsInspector {
  return {
    tree: {
      getChildren: (node) => tree.getChildren(node),
      getTreeItem: (node) => tree.getTreeItem(node),
      resolveTreeItem: (item, node) => tree.resolveTreeItem(item, node),
      getParent: (node) => tree.getParent(node),
      setChecked: (node, checked) => tree.onCheckboxes([[node, checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked]]),
      reveal: (uri, line) => tree.reveal(uri, line),
      get badge() {
        return tree.view.badge;
      },
      get description() {
        return tree.view.description;
      },
      get visible() {
        return tree.view.visible;
      },
    },
    statusBar: {
      get state() {
        return statusBar.current;
      },
    },
  };
}
