/**
 * The page's side of the `update` message: pure, so it is unit-tested in plain Node and bundled
 * into the webview (src/webview/dashboard.ts). The host's side is `dashboardUpdate` in
 * src/extension/views/dashboardModel.ts.
 */
import type { DashboardModel, DashboardPlan, DashboardUpdate } from './protocol';

/**
 * Applies an update to the plans a page holds, by URI in the model's order (a `Map` keeps the
 * order it was filled in). Undefined when the update names a plan the page lacks, or changes a
 * plan without giving an order that holds it: the page then asks for the whole model.
 */
export function applyDashboardUpdate(plans: ReadonlyMap<string, DashboardPlan>, update: DashboardUpdate): DashboardModel | undefined {
  const changed = new Map(update.changed.map((p) => [p.uri, p]));
  const order = update.order ?? [...plans.keys()];
  if (!update.order && update.changed.some((p) => !plans.has(p.uri))) return undefined;
  const next: DashboardPlan[] = [];
  for (const uri of order) {
    const plan = changed.get(uri) ?? plans.get(uri);
    if (!plan) return undefined;
    next.push(plan);
  }
  return { scanning: update.scanning, hasWorkspace: update.hasWorkspace, plans: next, summary: update.summary };
}
