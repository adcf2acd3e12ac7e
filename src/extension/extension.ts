import * as vscode from 'vscode';
import { registerAgentTools } from './agentTools';
import type { PlanTrackerApi } from './api';
import { CommandManager } from './commandManager';
import { ConnectAgentCommand } from './commands/connectAgent';
import { NewPlanCommand } from './commands/newPlan';
import { OpenDashboardCommand } from './commands/openDashboard';
import { RefreshPlansCommand } from './commands/refreshPlans';
import { trackPlanDocuments, useNativeFileOps } from './planEdits';
import { UnsavedPlanMerge } from './unsavedPlanMerge';
import { registerPlanHealth } from './planHealth';
import { PlanIndex, WorkspacePlanIndexSettings } from './planIndex';
import { extendMarkdownIt, type MarkdownPreviewApi } from './preview/markdownItPlugin';
import { DashboardPanel } from './views/dashboardPanel';
import { registerTrackingViews } from './views/trackingViews';
import type { ExtensionHostInfo } from './host';

export type ActivatedApi = PlanTrackerApi & MarkdownPreviewApi;

/**
 * Wires Plan Tracker together: construct, register, and hand every disposable to the context.
 * Shared by both entry points (extension.node.ts, extension.browser.ts), so it is bundled for the
 * web worker too: no Node built-ins here or in anything it imports.
 */
export function activateShared(context: vscode.ExtensionContext, host: ExtensionHostInfo): ActivatedApi {
  const log = vscode.window.createOutputChannel('Plan Tracker', { log: true });
  context.subscriptions.push(log);

  const indexSettings = new WorkspacePlanIndexSettings();
  const index = new PlanIndex({ settings: indexSettings, logger: log, fileNamesIgnoreCase: host.fileNamesIgnoreCase });
  context.subscriptions.push(indexSettings, index);

  useNativeFileOps(host.nativeFileOps);
  context.subscriptions.push(trackPlanDocuments(), new UnsavedPlanMerge());

  const commands = new CommandManager();
  context.subscriptions.push(commands);
  commands.register(new NewPlanCommand(context.extensionUri));
  commands.register(new RefreshPlansCommand(index));

  const dashboard = new DashboardPanel(context.extensionUri, index, log);
  context.subscriptions.push(dashboard);
  commands.register(new OpenDashboardCommand(dashboard));

  const views = registerTrackingViews(context, index, commands);

  registerPlanHealth(context, index, commands);

  const agentTools = registerAgentTools(context, index);
  context.subscriptions.push(commands.register(new ConnectAgentCommand(context.extensionUri, host)));

  // The first scan runs in the background: activation never waits for the workspace.
  index.start();

  return {
    apiVersion: 1,
    hostKind: host.kind,
    ready: index.ready,
    getPlans: () => index.getPlans(),
    getPlan: (uri) => index.get(uri),
    onDidChangePlans: index.onDidChange,
    refresh: () => index.refresh('api'),
    settle: () => index.settle(),
    extendMarkdownIt,
    views,
    indexStats: () => index.stats,
    skippedFiles: () => index.getSkipped(),
    dashboard: dashboard.inspector,
    agentTools,
  };
}
