import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { deflateTaskTexts, firstTaskIn, isTaskState, packedSectionsFit, TASK_STATES, packedTasksFit, parsePlan, planWith, sectionStorage, taskSection, taskStorage, type Plan } from '../../../src/core';
import type { Task, TaskState } from '../../../src/core';

/** Pushes every earlier plan's task list out of the materialised cache (it keeps 64). */
function evict(): void {
  for (let i = 0; i < 70; i++) void parsePlan(`# E${i}\n- [ ] t`).tasks;
}

/** The tasks as the parser built them, then as unpacked from the compact storage. */
function bothWays(text: string, options = {}): [readonly Task[], readonly Task[], Plan] {
  const plan = parsePlan(text, options);
  const primed = plan.tasks.map((t) => ({ ...t }));
  evict();
  return [primed, plan.tasks, plan];
}

describe('compact task storage', () => {
  it('gives back every field of every task after the cache let them go', () => {
    const text = ['# P', '## Status Tracking', '- [x] Phase 1: Core — done ✅', '  - [ ] sub 😀 task', '  - Evidence: ran it (2026-01-02)', '- [-] Phase 2', '> - [~] quoted', '', '- [ ]', '1. [X] Ünïcödé — ～'].join('\n');
    const [primed, unpacked] = bothWays(text);
    assert.equal(primed.length, 6);
    assert.deepStrictEqual(unpacked.map((t) => ({ ...t })), primed);
  });

  it('keeps every task state, which it stores as its index in TASK_STATES (the one list of states)', () => {
    const plan = parsePlan('# P\n- [ ] a\n- [x] b\n- [-] c\n- [~] d\n');
    assert.deepStrictEqual([...TASK_STATES].sort(), ['done', 'inProgress', 'open', 'skipped']);
    evict();
    assert.deepStrictEqual(plan.tasks.map((t) => t.state), ['open', 'done', 'inProgress', 'skipped']);
    assert.ok(TASK_STATES.every(isTaskState));
    for (const not of ['finished', 'Open', '', 0, undefined, null, ['open']]) assert.ok(!isTaskState(not), String(not));
  });

  it('keeps lines, columns and marks past 16 bits', () => {
    const lines = Array.from({ length: 70_000 }, (_, i) => (i === 0 || i === 65_537 || i === 69_999 ? `${' '.repeat(i === 65_537 ? 3 : 0)}- [x] task ${i}` : ''));
    const [primed, unpacked] = bothWays(lines.join('\n'));
    assert.deepStrictEqual(unpacked.map((t) => t.line), [0, 65_537, 69_999]);
    assert.deepStrictEqual(unpacked.map((t) => ({ ...t })), primed);
    // A mark whose code does not fit beside the state in 16 bits.
    const [p2, u2] = bothWays('- [\u{ff0b}] wide mark\n- [ ] plain', { marks: { ' ': 'open', '\u{ff0b}': 'done' } });
    assert.equal(u2[0].mark, '\u{ff0b}');
    assert.deepStrictEqual(u2.map((t) => ({ ...t })), p2);
  });

  it('keeps the texts of a list larger than the packing\'s scratch space, then of a small one after it', () => {
    // Over 64 KB of UTF-8 (emoji take four bytes): encoded on their own, not in the scratch space.
    const big = ['# P', ...Array.from({ length: 800 }, (_, i) => `- [${i % 2 ? 'x' : ' '}] task ${i} 😀 ${'ü'.repeat(40)}`)].join('\n');
    const [primed, unpacked] = bothWays(big);
    assert.equal(unpacked.length, 800);
    assert.deepStrictEqual(unpacked.map((t) => ({ ...t })), primed);
    const [p2, u2] = bothWays('# Q\n- [ ] é small\n- [x] ✅ second');
    assert.deepStrictEqual(u2.map((t) => t.text), ['é small', '✅ second']);
    assert.deepStrictEqual(u2.map((t) => ({ ...t })), p2);
  });

  it("serves the parser's own list only until the next parse (its texts are cut from the whole text)", () => {
    const plan = parsePlan('# P\n- [x] a task long enough to be a slice of the text\n- [ ] b');
    const parsed = plan.tasks;
    assert.strictEqual(plan.tasks, parsed, 'the reads that follow the parse get its list');
    parsePlan('# Q\n- [ ] another plan');
    const unpacked = plan.tasks;
    assert.notStrictEqual(unpacked, parsed, 'the cache of lists never holds the parse\'s own');
    assert.deepStrictEqual(unpacked.map((t) => ({ ...t })), parsed.map((t) => ({ ...t })));
    assert.strictEqual(plan.tasks, unpacked, 'then the unpacked list is cached');
  });

  it('is one enumerable `tasks` in JSON and spreads, with nothing else to see', () => {
    const plan = parsePlan('# P\n- [x] a\n- [ ] b');
    evict();
    assert.deepStrictEqual(Object.keys(plan).at(-1), 'tasks');
    assert.deepStrictEqual(JSON.parse(JSON.stringify(plan)).tasks.map((t: Task) => t.text), ['a', 'b']);
    assert.deepStrictEqual({ ...plan }.tasks.map((t) => t.state), ['done', 'open']);
    assert.deepStrictEqual(Object.getOwnPropertySymbols(plan).filter((s) => Object.getOwnPropertyDescriptor(plan, s)!.enumerable), []);
    assert.strictEqual(plan.tasks, plan.tasks, 'a materialised list is cached');
  });

  it('hands out the packed form, and another object adopts it as it is (the paint-first snapshot saves and reads it back)', () => {
    const text = '# P\n## A\n- [x] one ✅\n  - Evidence: ran it (2026-01-02)\n## B\n- [ ] two 😀';
    const plan = parsePlan(text);
    const tasks = taskStorage.packedOf(plan)!;
    const sections = sectionStorage.packedOf(plan)!;
    assert.ok(tasks.bytes instanceof Uint8Array && tasks.count === 2 && tasks.evidence?.length === 1);
    assert.strictEqual(sections.count, plan.sections.length);
    assert.strictEqual(taskStorage.packedOf({ tasks: plan.tasks }), undefined, 'a plain list has no packed form');
    // packedFrom: the form itself when there is one, else the list packed now (one home for "packed, or pack it").
    assert.strictEqual(taskStorage.packedFrom(plan), tasks);
    assert.strictEqual(sectionStorage.packedFrom(plan), sections);
    const packedNow = { tasks: taskStorage.packedFrom({ tasks: plan.tasks }), sections: sectionStorage.packedFrom({ sections: plan.sections }) };
    assert.notStrictEqual(packedNow.tasks, tasks);
    assert.deepStrictEqual([packedNow.tasks.count, [...packedNow.tasks.bytes], packedNow.tasks.evidence], [tasks.count, [...tasks.bytes], tasks.evidence]);
    assert.deepStrictEqual([packedNow.sections.count, [...packedNow.sections.bytes]], [sections.count, [...sections.bytes]]);
    // Read back from copies of the bytes, as the snapshot does, with the parser's lists long gone.
    const copy = { title: 'P' } as Pick<Plan, 'title' | 'sections' | 'tasks'>;
    sectionStorage.adopt(copy, { ...sections, bytes: sections.bytes.slice() });
    taskStorage.adopt(copy, { ...tasks, bytes: tasks.bytes.slice() });
    evict();
    assert.deepStrictEqual(copy.tasks.map((t) => ({ ...t })), parsePlan(text).tasks.map((t) => ({ ...t })));
    assert.deepStrictEqual(copy.sections.map((s) => ({ ...s })), parsePlan(text).sections.map((s) => ({ ...s })));
    assert.deepStrictEqual(Object.keys(copy), ['title', 'sections', 'tasks']);

    // What a file may hold that does not fit: fewer bytes than the rows need, evidence of a task that is not there.
    assert.ok(packedTasksFit(tasks) && packedSectionsFit(sections));
    assert.ok(!packedTasksFit({ ...tasks, bytes: tasks.bytes.subarray(0, 2 * 6 * 2 - 1) }));
    assert.ok(!packedTasksFit({ ...tasks, count: -1 }));
    assert.ok(!packedTasksFit({ ...tasks, evidence: [[2, 'x', 0]] }));
    assert.ok(!packedSectionsFit({ ...sections, count: sections.count + 100 }));
    assert.ok(!packedSectionsFit({ ...sections, count: 1.5 }));
  });
});

describe('reading a packed plan without unpacking its tasks', () => {
  const fixtureTexts = (): string[] => {
    const root = path.join(__dirname, '..', '..', 'fixtures');
    return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
  };

  it('taskSection and firstTaskIn give what plan.tasks gives, packed or not (every fixture, evidence and lone surrogates too)', () => {
    const texts = [...fixtureTexts(), '# P\n- [x] a\n- [ ] b 😀\n  - Evidence: ran it (2026-01-02)\n- [-] c \ud800\n- [~] d'];
    let tasks = 0;
    for (const text of texts) {
      for (const plan of [parsePlan(text), parsePlan(text, { transient: true })]) {
        evict();
        const all = plan.tasks.map((t) => ({ ...t }));
        for (let i = -1; i <= all.length; i++) assert.equal(taskSection(plan, i), all[i]?.section);
        for (const states of [['open'], ['done'], ['inProgress'], ['skipped'], ['open', 'inProgress'], []] as TaskState[][]) {
          const first = firstTaskIn(plan, states);
          assert.deepStrictEqual(first && { ...first }, all.find((t) => states.includes(t.state)), String(states));
        }
        tasks += all.length;
      }
    }
    assert.ok(tasks > 500);
  });

  it('taskSection answers for the plan asked about when questions about two plans alternate (it keeps the last plan read)', () => {
    const a = parsePlan('# A\n## One\n- [ ] a1\n## Two\n- [ ] a2\n- [ ] a3');
    const b = parsePlan('# B\n- [ ] b1\n## One\n## Two\n## Three\n- [ ] b2\n- [ ] b3');
    evict();
    const expected = (plan: Plan) => plan.tasks.map((t) => t.section);
    const [sa, sb] = [expected(a), expected(b)];
    assert.notDeepStrictEqual(sa, sb);
    for (let i = 0; i < 3; i++) {
      assert.equal(taskSection(a, i), sa[i], `a ${i}`);
      assert.equal(taskSection(b, i), sb[i], `b ${i}`);
    }
  });
});

describe("an index's idle work: task texts deflated in place", () => {
  const fixtureTexts = (): string[] => {
    const root = path.join(__dirname, '..', '..', 'fixtures');
    return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
  };
  const everything = (plan: Plan) => plan.tasks.map((t) => ({ ...t }));

  it('gives back every task as it was, and taskSection and firstTaskIn the same (every fixture, and generated texts)', () => {
    let saved = 0;
    let deflated = 0;
    const texts = [...fixtureTexts(), '# P\n- [x] a\n- [ ] b 😀\n  - Evidence: ran it (2026-01-02)\n- [-] c \ud800\n- [~] d'];
    for (const text of texts) {
      const plan = parsePlan(text);
      evict();
      const before = everything(plan);
      const bytes = taskStorage.packedOf(plan)!.bytes.length;
      const gain = deflateTaskTexts(plan);
      const packed = taskStorage.packedOf(plan)!;
      // Deflated only where that saves a fifth of the texts, and then it is smaller by what it says.
      assert.equal(packed.bytes.length, bytes - gain);
      assert.equal(packed.deflated === true, gain > 0);
      if (gain > 0) deflated++;
      saved += gain;
      evict();
      assert.deepStrictEqual(everything(plan), before);
      for (let i = -1; i <= before.length; i++) assert.equal(taskSection(plan, i), before[i]?.section);
      for (const states of [['open'], ['done'], ['skipped'], ['inProgress']] as TaskState[][]) {
        const first = firstTaskIn(plan, states);
        assert.deepStrictEqual(first && { ...first }, before.find((t) => states.includes(t.state)), String(states));
      }
      // Once: a second call leaves it as it is.
      assert.equal(deflateTaskTexts(plan), 0);
    }
    assert.ok(deflated > 10, `${deflated} plans deflated`);
    assert.ok(saved > 5_000, `${saved} bytes saved`);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(' ', 'x', '-', '~'), fc.string({ unit: 'grapheme', maxLength: 60 })), { maxLength: 80 }), (items) => {
        const plan = parsePlan(['# P', ...items.map(([mark, text]) => `- [${mark}] ${text.replace(/[\r\n]/g, ' ')}`)].join('\n'));
        evict();
        const before = everything(plan);
        deflateTaskTexts(plan);
        evict();
        assert.deepStrictEqual(everything(plan), before);
      }),
      { numRuns: 200 },
    );
  });

  it('serves every plan that shares the packed tasks (a copy made by planWith), and leaves a transient parse as it is', () => {
    const text = ['# P', ...Array.from({ length: 40 }, (_, i) => `- [${i % 3 ? ' ' : 'x'}] task number ${i} of the plan, with words that repeat`)].join('\n');
    const plan = parsePlan(text);
    const copy = planWith(plan, { version: 2 });
    const before = everything(plan);
    assert.ok(deflateTaskTexts(copy) > 0);
    evict();
    assert.equal(taskStorage.packedOf(plan)!.deflated, true);
    assert.deepStrictEqual(everything(plan), before);
    assert.deepStrictEqual(everything(copy), before);
    const transient = parsePlan(text, { transient: true });
    assert.equal(deflateTaskTexts(transient), 0);
    assert.equal(taskStorage.packedOf(transient), undefined);
  });

  it('reads texts that do not inflate (a damaged snapshot) as none, not as an error', () => {
    const plan = parsePlan(['# P', ...Array.from({ length: 40 }, (_, i) => `- [ ] task number ${i} of the plan, with words that repeat`)].join('\n'));
    assert.ok(deflateTaskTexts(plan) > 0);
    const packed = taskStorage.packedOf(plan)!;
    const damaged = { ...packed, bytes: packed.bytes.map((b, i) => (i >= packed.count * 6 * 2 ? 0xff : b)) };
    const other = {} as Plan;
    taskStorage.adopt(other, damaged);
    assert.deepStrictEqual(other.tasks.map((t) => [t.line, t.text]), plan.tasks.map((t) => [t.line, '']));
  });
});
