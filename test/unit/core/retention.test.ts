import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePlan, type Plan } from '../../../src/core';

/** The garbage collector, which mocha's Node does not expose: the flag, then a context made after it. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** A plan of every part a model keeps a string of, then prose to make it large (about `kb` KB). */
function largePlan(i: number, kb: number): string {
  const head = [
    '---',
    `title: Front matter title ${i} — long enough to be a slice`,
    'status: Implementation In Progress',
    `owner: someone-with-a-long-name-${i}`,
    '---',
    `# Plan number ${i}: a title long enough to be a slice 🚀`,
    '',
    `**Created:** 2026-01-${String((i % 28) + 1).padStart(2, '0')} at the start of the quarter`,
    `**Planner:** a planner model with a long name ${i}`,
    '**Status:** Implementation In Progress',
    '',
    '## Implementation Roadmap',
    '',
    `### Phase 1: Foundations of the work number ${i}`,
    '- [x] lay the first part of the foundations',
    `### Phase 2: Second stage of the work number ${i}`,
    '- [ ] build the second part on the first',
    '',
    '## Rollout Plan',
    '',
    `### Step 1: Ship it to the first ring ${i}`,
    '- [ ] ship to the first ring of users',
    '',
    '## Quality Checks',
    '- [ ] run every check there is',
    '',
    '## Status Tracking',
    '',
    `- [x] Phase 1: Foundations of the work number ${i}`,
    `- [ ] Phase 2: Second stage of the work number ${i}`,
    '- [ ] Quality Checks Passed and nothing else left',
    '',
    '| Item | Status |',
    '| --- | --- |',
    `| Documentation written for plan ${i} | ✅ Done |`,
    '',
  ].join('\n');
  const prose = `Prose that only makes the document large, plan ${i}: lorem ipsum dolor sit amet. `;
  return `${head}\n${prose.repeat(Math.ceil((kb * 1024) / prose.length))}\n`;
}

describe('what a parsed plan keeps', function () {
  this.timeout(60_000);

  it('keeps none of its document alive: title, status, fields, front matter and phases are its own strings', () => {
    const gc = collector();
    const count = 24;
    const kb = 256;
    const parse = (i: number): Plan => {
      const plan = parsePlan(largePlan(i, kb));
      // Read everything a view reads, as the index's users do.
      void plan.tasks;
      void plan.sections;
      return plan;
    };
    parse(-1); // the parser's own first-use allocations, before the baseline
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const plans = Array.from({ length: count }, (_, i) => parse(i));
    parse(-2); // what the core keeps of the last plan parsed (its caches) is this one's
    gc();
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    // Each document is 256 K code units, two bytes each (it holds an emoji): 12 MB for 24 of them.
    // The models alone are a few KB each.
    assert.ok(retained < 2 * 1024 * 1024, `retained ${(retained / 1048576).toFixed(1)} MB for ${count} plans of ${kb * 2} KB each`);

    const plan = plans[7];
    assert.equal(plan.title, 'Plan number 7: a title long enough to be a slice 🚀');
    assert.equal(plan.status, 'Implementation In Progress');
    assert.deepEqual(
      plan.fields.map((f) => [f.key, f.value]),
      [['Created', '2026-01-08 at the start of the quarter'], ['Planner', 'a planner model with a long name 7'], ['Status', 'Implementation In Progress']],
    );
    assert.equal((plan.frontMatter as { owner?: string }).owner, 'someone-with-a-long-name-7');
    assert.deepEqual(
      plan.phases.map((p) => p.name),
      ['Foundations of the work number 7', 'Second stage of the work number 7', 'Quality Checks Passed and nothing else left', 'Documentation written for plan 7'],
    );
    assert.deepEqual(plan.steps.map((s) => s.label), ['Step 1: Ship it to the first ring 7']);
  });
});
