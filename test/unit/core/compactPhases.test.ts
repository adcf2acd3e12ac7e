import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { adoptPhases, packedPhasesFit, packPhases, parsePlan, phaseAt, phaseCount, phaseStorage, stepStorage, visitPhases, type Phase, type Plan } from '../../../src/core';
import { seedTemplate } from '../support/helpers';

/** Pushes every earlier plan's phase and step lists out of the materialised caches (they keep 64). */
function evict(): void {
  for (let i = 0; i < 70; i++) {
    const plan = parsePlan(`# E${i}\n## Status Tracking\n- [ ] Phase 1: x`);
    parsePlan('# F');
    void plan.phases;
    void plan.steps;
  }
}

/** Own keys and values, so a key present as undefined and a key absent differ. */
const copy = (phases: readonly Phase[]): Phase[] => phases.map((p) => ({ ...p }));

/** The phases and steps as the parser built them, then as unpacked from the compact storage. */
function bothWays(text: string): { primed: [Phase[], Phase[]]; unpacked: [Phase[], Phase[]]; plan: Plan } {
  const plan = parsePlan(text);
  const primed: [Phase[], Phase[]] = [copy(plan.phases), copy(plan.steps)];
  evict();
  return { primed, unpacked: [copy(plan.phases), copy(plan.steps)], plan };
}

const fixtureTexts = (): [string, string][] => {
  const root = path.join(__dirname, '..', '..', 'fixtures');
  const files = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md')).sort();
  return [['seed template', seedTemplate()], ...files.map((f): [string, string] => [f, fs.readFileSync(path.join(root, f), 'utf8')])];
};

describe('compact phase storage', () => {
  it('gives back every field of every phase and step, key for key, after the caches let them go (every fixture)', () => {
    const seen = { phases: 0, steps: 0, row: 0, milestone: 0, noNumber: 0, nameApart: 0, notMeasurable: 0 };
    for (const [name, text] of fixtureTexts()) {
      const { primed, unpacked } = bothWays(text);
      assert.deepStrictEqual(unpacked, primed, name);
      for (const p of [...primed[0], ...primed[1]]) {
        if (p.trackingRow !== undefined) seen.row++;
        if (p.kind === 'milestone') seen.milestone++;
        if (p.number === undefined) seen.noNumber++;
        if (!p.label.endsWith(p.name)) seen.nameApart++;
        if (!p.measurable) seen.notMeasurable++;
      }
      seen.phases += primed[0].length;
      seen.steps += primed[1].length;
    }
    // The fixtures hold every shape the packing has a path for.
    for (const [shape, n] of Object.entries(seen)) assert.ok(n > 0, `no ${shape} in the fixtures`);
  });

  it('keeps labels of any character, numbers of any size, and lines and counts past 16 bits', () => {
    const tasks = Array.from({ length: 66_000 }, () => '- [x] t').join('\n');
    const text = [
      '# P',
      '## Status Tracking',
      '- [x] Phase 1: Ünïcödé — ～ 😀',
      '- [ ] Phase 123456789012345: Huge',
      '- [-] Phase 3: lone \ud800 surrogate',
      '- [ ] Deploy ✅',
      '## Implementation Roadmap',
      '### Phase 1: Ünïcödé — ～ 😀',
      tasks,
      '## Rollout Plan',
      '### Step 1: Canary',
      '- [ ] ship',
      ...Array.from({ length: 70_000 }, () => ''),
      '### Phase 9: Late',
      '- [ ] t',
    ].join('\n');
    const { primed, unpacked } = bothWays(text);
    assert.ok(primed[0].some((p) => p.number === 123456789012345));
    assert.ok(primed[0].some((p) => p.progress.done === 66_000));
    assert.ok(primed[0].some((p) => p.headingLine > 0xffff));
    assert.equal(primed[1].length, 1);
    const lone = (phases: Phase[]) => phases.map((p) => ({ ...p, label: p.label.replace('\ud800', '\ufffd'), name: p.name.replace('\ud800', '\ufffd') }));
    assert.deepStrictEqual(unpacked[0], lone(primed[0]));
    assert.deepStrictEqual(unpacked[1], primed[1]);
  });

  it('keeps phases and steps in one byte array, and any list packed on its own reads back the same', () => {
    const plan = parsePlan(seedTemplate());
    const packed = phaseStorage.packedOf(plan)!;
    assert.ok(packed && stepStorage.packedOf(plan) === packed);
    assert.equal(packed.phases, plan.phases.length);
    assert.equal(packed.count, plan.phases.length + plan.steps.length);
    assert.ok(plan.steps.length > 0 && plan.phases.length > 0);
    // A plain plan (a spread) packed now, as the index does with a plan painted from its snapshot.
    const plain = { phases: copy(plan.phases), steps: copy(plan.steps) };
    const target = {};
    adoptPhases(target, packPhases(plain.phases, plain.steps));
    assert.ok(phaseStorage.packedOf(target) === stepStorage.packedOf(target));
    evict();
    assert.deepStrictEqual(copy((target as Plan).phases), plain.phases);
    assert.deepStrictEqual(copy((target as Plan).steps), plain.steps);
    // A list on its own (`packedFrom` a plain object): packed alone, read back the same.
    const alone = {};
    stepStorage.adopt(alone, stepStorage.packedFrom(plain));
    assert.deepStrictEqual(copy((alone as Plan).steps), plain.steps);
  });

  it('tells whole packed phases from short or inconsistent ones', () => {
    const packed = packPhases(parsePlan(seedTemplate()).phases, []);
    assert.ok(packedPhasesFit(packed));
    assert.ok(!packedPhasesFit({ ...packed, bytes: packed.bytes.subarray(0, 10) }));
    assert.ok(!packedPhasesFit({ ...packed, phases: packed.count + 1 }));
    assert.ok(!packedPhasesFit({ ...packed, phases: -1 }));
  });
});

describe('reading a packed plan without unpacking its phases', () => {
  it('phaseCount, phaseAt and visitPhases give what plan.phases gives, packed or not (every fixture)', () => {
    let visited = 0;
    for (const [name, text] of fixtureTexts()) {
      for (const plan of [parsePlan(text), parsePlan(text, { transient: true })]) {
        evict();
        const phases = copy(plan.phases);
        assert.equal(phaseCount(plan), phases.length, name);
        for (let i = -1; i <= phases.length; i++) assert.deepStrictEqual(phaseAt(plan, i) && { ...phaseAt(plan, i) }, phases[i], `${name} #${i}`);
        assert.equal(phaseAt(plan, 0.5), undefined);
        const figures: object[] = [];
        visitPhases(plan, (f) => figures.push({ ...f }));
        assert.deepStrictEqual(
          figures,
          phases.map((p) => ({ section: p.section, trackingTask: p.trackingTask, trackingRow: p.trackingRow, state: p.state, done: p.progress.done, open: p.progress.open, inProgress: p.progress.inProgress, skipped: p.progress.skipped })),
          name,
        );
        visited += figures.length;
      }
    }
    assert.ok(visited > 100);
  });
});
