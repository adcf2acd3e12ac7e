import * as assert from 'node:assert/strict';
import { applyEdits, type EditResult, type ParseOptions } from '../../../src/core';
import { PlanEditor, type ApplyOptions, type ApplyOutcome } from '../../../src/extension/planEditor';
import { PlanIndex } from '../../../src/extension/planIndex/planIndex';
import { InMemoryWorkspace, type MemFolder, type MemUri } from '../support/inMemoryWorkspace';

/**
 * The one edit path: parse options → the core edit applied → the index settled. The apply step
 * here writes the in-memory workspace (the VS Code one, applyPlanEdit, is tested in the editor);
 * the index is the real one, over the same workspace.
 */

const PLAN = `${'/ws'}/docs/plans/a.md`;
const TEXT = ['# A', '', '**Status:** Implementation In Progress', '', '## Status Tracking', '', '- [ ] Phase 1: Build it', '- [ ] Phase 2: Ship it', ''].join('\n');
/** Task marks of the plan's folder: `v` is done. */
const MARKS: ParseOptions = { marks: { ' ': 'open', v: 'done' } };

async function setup() {
  const ws = new InMemoryWorkspace('/ws');
  ws.writeFile(PLAN, TEXT);
  const index = new PlanIndex(ws, {
    settings: { getInclude: () => '**/*.md', getExclude: () => [], getParseOptions: () => MARKS },
    tuning: { quietMs: 5, maxWaitMs: 50 },
  });
  index.start();
  await index.ready;
  const applied: { uri: string; options: ApplyOptions }[] = [];
  const editor = new PlanEditor<MemUri>({
    parseOptionsFor: () => MARKS,
    async apply(uri, compute, options): Promise<ApplyOutcome> {
      applied.push({ uri: uri.toString(), options });
      const before = new TextDecoder().decode(await ws.readFile(uri));
      const result: EditResult = compute(before);
      if (!result.ok) return { applied: false, reason: result.reason };
      const after = applyEdits(before, result.edits);
      if (after !== before) ws.writeFile(uri.path, after);
      return { applied: true, changed: after !== before };
    },
    settle: () => index.settle(),
    taskLabel: (state) => `label:${state}`,
  });
  return { ws, index, editor, applied, uri: ws.uri(PLAN) };
}

let index: PlanIndex<MemUri, MemFolder> | undefined;
afterEach(() => index?.dispose());

describe('PlanEditor (the one edit path)', () => {
  it('computes the edit with the plan folder’s parse options, and resolves once the index shows it', async () => {
    const s = await setup();
    index = s.index;
    const outcome = await s.editor.setTaskState({ uri: s.uri, line: 6, text: 'Phase 1: Build it' }, 'done');
    assert.deepEqual(outcome, { applied: true, changed: true });
    assert.match(new TextDecoder().decode(await s.ws.readFile(s.uri)), /^- \[v\] Phase 1: Build it$/m);
    // Settled: no waiting for the quiet period.
    assert.equal(s.index.get(s.uri)?.plan.tasks[0].state, 'done');
    assert.deepEqual(s.applied.map((a) => a.options.label), ['label:done']);
  });

  it('a refused edit leaves the file alone and returns the reason', async () => {
    const s = await setup();
    index = s.index;
    const outcome = await s.editor.setTaskState({ uri: s.uri, line: 6, text: 'Some other task' }, 'done');
    assert.equal(outcome.applied, false);
    assert.ok(!outcome.applied && outcome.reason.length > 0);
    assert.equal(new TextDecoder().decode(await s.ws.readFile(s.uri)), TEXT);
    assert.equal(s.index.get(s.uri)?.plan.tasks[0].state, 'open');
  });

  it('beforeSettle answers before the index has caught up; the edit resolves after', async () => {
    const s = await setup();
    index = s.index;
    let stateWhenAnswered: string | undefined;
    await s.editor.edit(s.uri, () => ({ ok: true, edits: [{ range: { start: { line: 7, character: 3 }, end: { line: 7, character: 4 } }, newText: 'v' }] }), {
      label: 'Tick',
      quiet: true,
      beforeSettle: (outcome) => {
        assert.equal(outcome.applied, true);
        stateWhenAnswered = s.index.get(s.uri)?.plan.tasks[1].state;
      },
    });
    assert.equal(stateWhenAnswered, 'open');
    assert.equal(s.index.get(s.uri)?.plan.tasks[1].state, 'done');
    assert.deepEqual(s.applied[0].options, { label: 'Tick', quiet: true });
  });

  it('toggle ticks an open task and reopens a done one', async () => {
    const s = await setup();
    index = s.index;
    await s.editor.setTaskState({ uri: s.uri, line: 6 }, 'toggle');
    assert.equal(s.index.get(s.uri)?.plan.tasks[0].state, 'done');
    await s.editor.setTaskState({ uri: s.uri, line: 6 }, 'toggle');
    assert.equal(s.index.get(s.uri)?.plan.tasks[0].state, 'open');
  });
});
