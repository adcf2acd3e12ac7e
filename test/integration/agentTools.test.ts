import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TOOLS } from '../../src/core';
import { activatePlanTracker, closeAllEditors, deleteAndSettle, readText, waitFor, workspaceFolders, writeText, type PlanTrackerApi } from './support/planTracker';

/**
 * The plan service as language model tools in the real editor: registered with vscode.lm, invoked
 * through vscode.lm.invokeTool (no model needed), writing through the extension's edit path.
 */
describe('Language model tools', () => {
  let api: PlanTrackerApi;
  let uri: vscode.Uri;
  let id: string;
  const PLAN = ['# Agent plan', '', '**Status:** Implementation In Progress', '', '### Phase 1: Build', '- [ ] T001 Write the code', '- [x] T002 Review it', '', '## Status Tracking', '- [ ] Phase 1: Build', ''].join('\n');

  const textOf = (result: vscode.LanguageModelToolResult): string =>
    result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  const token = (): vscode.CancellationToken => new vscode.CancellationTokenSource().token;

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
  });

  beforeEach(async () => {
    uri = vscode.Uri.joinPath(workspaceFolders()[0].uri, 'docs', 'plans', 'tmp-agent-tools.md');
    await writeText(uri, PLAN);
    await waitFor(async () => {
      await api.settle();
      return api.getPlan(uri);
    }, 'the plan is indexed');
    id = vscode.workspace.asRelativePath(uri);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
    await deleteAndSettle(api, uri);
  });

  it('vscode.lm.tools lists the five tools, with their chat reference names', () => {
    const ours = vscode.lm.tools.filter((t) => TOOLS.some((info) => info.name === t.name));
    assert.deepEqual(ours.map((t) => t.name).sort(), TOOLS.map((t) => t.name).sort());
    for (const info of TOOLS) {
      const tool = ours.find((t) => t.name === info.name)!;
      assert.equal(tool.description, info.description);
      assert.deepEqual(tool.inputSchema, JSON.parse(JSON.stringify(info.inputSchema)));
    }
  });

  it("package.json's languageModelTools equal the service's tools and schemas", () => {
    const contributed = vscode.extensions.getExtension('plan-tracker.plan-tracker')!.packageJSON.contributes.languageModelTools as {
      name: string;
      toolReferenceName: string;
      modelDescription: string;
      inputSchema: unknown;
      canBeReferencedInPrompt: boolean;
    }[];
    assert.deepEqual(
      contributed.map((t) => ({ name: t.name, referenceName: t.toolReferenceName, description: t.modelDescription, inputSchema: t.inputSchema })),
      TOOLS.map((t) => ({ name: t.name, referenceName: t.referenceName, description: t.description, inputSchema: JSON.parse(JSON.stringify(t.inputSchema)) })),
    );
    assert.ok(contributed.every((t) => t.canBeReferencedInPrompt));
  });

  it('invokeTool on get_plan_status returns the JSON, unsaved buffer text included', async () => {
    const result = await vscode.lm.invokeTool('get_plan_status', { input: { plan: id }, toolInvocationToken: undefined }, token());
    const json = JSON.parse(textOf(result));
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.plans[0].plan, id);
    assert.deepEqual(json.plans[0].nextTasks[0], { id: 'T001', line: 6, text: 'T001 Write the code', state: 'open' });
    const all = JSON.parse(textOf(await vscode.lm.invokeTool('get_plan_status', { input: {}, toolInvocationToken: undefined }, token())));
    assert.ok(all.plans.some((p: { plan: string }) => p.plan === id));
    assert.equal(all.plans.length, api.getPlans().length);
  });

  it('update_plan_task on a plan open with unsaved edits changes the buffer, not the disk, and one undo reverts it', async function () {
    this.timeout(60_000); // the first edit of a buffer crosses to the renderer and back: seconds on a loaded machine
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'Unsaved line.\n'));
    const dirty = editor.document.getText();
    assert.ok(editor.document.isDirty);

    const result = await vscode.lm.invokeTool('update_plan_task', { input: { plan: id, task: 'T001 write the code' }, toolInvocationToken: undefined }, token());
    const json = JSON.parse(textOf(result));
    assert.equal(json.task.line, 7, 'found in the buffer, where the unsaved line moved it');
    assert.equal(json.next.text, 'Phase 1: Build');
    assert.equal(editor.document.getText(), dirty.replace('- [ ] T001', '- [x] T001'));
    assert.equal(await readText(uri), PLAN, 'the disk is untouched');
    await waitFor(() => (api.getPlan(uri)?.plan.tasks.find((t) => t.text === 'T001 Write the code')?.state === 'done' ? true : undefined), 'the index follows the buffer');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (editor.document.getText() === dirty ? true : undefined), 'one undo reverts the tick');
  });

  it('a refusal reaches the model as an error with the candidates', async () => {
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool('update_plan_task', { input: { plan: id, task: 'Deploy' }, toolInvocationToken: undefined }, token())),
      (error: Error) => /No task matches "Deploy"/.test(error.message) && /line 6: T001 Write the code/.test(error.message),
    );
    assert.equal(await readText(uri), PLAN);
  });

  it('asks to confirm setting Completed and reopening a done task (prepareInvocation), and the service still refuses Completed with open tasks', async () => {
    const setStatus = api.agentTools.tools.get('set_plan_status')!;
    const completed = await setStatus.prepareInvocation!({ input: { plan: id, status: 'Completed' } }, token());
    assert.ok(completed?.confirmationMessages, 'Completed asks first');
    assert.match(String(completed.invocationMessage), /Setting the status of .* to "Completed" \(now "Implementation In Progress"\)/);
    await assert.rejects(Promise.resolve(setStatus.invoke({ input: { plan: id, status: 'Completed' }, toolInvocationToken: undefined }, token())), /2 items are not done/);

    const update = api.agentTools.tools.get('update_plan_task')!;
    const reopen = await update.prepareInvocation!({ input: { plan: id, task: 'T002', state: 'open' } }, token());
    assert.ok(reopen?.confirmationMessages, 'reopening a done task asks first');
    const tick = await update.prepareInvocation!({ input: { plan: id, task: 'T001' } }, token());
    assert.equal(tick?.confirmationMessages, undefined, 'ticking an open task does not');
    assert.match(String(tick?.invocationMessage), /Marking "T001 Write the code" \(line 6 of .*\) done/);

    const reopened = await update.invoke({ input: { plan: id, task: 'T002', state: 'open' }, toolInvocationToken: undefined }, token());
    assert.ok(reopened);
    assert.equal(JSON.parse(textOf(reopened)).task.previousState, 'done');
    await waitFor(async () => ((await readText(uri)) === PLAN.replace('- [x] T002', '- [ ] T002') ? true : undefined), 'the closed plan is written on disk');
  });

  it('planTracker.requireEvidence: ticking a Status Tracking item without evidence is refused; with evidence it is written under the item', async () => {
    const config = vscode.workspace.getConfiguration('planTracker');
    await config.update('requireEvidence', true, vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(
        Promise.resolve(vscode.lm.invokeTool('update_plan_task', { input: { plan: id, task: 'Phase 1: Build' }, toolInvocationToken: undefined }, token())),
        /"Phase 1: Build" is a Status Tracking item, and this workspace requires evidence/,
      );
      assert.equal(await readText(uri), PLAN);
      const done = JSON.parse(textOf(await vscode.lm.invokeTool('update_plan_task', { input: { plan: id, task: 'Phase 1: Build', evidence: 'npm test: 3 passing' }, toolInvocationToken: undefined }, token())));
      assert.match(done.task.evidence, /^npm test: 3 passing \(\d{4}-\d\d-\d\d\)$/);
      await waitFor(async () => (/- \[x\] Phase 1: Build\n {2}- Evidence: npm test: 3 passing \(/.test(await readText(uri)) ? true : undefined), 'the evidence is written under the item');
    } finally {
      await config.update('requireEvidence', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a file planTracker.alwaysPlans names is a plan for the tools too, as it is in the Plans view', async () => {
    const config = vscode.workspace.getConfiguration('planTracker');
    const loose = vscode.Uri.joinPath(workspaceFolders()[0].uri, 'docs', 'notes', 'tmp-always.md');
    const text = ['# Vendor notes', '', '- [ ] Call the vendor', ''].join('\n');
    await config.update('alwaysPlans', ['docs/notes/*.md'], vscode.ConfigurationTarget.Global);
    try {
      await writeText(loose, text);
      await waitFor(async () => {
        await api.settle();
        return api.getPlan(loose);
      }, 'the file is indexed as a plan');
      const looseId = vscode.workspace.asRelativePath(loose);
      const status = JSON.parse(textOf(await vscode.lm.invokeTool('get_plan_status', { input: { plan: looseId }, toolInvocationToken: undefined }, token())));
      assert.deepEqual(status.plans.map((p: { plan: string }) => p.plan), [looseId]);
      const done = JSON.parse(textOf(await vscode.lm.invokeTool('update_plan_task', { input: { plan: looseId, task: 'Call the vendor' }, toolInvocationToken: undefined }, token())));
      assert.equal(done.status.progress.done, 1);
      await waitFor(async () => ((await readText(loose)) === text.replace('- [ ]', '- [x]') ? true : undefined), 'the task is ticked on disk');
    } finally {
      await config.update('alwaysPlans', undefined, vscode.ConfigurationTarget.Global);
      await deleteAndSettle(api, loose);
    }
  });

  it('add_plan_note and check_plan work through invokeTool', async () => {
    const note = JSON.parse(textOf(await vscode.lm.invokeTool('add_plan_note', { input: { plan: id, note: 'Agent was here' }, toolInvocationToken: undefined }, token())));
    assert.match(note.note, /^\d{4}-\d\d-\d\d: Agent was here$/);
    assert.match(await readText(uri), /\*\*Notes:\*\*\n- \d{4}-\d\d-\d\d: Agent was here/);
    const check = JSON.parse(textOf(await vscode.lm.invokeTool('check_plan', { input: { plan: id }, toolInvocationToken: undefined }, token())));
    assert.equal(check.plans[0].plan, id);
  });
});
