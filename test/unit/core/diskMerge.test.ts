import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { appendNoteEdit, applyEdits, classifyDiskChange, describeDiskChange, parsePlan, replayDiskChange, setStatusEdit, setTaskStateEdit, type EditResult } from '../../../src/core';
import { joinLines } from '../support/helpers';

const PLAN = joinLines(
  '# Auth',
  '',
  '**Created:** 2026-01-02',
  '**Status:** Planning Complete',
  '',
  '### Phase 1: Login',
  '- [ ] T001 Login form',
  '- [ ] T002 Session cookie',
  '- [ ] T003 Logout',
  '',
  '## Status Tracking',
  '- [ ] Phase 1: Login',
  '',
  '**Notes:**',
  '- 2026-01-02: started',
  '',
);

function apply(text: string, result: EditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

const tick = (text: string, line: number, evidence?: string): string => apply(text, setTaskStateEdit(text, { line }, 'done', { evidence, date: '2026-02-03' }));

describe('diskMerge: classifyDiskChange', () => {
  it('no change is none', () => {
    assert.deepEqual(classifyDiskChange(PLAN, PLAN), { kind: 'none' });
  });

  it('ticks, evidence, the status and notes (what the tools write) are replayable, and replaying them on the old text gives the new', () => {
    let disk = tick(PLAN, 6);
    disk = tick(disk, 7, 'npm test passed');
    disk = apply(disk, setStatusEdit(disk, 'Implementation In Progress'));
    disk = apply(disk, appendNoteEdit(disk, 'cookie is httpOnly', '2026-02-03'));
    const change = classifyDiskChange(PLAN, disk);
    assert.equal(change.kind, 'replayable');
    assert.ok(change.kind === 'replayable');
    assert.equal(describeDiskChange(change.steps), '2 tasks, 1 evidence item, the status, 1 note');
    assert.equal(apply(PLAN, replayDiskChange(change.steps, PLAN)), disk);
  });

  const others: [string, (text: string) => string, RegExp][] = [
    ['a task removed', (t) => t.replace('- [ ] T003 Logout\n', ''), /tasks were removed/],
    ['a task added', (t) => t.replace('- [ ] T003 Logout\n', '- [ ] T003 Logout\n- [ ] T004 Audit\n'), /tasks were added/],
    ['a task reworded', (t) => t.replace('T002 Session cookie', 'T002 Session token'), /reworded \(line 8\)/],
    ['a paragraph edited', (t) => t.replace('# Auth', '# Authentication'), /more than task marks/],
    ['a tick plus an edit elsewhere', (t) => tick(t, 6).replace('started', 'begun'), /more than task marks/],
    ['evidence removed', () => PLAN, /evidence was removed/],
  ];
  for (const [name, change, reason] of others) {
    it(`${name} is not replayable, and says why`, () => {
      const from = name === 'evidence removed' ? tick(PLAN, 6, 'ran it') : PLAN;
      const result = classifyDiskChange(from, change(from));
      assert.equal(result.kind, 'other');
      assert.ok(result.kind === 'other');
      assert.match(result.reason, reason);
    });
  }

  it('keeps CRLF files CRLF through the replay', () => {
    const crlf = PLAN.replace(/\n/g, '\r\n');
    const disk = apply(crlf, appendNoteEdit(tick(crlf, 8), 'done', '2026-02-03'));
    const change = classifyDiskChange(crlf, disk);
    assert.ok(change.kind === 'replayable');
    assert.equal(apply(crlf, replayDiskChange(change.steps, crlf)), disk);
  });
});

describe('diskMerge: replayDiskChange on an unsaved buffer', () => {
  it('carries the agent\'s ticks and note into a buffer the person edited, as one edit, keeping the person\'s text', () => {
    const disk = apply(tick(PLAN, 7), appendNoteEdit(tick(PLAN, 7), 'cookie set', '2026-02-03'));
    const change = classifyDiskChange(PLAN, disk);
    assert.ok(change.kind === 'replayable');
    // The person added a paragraph above the tasks (lines moved) and ticked another task.
    const buffer = tick(PLAN.replace('### Phase 1: Login\n', '### Phase 1: Login\nSome context I am writing.\n'), 9);
    const result = replayDiskChange(change.steps, buffer);
    assert.ok(result.ok);
    assert.equal(result.edits.length, 1, 'one edit: one undo step');
    const merged = applyEdits(buffer, result.edits);
    assert.ok(merged.includes('Some context I am writing.'));
    const states = parsePlan(merged).tasks.map((t) => `${t.text}=${t.state}`);
    assert.deepEqual(states, ['T001 Login form=open', 'T002 Session cookie=done', 'T003 Logout=done', 'Phase 1: Login=open']);
    assert.ok(merged.includes('- 2026-02-03: cookie set'));
  });

  it('refuses when the task the agent ticked is gone from the buffer', () => {
    const disk = tick(PLAN, 8);
    const change = classifyDiskChange(PLAN, disk);
    assert.ok(change.kind === 'replayable');
    const buffer = PLAN.replace('- [ ] T003 Logout\n', '');
    assert.equal(replayDiskChange(change.steps, buffer).ok, false);
  });

  it('makes no edit when the buffer already has the change', () => {
    const disk = tick(PLAN, 6);
    const change = classifyDiskChange(PLAN, disk);
    assert.ok(change.kind === 'replayable');
    assert.deepEqual(replayDiskChange(change.steps, disk), { ok: true, edits: [] });
  });
});

describe('diskMerge: properties', function () {
  this.timeout(60_000);

  /** A plan with `n` tasks in random states and some user-only text. */
  const planArb = fc.record({
    states: fc.array(fc.constantFrom(' ', 'x', '-', '~'), { minLength: 1, maxLength: 12 }),
    crlf: fc.boolean(),
  });
  const build = (states: readonly string[], eol: string): string =>
    ['# Plan', '', '**Status:** Planning Complete', '', '### Phase 1: Work', ...states.map((m, i) => `- [${m}] T${String(i + 1).padStart(3, '0')} Task number ${i + 1}`), '', '**Notes:**', ''].join(eol);

  it('every agent change (marks, evidence, status, notes) merged into every person\'s edit keeps both sides', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.array(fc.record({ task: fc.nat(), state: fc.constantFrom('done', 'open', 'inProgress', 'skipped' as const), evidence: fc.option(fc.constantFrom('ran tests', 'commit abc123'), { nil: undefined }) }), { maxLength: 5 }),
        fc.option(fc.constantFrom('Implementation In Progress', 'Completed'), { nil: undefined }),
        fc.array(fc.constantFrom('note one', 'second note'), { maxLength: 2 }),
        fc.array(fc.record({ at: fc.nat(), words: fc.constantFrom('my line', 'more of my text', 'Keep this') }), { maxLength: 4 }),
        ({ states, crlf }, agentTasks, status, notes, personLines) => {
          const eol = crlf ? '\r\n' : '\n';
          const old = build(states, eol);
          // The agent's side, through the core edits its tools use.
          let disk = old;
          const expected = new Map<string, string>();
          for (const a of agentTasks) {
            const task = parsePlan(disk).tasks[a.task % states.length];
            disk = apply(disk, setTaskStateEdit(disk, { line: task.line }, a.state, { evidence: a.evidence, date: '2026-02-03' }));
            expected.set(task.text, a.state);
          }
          if (status) disk = apply(disk, setStatusEdit(disk, status));
          for (const note of notes) disk = apply(disk, appendNoteEdit(disk, note, '2026-02-03'));
          const change = classifyDiskChange(old, disk);
          if (disk === old) return assert.equal(change.kind, 'none');
          assert.equal(change.kind, 'replayable');
          assert.ok(change.kind === 'replayable');
          assert.equal(apply(old, replayDiskChange(change.steps, old)), disk, 'replayed on the old text: the new text');
          // The person's side: lines of their own between the plan's lines (never inside a task's evidence).
          const lines = old.split(eol);
          for (const p of personLines) lines.splice(4 + (p.at % 2), 0, p.words); // below the status, above the phase
          const buffer = lines.join(eol);
          const result = replayDiskChange(change.steps, buffer);
          assert.ok(result.ok, result.ok ? '' : result.reason);
          assert.ok(result.edits.length <= 1);
          const merged = applyEdits(buffer, result.edits);
          for (const p of personLines) assert.ok(merged.includes(p.words));
          const tasks = parsePlan(merged).tasks;
          for (const [text, state] of expected) assert.equal(tasks.find((t) => t.text === text)?.state, state, text);
          for (const note of notes) assert.ok(merged.includes(`- 2026-02-03: ${note}`));
          if (status) assert.equal(parsePlan(merged).status, status);
          assert.ok(!/[^\r]\n/.test(merged) || !crlf, 'CRLF kept');
        },
      ),
      { numRuns: 300, seed: 1301 },
    );
  });

  it('any other change is never replayed: what is called replayable always rebuilds the new text exactly', () => {
    const lineArb = fc.constantFrom('- [ ] T001 a', '- [x] T001 a', '- [ ] T002 b', '**Status:** Completed', '**Notes:**', '- 2026-01-01: n', 'text', '', '### Phase 1: X', '  - Evidence: ok (2026-01-01)');
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 15 }), fc.array(lineArb, { maxLength: 15 }), (a, b) => {
        const old = ['# P', '**Status:** Planning Complete', ...a].join('\n');
        const next = ['# P', '**Status:** Planning Complete', ...b].join('\n');
        const change = classifyDiskChange(old, next);
        if (change.kind === 'replayable') assert.equal(apply(old, replayDiskChange(change.steps, old)), next);
        if (change.kind === 'none') assert.equal(old, next);
      }),
      { numRuns: 1000, seed: 1302 },
    );
  });
});
