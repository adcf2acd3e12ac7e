import * as vscode from 'vscode';
import { PlanEditor } from './planEditor';
import { applyPlanEdit } from './planEdits';
import type { PlanIndex } from './planIndex/vscodePlanIndex';

/** The one edit path over VS Code: `planTracker.*` settings, `applyPlanEdit`, the workspace's plan index. */
export type WorkspacePlanEditor = PlanEditor<vscode.Uri>;

export function createPlanEditor(index: Pick<PlanIndex, 'settle' | 'readingOf'>): WorkspacePlanEditor {
  return new PlanEditor<vscode.Uri>({
    // As the index reads the file: its folder's settings, and its path (plans recognised by their place).
    parseOptionsFor: (uri) => index.readingOf(uri),
    apply: applyPlanEdit,
    settle: () => index.settle(),
    taskLabel: (state) => (state === 'done' ? vscode.l10n.t('Tick Task') : state === 'open' ? vscode.l10n.t('Untick Task') : vscode.l10n.t('Toggle Task')),
  });
}
