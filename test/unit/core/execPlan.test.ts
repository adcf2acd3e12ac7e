import * as assert from 'node:assert/strict';
import {
  applyEdits,
  classifyDiskChange,
  markSectionDoneEdit,
  parsePlan,
  replayDiskChange,
  setTaskStateEdit,
  setTasksStateEdit,
  stepTime,
  toggleTaskEdit,
  toggleTasksEdit,
  type EditResult,
} from '../../../src/core';
import { joinLines } from '../support/helpers';

/** An ExecPlan as OpenAI's PLANS.md asks for one: its Progress steps, the living sections beside them. */
const EXEC_PLAN = joinLines(
  '# Queue edits while offline',
  '',
  '## Progress',
  '',
  '- [x] (2026-03-02 09:10Z) Read `app/sync/` and list every write.',
  '- [ ] Add the pending_edits table.',
  '- [ ] Replay the queue on reconnect (completed: ordering and retries; remaining: conflict handling).',
  '',
  '## Concrete Steps',
  '',
  '- [ ] Run `npm test` from the app folder.',
  '',
  '## Decision Log',
  '',
  '- Decision: replay edits one at a time.',
);

const AT = '2026-12-03 21:40Z';

function applied(text: string, result: EditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

function lineOf(text: string, start: string): number {
  const line = text.split('\n').findIndex((l) => l.startsWith(start));
  assert.ok(line >= 0, start);
  return line;
}

describe('ExecPlan steps', () => {
  it('writes a step time as the guide does: the UTC date and minute', () => {
    assert.equal(stepTime(new Date(Date.UTC(2026, 2, 2, 9, 5, 59))), '2026-03-02 09:05Z');
  });

  it('reads an open step with a "(completed: …; remaining: …)" note as in progress, and only that', () => {
    const plan = parsePlan(EXEC_PLAN);
    assert.equal(plan.kind, 'execplan');
    assert.deepEqual(
      plan.tasks.map((t) => t.state),
      ['done', 'open', 'inProgress', 'open'],
    );
    const states = (line: string): string => parsePlan(joinLines('# P', '## Progress', line, '## Decision Log', 'x')).tasks[0].state;
    assert.equal(states('- [ ] Port the API (done: reads, remaining: writes)'), 'inProgress');
    assert.equal(states('- [ ] Port the API (partially completed: reads; remaining: writes).'), 'inProgress');
    assert.equal(states('- [ ] Port the remaining endpoints'), 'open');
    assert.equal(states('- [ ] Port the API (remaining: writes)'), 'open');
    assert.equal(states('- [x] Port the API (completed: reads; remaining: writes)'), 'done');
    // The note is the guide's, but a partly done step reads so in any plan.
    assert.equal(parsePlan(joinLines('# Plan', '## Phase 1: API', '- [ ] Port it (completed: reads; remaining: writes)')).tasks[0].state, 'inProgress');
  });

  it('writes the time in when a Progress step is ticked, by every path that ticks one', () => {
    const line = lineOf(EXEC_PLAN, '- [ ] Add the pending_edits');
    const expected = EXEC_PLAN.replace('- [ ] Add the pending_edits', `- [x] (${AT}) Add the pending_edits`);
    assert.equal(applied(EXEC_PLAN, setTaskStateEdit(EXEC_PLAN, { line }, 'done', { doneAt: AT })), expected);
    // Now, by the clock: within the minute of the edit.
    const before = Date.now();
    const toggled = applied(EXEC_PLAN, toggleTaskEdit(EXEC_PLAN, { line })).split('\n')[line];
    assert.ok([stepTime(new Date(before)), stepTime(new Date())].some((at) => toggled === `- [x] (${at}) Add the pending_edits table.`), toggled);
    const batch = applied(EXEC_PLAN, setTasksStateEdit(EXEC_PLAN, [line, line + 1], 'done'));
    assert.match(batch.split('\n')[line], /^- \[x\] \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\) Add the pending_edits table\.$/);
    assert.match(batch.split('\n')[line + 1], /^- \[x\] \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\) Replay the queue on reconnect \(completed: ordering and retries; remaining: conflict handling\)\.$/);
    const section = applied(EXEC_PLAN, markSectionDoneEdit(EXEC_PLAN, lineOf(EXEC_PLAN, '## Progress')));
    assert.equal(parsePlan(section).tasks.filter((t) => t.state === 'done' && /^\(\d{4}-/.test(t.text)).length, 3);
    // The time is read back as the step's time, and the step is found by its text.
    const ticked = parsePlan(expected).tasks[1];
    assert.equal(ticked.state, 'done');
    assert.equal(ticked.text, `(${AT}) Add the pending_edits table.`);
  });

  it('keeps a time the step has, and writes none outside Progress or outside an ExecPlan', () => {
    const withTime = EXEC_PLAN.replace('- [ ] Add the pending_edits', '- [ ] (2026-03-01) Add the pending_edits');
    const line = lineOf(withTime, '- [ ] (2026-03-01)');
    assert.equal(applied(withTime, setTaskStateEdit(withTime, { line }, 'done', { doneAt: AT })), withTime.replace('- [ ] (2026-03-01)', '- [x] (2026-03-01)'));

    const concrete = lineOf(EXEC_PLAN, '- [ ] Run `npm test`');
    assert.equal(applied(EXEC_PLAN, setTaskStateEdit(EXEC_PLAN, { line: concrete }, 'done', { doneAt: AT })), EXEC_PLAN.replace('- [ ] Run `npm test`', '- [x] Run `npm test`'));

    // An optional step (`[ ]*`) is ticked as it is written: no time between the box and its star.
    const optional = EXEC_PLAN.replace('- [ ] Add the pending_edits', '- [ ]* Add the pending_edits');
    const optionalLine = lineOf(optional, '- [ ]* Add');
    assert.equal(applied(optional, setTaskStateEdit(optional, { line: optionalLine }, 'done', { doneAt: AT })), optional.replace('- [ ]* Add', '- [x]* Add'));

    const notExecPlan = joinLines('# Plan', '## Progress', '- [ ] Add the table.', '## Notes', 'None.');
    assert.notEqual(parsePlan(notExecPlan).kind, 'execplan');
    assert.equal(applied(notExecPlan, setTaskStateEdit(notExecPlan, { line: 2 }, 'done', { doneAt: AT })), notExecPlan.replace('[ ]', '[x]'));
  });

  it('takes the time out when a step is reopened, and the toggle back gives the text it started from', () => {
    const line = lineOf(EXEC_PLAN, '- [x] (2026-03-02 09:10Z)');
    const reopened = applied(EXEC_PLAN, setTaskStateEdit(EXEC_PLAN, { line }, 'open'));
    assert.equal(reopened.split('\n')[line], '- [ ] Read `app/sync/` and list every write.');
    const open = lineOf(EXEC_PLAN, '- [ ] Add the pending_edits');
    const there = applied(EXEC_PLAN, toggleTasksEdit(EXEC_PLAN, [open]));
    assert.equal(applied(there, toggleTasksEdit(there, [open])), EXEC_PLAN);
  });

  it('refuses to reopen a step that reads in progress by its note, with the reason, rather than do nothing', () => {
    const line = lineOf(EXEC_PLAN, '- [ ] Replay the queue');
    const result = setTaskStateEdit(EXEC_PLAN, { line }, 'open');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /already \[ \], and the task reads in progress because its "\(completed: …; remaining: …\)" note says it is done in part\. Edit its text/);
    // Struck through: skipped by its text, the same refusal.
    const struck = joinLines('# Plan', '## Phase 1: API', '- [ ] ~~Port the API~~ - dropped');
    assert.match((setTaskStateEdit(struck, { line: 2 }, 'open') as { reason: string }).reason, /reads skipped because it is struck through/);
    const optional = joinLines('# Tasks', '- [ ]* 1. Write the property tests');
    assert.match((setTaskStateEdit(optional, { line: 1 }, 'open') as { reason: string }).reason, /reads skipped because it is an optional task/);
  });

  it('carries a step ticked on disk with its time, or without one, into unsaved text', () => {
    const line = lineOf(EXEC_PLAN, '- [ ] Add the pending_edits');
    const unsaved = EXEC_PLAN.replace('## Decision Log', '## Decision Log\n\n- Decision: keep the chip small.');
    for (const ticked of [`- [x] (${AT}) Add the pending_edits`, '- [x] Add the pending_edits']) {
      const disk = EXEC_PLAN.replace('- [ ] Add the pending_edits', ticked);
      const change = classifyDiskChange(EXEC_PLAN, disk);
      assert.equal(change.kind, 'replayable', ticked);
      if (change.kind !== 'replayable') continue;
      const merged = applied(unsaved, replayDiskChange(change.steps, unsaved));
      assert.equal(merged.split('\n')[line], disk.split('\n')[line]);
      assert.match(merged, /keep the chip small/);
    }
  });
});
