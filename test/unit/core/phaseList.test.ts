import * as assert from 'node:assert/strict';
import { parsePlan } from '../../../src/core';
import { joinLines } from '../support/helpers';

/** A list of the plan's phases with a box each, apart from the phases' own headings (see gsdRoadmap.test.ts for GSD's). */
describe('a list of phases under ## Progress Tracking / ## Progress Tracker', () => {
  it("reads spec-kit's plan.md: the Phase Status boxes are the phases' states, the gates are not phases", () => {
    const plan = parsePlan(
      joinLines(
        '# Implementation Plan: Feature Flags',
        '',
        '## Constitution Check',
        '- [x] Tests first',
        '- [x] No service locator',
        '',
        '## Phase 0: Outline & Research',
        'Research notes.',
        '',
        '## Phase 1: Design & Contracts',
        'Contracts.',
        '',
        '## Phase 2: Task Planning Approach',
        'How tasks.md will be made.',
        '',
        '## Progress Tracking',
        '',
        '**Phase Status**:',
        '- [x] Phase 0: Research complete (/plan command)',
        '- [x] Phase 1: Design complete (/plan command) - contracts written',
        '- [x] Phase 2: Task planning complete (/plan command - describe approach only)',
        '- [ ] Phase 3: Tasks generated (/tasks command)',
        '- [ ] Phase 4: Implementation complete',
        '',
        '**Gate Status**:',
        '- [x] Initial Constitution Check: PASS',
        '- [ ] Complexity deviations documented',
      ),
    );
    assert.equal(plan.isPlan, true);
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.headingLine >= 0]),
      [
        ['Phase 0: Research complete (/plan command)', 'done', true],
        ['Phase 1: Design complete (/plan command)', 'done', true],
        // Cut at a dash outside brackets only.
        ['Phase 2: Task planning complete (/plan command - describe approach only)', 'done', true],
        ['Phase 3: Tasks generated (/tasks command)', 'open', false],
        ['Phase 4: Implementation complete', 'open', false],
      ],
    );
    assert.equal(plan.phases[plan.currentPhase].label, 'Phase 3: Tasks generated (/tasks command)');
  });

  it('takes a `## Progress Tracker` list over the phase headings, whose tasks are the progress', () => {
    const plan = parsePlan(
      joinLines(
        '# Migration Plan',
        '',
        '## Progress Tracker',
        '- [x] Phase 1: Inventory',
        '- [ ] Phase 2: Branches',
        '',
        '## Phase 1: Inventory',
        'Written down in the wiki.',
        '',
        '## Phase 2: Branches',
        '- [x] Create the branch',
        '- [ ] Push it',
      ),
    );
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, `${p.progress.done}/${p.progress.total}`]),
      [
        ['Phase 1: Inventory', 'done', '0/0'],
        ['Phase 2: Branches', 'inProgress', '1/2'],
      ],
    );
    assert.equal(plan.currentPhase, 1);
  });

  it('puts a phase heading no item names in by its number, not after the list (two Phase lines written without `- `)', () => {
    const plan = parsePlan(
      joinLines(
        '# Implementation Plan: Climbing Log',
        '',
        '## Phase 0: Outline & Research',
        'Notes.',
        '',
        '## Phase 1: Design & Contracts',
        'Contracts.',
        '',
        '## Progress Tracking',
        '',
        '**Phase Status**:',
        '[x] Phase 0: Research complete (/plan command)',
        '[x] Phase 1: Design complete (/plan command)',
        '',
        '- [ ] Phase 2: Task planning complete (/plan command)',
        '- [ ] Phase 3: Tasks generated (/tasks command)',
        '- [ ] Phase 4: Implementation complete',
      ),
      { path: 'specs/001-climbing-log/plan.md' },
    );
    assert.deepEqual(
      plan.phases.map((p) => p.number),
      [0, 1, 2, 3, 4],
    );
  });

  it('needs two Phase items: one is a note, and the headings stay the phases', () => {
    const plan = parsePlan(joinLines('# Plan', '', '## Progress', '- [x] Phase 1: kicked off', '- [ ] write the summary', '', '## Phase 1: Build', '- [ ] a', '', '## Phase 2: Ship', '- [ ] b'));
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.trackingTask]),
      [
        ['Phase 1: Build', -1],
        ['Phase 2: Ship', -1],
      ],
    );
  });

  it('reads a table of the phases with a status column: its rows are the phases\' states, named by their headings', () => {
    const plan = parsePlan(
      joinLines(
        '# Multi-provider LLM Implementation Plan',
        '',
        '## Progress',
        '| Phase | Status |',
        '| --- | --- |',
        '| Phase 1 | ✅ Complete |',
        '| Phase 2 | 🔄 In Progress |',
        '| Phase 3 | Not started |',
        '',
        '## Phase 1: Types',
        '- [x] a',
        '## Phase 2: Service',
        '- [ ] b',
        '## Phase 3: Settings UI',
        '- [ ] c',
      ),
    );
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.progress.total]),
      [
        ['Phase 1: Types', 'done', 1],
        ['Phase 2: Service', 'inProgress', 1],
        ['Phase 3: Settings UI', 'open', 1],
      ],
    );
    assert.equal(plan.currentPhase, 1);
    // Not the plan's Status Tracking: no tracking rule reads it.
    assert.equal(plan.phases[0].trackingRow, undefined);
  });

  it('reads a list or table of the phases under a heading in another language, and status cells in other languages', () => {
    const table = (heading: string, column: string, ...cells: string[]) =>
      parsePlan(
        joinLines('# 任务计划', '', '## Phase 1: 初始化', '- [x] a', '## Phase 2: 核心服务', '- [ ] b', '## Phase 3: 测试', '- [ ] c', '', `## ${heading}`, '', `| Phase | ${column} |`, '|---|---|', ...cells.map((c, i) => `| Phase ${i + 1} | ${c} |`)),
      ).phases.map((p) => p.state);
    assert.deepEqual(table('进度跟踪', '状态', '已完成', '进行中', '未开始'), ['done', 'inProgress', 'open']);
    assert.deepEqual(table('Progreso', 'Estado', 'Completado', 'En progreso', 'Pendiente'), ['done', 'inProgress', 'open']);
    // 未完成 ("not completed") holds 完成 ("completed"), and is not done.
    assert.deepEqual(table('进度', '状态', '✅', '未完成', '未完成'), ['done', 'open', 'open']);
    // Not a list of the phases under another heading: the boxes say.
    assert.deepEqual(table('错误记录', '状态', '已完成', '已完成', '已完成'), ['done', 'open', 'open']);
  });
});
