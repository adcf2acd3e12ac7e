import * as assert from 'assert';
import { parsePlan, parserWarmUp, WARM_UP_SAMPLE } from '../../../src/core';

describe('parser warm-up', () => {
  it('is steps that each run the parser once, and return nothing', () => {
    const steps = parserWarmUp();
    assert.ok(steps.length >= 2);
    for (const step of steps) assert.strictEqual(step(), undefined);
  });

  it('runs over a sample with the shapes the parser has code for', () => {
    const plan = parsePlan(WARM_UP_SAMPLE);
    assert.strictEqual(plan.kind, 'template');
    assert.strictEqual(plan.status, 'Implementation In Progress');
    assert.ok(plan.frontMatter);
    assert.deepStrictEqual(plan.phases.map((p) => [p.label, p.state]), [['Phase 1: Scanner', 'done'], ['Phase 2: Model', 'open']]);
    assert.deepStrictEqual(plan.steps.map((p) => p.label), ['Step 1: Ship']);
    // Nested, quoted and ordered tasks count; the ones in the fence and the HTML block do not.
    assert.deepStrictEqual(plan.tasks.map((t) => t.text), ['It parses', 'Headings', 'Nested', 'Quoted', 'Ordered', 'Release', 'Phase 1: Scanner', 'Phase 2: Model']);
    assert.ok(plan.sections.some((s) => s.text === 'Rollout' && s.level === 2), 'the setext heading');
  });
});
