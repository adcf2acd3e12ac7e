import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { appendNoteEdit, applyEdits, parsePlan, setTaskStateEdit, type EditResult } from '../../src/core';
import { mulberry32 } from '../../bench/random';
import { skipInWebWorker } from './support/host';
import { activatePlanTracker, closeAllEditors, deleteAndSettle, waitFor, workspaceFolders, type PlanTrackerApi } from './support/planTracker';

/**
 * An agent writes a plan on disk while it is open here with unsaved changes
 * (src/extension/unsavedPlanMerge.ts): seeded random interleavings of the person's edits, the
 * agent's ticks and notes on disk, and saves end with every change of both sides in the file.
 */
describe('Unsaved plan merge (agent writes under unsaved changes)', function () {
  this.timeout(40 * 60_000);
  let api: PlanTrackerApi;
  let uri: vscode.Uri;
  const TASKS = 8;
  const plan = (): string =>
    ['# Race plan', '', '**Status:** Implementation In Progress', '', '### Phase 1: Work', ...Array.from({ length: TASKS }, (_, i) => `- [ ] T${i + 1} Task ${i + 1}`), '', '**Notes:**', ''].join('\n');
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('planTracker');

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
    uri = vscode.Uri.joinPath(workspaceFolders()[0].uri, 'docs', 'plans', 'tmp-unsaved-merge.md');
  });
  after(async () => {
    await config().update('unsavedPlans.applyAgentChanges', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    await deleteAndSettle(api, uri);
  });

  const ok = (text: string, result: EditResult): string => {
    assert.ok(result.ok, result.ok ? '' : result.reason);
    return applyEdits(text, result.edits);
  };
  const writeDisk = (text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const readDisk = async (): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const stateOf = (text: string, task: number): string | undefined => parsePlan(text).tasks.find((t) => t.text === `T${task} Task ${task}`)?.state;

  /** A fresh plan on disk, open in an editor with no unsaved changes. */
  async function openFresh(): Promise<vscode.TextDocument> {
    const text = plan();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) {
      await vscode.window.showTextDocument(open);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await writeDisk(text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitFor(() => document.getText() === text && !document.isDirty, 'the editor shows the fresh plan');
    // A file written in place can reach the watcher as two changes; VS Code reloads a clean document
    // on each, and a person typing between them gets VS Code's own save conflict. Let them settle.
    await new Promise((resolve) => setTimeout(resolve, 750));
    await waitFor(() => document.getText() === text && !document.isDirty, 'the editor still shows the fresh plan');
    return document;
  }

  const median = (xs: readonly number[]): number => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : 0);
  /** Replaces the whole text of `editor` with `text` (one edit). */
  const setText = (editor: vscode.TextEditor, text: string): Thenable<boolean> =>
    editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));

  it('the prompt: nothing changes until the person accepts; accepting applies the agent\'s tick as one undo step; saving keeps both sides', async function () {
    await config().update('unsavedPlans.applyAgentChanges', false, vscode.ConfigurationTarget.Workspace);
    const document = await openFresh();
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'My unsaved line\n'));
    const person = document.getText();
    const disk = ok(plan(), setTaskStateEdit(plan(), { line: 5 }, 'done'));
    // The test accepts the prompt by accepting the focused toast: any other toast still up (the
    // multi-root runs leave some) could be the focused one, so none is left before the write.
    await vscode.commands.executeCommand('notifications.clearAll');
    await writeDisk(disk);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(document.getText(), person, 'not applied without asking');
    // The notification's first button is "Apply to My Unsaved Text".
    const merged = ok(person, setTaskStateEdit(person, { line: 6 }, 'done'));
    await waitFor(async () => {
      await vscode.commands.executeCommand('notifications.focusToasts');
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      return document.getText() === merged || undefined;
    }, 'accepting the prompt applies the tick: the person\'s text with the agent\'s tick, nothing else', 15_000);
    // The merge brought the plan's editor to the front; an open request racing VS Code's own (in the
    // loaded multi-root run: "Could NOT open editor") is retried until the plan is in front.
    await waitFor(async () => {
      if (vscode.window.activeTextEditor?.document !== document) await Promise.resolve(vscode.window.showTextDocument(document)).catch(() => undefined);
      return vscode.window.activeTextEditor?.document === document || undefined;
    }, 'the plan\'s editor is in front for Undo');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), person, 'one Undo gives back exactly the person\'s text');
    await vscode.commands.executeCommand('redo');
    assert.equal(document.getText(), merged, 'Redo puts the merge back');
    assert.equal(await document.save(), true, 'saving does not conflict with the file');
    assert.equal(await readDisk(), merged, 'the file holds both sides');
  });

  // Each round is one interleaving on the same open plan: its text is reset (an edit and a save,
  // no file-watcher round trip), then 3 to 7 random steps; every wait is for the editor to show the
  // expected text (polled), none is a fixed sleep. Half the merges are checked to be one undo step.
  // Most of a round is the real file watcher delivering the agent's writes (about 0.3 to 2 s each
  // in code-server, by machine load), so `npm test` runs 20 rounds once (Node host, single-folder
  // workspace) and PLAN_TRACKER_MERGE_ROUNDS=200 runs the issue's full count (README, "Working on
  // Plan Tracker").
  const ROUNDS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.PLAN_TRACKER_MERGE_ROUNDS ?? 20);
  it(`${ROUNDS} seeded interleavings of buffer edits, disk-side ticks and notes, and saves lose nothing`, async function () {
    skipInWebWorker(this, 'the rounds run once, in the Node host');
    if (vscode.workspace.workspaceFile) this.skip(); // once per run: the single-folder workspace
    await config().update('unsavedPlans.applyAgentChanges', true, vscode.ConfigurationTarget.Workspace);
    let lost = 0;
    let merges = 0;
    let undoChecks = 0;
    const failures: string[] = [];
    const started = Date.now();
    // Milliseconds from the agent's write to the editor showing it: merged into unsaved text, or reloaded by VS Code.
    const mergeMs: number[] = [];
    const reloadMs: number[] = [];
    const document = await openFresh();
    for (let round = 0; round < ROUNDS; round++) {
      const random = mulberry32(0x13b + round);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // A fresh plan, saved: the editor and the file agree.
      assert.ok(!document.isDirty, `round ${round}: starts saved`);
      if (document.getText() !== plan()) {
        assert.ok(await setText(editor, plan()));
        assert.equal(await document.save(), true, `round ${round}: the reset is saved`);
      }
      // The model: what the text must hold at the end.
      const personLines: string[] = [];
      const done = new Set<number>();
      const notes: string[] = [];
      const steps = 3 + Math.floor(random() * 5);
      const trace: string[] = [];
      for (let step = 0; step < steps; step++) {
        const open = Array.from({ length: TASKS }, (_, i) => i + 1).filter((t) => !done.has(t));
        const kind = pick(['type', 'type', 'personTick', 'agentTick', 'agentTick', 'agentNote', 'save'] as const);
        trace.push(kind);
        if (kind === 'type') {
          const line = `Person ${round}.${step}`;
          assert.ok(await editor.edit((e) => e.insert(new vscode.Position(1, 0), `${line}\n`)));
          personLines.push(line);
        } else if (kind === 'personTick' && open.length) {
          const task = pick(open);
          const result = setTaskStateEdit(document.getText(), { line: parsePlan(document.getText()).tasks[task - 1].line }, 'done');
          assert.ok(result.ok);
          assert.ok(await editor.edit((e) => result.edits.forEach((x) => e.replace(new vscode.Range(x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character), x.newText))));
          done.add(task);
        } else if ((kind === 'agentTick' && open.length) || kind === 'agentNote') {
          const disk = await readDisk();
          const wasDirty = document.isDirty;
          const person = document.getText();
          let next: string;
          let arrived: (text: string) => boolean;
          if (kind === 'agentTick') {
            const task = pick(open);
            next = ok(disk, setTaskStateEdit(disk, { line: parsePlan(disk).tasks[task - 1].line }, 'done', { evidence: `round ${round}`, date: '2026-12-01' }));
            done.add(task);
            arrived = (text) => stateOf(text, task) === 'done' && text.includes(`Evidence: round ${round}`);
          } else {
            const note = `agent note ${round}.${step}`;
            next = ok(disk, appendNoteEdit(disk, note, '2026-12-01'));
            notes.push(note);
            arrived = (text) => text.includes(note);
          }
          const t0 = Date.now();
          await writeDisk(next);
          if (wasDirty) merges++;
          // The agent's change reaches the editor (merged into the unsaved text, or reloaded), and
          // the person's changes are all there too.
          const holdsAll = (text: string): boolean => arrived(text) && personLines.every((l) => text.includes(l)) && [...done].every((t) => stateOf(text, t) === 'done') && notes.every((n) => text.includes(n));
          await waitFor(() => holdsAll(document.getText()) || undefined, `round ${round} step ${step}: the disk change reaches the editor (${trace.join(' ')})`, 20_000);
          (wasDirty ? mergeMs : reloadMs).push(Date.now() - t0);
          if (wasDirty && random() < 0.5) {
            // One undo step: Undo gives back exactly the person's text, Redo the merge.
            const merged = document.getText();
            assert.ok(vscode.window.activeTextEditor?.document === document, `round ${round}: the plan's editor is in front`);
            await vscode.commands.executeCommand('undo');
            assert.equal(document.getText(), person, `round ${round} step ${step}: one Undo gives back the person's text (${trace.join(' ')})`);
            await vscode.commands.executeCommand('redo');
            assert.equal(document.getText(), merged, `round ${round} step ${step}: Redo puts the merge back (${trace.join(' ')})`);
            undoChecks++;
          }
        } else if (kind === 'save') {
          assert.equal(await document.save(), true, `round ${round}: save ${trace.join(' ')}`);
        }
      }
      if (document.isDirty) assert.equal(await document.save(), true, `round ${round}: the last save (${trace.join(' ')})`);
      const final = await readDisk();
      assert.equal(final.replace(/\r\n/g, '\n'), document.getText().replace(/\r\n/g, '\n'), `round ${round}: file and editor agree (${trace.join(' ')}; dirty: ${document.isDirty})`);
      const missing = [
        ...personLines.filter((l) => !final.includes(l)),
        ...[...done].filter((t) => stateOf(final, t) !== 'done').map((t) => `T${t} not done`),
        ...Array.from({ length: TASKS }, (_, i) => i + 1).filter((t) => !done.has(t) && stateOf(final, t) !== 'open').map((t) => `T${t} done by nobody`),
        ...notes.filter((n) => !final.includes(n)),
      ];
      lost += missing.length;
      if (missing.length) failures.push(`round ${round} (${trace.join(' ')}): ${missing.join(', ')}`);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`[unsaved merge] ${ROUNDS} interleavings, ${merges} agent writes under unsaved changes (${undoChecks} checked to undo in one step), ${lost} changes lost, ${seconds.toFixed(1)} s (${(seconds / ROUNDS).toFixed(2)} s a round; from the write to the editor: merge ${median(mergeMs)} ms, reload ${median(reloadMs)} ms, medians)`);
    assert.deepEqual(failures, []);
    assert.equal(lost, 0);
    assert.ok(merges > ROUNDS / 2, `the interleavings exercised the merge (${merges})`);
  });
});
