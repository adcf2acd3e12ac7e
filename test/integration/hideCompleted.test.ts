import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import type { PlanTreeNode } from '../../src/extension/views/planTreeNodes';
import { activatePlanTracker, closeAllEditors, deleteAndSettle, folderNamed, waitFor, writeText } from './support/planTracker';

/**
 * "Hide completed" hides the same plans in the Plans view and on the dashboard: both ask core's
 * `isCompleted` (the page filters on the `completed` the host sends). Regression: the page used to
 * hide a plan whose boxes were all ticked while its status still said "In Progress"; the tree
 * kept it.
 */
describe('Hide completed: the tree and the dashboard agree', function () {
  this.timeout(60_000);

  let api: PlanTrackerApi;
  let folder: vscode.Uri;
  const created: vscode.Uri[] = [];

  const plan = (title: string, status: string | undefined, ...tasks: string[]): string =>
    [`# ${title}`, '', '**Created:** 2026-01-05', ...(status ? [`**Status:** ${status}`] : []), '', '## Status Tracking', '', ...tasks, ''].join('\n');

  /** Paths (relative to the fixture folder) of the plans each view hides with "Hide completed" on. */
  async function hiddenByTree(): Promise<string[]> {
    await vscode.commands.executeCommand('planTracker.hideCompletedPlans');
    try {
      const roots: readonly PlanTreeNode[] = await api.views.tree.getChildren();
      const shown = new Set(roots.flatMap((n) => (n.kind === 'plan' ? [n.uri.toString()] : [])));
      return api
        .getPlans()
        .filter((e) => !shown.has(e.uri.toString()))
        .map((e) => vscode.workspace.asRelativePath(e.uri, false))
        .sort();
    } finally {
      await vscode.commands.executeCommand('planTracker.showCompletedPlans');
    }
  }

  before(async function () {
    api = await activatePlanTracker();
    await api.ready;
    const workspace = folderNamed('workspace') ?? vscode.workspace.workspaceFolders?.[0];
    if (!workspace || (vscode.workspace.workspaceFolders?.length ?? 0) !== 1) this.skip(); // the single-folder fixture only
    folder = vscode.Uri.joinPath(workspace.uri, 'docs', 'plans');
    if (!api.getPlan(vscode.Uri.joinPath(folder, 'dark-mode.md'))) this.skip();
  });

  after(async () => {
    await closeAllEditors();
    if (created.length > 0) await deleteAndSettle(api, ...created);
  });

  it('a plan whose boxes are all ticked but whose status is not Completed is shown by both; one without a status is hidden by both', async () => {
    const files: Record<string, string> = {
      'all-ticked-in-progress.md': plan('All Ticked, Still In Progress', 'Implementation In Progress', '- [x] Phase 1: Build', '- [x] Phase 2: Ship'),
      'all-ticked-no-status.md': plan('All Ticked, No Status', undefined, '- [x] Phase 1: Build', '- [x] Phase 2: Ship'),
      'open-no-status.md': plan('A Box Open, No Status', undefined, '- [x] Phase 1: Build', '- [ ] Phase 2: Ship'),
    };
    for (const [name, text] of Object.entries(files)) {
      const uri = vscode.Uri.joinPath(folder, name);
      created.push(uri);
      await writeText(uri, text);
    }
    await waitFor(async () => {
      await api.settle();
      return created.every((uri) => api.getPlan(uri)) || undefined;
    }, 'the index to hold the new plans');

    const tree = await hiddenByTree();

    await vscode.commands.executeCommand('planTracker.openDashboard');
    const model = await waitFor(() => {
      const m = api.dashboard.lastModel;
      return m && created.every((uri) => m.plans.some((p) => p.uri === uri.toString())) ? m : undefined;
    }, 'a dashboard model with the new plans', 20_000);
    const dashboard = model.plans
      .filter((p) => p.completed)
      .map((p) => vscode.workspace.asRelativePath(vscode.Uri.parse(p.uri), false))
      .sort();

    assert.deepEqual(dashboard, tree, 'the dashboard hides other plans than the tree');
    assert.ok(!tree.includes('docs/plans/all-ticked-in-progress.md'), `a plan whose status is not Completed was hidden: ${tree.join(', ')}`);
    assert.ok(tree.includes('docs/plans/all-ticked-no-status.md'), `a plan without a status and every box ticked was shown: ${tree.join(', ')}`);
    assert.ok(!tree.includes('docs/plans/open-no-status.md'));
    assert.ok(tree.includes('docs/plans/dark-mode.md'), 'the fixture’s Completed plan is hidden');
  });
});
