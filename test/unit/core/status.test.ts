import * as assert from 'node:assert/strict';
import { DEFAULT_STATUSES, isCompleted, isInProgress, parsePlan, planStanding, statusCategory, statusGroup, statusIndex, statusLabel, type Plan } from '../../../src/core';
import { joinLines } from '../support/helpers';

const plan = (status: string | undefined, ...tasks: string[]) =>
  parsePlan(joinLines('# P', '', ...(status === undefined ? [] : [`**Status:** ${status}`]), '', '## Status Tracking', '', ...tasks));

describe('core/status', () => {
  it('statusCategory: first planning, last completed, between in progress, case-insensitive', () => {
    const cases: ReadonlyArray<readonly [string | undefined, string]> = [
      ['Planning Complete', 'planning'],
      ['implementation in progress', 'inProgress'],
      [' Completed ', 'completed'],
      ['Blocked', 'unknown'],
      [undefined, 'none'],
      ['', 'none'],
    ];
    for (const [status, category] of cases) assert.equal(statusCategory(status, DEFAULT_STATUSES), category, String(status));
  });

  it('statusCategory follows the configured list: a one-status list is completed, an empty one knows nothing', () => {
    assert.equal(statusCategory('Draft', ['Draft', 'Review', 'Shipped']), 'planning');
    assert.equal(statusCategory('review', ['Draft', 'Review', 'Shipped']), 'inProgress');
    assert.equal(statusCategory('Completed', ['Draft', 'Review', 'Shipped']), 'unknown');
    assert.equal(statusCategory('Done', ['Done']), 'completed');
    assert.equal(statusCategory('Done', []), 'unknown');
    // The template's statuses also know a status that only says finished; a team's own list is taken as it is.
    for (const finished of ['Complete', 'done', '✅ Done', 'FINISHED.', '**Completed**']) assert.equal(statusCategory(finished, DEFAULT_STATUSES), 'completed', finished);
    for (const other of ['Not done', 'Planning Complete', 'Complete (pending review)', 'Done soon', 'V1 COMPLETE']) assert.notEqual(statusCategory(other, DEFAULT_STATUSES), 'completed', other);
    assert.equal(statusCategory('Complete', ['Draft', 'Review', 'Shipped']), 'unknown');
  });

  it('statusIndex: the position among the configured statuses, trimmed and case-insensitive, -1 otherwise', () => {
    assert.equal(statusIndex('  COMPLETED', DEFAULT_STATUSES), DEFAULT_STATUSES.length - 1);
    assert.equal(statusIndex('Planning Complete', [' planning complete ', 'Completed']), 0);
    assert.equal(statusIndex('Blocked', DEFAULT_STATUSES), -1);
    assert.equal(statusIndex(undefined, DEFAULT_STATUSES), -1);
    assert.equal(statusIndex('  ', DEFAULT_STATUSES), -1);
  });

  it('isInProgress: by status, or by the boxes when the status is not a configured one', () => {
    assert.equal(isInProgress(plan('Implementation In Progress', '- [ ] a'), DEFAULT_STATUSES), true);
    assert.equal(isInProgress(plan('Completed', '- [ ] a'), DEFAULT_STATUSES), false);
    assert.equal(isInProgress(plan('Planning Complete', '- [x] a', '- [ ] b'), DEFAULT_STATUSES), false);
    assert.equal(isInProgress(plan('Blocked', '- [x] a', '- [ ] b'), DEFAULT_STATUSES), true);
    assert.equal(isInProgress(plan(undefined, '- [ ] a'), DEFAULT_STATUSES), false);
  });

  describe('isCompleted: a configured status decides; without one, the boxes do', () => {
    const cases: ReadonlyArray<readonly [string, string | undefined, string[], boolean]> = [
      ['the last status', 'Completed', ['- [ ] a'], true],
      ['the last status, any case', ' completed ', ['- [x] a'], true],
      ['every box ticked but the status says in progress', 'Implementation In Progress', ['- [x] a', '- [x] b'], false],
      ['every box ticked but the status says planning', 'Planning Complete', ['- [x] a'], false],
      ['no status, every box ticked', undefined, ['- [x] a', '- [x] b'], true],
      ['no status, a box open', undefined, ['- [x] a', '- [ ] b'], false],
      ['no status, no boxes', undefined, [], false],
      ['a status that is not configured, every box ticked', 'Blocked', ['- [x] a'], true],
      ['a status that is not configured, a box open', 'Blocked', ['- [x] a', '- [ ] b'], false],
      // Finished in other words than the template's: the status decides, as "Completed" does.
      ['"Done", a box open', 'Done', ['- [x] a', '- [ ] b'], true],
      ['"✅ COMPLETE", a box open', '✅ COMPLETE', ['- [ ] a'], true],
      ['"Not done", every box ticked', 'Not done', ['- [x] a'], true],
      ['"Not done", a box open', 'Not done', ['- [x] a', '- [ ] b'], false],
      ['no status, a box skipped and the rest ticked', undefined, ['- [x] a', '- [~] b'], true],
    ];
    for (const [name, status, tasks, expected] of cases) {
      it(`${name} → ${expected}`, () => assert.equal(isCompleted(plan(status, ...tasks), DEFAULT_STATUSES), expected));
    }
  });

  describe('statusLabel: the status; where the boxes stand for a kind that never says; else "No status"', () => {
    const specKit = (...tasks: string[]) => parsePlan(joinLines('# Tasks: Albums', '', '## Phase 1: Setup', ...tasks));
    it('a spec-kit tasks.md says where its boxes stand', () => {
      assert.equal(statusLabel(specKit('- [ ] T001 a', '- [ ] T002 b')), 'Not started');
      assert.equal(statusLabel(specKit('- [x] T001 a', '- [ ] T002 b')), 'In progress');
      assert.equal(statusLabel(specKit('- [/] T001 a', '- [ ] T002 b')), 'In progress');
      assert.equal(statusLabel(specKit('- [x] T001 a', '- [X] T002 b')), 'Done');
      // planStanding, for the icons: the same, as categories.
      assert.equal(planStanding(specKit('- [ ] T001 a', '- [ ] T002 b'), DEFAULT_STATUSES), 'planning');
      assert.equal(planStanding(specKit('- [x] T001 a', '- [ ] T002 b'), DEFAULT_STATUSES), 'inProgress');
      assert.equal(planStanding(specKit('- [x] T001 a', '- [X] T002 b'), DEFAULT_STATUSES), 'completed');
    });
    it('a plan that has a status shows it, and one of a kind with a header that has none says so', () => {
      assert.equal(statusLabel(parsePlan(joinLines('# Tasks: Albums', '', '**Status:** Blocked', '', '- [x] T001 a', '- [x] T002 b'))), 'Blocked');
      const template = parsePlan(joinLines('# Sync', '', '## Status Tracking', '- [x] Phase 1: A', '- [x] Phase 2: B'));
      assert.equal(template.kind, 'template');
      assert.equal(statusLabel(template), 'No status');
      assert.equal(planStanding(template, DEFAULT_STATUSES), 'none');
      // A kind without a header that says it in its tool's words stands where its boxes do; one with a header keeps `unknown`.
      const story = parsePlan(joinLines('# Story 1.2: Import', '', '## Status', '', 'Review', '', '## Tasks / Subtasks', '- [x] Task 1', '  - [x] a', '- [ ] Task 2', '  - [ ] b'));
      assert.equal(story.kind, 'bmad');
      assert.equal(planStanding(story, DEFAULT_STATUSES), 'inProgress');
      assert.equal(statusLabel(story), 'Review');
      assert.equal(planStanding(parsePlan(joinLines('# Sync', '**Status:** Blocked', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B')), DEFAULT_STATUSES), 'unknown');
      assert.equal(statusLabel(parsePlan(joinLines('# Notes', 'Text.'))), 'No status');
    });
  });

  describe('statusGroup: the group a plan counts in is the one its pill names', () => {
    const specKit = (...tasks: string[]) => parsePlan(joinLines('# Tasks: Albums', '', '## Phase 1: Setup', ...tasks));
    const group = (p: Plan) => {
      const g = statusGroup(p, DEFAULT_STATUSES);
      return [g.label, g.category, g.order];
    };
    it('configured statuses in their order, then kinds without a header by their boxes, then other statuses, then none', () => {
      const header = (status: string) => parsePlan(joinLines('# Sync', `**Status:** ${status}`, '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B'));
      assert.deepEqual(group(header('implementation in progress')), ['implementation in progress', 'inProgress', 1]);
      assert.deepEqual(group(specKit('- [ ] T001 a')), ['Not started', 'planning', 1000]);
      assert.deepEqual(group(specKit('- [x] T001 a', '- [ ] T002 b')), ['In progress', 'inProgress', 1001]);
      assert.deepEqual(group(specKit('- [x] T001 a')), ['Done', 'completed', 1002]);
      assert.deepEqual(group(header('Blocked')), ['Blocked', 'unknown', 2000]);
      assert.deepEqual(group(parsePlan(joinLines('# Sync', '## Status Tracking', '- [x] Phase 1: A'))), ['No status', 'none', Number.MAX_SAFE_INTEGER]);
    });
    it('plans share a group by the status, in any case, and a status never shares one with the boxes', () => {
      const key = (p: Plan) => statusGroup(p, DEFAULT_STATUSES).key;
      const header = (status: string) => parsePlan(joinLines('# Sync', `**Status:** ${status}`, '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B'));
      assert.equal(key(header('Blocked')), key(header(' BLOCKED ')));
      assert.notEqual(key(header('In progress')), key(specKit('- [x] T001 a', '- [ ] T002 b')));
      assert.equal(key(specKit('- [x] T001 a', '- [ ] T002 b')), key(specKit('- [/] T001 a')));
    });
  });
});
