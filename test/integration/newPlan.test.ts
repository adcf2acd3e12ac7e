import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import {
  activatePlanTracker,
  closeAllEditors,
  deleteAndSettle,
  deleteIfExists,
  exists,
  readText,
  today,
  waitFor,
  workspaceFolders,
  writeText,
} from './support/planTracker';

/** New Plan end to end, in the single-folder fixture (test/fixtures/workspace). */
describe('New Plan (single folder)', function () {
  let api: PlanTrackerApi;
  let folder: vscode.WorkspaceFolder;
  let plans: vscode.Uri;
  const created: vscode.Uri[] = [];

  const planUri = (slug: string) => vscode.Uri.joinPath(plans, `${slug}.md`);
  const newPlan = async (args: object): Promise<vscode.Uri | undefined> => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('planTracker.newPlan', args);
    if (uri) created.push(uri);
    return uri;
  };

  before(async function () {
    const folders = workspaceFolders();
    if (folders.length !== 1 || !(await exists(vscode.Uri.joinPath(folders[0].uri, 'docs', 'plans', 'search-index.md')))) {
      this.skip(); // runs in test/fixtures/workspace only
    }
    folder = folders[0];
    plans = vscode.Uri.joinPath(folder.uri, 'docs', 'plans');
    api = await activatePlanTracker();
    await api.ready;
  });

  afterEach(async () => {
    await closeAllEditors();
    await deleteAndSettle(api, ...created.splice(0), vscode.Uri.joinPath(folder.uri, '.vscode', 'plan-template.md'));
  });

  it('creates docs/plans/<slug>.md from the bundled template and opens it at the first placeholder', async () => {
    const target = planUri('integration-test-plan');
    await deleteIfExists(target);

    const uri = await newPlan({ title: 'Integration Test Plan' });

    assert.equal(uri?.toString(), target.toString());
    const text = await readText(target);
    assert.match(text, /^# Integration Test Plan\n/);
    assert.ok(text.includes(`**Created:** ${today()}\n`), 'today’s date');
    assert.ok(text.includes('**Planner:** Fixture Planner\n'), 'planner from the workspace settings');
    assert.ok(text.includes('**Implementer:** Fixture Implementer\n'), 'implementer from the workspace settings');
    assert.ok(text.includes('**Status:** Planning Complete\n'), 'the first status');
    assert.ok(text.includes('## 1. Executive Summary') && text.includes('## Status Tracking'), 'the bundled template');
    assert.ok(!text.includes('{{'), 'no variable left');

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), target.toString(), 'the new plan is the active editor');
    assert.equal(editor.document.getText(editor.selection), '[What problem are we solving? Why is this needed?]');

    // The plan index picks the new file up.
    const indexed = await waitFor(async () => {
      await api.settle();
      return api.getPlan(target);
    }, 'the new plan in the index');
    assert.equal(indexed.plan.title, 'Integration Test Plan');
    assert.equal(indexed.folder?.name, folder.name);
  });

  it('never overwrites: an existing plan is opened or left alone, as the arguments say', async () => {
    const target = planUri('existing-plan-test');
    await deleteIfExists(target);
    assert.ok(await newPlan({ title: 'Existing Plan Test', open: false }));
    await writeText(target, '# Edited by hand\n');

    assert.equal(await newPlan({ title: 'Existing Plan Test', ifExists: 'cancel' }), undefined);
    assert.equal(await readText(target), '# Edited by hand\n');

    const opened = await newPlan({ title: 'existing plan test!', ifExists: 'open' });
    assert.equal(opened?.toString(), target.toString(), 'the same slug finds the existing file');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString());
    assert.equal(await readText(target), '# Edited by hand\n');
  });

  it('creates the file without opening it when open is false', async () => {
    const target = planUri('not-opened-plan');
    await deleteIfExists(target);
    await closeAllEditors();
    assert.equal((await newPlan({ title: 'Not Opened Plan', open: false }))?.toString(), target.toString());
    assert.ok(await exists(target));
    assert.equal(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === target.toString()), false);
  });

  for (const title of ['', '   ', 'docs/escape', '..\\escape', '?!…']) {
    it(`creates nothing for the invalid title ${JSON.stringify(title)}`, async () => {
      const before = (await vscode.workspace.fs.readDirectory(plans)).map(([name]) => name).sort();
      assert.equal(await newPlan({ title, open: false }), undefined);
      const after = (await vscode.workspace.fs.readDirectory(plans)).map(([name]) => name).sort();
      assert.deepEqual(after, before);
    });
  }

  it('uses the workspace template .vscode/plan-template.md when there is one', async () => {
    await writeText(
      vscode.Uri.joinPath(folder.uri, '.vscode', 'plan-template.md'),
      [
        '# {{title}}',
        '',
        '**Created:** {{date}}',
        '**Planner:** {{planner}}',
        '**Status:** {{status}}',
        '**Slug:** {{slug}}',
        '',
        '## Workspace Template Section',
        '',
        '[Describe it]',
        '',
        '## Status Tracking',
        '',
        '- [ ] Phase 1: Only phase',
        '',
      ].join('\n'),
    );
    const target = planUri('templated-plan');
    await deleteIfExists(target);

    assert.equal((await newPlan({ title: 'Templated Plan' }))?.toString(), target.toString());

    const text = await readText(target);
    assert.equal(
      text,
      [
        '# Templated Plan',
        '',
        `**Created:** ${today()}`,
        '**Planner:** Fixture Planner',
        '**Status:** Planning Complete',
        '**Slug:** templated-plan',
        '',
        '## Workspace Template Section',
        '',
        '[Describe it]',
        '',
        '## Status Tracking',
        '',
        '- [ ] Phase 1: Only phase',
        '',
      ].join('\n'),
    );
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.getText(editor.selection), '[Describe it]');
  });
});
