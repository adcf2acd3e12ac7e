import * as vscode from 'vscode';
import { registerAgentTools } from './agentTools';
import type { PlanTrackerApi } from './api';
import { allCommands } from './commandList';
import { CommandManager } from './commandManager';
import { trackPlanDocuments, useNativeFileOps } from './planEdits';
import { UnsavedPlanMerge } from './unsavedPlanMerge';
import { registerPlanHealth } from './planHealth';
import { createPlanIndex, WorkspacePlanIndexSettings, WorkspaceStorageSnapshot } from './planIndex/vscodePlanIndex';
import { previewReading } from './preview/documentReading';
import { extendMarkdownIt, type MarkdownPreviewApi } from './preview/markdownItPlugin';
import { DashboardPanel } from './views/dashboardPanel';
import { registerTrackingViews } from './views/trackingViews';
import { createPlanEditor } from './workspacePlanEditor';
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
  // Paint first: the Plans view, the status bar and the badge fill from the last session's plans
  // (kept in the workspace storage), then the first scan confirms or corrects them.
  const snapshot = context.storageUri ? new WorkspaceStorageSnapshot(context.storageUri, host.nativeFileOps) : undefined;
  const index = createPlanIndex({ settings: indexSettings, logger: log, fileNamesIgnoreCase: host.fileNamesIgnoreCase, snapshot, threadCpuMs: host.threadCpuMs }, host.nativeFileOps);
  context.subscriptions.push(indexSettings, index);

  useNativeFileOps(host.nativeFileOps);
  context.subscriptions.push(trackPlanDocuments(), new UnsavedPlanMerge());

  // The one edit path: commands, the tree, the dashboard and the agent tools all edit through it.
  const editor = createPlanEditor(index);

  const dashboard = new DashboardPanel(context.extensionUri, index, editor, log);
  context.subscriptions.push(dashboard);

  const views = registerTrackingViews(context, index, editor);

  registerPlanHealth(context, index);

  const agentTools = registerAgentTools(context, index, editor);

  const commands = new CommandManager();
  context.subscriptions.push(commands);
  for (const command of allCommands({ extensionUri: context.extensionUri, host, subscriptions: context.subscriptions, index, editor, dashboard, planAtHand: views.planAtHand, treeOptions: views.options })) {
    commands.register(command);
  }

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
    // The preview's header reads a document as the index does: plans by their place, the folder's settings.
    extendMarkdownIt: (md) => extendMarkdownIt(md, previewReading(index)),
    views: views.inspector,
    indexStats: () => index.stats,
    snapshotFolder: context.storageUri,
    skippedFiles: () => index.getSkipped(),
    dashboard: dashboard.inspector,
    agentTools,
  };
}
