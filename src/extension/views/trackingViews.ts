import type * as vscode from 'vscode';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import { ConfiguredStatuses } from '../configuredStatuses';
import { PhaseStatusBar } from './phaseStatusBar';
import { PlanAtHand } from '../planAtHand';
import { PlanTreeProvider } from './planTree';
import { PlanTreeOptions } from './planTreeOptions';
import { viewsInspector, type ViewsInspector } from '../viewsInspector';

export interface TrackingViews {
  readonly inspector: ViewsInspector;
  readonly planAtHand: PlanAtHand;
  readonly options: PlanTreeOptions;
}

/**
 * Wires the tracking views: the Plans tree and the status bar phase indicator, with the plan at
 * hand and the tree's options the commands use (registered in commandList.ts). Every disposable
 * goes to `context.subscriptions`.
 */
export function registerTrackingViews(context: vscode.ExtensionContext, index: PlanIndex, editor: WorkspacePlanEditor): TrackingViews {
  const statuses = new ConfiguredStatuses();
  const options = new PlanTreeOptions(context.workspaceState);
  const planAtHand = new PlanAtHand(index, statuses);
  const tree = new PlanTreeProvider(index, editor, options, statuses);
  const statusBar = new PhaseStatusBar(planAtHand, statuses);
  context.subscriptions.push(statuses, options, planAtHand, tree, statusBar);

  return { inspector: viewsInspector(tree, statusBar), planAtHand, options };
}
