import type * as vscode from 'vscode';
import type { IndexedPlan, PlanIndexChangeEvent, PlanIndexStats, SkippedFile } from './planIndex/vscodePlanIndex';
import type { NewPlanArgs } from './commands/newPlan';
import type { ViewsInspector } from './viewsInspector';
import type { DashboardInspector } from './views/dashboardPanel';
import type { AgentToolsInspector } from './agentTools';

export type { IndexedPlan, PlanIndexChangeEvent, PlanIndexStats, NewPlanArgs, SkippedFile };

/**
 * What `activate()` returns: `vscode.extensions.getExtension('plan-tracker.plan-tracker')?.exports`.
 * Tests and other extensions read plans through it; they never parse files themselves.
 */
export interface PlanTrackerApi {
  /** Bumped when a member changes incompatibly. */
  readonly apiVersion: 1;
  /** Which extension host runs Plan Tracker: `node`, or `web` (a browser's web worker: vscode.dev, github.dev). */
  readonly hostKind: 'node' | 'web';
  /** Resolves once the first scan of the workspace is done. */
  readonly ready: Promise<void>;
  /** Every plan in the workspace (and open plan documents), sorted by path. */
  getPlans(): readonly IndexedPlan[];
  /** The plan at `uri`, if that file is a plan. */
  getPlan(uri: vscode.Uri): IndexedPlan | undefined;
  /** Fires once per batch of changes, after the index is updated. */
  readonly onDidChangePlans: vscode.Event<PlanIndexChangeEvent>;
  /** Rescans the workspace; resolves when done. */
  refresh(): Promise<void>;
  /** Processes pending file and document changes now instead of after the quiet period. */
  settle(): Promise<void>;
  /** The Plans view and the status bar as tests see them. Not a stable interface. */
  readonly views: ViewsInspector;
  /** The plan index's figures (scan time, longest blocking slice, events): for tests and benchmarks. */
  indexStats(): Readonly<PlanIndexStats>;
  /** Files the index did not read (over 5 MB, binary, not a regular file), with the reason; also logged. */
  skippedFiles(): readonly SkippedFile[];
  /** The Plan Dashboard as tests see it (what it rendered and posted). Not a stable interface. */
  readonly dashboard: DashboardInspector;
  /** The language model tools (the plan service and the registered tool objects) as tests see them. Not a stable interface. */
  readonly agentTools: AgentToolsInspector;
}
