import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDrift, diffPlans, driftFindings, isEmptyDiff, RULES } from '../../../src/core';
import { joinLines } from '../support/helpers';

const PLAN = joinLines(
  '# Offline sync',
  '',
  '**Status:** Implementation In Progress',
  '**Created:** 2026-01-01',
  '',
  '## Status Tracking',
  '',
  '- [x] Phase 1: Storage',
  '- [ ] Phase 2: Sync engine',
  '',
  '## Roadmap',
  '',
  '### Phase 1: Storage',
  '',
  '- [x] Create the schema',
  '- [x] Write the migration',
  '',
  '### Phase 2: Sync engine',
  '',
  '- [ ] Queue local writes',
  '  - [ ] Persist the queue across restarts',
  '- [ ] Replay the queue when online',
  '- [ ] Resolve conflicts by last write',
  '',
);

const codes = (before: string, after: string): string[] => checkDrift(before, after).map((f) => f.code);
const replace = (text: string, from: string, to: string): string => {
  assert.ok(text.includes(from), `fixture holds ${from}`);
  return text.replace(from, to);
};

describe('core/drift: diffPlans', () => {
  it('a plan against itself is empty', () => {
    const diff = diffPlans(PLAN, PLAN);
    assert.ok(isEmptyDiff(diff));
    assert.deepEqual(checkDrift(PLAN, PLAN), []);
  });

  it('ticking gives ticked, and no finding', () => {
    const after = replace(PLAN, '- [ ] Replay the queue', '- [x] Replay the queue');
    const diff = diffPlans(PLAN, after);
    assert.deepEqual(diff.ticked.map((p) => p.after.text), ['Replay the queue when online']);
    assert.equal(diff.removed.length + diff.added.length + diff.reworded.length + diff.unticked.length, 0);
    assert.deepEqual(codes(PLAN, after), []);
  });

  it('ticking an ExecPlan step and writing the time it was done first is ticking, not rewording', () => {
    const after = replace(PLAN, '- [ ] Replay the queue', '- [x] (2026-01-05 14:20Z) Replay the queue');
    const diff = diffPlans(PLAN, after);
    assert.deepEqual(diff.ticked.map((p) => p.after.text), ['(2026-01-05 14:20Z) Replay the queue when online']);
    assert.equal(diff.reworded.length, 0);
    assert.deepEqual(codes(PLAN, after), []);
  });

  it('deleting an open task is task-removed, on the line of the task now in its place, naming it', () => {
    const after = replace(PLAN, '- [ ] Replay the queue when online\n', '');
    const diff = diffPlans(PLAN, after);
    assert.deepEqual(diff.removed.map((t) => t.text), ['Replay the queue when online']);
    const findings = checkDrift(PLAN, after, { since: 'HEAD' });
    assert.deepEqual(findings.map((f) => f.code), ['task-removed']);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /"Replay the queue when online" was removed since HEAD/);
    assert.equal(after.split('\n')[findings[0].line], '- [ ] Resolve conflicts by last write');
  });

  it('deleting the last task points at the line after the task before it', () => {
    const after = replace(PLAN, '- [ ] Resolve conflicts by last write\n', '');
    const [f] = checkDrift(PLAN, after);
    assert.equal(f.code, 'task-removed');
    assert.equal(f.line, after.split('\n').indexOf('- [ ] Replay the queue when online') + 1);
  });

  it('deleting a done task is tidying: in the diff, not a finding', () => {
    const after = replace(PLAN, '- [x] Write the migration\n', '');
    assert.deepEqual(diffPlans(PLAN, after).removed.map((t) => t.state), ['done']);
    assert.deepEqual(codes(PLAN, after), []);
  });

  const table: { name: string; edit: (t: string) => string; expect: string[]; check?: (f: ReturnType<typeof checkDrift>, after: string) => void }[] = [
    {
      name: 'rewording an open task',
      edit: (t) => replace(t, 'Replay the queue when online', 'Replay queue (deferred to v2)'),
      expect: ['task-reworded'],
      check: (f, after) => {
        assert.equal(after.split('\n')[f[0].line], '- [ ] Replay queue (deferred to v2)');
        assert.match(f[0].message, /"Replay the queue when online" was reworded to "Replay queue \(deferred to v2\)"/);
        assert.equal(f[0].start, 2);
      },
    },
    {
      name: 'rewording and ticking an open task at once',
      edit: (t) => replace(t, '- [ ] Queue local writes', '- [x] Queue local writes (partly)'),
      expect: ['task-reworded'],
    },
    {
      name: 'emphasis, case and trailing punctuation only: no rewording',
      edit: (t) => replace(t, 'Replay the queue when online', 'replay the **queue** when online.'),
      expect: [],
    },
    {
      name: 'rewording a done task',
      edit: (t) => replace(t, 'Create the schema', 'Create the database schema'),
      expect: [],
    },
    {
      name: 'unticking a done task',
      edit: (t) => replace(t, '- [x] Create the schema', '- [ ] Create the schema'),
      expect: ['task-unticked'],
      check: (f) => assert.equal(f[0].severity, 'info'),
    },
    {
      name: 'removing a Status Tracking item',
      edit: (t) => replace(t, '- [ ] Phase 2: Sync engine\n', ''),
      expect: ['tracking-item-removed'],
      check: (f) => assert.match(f[0].message, /Status Tracking item "Phase 2: Sync engine" was removed/),
    },
    {
      name: 'removing a done Status Tracking item',
      edit: (t) => replace(t, '- [x] Phase 1: Storage\n- [ ]', '- [ ]'),
      expect: ['tracking-item-removed'],
    },
    {
      name: 'moving the status back',
      edit: (t) => replace(t, '**Status:** Implementation In Progress', '**Status:** Planning Complete'),
      expect: ['status-moved-back'],
      check: (f, after) => assert.equal(after.split('\n')[f[0].line], '**Status:** Planning Complete'),
    },
    {
      name: 'moving the status forward',
      edit: (t) => replace(t, '**Status:** Implementation In Progress', '**Status:** Completed'),
      expect: [],
    },
    {
      name: 'moving a task to another phase unchanged',
      edit: (t) => replace(replace(t, '- [ ] Resolve conflicts by last write\n', ''), '- [x] Create the schema\n', '- [x] Create the schema\n- [ ] Resolve conflicts by last write\n'),
      expect: [],
    },
    {
      name: 'adding tasks',
      edit: (t) => `${t}- [ ] Document the sync protocol\n`,
      expect: [],
    },
    {
      name: 'deleting one task and rewording its neighbour: each named once',
      edit: (t) => replace(t, '- [ ] Replay the queue when online\n- [ ] Resolve conflicts by last write', '- [ ] Resolve conflicts by the server clock'),
      expect: ['task-removed', 'task-reworded'],
      check: (f) => {
        assert.match(f.find((x) => x.code === 'task-removed')!.message, /Replay the queue when online/);
        assert.match(f.find((x) => x.code === 'task-reworded')!.message, /"Resolve conflicts by last write" was reworded/);
      },
    },
    {
      name: 'marking an open task skipped',
      edit: (t) => replace(t, '- [ ] Replay the queue', '- [~] Replay the queue'),
      expect: [],
    },
  ];
  for (const c of table) {
    it(c.name, () => {
      const after = c.edit(PLAN);
      const findings = checkDrift(PLAN, after);
      assert.deepEqual(findings.map((f) => f.code).sort(), [...c.expect].sort());
      c.check?.(findings, after);
    });
  }

  it('the diff lists added, restated and reworded tasks', () => {
    const after = replace(replace(PLAN, '- [ ] Queue local writes', '- [/] Queue local writes'), 'Resolve conflicts by last write', 'Resolve conflicts by vector clocks') + '- [ ] New task\n';
    const diff = diffPlans(after === PLAN ? PLAN : PLAN, after);
    assert.deepEqual(diff.restated.map((p) => [p.before.state, p.after.state]), [['open', 'inProgress']]);
    assert.deepEqual(diff.added.map((t) => t.text), ['New task']);
    assert.deepEqual(diff.reworded.map((p) => p.after.text), ['Resolve conflicts by vector clocks']);
  });

  it('every drift code is in the rule catalogue', () => {
    const after = replace(replace(PLAN, '- [ ] Phase 2: Sync engine\n', ''), '- [x] Create', '- [ ] Create');
    for (const f of checkDrift(PLAN, after)) assert.ok(RULES.some((r) => r.code === f.code && r.severity === f.severity), f.code);
    assert.deepEqual(driftFindings(diffPlans('', '')), []);
  });

  it('never throws on text that is not a plan, and one side empty is all added or all removed', () => {
    assert.equal(diffPlans('', PLAN).added.length, 8);
    assert.deepEqual(diffPlans(PLAN, '').removed.length + diffPlans(PLAN, '').trackingRemoved.length, 8);
    assert.doesNotThrow(() => diffPlans('\u0000\u0001 - [ ', '```\n- [ ] x'));
  });
});

// ---- Properties ----------------------------------------------------------------------------

interface GenTask {
  readonly text: string;
  readonly done: boolean;
  readonly children: readonly { readonly text: string; readonly done: boolean }[];
}

const word = fc.constantFrom('add', 'write', 'test', 'queue', 'sync', 'schema', 'docs', 'retry', 'cache', 'index', 'login', 'deploy', 'review', 'api', 'client');
const taskText = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const genTask: fc.Arbitrary<GenTask> = fc.record({
  text: taskText,
  done: fc.boolean(),
  children: fc.array(fc.record({ text: taskText, done: fc.boolean() }), { maxLength: 3 }),
});
const genPlan = fc.record({
  tracking: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
  phases: fc.array(fc.array(genTask, { maxLength: 5 }), { minLength: 1, maxLength: 3 }),
});
type GenPlan = { tracking: boolean[]; phases: GenTask[][] };

const box = (done: boolean): string => (done ? '[x]' : '[ ]');

/** Renders a plan; `line` receives each task line's (phase, task, child) so a test can edit one. */
function render(p: GenPlan, edit?: (where: string, line: string) => string | undefined): string {
  const out = ['# Generated plan', '', '**Status:** Implementation In Progress', '', '## Status Tracking', ''];
  p.tracking.forEach((d, i) => out.push(`- ${box(d)} Phase ${i + 1}: Part ${i + 1}`));
  out.push('', '## Roadmap', '');
  p.phases.forEach((tasks, i) => {
    out.push(`### Phase ${i + 1}: Part ${i + 1}`, '');
    tasks.forEach((t, j) => {
      const line = `- ${box(t.done)} ${t.text}`;
      const own = edit ? edit(`${i}.${j}`, line) : line;
      if (own !== undefined) out.push(own);
      t.children.forEach((c, k) => {
        const child = `  - ${box(c.done)} ${c.text}`;
        const kept = edit ? edit(`${i}.${j}.${k}`, child) : child;
        if (kept !== undefined) out.push(own === undefined ? kept.slice(2) : kept);
      });
    });
    out.push('');
  });
  return out.join('\n');
}

/** Every task location of a generated plan: phase.task or phase.task.child, with its state. */
function locations(p: GenPlan): { where: string; done: boolean; leaf: boolean }[] {
  return p.phases.flatMap((tasks, i) =>
    tasks.flatMap((t, j) => [{ where: `${i}.${j}`, done: t.done, leaf: t.children.length === 0 }, ...t.children.map((c, k) => ({ where: `${i}.${j}.${k}`, done: c.done, leaf: true }))]),
  );
}

describe('core/drift: properties', function () {
  this.timeout(60_000);

  it('a plan against itself is empty', () => {
    fc.assert(
      fc.property(genPlan, (p) => {
        const text = render(p);
        assert.ok(isEmptyDiff(diffPlans(text, text)));
      }),
      { numRuns: 300 },
    );
  });

  it('ticking only gives only ticked, one pair per tick', () => {
    fc.assert(
      fc.property(genPlan, fc.infiniteStream(fc.boolean()), (p, coins) => {
        const it = coins[Symbol.iterator]();
        let ticks = 0;
        const after = render(p, (_where, line) => {
          if (line.includes('[ ]') && it.next().value) {
            ticks++;
            return line.replace('[ ]', '[x]');
          }
          return line;
        });
        const diff = diffPlans(render(p), after);
        assert.equal(diff.ticked.length, ticks);
        assert.ok(diff.ticked.every((t) => t.before.state === 'open' && t.after.state === 'done' && t.before.text === t.after.text));
        assert.ok(isEmptyDiff({ ...diff, ticked: [] }));
        assert.deepEqual(checkDrift(render(p), after), []);
      }),
      { numRuns: 300 },
    );
  });

  it('deleting an open task gives task-removed and nothing else', () => {
    const withOpenLeaf = genPlan.filter((p) => locations(p).some((l) => !l.done && l.leaf));
    fc.assert(
      fc.property(withOpenLeaf, fc.nat(), (p, pick) => {
        const open = locations(p).filter((l) => !l.done && l.leaf);
        const target = open[pick % open.length];
        const before = render(p);
        const after = render(p, (where, line) => (where === target.where ? undefined : line));
        const diff = diffPlans(before, after);
        assert.equal(diff.removed.length, 1);
        assert.ok(isEmptyDiff({ ...diff, removed: [] }), JSON.stringify(diff));
        const findings = checkDrift(before, after);
        assert.deepEqual(findings.map((f) => f.code), ['task-removed']);
        assert.ok(findings[0].message.includes(`"${diff.removed[0].text}"`));
      }),
      { numRuns: 300 },
    );
  });
});
