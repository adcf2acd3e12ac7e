import * as assert from 'node:assert/strict';
import { checkPlan, parsePlan, type Finding, type FindingCode } from '../../../../src/core';
import { joinLines, seedTemplate } from '../../support/helpers';

const STRUCTURE: ReadonlySet<FindingCode> = new Set(['phase-not-tracked', 'tracked-phase-missing', 'duplicate-phase-number', 'phase-done-with-open-tasks']);

function structure(text: string): Finding[] {
  return checkPlan(parsePlan(text), text).filter((f) => STRUCTURE.has(f.code));
}

/** `code@line:text` with the text the finding's range covers, so the range is checked too. */
function describeFindings(text: string): string[] {
  const lines = text.split('\n');
  return structure(text).map((f) => `${f.code}@${f.line}:${lines[f.line].slice(f.start, f.end)}`);
}

const header = ['# Plan', '**Created:** 2026-01-01', '**Status:** Implementation In Progress', ''];

describe('structure rules', () => {
  const cases: [string, string, string[]][] = [
    [
      'a roadmap phase without a tracking item',
      joinLines(...header, '## Roadmap', '### Phase 1: Setup', '- [x] a', '### Phase 2: Build', '- [ ] b', '## Status Tracking', '- [x] Phase 1: Setup'),
      ['phase-not-tracked@7:Phase 2: Build'],
    ],
    [
      'every roadmap phase tracked',
      joinLines(...header, '### Phase 1: Setup', '- [x] a', '### Phase 2: Build', '- [ ] b', '## Status Tracking', '- [x] Phase 1: Setup', '- [ ] Phase 2: Build'),
      [],
    ],
    ['roadmap phases in a plan without Status Tracking', joinLines(...header, '### Phase 1: Setup', '- [ ] a', '### Phase 2: Build'), []],
    [
      'a tracking item for a phase the roadmap lacks',
      joinLines(...header, '### Phase 1: Setup', '- [x] a', '## Status Tracking', '- [x] Phase 1: Setup', '- [ ] Phase 2: Ship it'),
      ['tracked-phase-missing@8:Phase 2: Ship it'],
    ],
    [
      'tracking items without any roadmap phases (a Status Tracking list on its own)',
      joinLines(...header, '## Status Tracking', '- [x] Phase 1: Setup', '- [ ] Phase 2: Ship it'),
      [],
    ],
    [
      'a tracking phase linked to a section by name',
      joinLines(...header, '### Phase 1: Setup', '- [x] a', '## Quality Checks', '- [ ] lint', '## Status Tracking', '- [x] Phase 1: Setup', '- [ ] Phase 2: Quality Checks'),
      [],
    ],
    [
      'two roadmap headings with the same number',
      joinLines(...header, '### Phase 1: Setup', '### Phase 1: Build', '## Status Tracking', '- [ ] Phase 1: Setup'),
      ['duplicate-phase-number@5:Phase 1: Build'],
    ],
    [
      // A real plan's parts `Fase 3.D.2` and `Fase 3.D.3`: a letter in the sub-number, as `3.1.2` has digits.
      'parts of a phase numbered with a letter, at the phase heading level',
      joinLines(...header, '## Phase 3: Core', '- [x] a', '## Phase 3.D.2: Detail', '- [ ] b', '## Fase 3.D.3: Más', '- [ ] c', '## Phase 3.A: First', '- [ ] d'),
      [],
    ],
    [
      // The title's "Tasks" says what the document is, not that its appendix's headings are the roadmap's.
      'a spec-kit appendix that repeats a phase heading without tasks',
      joinLines('# Tasks: Login', '', '## Phase 1: Setup', '- [ ] T001 a', '- [ ] T002 b', '', '## File Creation Order', '', '### Phase 1: Setup (15 minutes)', '1. `a.ts`'),
      [],
    ],
    [
      // Details first, then a checklist of the same phases: the headings with tasks are the roadmap's.
      'phases described in prose, then listed again with their tasks',
      joinLines('# Search Implementation Plan', '', '## Phase 1: Setup', 'Create the schema.', '', '## Phase 2: API', 'Add the endpoint.', '', '## Summary Checklist', '', '### Phase 1: Setup', '- [x] Create schema', '', '### Phase 2: API', '- [ ] Add endpoint'),
      [],
    ],
    [
      'a repeated phase heading inside a roadmap section, without tasks',
      joinLines('# Tasks: Login', '', '## Phases', '### Phase 1: Setup', '- [ ] T001 a', '### Phase 1: Setup again'),
      ['duplicate-phase-number@5:Phase 1: Setup again'],
    ],
    [
      'two phase headings of the same number in one section, at the top level',
      joinLines('# Plan', '', '## Phase 1: Build', '- [x] a', '## Phase 1: Ship', '- [ ] b', '## Phase 2: Docs', '- [ ] c'),
      ['duplicate-phase-number@4:Phase 1: Ship'],
    ],
    [
      // Real plans: session notes (`## Session 5 Notes — Phase 4 Complete` / `### Phase 4 Highlights`)
      // and an analysis (`## Existing Phase Improvement Analysis` / `### Phase 1-8 Improvements Needed`).
      'a Phase heading in another section that is about a phase, not a second one',
      joinLines('# Plan', '', '## Phase 1: Build', '- [x] a', '## Phase 2: Ship', '- [ ] b', '', '## Session 5 Notes — Phase 2 Complete', '### Phase 2 Highlights', 'Shipped.', '## Existing Phase Improvement Analysis', '### Phase 1-2 Improvements Needed', '| a | b |'),
      [],
    ],
    [
      'two rollout steps with the same number',
      joinLines(...header, '### Step 1: Implement', '- [ ] a', '### Step 1: Test', '- [ ] b'),
      ['duplicate-phase-number@6:Step 1: Test'],
    ],
    [
      'the same phase twice in Status Tracking',
      joinLines(...header, '### Phase 1: Setup', '- [ ] a', '## Status Tracking', '- [ ] Phase 1: Setup', '- [ ] Phase 1: Setup again'),
      ['duplicate-phase-number@8:Phase 1: Setup again'],
    ],
    [
      'a phase ticked while its tasks are open',
      joinLines(...header, '### Phase 1: Setup', '- [x] a', '- [ ] b', '- [-] c', '## Status Tracking', '- [x] Phase 1: Setup'),
      ['phase-done-with-open-tasks@9:Phase 1: Setup'],
    ],
    [
      'a phase heading marked done over open tasks, and one whose tasks are done',
      joinLines('# Plan', '', '## Phase 1: Setup ✅', '- [x] a', '## Phase 2: API ✅', '- [x] b', '- [ ] c', '- [-] d', '## Phase 3: Docs — DONE', '- [x] e', '## Phase 4: Later', '- [ ] f'),
      ['phase-done-with-open-tasks@4:Phase 2: API ✅'],
    ],
    [
      // Its own status line, under the heading or closing its list; not one in code, nor one that is not done.
      'a phase whose status line says done over open tasks',
      joinLines('# Plan', '', '## Phase 1: Setup', '**Status:** ✅ Completed', '- [x] a', '- [ ] b', '## Phase 2: API', '- [x] c', '- **Status:** complete', '## Phase 3: Docs', '```', '**Status:** done', '```', '- [ ] d', '## Phase 4: Later', '**Status:** In progress', '- [ ] e'),
      ['phase-done-with-open-tasks@3:✅ Completed'],
    ],
    [
      'a phase heading marked done under a tracked phase: the Status Tracking item decides',
      joinLines(...header, '### Phase 1: Setup ✅', '- [ ] a', '## Status Tracking', '- [ ] Phase 1: Setup'),
      [],
    ],
    [
      // Kiro: the task's own tick makes its phase done; its open sub-tasks (nested, or `2.2` at its
      // indent after it, or in progress) say otherwise. Optional ones (`[ ]*`, `[ ]\*`) do not.
      'a Kiro task ticked while required sub-tasks are open',
      joinLines('# Implementation Plan', '', '- [x] 1. Set up', '  - [x] 1.1 Scaffold', '  - [ ]* 1.2 Optional test', '  - [ ]\\* 1.3 Optional docs', '- [x] 2. Detect a fresh install', '  - [x] 2.1 Read the flag', '  - [-] 2.2 Write the flag', '- [ ] 2.3 Create the controller', '- [ ] 3. Later', '  - [ ] 3.1 Something'),
      ['phase-done-with-open-tasks@6:2. Detect a fresh install'],
    ],
    [
      'a ticked milestone whose section has open tasks',
      joinLines(...header, '## Quality Checks', '- [ ] lint', '## Status Tracking', '- [x] Quality Checks Passed'),
      ['phase-done-with-open-tasks@7:Quality Checks Passed'],
    ],
    [
      'a ticked phase whose tasks are done or skipped',
      joinLines(...header, '### Phase 1: Setup', '- [x] a', '- [~] b', '## Status Tracking', '- [x] Phase 1: Setup'),
      [],
    ],
    [
      'an open phase with open tasks',
      joinLines(...header, '### Phase 1: Setup', '- [ ] a', '## Status Tracking', '- [ ] Phase 1: Setup'),
      [],
    ],
    [
      'numbered headings ("4.1 Phase 4 — Name") and bold labels',
      joinLines(...header, '### 4.1 Phase 4 — Deploy', '- [ ] a', '## Status Tracking', '- [ ] **Phase 4**: Deploy'),
      [],
    ],
  ];
  for (const [what, text, expected] of cases) it(what, () => assert.deepEqual(describeFindings(text), expected));

  it('says which phase and where, in words', () => {
    const text = joinLines(...header, '### Phase 1: Setup', '- [ ] a', '- [ ] b', '## Status Tracking', '- [x] Phase 1: Setup');
    const [f] = structure(text);
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, '"Phase 1: Setup" is ticked in Status Tracking but 2 tasks under "Phase 1: Setup" (line 5) are not done.');
  });

  it('finds nothing wrong with the structure of the seed template', () => {
    assert.deepEqual(describeFindings(seedTemplate()), []);
  });

  it('the unedited seed template yields exactly its placeholders and the status choice list', () => {
    const text = seedTemplate();
    const counts = new Map<string, number>();
    for (const f of checkPlan(parsePlan(text), text, { template: text })) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { placeholder: 46, 'status-placeholder': 1 });
  });
});
