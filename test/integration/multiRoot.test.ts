import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activatePlanTracker,
  closeAllEditors,
  deleteAndSettle,
  deleteIfExists,
  exists,
  folderNamed,
  readText,
  today,
  type PlanTrackerApi,
} from './support/planTracker';

/** New Plan in the multi-root fixture (test/fixtures/multi-root/multi-root.code-workspace). */
describe('New Plan (multi-root)', function () {
  let alpha: vscode.WorkspaceFolder;
  let beta: vscode.WorkspaceFolder;
  let api: PlanTrackerApi;
  const created: vscode.Uri[] = [];

  const newPlan = async (args: object): Promise<vscode.Uri | undefined> => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('planTracker.newPlan', args);
    if (uri) created.push(uri);
    return uri;
  };

  before(async function () {
    const a = folderNamed('alpha');
    const b = folderNamed('beta');
    if (!a || !b) {
      this.skip(); // runs in the multi-root fixture only
    }
    alpha = a;
    beta = b;
    api = await activatePlanTracker();
    await api.ready;
  });

  afterEach(async () => {
    await closeAllEditors();
    await deleteAndSettle(api, ...created.splice(0));
  });

  it('creates the plan in the folder given as an argument, with that folder’s settings (alpha: defaults)', async () => {
    const target = vscode.Uri.joinPath(alpha.uri, 'docs', 'plans', 'multi-root-plan.md');
    await deleteIfExists(target);

    assert.equal((await newPlan({ title: 'Multi Root Plan', folder: alpha.uri }))?.toString(), target.toString());

    const text = await readText(target);
    assert.ok(text.startsWith('# Multi Root Plan\n'));
    assert.ok(text.includes(`**Created:** ${today()}`));
    assert.ok(text.includes('**Planner:** Multi-Root Planner'), 'planner from the .code-workspace settings');
    assert.ok(text.includes('## 1. Executive Summary'), 'the bundled template');
    assert.equal(await exists(vscode.Uri.joinPath(beta.uri, 'plans', 'multi-root-plan.md')), false);
  });

  it('uses beta’s own plans folder and workspace template for a plan in beta', async () => {
    const target = vscode.Uri.joinPath(beta.uri, 'plans', 'multi-root-plan.md');
    await deleteIfExists(target);

    assert.equal((await newPlan({ title: 'Multi Root Plan', folder: beta.uri }))?.toString(), target.toString());

    const text = await readText(target);
    assert.ok(text.startsWith('# Multi Root Plan\n'));
    assert.ok(text.includes('**Template:** beta workspace template'), 'beta/.vscode/plan-template.md');
    assert.ok(text.includes('**Planner:** Multi-Root Planner'));
    assert.equal(await exists(vscode.Uri.joinPath(alpha.uri, 'docs', 'plans', 'multi-root-plan.md')), false);
  });

  it('accepts a folder inside a workspace folder, and refuses one outside every folder', async () => {
    const target = vscode.Uri.joinPath(beta.uri, 'plans', 'from-subfolder.md');
    await deleteIfExists(target);
    assert.equal(
      (await newPlan({ title: 'From Subfolder', folder: vscode.Uri.joinPath(beta.uri, 'plans'), open: false }))?.toString(),
      target.toString(),
    );

    const outside = vscode.Uri.joinPath(alpha.uri, '..', '..');
    assert.equal(await newPlan({ title: 'Outside', folder: outside, open: false }), undefined);
    assert.equal(await exists(vscode.Uri.joinPath(outside, 'docs', 'plans', 'outside.md')), false);
  });
});
