import * as assert from 'node:assert/strict';
import { findTask, normalizeTaskText, parsePlan, taskId } from '../../../src/core';
import { fixture, fixtureNames, joinLines, seedTemplate } from '../support/helpers';

const plan = parsePlan(
  joinLines(
    '# Plan',
    '',
    '## Status Tracking',
    '- [ ] Phase 1: Core',
    '- [ ] Phase 2: CLI',
    '',
    '### Phase 1: Core',
    '- [ ] T001 Write the **parser**.',
    '- [x] T002 Add `findTask`',
    '- [ ] 1.2 Cover [the fixtures](docs/x.md)',
    '- [ ] Same text',
    '- [ ] Same text',
    '- [ ] Step 3: ship it',
  ),
);
const lineOf = (text: string): number => plan.tasks.find((t) => t.text === text)!.line;

describe('findTask', () => {
  it('finds a task by its exact text, then by its text loosely', () => {
    const exact = findTask(plan, 'T001 Write the **parser**.');
    assert.ok(exact.ok);
    assert.equal(exact.by, 'exact');
    assert.equal(exact.task.line, 7);
    for (const loose of ['t001 write the parser', 'T001 Write the parser.', '  T001   write THE *parser*!  ', 'T002 Add findTask', '1.2 cover the fixtures']) {
      const r = findTask(plan, loose);
      assert.ok(r.ok, loose);
      assert.equal(r.by, 'normalized', loose);
    }
  });

  it('finds an ExecPlan step without the time it was done, and by the id after that time', () => {
    const execPlan = parsePlan(
      joinLines('# Sync', '## Progress', '- [x] (2026-03-02 11:45Z) Add the `pending_edits` table.', '- [x] (2026-03-03) P2 [M1] Queue edits', '- [ ] Replay the queue', '## Decision Log', 'None.'),
    );
    for (const [query, line] of [['Add the pending_edits table', 2], ['(2026-03-02 11:45Z) Add the `pending_edits` table.', 2], ['P2', 3], ['p2 [m1] queue edits', 3]] as const) {
      const r = findTask(execPlan, query);
      assert.ok(r.ok, `${query}: ${r.ok ? '' : r.reason}`);
      assert.equal(r.task.line, line, query);
    }
    assert.equal(taskId('(2026-03-03T09:10:00+01:00) T004 Ship'), 'T004');
    // Not a time: a note in brackets stays part of the text.
    assert.equal(normalizeTaskText('(optional) Add tests'), '(optional) add tests');
  });

  it('finds a task by the id its text starts with', () => {
    const cases: [string, string][] = [
      ['T001', 'T001 Write the **parser**.'],
      ['t002', 'T002 Add `findTask`'],
      ['1.2', '1.2 Cover [the fixtures](docs/x.md)'],
      ['Phase 2', 'Phase 2: CLI'],
      ['phase 2:', 'Phase 2: CLI'],
      ['Step 3', 'Step 3: ship it'],
    ];
    for (const [query, text] of cases) {
      const r = findTask(plan, query);
      assert.ok(r.ok, `${query}: ${r.ok ? '' : r.reason}`);
      assert.equal(r.by, 'id');
      assert.equal(r.task.text, text);
    }
  });

  it('refuses an ambiguous query with every candidate (line and text)', () => {
    const r = findTask(plan, 'same text');
    assert.ok(!r.ok);
    assert.equal(r.why, 'ambiguous');
    assert.match(r.reason, /2 tasks match/);
    assert.deepEqual(r.candidates, [
      { line: 10, text: 'Same text' },
      { line: 11, text: 'Same text' },
    ]);
    const byLine = findTask(plan, { text: 'Same text', line: 11 });
    assert.ok(byLine.ok);
    assert.equal(byLine.task.line, 11);
  });

  it('refuses an absent task, listing tasks that contain the query, else the open ones', () => {
    const r = findTask(plan, 'Write the');
    assert.ok(!r.ok);
    assert.equal(r.why, 'not-found');
    assert.deepEqual(r.candidates, [{ line: 7, text: 'T001 Write the **parser**.' }]);
    const none = findTask(plan, 'deploy to mars');
    assert.ok(!none.ok);
    assert.ok(none.candidates.length > 0 && none.candidates.every((c) => plan.tasks.find((t) => t.line === c.line)!.state === 'open'));
    assert.equal(findTask(plan, 'T0').ok, false, 'an id is matched whole, not as a prefix of another');
  });

  it('by line and text: the task on that line, or the task that moved, said so', () => {
    const at = findTask(plan, { line: lineOf('T002 Add `findTask`'), text: 'T002 Add `findTask`' });
    assert.ok(at.ok);
    assert.equal(at.relocated, undefined);
    const moved = findTask(plan, { line: 3, text: 'T002' });
    assert.ok(moved.ok);
    assert.equal(moved.task.line, 8);
    assert.match(moved.relocated!, /moved from line 4 to line 9 \(line 4 now holds "Phase 1: Core"\)/);
    const stale = findTask(plan, { line: 8, text: 'Something removed' });
    assert.ok(!stale.ok);
    assert.match(stale.reason, /No task matches "Something removed" \(line 9 now holds "T002 Add `findTask`"\)/);
    const lineOnly = findTask(plan, { line: 1 });
    assert.ok(!lineOnly.ok);
    assert.match(lineOnly.reason, /Line 2 holds no task/);
    assert.equal(findTask(plan, '   ').ok, false);
  });

  it('finds every task of every fixture and of the template by its own text, or says it is ambiguous', () => {
    const sources = [...fixtureNames().map((name) => [name, fixture(name)]), ['seed template', seedTemplate()]];
    for (const [name, text] of sources) {
      const p = parsePlan(text);
      for (const task of p.tasks) {
        const same = p.tasks.filter((t) => normalizeTaskText(t.text) === normalizeTaskText(task.text));
        const r = findTask(p, task.text);
        if (p.tasks.filter((t) => t.text === task.text).length === 1) {
          assert.ok(r.ok, `${name}: ${task.text}`);
          assert.equal(r.task, task, `${name}: ${task.text}`);
        } else {
          assert.ok(!r.ok, `${name}: ${task.text}`);
          assert.equal(r.candidates.length, Math.min(10, p.tasks.filter((t) => t.text === task.text).length));
        }
        const withLine = findTask(p, { line: task.line, text: task.text });
        assert.ok(withLine.ok && withLine.task === task && !withLine.relocated, `${name}: line ${task.line}`);
        assert.ok(same.length >= 1);
      }
    }
  });

  it('reads ids at the start of a task only', () => {
    assert.equal(taskId('**T012** Build it'), 'T012');
    assert.equal(taskId('`AUTH-3`: login'), 'AUTH-3');
    assert.equal(taskId('Phase   4: Tests'), 'Phase 4');
    assert.equal(taskId('2.1.3 Nested'), '2.1.3');
    assert.equal(taskId('Write 2.1 docs'), undefined);
    assert.equal(taskId('Tests pass'), undefined);
    assert.equal(taskId('1 thing'), undefined);
    assert.equal(taskId('13. Checkpoint'), '13');
    assert.equal(taskId('3 retries at most'), undefined);
    assert.equal(taskId('2024. A year'), '2024');
  });

  it("finds a Kiro top-level task by its number, and nothing by a number no task starts with", () => {
    const kiro = parsePlan(joinLines('# Implementation Plan', '', '- [x] 1. Set up', '  - [x] 1.1 Scaffold', '- [ ] 13. Checkpoint - tests pass', '- [ ] 3 retries at most'));
    for (const query of ['13', '13.', ' 13 ']) {
      const r = findTask(kiro, query);
      assert.ok(r.ok, `${query}: ${r.ok ? '' : r.reason}`);
      assert.equal(r.by, 'id');
      assert.equal(r.task.text, '13. Checkpoint - tests pass');
    }
    assert.equal((findTask(kiro, '1.1') as { task: { text: string } }).task.text, '1.1 Scaffold');
    assert.ok(!findTask(kiro, '3').ok);
  });
});
