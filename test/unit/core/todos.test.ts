import * as assert from 'node:assert/strict';
import { applyEdits, checkPlan, markPhaseDoneEdit, nextTask, parsePlan, setTaskStateEdit, setTasksStateEdit, toggleTaskEdit, toggleTasksEdit, type Plan } from '../../../src/core';
import { joinLines } from '../support/helpers';

/** A plan as Cursor's Plan mode saves it: its todos in the front matter, its body prose. */
const CURSOR_PLAN = joinLines(
  '---',
  'name: File chat sidebar',
  'overview: Add a collapsible chat sidebar to the file view.',
  'todos:',
  '  - id: extract-panel',
  '    content: Extract ChatPanel from page.tsx',
  '    status: completed',
  '  - id: simplify-home',
  '    content: "Simplify page.tsx: Sidebar + ChatPanel"',
  '    status: in_progress',
  '  - id: tag-sessions',
  '    content: >-',
  '      Add filePath to WebSessionMeta',
  '      and filter GET /api/web-sessions',
  "    status: 'pending'",
  '  - id: live-reload',
  '    content: Re-fetch the file after the agent streams',
  '    status: cancelled # not needed',
  'isProject: false',
  '---',
  '',
  '# File Chat Sidebar',
  '',
  '## Architecture',
  '',
  'Two columns.',
);

const parse = (text: string, uri = 'docs/sidebar.md'): Plan => parsePlan({ text, uri });
const lines = (text: string): string[] => text.split('\n');

describe('Cursor plans: todos in the front matter', () => {
  it('reads each todo as a task on its status line, in its state, with its content as text', () => {
    const plan = parse(CURSOR_PLAN);
    assert.equal(plan.isPlan, true);
    assert.equal(plan.kind, 'cursor');
    assert.deepEqual(
      plan.tasks.map((t) => [t.line, t.column, t.state, t.text, t.section, t.parent]),
      [
        [6, 12, 'done', 'Extract ChatPanel from page.tsx', -1, -1],
        [9, 12, 'inProgress', 'Simplify page.tsx: Sidebar + ChatPanel', -1, -1],
        [14, 13, 'open', 'Add filePath to WebSessionMeta and filter GET /api/web-sessions', -1, -1],
        [17, 12, 'skipped', 'Re-fetch the file after the agent streams', -1, -1],
      ],
    );
    assert.deepEqual({ ...plan.progress }, { done: 1, open: 1, inProgress: 1, skipped: 1, total: 3 });
    assert.equal(nextTask(plan)?.text, 'Simplify page.tsx: Sidebar + ChatPanel');
    assert.deepEqual(checkPlan(plan, CURSOR_PLAN), []);
  });

  it('reads a list at its key’s indent, a status on an item’s first line, and keys at any indent', () => {
    const plan = parse(joinLines('---', 'todos:', '- id: a', '  content: First', '  status: completed', '- status: pending', '  content: Second', '---', '# x'));
    assert.deepEqual(plan.tasks.map((t) => [t.line, t.state, t.text]), [[4, 'done', 'First'], [5, 'open', 'Second']]);
    const deep = parse(joinLines('---', 'todos:', '    -   id: a', '        content: Deep', '        status: pending', 'name: x', '---'));
    assert.deepEqual(deep.tasks.map((t) => [t.line, t.column, t.text]), [[4, 16, 'Deep']]);
  });

  it('reads no todo it cannot place surely, and no other front matter list', () => {
    const none = (text: string): void => assert.deepEqual(parse(text).tasks, [], text);
    // A flow list: no line of its own for each status.
    none(joinLines('---', 'todos: [{id: a, content: A, status: pending}]', '---', '# x'));
    // Not Cursor's words, no content, a nested status only.
    none(joinLines('---', 'todos:', '  - content: A', '    status: todo', '---'));
    none(joinLines('---', 'todos:', '  - id: a', '    status: pending', '---'));
    none(joinLines('---', 'todos:', '  - id: a', '    content: A', '    meta:', '      status: pending', '---'));
    // Strings, not todos; another key's list.
    none(joinLines('---', 'todos:', '  - write the docs', '---'));
    none(joinLines('---', 'tags:', '  - content: A', '    status: pending', '---'));
    // Empty.
    none(joinLines('---', 'todos: []', 'isProject: false', '---', '# x'));
    assert.equal(parse(joinLines('---', 'todos: []', '---', '# x')).isPlan, false);
  });

  it('counts the body’s boxes after the todos, with their own parents and sections', () => {
    const text = joinLines('---', 'todos:', '  - id: a', '    content: Build', '    status: completed', '---', '# Plan', '## Verify', '- [ ] Run it', '  - [x] Check it');
    const plan = parse(text);
    assert.deepEqual(plan.tasks.map((t) => [t.index, t.text, t.parent, t.section]), [[0, 'Build', -1, -1], [1, 'Run it', -1, 1], [2, 'Check it', 1, 1]]);
    assert.equal(plan.sections[1].progress.total, 2);
    assert.equal(plan.progress.done, 2);
  });

  it('takes todos that name phases (`Phase 1: …`) as the plan’s phases, linked to the body’s Phase headings', () => {
    const roadmap = joinLines(
      '---',
      'todos:',
      '  - id: p0',
      '    content: "Phase 0: Build setup"',
      '    status: completed',
      '  - id: p1',
      '    content: "Phase 1: Security — encrypted prefs"',
      '    status: in_progress',
      '  - id: p2',
      '    content: "Phase 2: Sessions"',
      '    status: pending',
      '---',
      '# Roadmap',
      '## Phase 0: Build setup',
      '## Phase 1: Security',
      '## Phase 2: Sessions',
      '## Phase 3: Later',
    );
    const plan = parse(roadmap);
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.trackingTask, p.headingLine]),
      [
        ['Phase 0: Build setup', 'done', 0, 13],
        ['Phase 1: Security', 'inProgress', 1, 14],
        ['Phase 2: Sessions', 'open', 2, 15],
        ['Phase 3: Later', 'open', -1, 16],
      ],
    );
    assert.equal(plan.currentPhase, 1);
    // One such todo is no list of phases; the body's headings are the phases then.
    const one = parse(joinLines('---', 'todos:', '  - id: p0', '    content: "Phase 0: Build setup"', '    status: completed', '  - id: x', '    content: Write docs', '    status: pending', '---', '## Phase 0: Build setup', '## Phase 1: Security'));
    assert.deepEqual(one.phases.map((p) => [p.label, p.trackingTask]), [['Phase 0: Build setup', -1], ['Phase 1: Security', -1]]);
  });

  it('places todos whose ids name a phase (`phase2-gui`) under the body’s Phase heading: the phase’s work', () => {
    const text = joinLines(
      '---',
      'todos:',
      '  - id: phase1-types',
      '    content: Define the session types',
      '    status: completed',
      '  - id: phase1-recorder',
      '    content: Build the recorder',
      '    status: completed',
      '  - id: phase-2-gui',
      '    content: Add the Sessions tab',
      '    status: pending',
      '  - id: phase2-store',
      '    content: Store workflows',
      '    status: in_progress',
      '  - id: docs',
      '    content: Write the docs',
      '    status: pending',
      '  - id: phase10x',
      '    content: Not a phase id',
      '    status: pending',
      '---',
      '# Session recorder',
      '## Implementation Phases',
      '### Phase 1: Recording',
      'Prose.',
      '### Phase 2: Workflows',
      '- [ ] Review the workflow names',
      '### Phase 3: Polish (stretch)',
      'Later.',
    );
    const plan = parse(text);
    assert.equal(plan.kind, 'cursor');
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.progress.done, p.progress.total]),
      [
        ['Phase 1: Recording', 'done', 2, 2],
        ['Phase 2: Workflows', 'inProgress', 0, 3],
        ['Phase 3: Polish (stretch)', 'open', 0, 0],
      ],
    );
    assert.equal(plan.currentPhase, 1);
    assert.equal(nextTask(plan)?.text, 'Add the Sessions tab');
    // The todos no heading matches, and those of other ids, stay outside every section.
    assert.deepEqual(plan.tasks.map((t) => t.section), [2, 2, 3, 3, -1, -1, 3]);
    // Marking Phase 2 done with its tasks ticks its todos (their status words) and its box.
    const marked = markPhaseDoneEdit(text, 1, { includeTasks: true });
    assert.ok(marked.ok);
    const done = applyEdits(text, marked.edits);
    assert.deepEqual(parse(done).phases.map((p) => p.state), ['done', 'done', 'open']);
    assert.equal(done.split('\n').filter((l) => l === '    status: completed').length, 4);
    assert.match(done, /- \[x\] Review the workflow names/);
  });

  it('is a Cursor plan by its path too, when its body has the boxes', () => {
    const body = joinLines('# Plan', '- [x] one', '- [ ] two');
    assert.equal(parse(body, '.cursor/plans/sidebar_3f2a.plan.md').kind, 'cursor');
    assert.equal(parse(body, 'docs/notes.md').kind, undefined);
  });

  it('ticks, reopens and sets a todo by rewriting its status word, and nothing else', () => {
    const plan = parse(CURSOR_PLAN);
    const [, simplify, tag] = plan.tasks;
    const ticked = toggleTaskEdit(CURSOR_PLAN, { line: tag.line, mark: tag.mark, text: tag.text });
    assert.ok(ticked.ok);
    const after = applyEdits(CURSOR_PLAN, ticked.edits);
    assert.equal(lines(after)[14], "    status: 'completed'");
    assert.deepEqual(lines(after).filter((l, i) => l !== lines(CURSOR_PLAN)[i]), ["    status: 'completed'"]);
    assert.equal(parse(after).tasks[2].state, 'done');

    const reopened = toggleTaskEdit(after, { line: tag.line });
    assert.ok(reopened.ok);
    assert.equal(applyEdits(after, reopened.edits), CURSOR_PLAN);

    const skipped = setTaskStateEdit(CURSOR_PLAN, { line: simplify.line }, 'skipped');
    assert.ok(skipped.ok);
    assert.equal(lines(applyEdits(CURSOR_PLAN, skipped.edits))[9], '    status: cancelled');
    // The comment after a word stays.
    const live = plan.tasks[3];
    const open = setTaskStateEdit(CURSOR_PLAN, { line: live.line }, 'open');
    assert.ok(open.ok);
    assert.equal(lines(applyEdits(CURSOR_PLAN, open.edits))[17], '    status: pending # not needed');
  });

  it('sets several todos at once (the keyboard toggle, the quick fixes)', () => {
    const plan = parse(CURSOR_PLAN);
    const all = toggleTasksEdit(CURSOR_PLAN, plan.tasks.map((t) => t.line));
    assert.ok(all.ok);
    const after = parse(applyEdits(CURSOR_PLAN, all.edits));
    // As with boxes: every selected task is ticked, a cancelled one too.
    assert.deepEqual(after.tasks.map((t) => t.state), ['done', 'done', 'done', 'done']);
    const reopened = setTasksStateEdit(applyEdits(CURSOR_PLAN, all.edits), [6, 9], 'open');
    assert.ok(reopened.ok);
    assert.deepEqual(parse(applyEdits(applyEdits(CURSOR_PLAN, all.edits), reopened.edits)).tasks.map((t) => t.state), ['open', 'open', 'done', 'done']);
  });

  it('refuses evidence for a todo (the front matter has no room for it) and a stale reference', () => {
    const tag = parse(CURSOR_PLAN).tasks[2];
    const withEvidence = setTaskStateEdit(CURSOR_PLAN, { line: tag.line }, 'done', { evidence: 'npm test: 19 passing' });
    assert.equal(withEvidence.ok, false);
    assert.match(withEvidence.ok ? '' : withEvidence.reason, /front matter .*no room for evidence/);
    const stale = toggleTaskEdit(CURSOR_PLAN, { line: tag.line, mark: 'x', text: tag.text });
    assert.equal(stale.ok, false);
  });
});
