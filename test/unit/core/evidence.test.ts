import * as assert from 'node:assert/strict';
import { applyEdits, parsePlan, setTaskStateEdit, type EditResult } from '../../../src/core';
import { joinLines } from '../support/helpers';

const PLAN = joinLines(
  '# Plan',
  '',
  '**Status:** Implementation In Progress',
  '',
  '## Status Tracking',
  '',
  '- [ ] Phase 1: Core',
  '- [x] Phase 2: Tests',
  '  - Evidence: npm test, 412 passing (2026-03-01)',
  '',
  '### Phase 1: Core',
  '',
  '1. [ ] Write the parser',
  '   continued on a second line',
  '   - [ ] A sub-task',
  '> - [ ] Quoted task',
  '- [x] Done with bold evidence',
  '  - **Evidence:** commit abc123',
  '- [ ] Not evidence',
  '  - Evidence is what we want here',
  '',
);

function apply(text: string, result: EditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

describe('core: task evidence', () => {
  it('reads the Evidence child item of a task, plain or bold, and it is not a task', () => {
    const plan = parsePlan(PLAN);
    const byText = (t: string) => plan.tasks.find((x) => x.text === t)!;
    assert.equal(byText('Phase 2: Tests').evidence, 'npm test, 412 passing (2026-03-01)');
    assert.equal(byText('Phase 2: Tests').evidenceLine, 8);
    assert.equal(byText('Done with bold evidence').evidence, 'commit abc123');
    assert.equal(byText('Phase 1: Core').evidence, undefined);
    assert.equal(byText('Not evidence').evidence, undefined, '"Evidence is…" is prose, not an Evidence: item');
    assert.ok(!plan.tasks.some((t) => /evidence:/i.test(t.text)));
    assert.equal(plan.tasks.length, 7);
    assert.ok(!('evidence' in byText('Phase 1: Core')), 'no key on tasks without evidence');
  });

  it('survives the compact task storage (a re-materialised list keeps it)', () => {
    const plan = parsePlan(PLAN);
    // Push the plan's list out of the materialised cache.
    for (let i = 0; i < 80; i++) void parsePlan(`# P${i}\n- [ ] t`).tasks;
    assert.equal(plan.tasks.find((t) => t.text === 'Phase 2: Tests')!.evidence, 'npm test, 412 passing (2026-03-01)');
    assert.equal(JSON.parse(JSON.stringify(plan)).tasks[1].evidenceLine, 8);
  });

  it('ticking with evidence writes the child item right under the task, at its text column', () => {
    const out = apply(PLAN, setTaskStateEdit(PLAN, { line: 6 }, 'done', { evidence: 'ran  npm test\n(all green)', date: '2026-04-02' }));
    const lines = out.split('\n');
    assert.equal(lines[6], '- [x] Phase 1: Core');
    assert.equal(lines[7], '  - Evidence: ran npm test (all green) (2026-04-02)');
    assert.equal(parsePlan(out).tasks[0].evidence, 'ran npm test (all green) (2026-04-02)');
    assert.equal(parsePlan(out).tasks.length, 7);
  });

  it('goes after the continuation lines of an ordered item, before its sub-tasks', () => {
    const out = apply(PLAN, setTaskStateEdit(PLAN, { line: 12 }, 'done', { evidence: 'parser.test.ts', date: '2026-04-02' }));
    const lines = out.split('\n');
    assert.deepEqual(lines.slice(12, 16), ['1. [x] Write the parser', '   continued on a second line', '   - Evidence: parser.test.ts (2026-04-02)', '   - [ ] A sub-task']);
    const plan = parsePlan(out);
    const task = plan.tasks.find((t) => t.text.startsWith('Write the parser'))!;
    assert.equal(task.evidence, 'parser.test.ts (2026-04-02)');
    assert.equal(plan.tasks.find((t) => t.text === 'A sub-task')!.parent, task.index);
  });

  it('keeps block quote marks in the indent', () => {
    const out = apply(PLAN, setTaskStateEdit(PLAN, { line: 15 }, 'done', { evidence: 'quoted', date: '2026-04-02' }));
    assert.equal(out.split('\n')[16], '>   - Evidence: quoted (2026-04-02)');
    assert.equal(parsePlan(out).tasks.find((t) => t.text === 'Quoted task')!.evidence, 'quoted (2026-04-02)');
  });

  it('replaces the evidence a task has (one item, never two)', () => {
    const out = apply(PLAN, setTaskStateEdit(PLAN, { line: 16 }, 'done', { evidence: 'commit def456', date: '2026-04-03' }));
    assert.equal(out.split('\n').filter((l) => /evidence:/i.test(l)).length, 2);
    assert.equal(out.split('\n')[17], '  - Evidence: commit def456 (2026-04-03)');
    assert.equal(out.split('\n').length, PLAN.split('\n').length);
  });

  it('a blank evidence changes only the mark; CRLF documents get CRLF', () => {
    const crlf = PLAN.replace(/\n/g, '\r\n');
    assert.equal(apply(PLAN, setTaskStateEdit(PLAN, { line: 6 }, 'done', { evidence: '  ' })), PLAN.replace('- [ ] Phase 1: Core', '- [x] Phase 1: Core'));
    const out = apply(crlf, setTaskStateEdit(crlf, { line: 6 }, 'done', { evidence: 'e', date: '2026-01-01' }));
    assert.ok(out.includes('- [x] Phase 1: Core\r\n  - Evidence: e (2026-01-01)\r\n'));
  });

  it('refuses as before when the task moved away', () => {
    const r = setTaskStateEdit(PLAN, { line: 6, text: 'Something else' }, 'done', { evidence: 'x' });
    assert.equal(r.ok, false);
  });
});
