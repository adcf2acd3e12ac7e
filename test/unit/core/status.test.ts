import * as assert from 'node:assert/strict';
import { DEFAULT_STATUSES, parsePlan } from '../../../src/core';
import { contradictions, isInProgress, plainText, statusCategory } from '../../../src/core/status';
import { joinLines } from '../helpers';

const plan = (status: string | undefined, ...tasks: string[]) =>
  parsePlan(joinLines('# P', '', ...(status === undefined ? [] : [`**Status:** ${status}`]), '', '## Status Tracking', '', ...tasks));

describe('extension/views/planStatus', () => {
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

  it('isInProgress: by status, or by the boxes when the status is not a configured one', () => {
    assert.equal(isInProgress(plan('Implementation In Progress', '- [ ] a'), DEFAULT_STATUSES), true);
    assert.equal(isInProgress(plan('Completed', '- [ ] a'), DEFAULT_STATUSES), false);
    assert.equal(isInProgress(plan('Planning Complete', '- [x] a', '- [ ] b'), DEFAULT_STATUSES), false);
    assert.equal(isInProgress(plan('Blocked', '- [x] a', '- [ ] b'), DEFAULT_STATUSES), true);
    assert.equal(isInProgress(plan(undefined, '- [ ] a'), DEFAULT_STATUSES), false);
  });

  it('contradictions: Completed with open items, every tracking item done but not Completed', () => {
    assert.deepEqual(contradictions(plan('Completed', '- [ ] Phase 1: A'), DEFAULT_STATUSES).map((f) => f.code), ['completed-with-open-items']);
    assert.deepEqual(contradictions(plan('Implementation In Progress', '- [x] Phase 1: A'), DEFAULT_STATUSES).map((f) => f.code), [
      'tracking-done-not-completed',
    ]);
    assert.deepEqual(contradictions(plan('Completed', '- [x] Phase 1: A'), DEFAULT_STATUSES), []);
    // Placeholders are not contradictions.
    assert.deepEqual(contradictions(plan('[Planning Complete / Implementation In Progress / Completed]', '- [ ] [Task]'), DEFAULT_STATUSES), []);
  });

  it('plainText keeps the words of emphasis, code and links', () => {
    assert.equal(plainText('Run `./stack check` on **all** [files](http://x) ~~now~~'), 'Run ./stack check on all files now');
  });
});
