import * as assert from 'node:assert/strict';
import {
  addRoadmapPhaseEdit,
  addTrackingItemEdit,
  insertDateEdit,
  markNextTaskDoneEdit,
  nextTask,
  nextTaskIn,
  parsePlan,
  progressSummary,
  setCreatedEdit,
  setTasksStateEdit,
  statusFromBoxes,
  tickAllOpenTasksEdit,
  tickPhaseTasksEdit,
  removeDoneMarkerEdit,
  reopenPhaseStatusEdit,
  toggleTasksEdit,
  markSectionDoneEdit,
} from '../../../src/core';
import { applyResult, joinLines, seedTemplate } from '../support/helpers';

const apply = applyResult;

const header = ['# Plan', '**Created:** 2026-01-01', '**Status:** Implementation In Progress', ''];

describe('quick-fix edits', () => {
  describe('statusFromBoxes', () => {
    const cases: [string, string, string][] = [
      ['nothing started', joinLines('- [ ] a', '- [ ] b'), 'Planning Complete'],
      ['something done', joinLines('- [x] a', '- [ ] b'), 'Implementation In Progress'],
      ['something in progress', joinLines('- [-] a', '- [ ] b'), 'Implementation In Progress'],
      ['everything done or skipped', joinLines('- [x] a', '- [~] b'), 'Completed'],
      ['no tasks', '# nothing', 'Planning Complete'],
    ];
    for (const [what, text, expected] of cases) it(what, () => assert.equal(statusFromBoxes(parsePlan(text)), expected));
    it('uses the configured statuses', () => {
      assert.equal(statusFromBoxes(parsePlan('- [x] a\n- [ ] b'), ['Draft', 'Doing', 'Review', 'Shipped']), 'Doing');
      assert.equal(statusFromBoxes(parsePlan('- [x] a'), ['Open', 'Done']), 'Done');
    });
  });

  describe('dates', () => {
    it('replaces YYYY-MM-DD by the date, and only that', () => {
      const text = joinLines('# P', '**Created:** YYYY-MM-DD');
      assert.equal(apply(text, insertDateEdit(text, { line: 1, start: 13, end: 23 }, '2026-03-04')), joinLines('# P', '**Created:** 2026-03-04'));
    });
    it('refuses when the range no longer holds the placeholder', () => {
      const r = insertDateEdit(joinLines('# P', '**Created:** 2026-01-01'), { line: 1, start: 13, end: 23 }, '2026-03-04');
      assert.equal(r.ok, false);
    });
    it('replaces an invalid date when told what it was', () => {
      const text = '**Created:** 2026-02-30';
      assert.equal(apply(text, insertDateEdit(text, { line: 0, start: 13, end: 23 }, '2026-03-04', '2026-02-30')), '**Created:** 2026-03-04');
    });
    const created: [string, string, string][] = [
      ['before the first header field', joinLines('# P', '**Status:** Completed'), joinLines('# P', '**Created:** 2026-03-04', '**Status:** Completed')],
      ['after the title when there are no fields', joinLines('# P', '', 'Text'), joinLines('# P', '', '**Created:** 2026-03-04', '', 'Text')],
      ['by replacing the value when present', joinLines('# P', '**Created:** soon'), joinLines('# P', '**Created:** 2026-03-04')],
    ];
    for (const [what, text, expected] of created) it(`adds **Created:** ${what}`, () => assert.equal(apply(text, setCreatedEdit(text, '2026-03-04')), expected));
  });

  describe('task states', () => {
    it('ticks every open task, keeping the plan’s X style', () => {
      const text = joinLines('- [X] a', '- [ ] b', '  - [-] c', '- [~] d');
      assert.equal(apply(text, tickAllOpenTasksEdit(text)), joinLines('- [X] a', '- [X] b', '  - [X] c', '- [~] d'));
    });
    it('sets several tasks at once and refuses a line that is not a task', () => {
      const text = joinLines('- [x] a', '- [x] b', 'text');
      assert.equal(apply(text, setTasksStateEdit(text, [0, 1], 'open')), joinLines('- [ ] a', '- [ ] b', 'text'));
      assert.equal(setTasksStateEdit(text, [2], 'open').ok, false);
    });
  });

  describe('addTrackingItemEdit', () => {
    const roadmap = ['## Roadmap', '### Phase 1: Setup', '- [x] a', '### Phase 2: Build', '- [ ] b', '### Phase 3: Ship', '- [x] c', ''];
    const cases: [string, string[], number, string[]][] = [
      [
        'after the tracking item of the previous phase (and its sub-items)',
        ['## Status Tracking', '- [x] Phase 1: Setup', '  - [x] sub', '- [ ] Phase 3: Ship', '- [ ] Quality Checks'],
        2,
        ['## Status Tracking', '- [x] Phase 1: Setup', '  - [x] sub', '- [ ] Phase 2: Build', '- [ ] Phase 3: Ship', '- [ ] Quality Checks'],
      ],
      [
        'before the first later phase, ticked when its roadmap tasks are done',
        ['## Status Tracking', '* [ ] Phase 3: Ship'],
        1,
        ['## Status Tracking', '* [x] Phase 1: Setup', '* [ ] Phase 3: Ship'],
      ],
      ['under the heading of an empty Status Tracking', ['## Status Tracking'], 2, ['## Status Tracking', '', '- [ ] Phase 2: Build']],
    ];
    for (const [what, tracking, n, expected] of cases) {
      it(`adds Phase ${n} ${what}`, () => {
        const text = joinLines(...header, ...roadmap, ...tracking);
        assert.equal(apply(text, addTrackingItemEdit(text, n)), joinLines(...header, ...roadmap, ...expected));
      });
    }
    it('refuses a phase the roadmap does not have, and does nothing for a tracked one', () => {
      const text = joinLines(...header, ...roadmap, '## Status Tracking', '- [ ] Phase 1: Setup');
      assert.equal(addTrackingItemEdit(text, 9).ok, false);
      assert.deepEqual(addTrackingItemEdit(text, 1), { ok: true, edits: [] });
    });
  });

  describe('addRoadmapPhaseEdit', () => {
    it('adds the heading after the previous phase’s content, before a thematic break', () => {
      const text = joinLines('## Roadmap', '### Phase 1: Setup', '- [x] a', '', '---', '', '## Status Tracking', '- [x] Phase 1: Setup', '- [ ] Phase 2: Ship it');
      assert.equal(
        apply(text, addRoadmapPhaseEdit(text, 2)),
        joinLines('## Roadmap', '### Phase 1: Setup', '- [x] a', '', '### Phase 2: Ship it', '', '---', '', '## Status Tracking', '- [x] Phase 1: Setup', '- [ ] Phase 2: Ship it'),
      );
    });
    it('adds the heading before the first later phase, at the same level', () => {
      const text = joinLines('#### Phase 2: B', '## Status Tracking', '- [ ] Phase 1: A', '- [ ] Phase 2: B');
      assert.equal(apply(text, addRoadmapPhaseEdit(text, 1)), joinLines('#### Phase 1: A', '', '#### Phase 2: B', '## Status Tracking', '- [ ] Phase 1: A', '- [ ] Phase 2: B'));
    });
    it('refuses without a roadmap or a tracking item', () => {
      assert.equal(addRoadmapPhaseEdit(joinLines('## Status Tracking', '- [ ] Phase 1: A'), 1).ok, false);
      assert.equal(addRoadmapPhaseEdit(joinLines('### Phase 1: A', '## Status Tracking'), 2).ok, false);
    });
  });
});

describe('next task and progress summary', () => {
  const text = joinLines(
    ...header,
    '### Phase 1: Setup',
    '- [x] a',
    '### Phase 2: Build',
    '- [x] b',
    '- [ ] c',
    '- [ ] d',
    '## Status Tracking',
    '- [x] Phase 1: Setup',
    '- [ ] Phase 2: Build',
  );

  it('is the first open task of the current phase', () => {
    assert.equal(nextTask(parsePlan(text))?.text, 'c');
    assert.equal(nextTaskIn(parsePlan(text), parsePlan(text).trackingSection)?.text, 'Phase 2: Build');
  });

  it('is the phase’s tracking item when its section is done', () => {
    const done = text.replace('- [ ] c', '- [x] c').replace('- [ ] d', '- [x] d');
    assert.equal(nextTask(parsePlan(done))?.text, 'Phase 2: Build');
  });

  it('is the first open sub-task of the current Kiro phase, then the phase task itself (issue #9)', () => {
    const kiro = joinLines('# Implementation Plan', '- [x] 1. Set up', '  - [x] 1.1 a', '- [ ] 2. Build', '  - [x] 2.1 b', '  - [ ] 2.2 c', '  - _Requirements: 2.1_');
    assert.equal(nextTask(parsePlan(kiro))?.text, '2.2 c');
    assert.equal(nextTask(parsePlan(kiro.replace('- [ ] 2.2 c', '- [x] 2.2 c')))?.text, '2. Build');
  });

  it('is the first open task in a plan without phases', () => {
    assert.equal(nextTask(parsePlan(joinLines('# P', '- [x] a', '- [-] b', '- [ ] c')))?.text, 'b');
  });

  it('markNextTaskDoneEdit ticks it, and refuses when all is done', () => {
    const { result, task } = markNextTaskDoneEdit(text);
    assert.equal(task?.text, 'c');
    assert.equal(apply(text, result), text.replace('- [ ] c', '- [x] c'));
    assert.equal(markNextTaskDoneEdit('- [x] a').result.ok, false);
  });

  it('summarizes the phases as a Markdown task list', () => {
    assert.equal(
      progressSummary(parsePlan(text)),
      joinLines(
        '**Plan** — Implementation In Progress · 3/6 tasks done (50%)',
        '',
        '- [x] Phase 1: Setup — 1/1 tasks',
        '- [ ] Phase 2: Build — 1/3 tasks, **current**',
        '',
        'Next: c',
        '',
      ),
    );
  });

  it('summarizes the seed template without throwing', () => {
    assert.match(progressSummary(parsePlan(seedTemplate())), /Next: Phase 1: Core Infrastructure/);
  });
});

describe('task group edits', () => {
  const text = joinLines(
    ...header,
    '### Step 1: Implement',
    '- [x] a',
    '- [ ] b',
    '  - [-] b1',
    '### Step 2: Test',
    '- [ ] c',
    '## Quality Checks',
    '- [ ] lint',
    '## Status Tracking',
    '- [x] Quality Checks Passed',
  );

  const toggles: [string, number[], string][] = [
    ['ticks an open task', [6], text.replace('- [ ] b', '- [x] b')],
    ['reopens a done task', [5], text.replace('- [x] a', '- [ ] a')],
    ['ticks all when some are open', [5, 6, 7], text.replace('- [ ] b', '- [x] b').replace('[-] b1', '[x] b1')],
    ['ignores lines without a task', [4, 5], text.replace('- [x] a', '- [ ] a')],
  ];
  for (const [what, lines, expected] of toggles) it(`toggleTasksEdit ${what}`, () => assert.equal(apply(text, toggleTasksEdit(text, lines)), expected));

  it('toggleTasksEdit refuses lines without tasks', () => {
    const r = toggleTasksEdit(text, [4]);
    assert.deepEqual(r, { ok: false, reason: 'Line 5 is not a task.' });
  });

  it('markSectionDoneEdit ticks the open tasks under a heading only', () => {
    assert.equal(apply(text, markSectionDoneEdit(text, 4)), text.replace('- [ ] b', '- [x] b').replace('[-] b1', '[x] b1'));
    assert.equal(markSectionDoneEdit(text, 5).ok, false);
  });

  it('removeDoneMarkerEdit takes the marker off a heading, and only a marker it can find as written', () => {
    const marked = joinLines('# P', '## Phase 1: Setup ✅', '- [ ] a', '## ✅ Phase 2: Build', '- [ ] b', '### Phase 3: Ship — DONE', '- [ ] c', '## **Phase 4: Docs ✅**', '- [ ] d', '## Phase 5: Open', '- [ ] e');
    const removed = (line: number): string => apply(marked, removeDoneMarkerEdit(marked, line));
    assert.equal(removed(1), marked.replace('## Phase 1: Setup ✅', '## Phase 1: Setup'));
    assert.equal(removed(3), marked.replace('## ✅ Phase 2: Build', '## Phase 2: Build'));
    assert.equal(removed(5), marked.replace('### Phase 3: Ship — DONE', '### Phase 3: Ship'));
    assert.equal(removeDoneMarkerEdit(marked, 7).ok, false, 'inside emphasis');
    assert.equal(removeDoneMarkerEdit(marked, 9).ok, false, 'no marker');
    assert.equal(removeDoneMarkerEdit(marked, 2).ok, false, 'not a heading');
  });

  it('reopenPhaseStatusEdit sets a phase’s status line that says done to In Progress, and only such a line', () => {
    const marked = joinLines('# P', '## Phase 1: Setup', '**Status:** ✅ **Completed**', '- [ ] a', '## Phase 2: Build', '- [ ] b', '- **Status:** complete', '## Phase 3: Ship', '**Status:** pending', '- [ ] c');
    assert.equal(apply(marked, reopenPhaseStatusEdit(marked, 2)), marked.replace('**Status:** ✅ **Completed**', '**Status:** In Progress'));
    assert.equal(apply(marked, reopenPhaseStatusEdit(marked, 6)), marked.replace('- **Status:** complete', '- **Status:** In Progress'));
    assert.equal(reopenPhaseStatusEdit(marked, 8).ok, false, 'not done');
    assert.equal(reopenPhaseStatusEdit(marked, 3).ok, false, 'a task');
  });

  it('tickPhaseTasksEdit ticks the tasks under a tracking item’s section', () => {
    assert.equal(apply(text, tickPhaseTasksEdit(text, 13)), text.replace('- [ ] lint', '- [x] lint'));
    assert.equal(tickPhaseTasksEdit(text, 5).ok, false);
  });

  it('tickPhaseTasksEdit ticks the open sub-tasks of a ticked Kiro task, not its optional ones', () => {
    const kiro = joinLines('# Implementation Plan', '', '- [x] 2. Detect a fresh install', '  - [x] 2.1 Read the flag', '  - [-] 2.2 Write the flag', '  - [ ]* 2.3 Optional test', '- [ ] 2.4 Create the controller', '- [ ] 3. Later', '  - [ ] 3.1 Something');
    assert.equal(apply(kiro, tickPhaseTasksEdit(kiro, 2)), kiro.replace('- [-] 2.2', '- [x] 2.2').replace('- [ ] 2.4', '- [x] 2.4'));
    const done = kiro.replace('- [-] 2.2', '- [x] 2.2').replace('- [ ] 2.4', '- [x] 2.4');
    assert.deepEqual(tickPhaseTasksEdit(done, 2), { ok: false, reason: '"2. Detect a fresh install" has no open sub-tasks.' });
  });
});
