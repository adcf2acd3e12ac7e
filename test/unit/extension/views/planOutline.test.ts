import * as assert from 'node:assert/strict';
import { parsePlan } from '../../../../src/core';
import { headingLabel, outlineTasks, planOutline, type OutlineNode } from '../../../../src/extension/views/planOutline';
import { joinLines, seedTemplate } from '../../support/helpers';

/** The outline as indented lines: `# Group 1/3 {phase}` and `[x] Task {phase}`. */
function render(nodes: readonly OutlineNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    '  '.repeat(depth) +
      (node.kind === 'task'
        ? `[${node.task.mark}] ${node.task.text}${node.phase !== undefined ? ` {phase ${node.phase}}` : ''}`
        : `# ${node.label} ${node.progress.done}/${node.progress.total}${node.phase !== undefined ? ` {phase ${node.phase}}` : ''}`),
    ...render(node.children, depth + 1),
  ]);
}

const SEARCH_INDEX = joinLines(
  '# Rebuild the Search Index',
  '',
  '**Status:** Implementation In Progress',
  '',
  '## 4. Implementation Roadmap',
  '',
  '### Phase 1: Core Infrastructure',
  '',
  '- [x] Tokenizer',
  '- [x] Index writer',
  '',
  '### Phase 2: Module Implementation',
  '',
  '- [-] Incremental updates',
  '  - [ ] Deletes',
  '- [ ] Ranking',
  '',
  '## Status Tracking',
  '',
  '- [x] Phase 1: Core Infrastructure',
  '- [-] Phase 2: Module Implementation',
  '- [ ] Quality Checks Passed',
);

describe('extension/views/planOutline', () => {
  it('puts Status Tracking items first, then a group per level-2 section with subgroups per level-3 section', () => {
    assert.deepEqual(render(planOutline(parsePlan(SEARCH_INDEX))), [
      '[x] Phase 1: Core Infrastructure {phase 0}',
      '[-] Phase 2: Module Implementation {phase 1}',
      '[ ] Quality Checks Passed {phase 2}',
      '# Implementation Roadmap 2/5',
      '  # Phase 1: Core Infrastructure 2/2 {phase 0}',
      '    [x] Tokenizer',
      '    [x] Index writer',
      '  # Phase 2: Module Implementation 0/3 {phase 1}',
      '    [-] Incremental updates',
      '      [ ] Deletes',
      '    [ ] Ranking',
    ]);
  });

  it('keeps Phase bodies written under the Status Tracking heading out of the tracking items (issue #9)', () => {
    const text = joinLines('# P', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B', '---', '### Phase 1: A', '- [x] a1', '### Phase 2: B', '- [ ] b1');
    assert.deepEqual(render(planOutline(parsePlan(text))), [
      '[x] Phase 1: A {phase 0}',
      '[ ] Phase 2: B {phase 1}',
      '# Status Tracking 1/2',
      '  # Phase 1: A 1/1 {phase 0}',
      '    [x] a1',
      '  # Phase 2: B 0/1 {phase 1}',
      '    [ ] b1',
    ]);
  });

  it('hides done tasks and empty groups with hideDone, but keeps a done task that has open tasks under it', () => {
    const text = joinLines('# P', '', '## Work', '', '- [x] Parent', '  - [ ] Child', '- [x] Done', '', '## Done Section', '', '- [x] All done');
    assert.deepEqual(render(planOutline(parsePlan(text), { hideDone: true })), ['# Work 2/3', '  [x] Parent', '    [ ] Child']);
  });

  it('groups the template: Success Criteria, Quality Checks, Testing Strategy, Rollout steps, Success Validation', () => {
    const outline = planOutline(parsePlan(seedTemplate()));
    const groups = outline.filter((n) => n.kind === 'group').map((n) => (n.kind === 'group' ? `${n.label}: ${n.children.map((c) => (c.kind === 'group' ? c.label : 'task')).join(', ')}` : ''));
    assert.deepEqual(groups, [
      'Executive Summary: task, task, task',
      'Quality Checks: Architecture Compliance, Code Quality, Security Review',
      'Testing Strategy: Unit Tests, Integration Tests',
      'Rollout Plan: Step 1: Implementation, Step 2: Testing, Step 3: Documentation, Step 4: Deployment',
      `Success Validation: ${Array(12).fill('task').join(', ')}`,
    ]);
    const tracking = outline.filter((n) => n.kind === 'task');
    assert.equal(tracking.length, 8);
    // Every task appears exactly once.
    assert.equal([...outlineTasks(outline)].length, parsePlan(seedTemplate()).tasks.length);
  });

  it('gives every node a unique key, stable when lines move', () => {
    const text = joinLines('# P', '', '## A', '', '- [ ] Same', '- [ ] Same', '', '## A', '', '- [ ] Same');
    const keys = (t: string) => {
      const all: string[] = [];
      const walk = (nodes: readonly OutlineNode[]) => nodes.forEach((n) => (all.push(n.key), walk(n.children)));
      walk(planOutline(parsePlan(t)));
      return all;
    };
    const before = keys(text);
    assert.equal(new Set(before).size, before.length, before.join(' | '));
    assert.deepEqual(keys(`Intro line\n\n${text}`), before);
    // An ExecPlan step keeps its key when ticking writes its time in (the row keeps its focus).
    const step = joinLines('# P', '', '## Progress', '', '- [ ] Add the table', '', '## Decision Log', '', 'None.');
    assert.deepEqual(keys(step.replace('- [ ] Add', '- [x] (2026-12-03 21:40Z) Add')), keys(step));
  });

  it('shows tasks before the first level-2 section ungrouped, after the tracking items', () => {
    const text = joinLines('# P', '', '- [ ] Loose', '', '## Status Tracking', '', '- [ ] Phase 1: Go');
    assert.deepEqual(render(planOutline(parsePlan(text))), ['[ ] Phase 1: Go {phase 0}', '[ ] Loose']);
  });

  it('headingLabel drops the numbering only', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['6. Quality Checks', 'Quality Checks'],
      ['6.1 Architecture Compliance', 'Architecture Compliance'],
      ['10) Rollout Plan', 'Rollout Plan'],
      ['Phase 1: Core', 'Phase 1: Core'],
      ['2025 Goals', '2025 Goals'],
      ['42', '42'],
    ];
    for (const [heading, label] of cases) assert.equal(headingLabel(heading), label, heading);
  });
});
