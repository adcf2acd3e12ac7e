import * as vscode from 'vscode';
import { parseOptions, readSettings } from './config';
import { PlanEditor } from './planEditor';
import { applyPlanEdit } from './planEdits';
import type { PlanIndex } from './planIndex/vscodePlanIndex';

/** The one edit path over VS Code: `planTracker.*` settings, `applyPlanEdit`, the workspace's plan index. */
export type WorkspacePlanEditor = PlanEditor<vscode.Uri>;

export function createPlanEditor(index: Pick<PlanIndex, 'settle'>): WorkspacePlanEditor {
  return new PlanEditor<vscode.Uri>({
    parseOptionsFor: (uri) => parseOptions(readSettings(uri)),
    apply: applyPlanEdit,
    settle: () => index.settle(),
    taskLabel: (state) => (state === 'done' ? vscode.l10n.t('Tick Task') : state === 'open' ? vscode.l10n.t('Untick Task') : vscode.l10n.t('Toggle Task')),
  });
}
