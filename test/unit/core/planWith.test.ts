import * as assert from 'assert';
import { PACKED_PLAN_KEYS, parsePlan, phaseStorage, planWith, sectionStorage, stepStorage, taskStorage, type Plan } from '../../../src/core';
import { fixture, fixtureNames, seedTemplate } from '../support/helpers';

const STORAGES = { tasks: taskStorage, sections: sectionStorage, phases: phaseStorage, steps: stepStorage };

describe('planWith: a copy of a plan with fields set, its packed lists shared', () => {
  const texts = [seedTemplate(), ...fixtureNames().map(fixture)];

  it('is the spread, key for key and in the same order, on the template and every fixture', () => {
    assert.ok(texts.length > 10);
    for (const text of texts) {
      for (const transient of [false, true]) {
        const plan = parsePlan(text, { transient });
        const spread = { ...plan, version: 7 };
        const copy = planWith(plan, { version: 7 });
        assert.deepEqual(Object.keys(copy), Object.keys(spread));
        assert.equal(JSON.stringify(copy), JSON.stringify(spread), text.slice(0, 80));
      }
    }
  });

  it('keeps the packed form of each list (no list unpacked into the copy)', () => {
    const plan = parsePlan(seedTemplate());
    assert.deepEqual([...PACKED_PLAN_KEYS].sort(), Object.keys(STORAGES).sort());
    const copy = planWith(plan, { version: 3, title: 'Renamed' });
    for (const [key, storage] of Object.entries(STORAGES)) {
      const packed = storage.packedOf(plan);
      assert.ok(packed, `${key} is packed in a parsed plan`);
      assert.equal(storage.packedOf(copy), packed, `${key}: the same packed form`);
      const property = Object.getOwnPropertyDescriptor(copy, key);
      assert.ok(property?.get && property.enumerable, `${key}: a getter, as in the plan`);
    }
    assert.deepEqual([copy.version, copy.title, plan.title], [3, 'Renamed', parsePlan(seedTemplate()).title]);
    assert.ok(copy.tasks.length > 10);
    assert.deepEqual(copy.tasks, plan.tasks);
  });

  it('copies a plain list as it is (a transient parse), and sets a field the plan did not have', () => {
    const plan: Plan = parsePlan(seedTemplate(), { transient: true });
    assert.equal(plan.version, undefined);
    const copy = planWith(plan, { version: 1 });
    for (const key of PACKED_PLAN_KEYS) assert.equal(copy[key as keyof Plan], plan[key as keyof Plan], key);
    assert.equal(Object.keys(copy).at(-1), Object.keys({ ...plan, version: 1 }).at(-1));
  });
});
