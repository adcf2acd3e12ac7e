import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DEFAULT_STATUSES, parsePlan, percent, statusCategory, type Plan, type TaskState } from '../../../src/core';
import { fixture, joinLines, seedTemplate } from '../support/helpers';

const states = (plan: Plan): TaskState[] => plan.tasks.map((t) => t.state);

describe('parsePlan', () => {
  describe('the seed template', () => {
    const plan = parsePlan(seedTemplate());

    it('reads the title and the header fields', () => {
      assert.equal(plan.title, '[Feature/Task Name]');
      assert.deepEqual(
        plan.fields.map((f) => [f.key, f.value]),
        [
          ['Created', 'YYYY-MM-DD'],
          ['Planner', 'Opus 4.5'],
          ['Status', 'Planning Complete / Implementation In Progress / Completed'],
          ['Implementer', 'Sonnet 4.5'],
        ],
      );
      const status = plan.fields[2];
      assert.equal(seedTemplate().split('\n')[status.line].slice(status.valueStart, status.valueEnd), status.value);
    });

    it('has 8 Status Tracking items, phases 1-5 linked to the roadmap, current phase 1, 0 done', () => {
      const tracking = plan.phases.filter((p) => p.trackingTask >= 0);
      assert.equal(tracking.length, 8);
      assert.deepEqual(
        tracking.map((p) => p.label),
        [
          'Phase 1: Core Infrastructure',
          'Phase 2: Module Implementation',
          'Phase 3: Integration',
          'Phase 4: Database Migration',
          'Phase 5: Tests',
          'Quality Checks Passed',
          'Documentation Updated',
          'Success Validation Complete',
        ],
      );
      assert.deepEqual(plan.phases.filter((p) => p.kind === 'phase').map((p) => p.number), [1, 2, 3, 4, 5]);
      for (const p of plan.phases.filter((p) => p.kind === 'phase')) {
        assert.match(plan.sections[p.section].text, new RegExp(`^Phase ${p.number}: `));
      }
      assert.equal(plan.phases.length, 8, 'every roadmap phase is linked to its tracking item');
      assert.equal(plan.currentPhase, 0);
      assert.equal(plan.phases[plan.currentPhase].label, 'Phase 1: Core Infrastructure');
      assert.equal(plan.progress.done, 0);
      assert.equal(plan.progress.total, plan.tasks.length);
    });

    it('links named milestones to their sections', () => {
      const byLabel = new Map(plan.phases.map((p) => [p.label, p.section >= 0 ? plan.sections[p.section].text : undefined]));
      assert.equal(byLabel.get('Quality Checks Passed'), '6. Quality Checks');
      assert.equal(byLabel.get('Documentation Updated'), '7. Documentation Updates');
      assert.equal(byLabel.get('Success Validation Complete'), '11. Success Validation');
      assert.equal(plan.phases.find((p) => p.label === 'Quality Checks Passed')?.progress.total, 12);
    });

    it('reads the rollout steps', () => {
      assert.deepEqual(plan.steps.map((s) => [s.label, s.progress.total]), [
        ['Step 1: Implementation', 4],
        ['Step 2: Testing', 3],
        ['Step 3: Documentation', 3],
        ['Step 4: Deployment', 5],
      ]);
    });

    it('builds the section tree with line ranges', () => {
      const summary = plan.sections.find((s) => s.text === '1. Executive Summary')!;
      const context = plan.sections.find((s) => s.text === '2. Codebase Context')!;
      assert.equal(summary.level, 2);
      assert.equal(summary.endLine, context.line);
      assert.equal(summary.progress.total, 3);
      const sub = plan.sections.find((s) => s.text === '2.1 Relevant Architecture')!;
      assert.equal(plan.sections[sub.parent].text, '2. Codebase Context');
      assert.equal(plan.sections[plan.trackingSection].text, 'Status Tracking');
    });

    it('is a plan', () => assert.equal(plan.isPlan, true));
  });

  // Fixture → expected shape. Lines are 1-based here, as a person reads them.
  const table: {
    file: string;
    isPlan: boolean;
    taskLines: number[];
    states?: TaskState[];
    progress?: [done: number, total: number, inProgress?: number, skipped?: number];
    current?: string | null;
    extra?: (plan: Plan) => void;
  }[] = [
    {
      file: 'emoji-and-upper-x.md',
      isPlan: true,
      taskLines: [11, 12, 13, 18, 19, 22, 26, 27, 28],
      progress: [5, 9],
      current: 'Phase 2: UI 🎨',
      extra: (plan) => {
        assert.equal(plan.title, '🚀 Launch the Rocket Dashboard');
        assert.equal(plan.tasks[0].mark, 'X');
        assert.equal(plan.tasks[0].text, '✅ Dashboard renders in < 200 ms');
        assert.equal(plan.phases[0].progress.done, 2);
      },
    },
    {
      file: 'task-groups-h3.md',
      isPlan: true,
      taskLines: [9, 10, 13, 14, 17, 18, 19, 24, 27],
      progress: [3, 9],
      current: 'Phase 1: Queue',
      extra: (plan) => {
        assert.equal(plan.trackingSection, -1);
        assert.deepEqual(plan.phases.map((p) => [p.label, p.state, p.progress.done, p.progress.total]), [
          ['Phase 1: Queue', 'inProgress', 1, 2],
          ['Phase 2: Retries', 'open', 0, 2],
          ['Phase 3: Observability', 'inProgress', 1, 3],
        ]);
        assert.deepEqual(plan.steps.map((s) => s.state), ['done', 'open']);
      },
    },
    {
      file: 'blank-lines-loose.md',
      isPlan: true,
      taskLines: [7, 9, 11, 16, 18],
      progress: [1, 5],
      current: 'Phase 1: Setup',
      extra: (plan) => assert.equal(plan.tasks[2].text, 'Third criterion spans two lines'),
    },
    {
      file: 'crlf.md',
      isPlan: true,
      taskLines: [9, 10, 14, 15],
      progress: [2, 4],
      current: 'Documentation Updated',
      extra: (plan) => {
        assert.equal(plan.eol, '\r\n');
        assert.equal(plan.tasks[0].text, 'Detect CRLF', 'no stray \\r in texts');
        assert.equal(plan.status, 'Implementation In Progress');
      },
    },
    {
      file: 'nested.md',
      isPlan: true,
      taskLines: [8, 9, 10, 11, 13, 14, 16, 17, 20, 24, 25],
      extra: (plan) => {
        const byText = new Map(plan.tasks.map((t) => [t.text, t]));
        const parent = byText.get('Parent task')!;
        assert.equal(byText.get('Child one')!.parent, parent.index);
        assert.equal(byText.get('Child one')!.depth, 1);
        assert.equal(byText.get('Grandchild')!.parent, byText.get('Child two')!.index);
        assert.equal(byText.get('Grandchild')!.depth, 2);
        assert.equal(byText.get('Task under a plain bullet')!.parent, parent.index, 'the nearest enclosing task');
        assert.equal(byText.get('Task in a block quote')!.column, 4);
        assert.equal(byText.get('Ordered sub-task')!.depth, 1);
        assert.equal(byText.get('Ordered sub-task')!.parent, -1);
        assert.equal(plan.phases.filter((p) => p.trackingTask >= 0).length, 1, 'sub-items of tracking items are not phases');
      },
    },
    {
      file: 'code-fences.md',
      isPlan: true,
      taskLines: [25, 33],
      extra: (plan) => {
        assert.deepEqual(plan.frontMatter, { title: 'Fenced examples', owner: 'platform' });
        assert.equal(plan.bodyStartLine, 4);
        assert.equal(plan.title, 'Things that look like tasks but are not');
      },
    },
    {
      file: 'extra-states.md',
      isPlan: true,
      taskLines: [9, 10, 11, 12, 13, 17, 18],
      states: ['done', 'inProgress', 'inProgress', 'skipped', 'open', 'done', 'skipped'],
      progress: [2, 5, 2, 2],
      current: null,
    },
    {
      file: 'front-matter-plan.md',
      isPlan: true,
      taskLines: [10, 11],
      extra: (plan) => {
        assert.equal(plan.status, 'Implementation In Progress');
        assert.equal(plan.frontMatter?.type, 'plan');
      },
    },
    { file: 'not-a-plan-readme.md', isPlan: false, taskLines: [7, 8] },
    { file: 'not-a-plan-changelog.md', isPlan: false, taskLines: [6] },
  ];

  for (const c of table) {
    it(`reads ${c.file}`, () => {
      const plan = parsePlan(fixture(c.file));
      assert.equal(plan.isPlan, c.isPlan, 'isPlan');
      assert.deepEqual(plan.tasks.map((t) => t.line + 1), c.taskLines, 'task lines');
      if (c.states) assert.deepEqual(states(plan), c.states);
      if (c.progress) {
        const [done, total, inProgress, skipped] = c.progress;
        assert.equal(plan.progress.done, done, 'done');
        assert.equal(plan.progress.total, total, 'total');
        if (inProgress !== undefined) assert.equal(plan.progress.inProgress, inProgress, 'inProgress');
        if (skipped !== undefined) assert.equal(plan.progress.skipped, skipped, 'skipped');
      }
      if (c.current !== undefined) {
        assert.equal(plan.currentPhase >= 0 ? plan.phases[plan.currentPhase].label : null, c.current);
      }
      c.extra?.(plan);
    });
  }

  it('takes the phases of a plan that describes them in prose and lists them again with tasks from the list', () => {
    const plan = parsePlan(
      joinLines('# Search Implementation Plan', '', '## Phase 1: Setup', 'Create the schema.', '', '## Phase 2: API', 'Add the endpoint.', '', '## Summary Checklist', '', '### Phase 1: Setup', '- [x] Create schema', '', '### Phase 2: API', '- [ ] Add endpoint'),
    );
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.headingLine]),
      [
        ['Phase 1: Setup', 'done', 10],
        ['Phase 2: API', 'open', 13],
      ],
    );
    assert.equal(plan.currentPhase, 1);
  });

  it('puts a roadmap phase its Status Tracking list leaves out in by its number, before the list\'s closing items', () => {
    const plan = parsePlan(
      joinLines(
        '# Sync Plan',
        '',
        '**Status:** Implementation In Progress',
        '',
        '## Implementation Roadmap',
        '### Phase 1: Schema',
        '- [x] Add the table',
        '### Phase 2: Worker',
        '- [ ] Write the worker',
        '### Phase 3: API',
        '- [ ] Add the endpoint',
        '### Phase 4: Rollout',
        '- [ ] Flip the flag',
        '',
        '## Status Tracking',
        '- [x] Phase 1: Schema',
        '- [ ] Phase 3: API',
        '- [ ] Quality Checks Passed',
      ),
    );
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.trackingTask >= 0]),
      [
        ['Phase 1: Schema', true],
        ['Phase 2: Worker', false],
        ['Phase 3: API', true],
        ['Phase 4: Rollout', false],
        ['Quality Checks Passed', true],
      ],
    );
    assert.equal(plan.phases[plan.currentPhase].label, 'Phase 2: Worker');
  });

  describe('task marks', () => {
    const cases: [line: string, expected: { state: TaskState; column: number; mark: string } | undefined][] = [
      ['- [ ] open', { state: 'open', column: 2, mark: ' ' }],
      ['- [x] done', { state: 'done', column: 2, mark: 'x' }],
      ['- [X] done upper', { state: 'done', column: 2, mark: 'X' }],
      ['* [-] dash', { state: 'inProgress', column: 2, mark: '-' }],
      ['+ [/] slash', { state: 'inProgress', column: 2, mark: '/' }],
      ['- [~] skipped', { state: 'skipped', column: 2, mark: '~' }],
      ['1. [ ] ordered dot', { state: 'open', column: 3, mark: ' ' }],
      ['10) [x] ordered paren', { state: 'done', column: 4, mark: 'x' }],
      ['-   [ ] wide gap', { state: 'open', column: 4, mark: ' ' }],
      ['> - [x] quoted', { state: 'done', column: 4, mark: 'x' }],
      ['- [x]', { state: 'done', column: 2, mark: 'x' }],
      ['- [?] unknown mark', undefined],
      ['- [ ]no space', undefined],
      ['[ ] not in a list', undefined],
      ['- [[ ]] double', undefined],
      // Kiro's optional tasks: open, one counts as skipped (a spec is done without it).
      ['- [ ]* 2.3 Write a property test', { state: 'skipped', column: 2, mark: ' ' }],
      ['  - [x]* optional, done', { state: 'done', column: 4, mark: 'x' }],
      ['- [-]* optional, started', { state: 'inProgress', column: 2, mark: '-' }],
      ['- [ ]*', { state: 'skipped', column: 2, mark: ' ' }],
      ['- [ ]*emphasis*', undefined],
      ['- [ ]** bold', undefined],
      // … and as Prettier writes them, the star escaped.
      ['  - [ ]\\* 2.2 Write a property test', { state: 'skipped', column: 4, mark: ' ' }],
      ['- [x]\\* 20.1 done', { state: 'done', column: 2, mark: 'x' }],
      ['- [ ]\\*', { state: 'skipped', column: 2, mark: ' ' }],
      ['- [ ]\\*escaped star', undefined],
      ['- [ ]\\ backslash', undefined],
    ];
    for (const [line, expected] of cases) {
      it(JSON.stringify(line), () => {
        const task = parsePlan(line).tasks[0];
        assert.deepEqual(task && { state: task.state, column: task.column, mark: task.mark }, expected);
      });
    }

    it("keeps a Kiro optional task's text after its `*`", () => {
      assert.deepEqual(
        parsePlan(joinLines('- [ ]* 2.3 Write a property test', '- [x]*  Spaced', '- [ ]* Two', '  lines', '- [ ]\\* 2.4 Escaped')).tasks.map((t) => t.text),
        ['2.3 Write a property test', 'Spaced', 'Two lines', '2.4 Escaped'],
      );
    });

    it('reads an open task struck through (alone, or before a note) as skipped; a done one stays done', () => {
      const plan = parsePlan(
        joinLines('- [ ] ~~**Phase 3.4: Graph DSL**~~ - ABANDONED', '- [ ] ~~Drop the cache~~', '- [ ] ~~Old~~ New approach', '- [x] ~~Shipped~~', '- [ ] Keep ~~this~~ part', '- [ ] ~~Two', '  lines~~ (dropped)'),
      );
      assert.deepEqual(states(plan), ['skipped', 'skipped', 'open', 'done', 'open', 'skipped']);
      assert.deepEqual(plan.progress, { done: 1, open: 2, inProgress: 0, skipped: 3, total: 3 });
    });

    it('reads `[~]` as in progress in a plan whose legend says so, and as skipped elsewhere', () => {
      for (const legend of ['**Status**: `[ ]` Not started `[x]` Complete `[~]` In progress', 'Legend: [ ] pending • [~] in_progress • [x] completed', '- `[~]` partly done', 'Легенда: `[ ]` — не сделано · `[~]` — в процессе', '凡例: `[~]` 着手中', '`[~]` = partially done']) {
        const plan = parsePlan(joinLines('# Plan', legend, '## Phase 1: A', '- [x] a', '- [~] b', '- [ ] c'));
        assert.deepEqual(states(plan).slice(-3), ['done', 'inProgress', 'open'], legend);
        assert.equal(plan.progress.total, 3, legend);
      }
      assert.deepEqual(states(parsePlan(joinLines('# Plan', '- [~] Won’t do: a legend that says skipped', '- [x] a', '- [~] b'))), ['skipped', 'done', 'skipped']);
      assert.deepEqual(states(parsePlan(joinLines('# Plan', '- [x] a', '- [~] b'))), ['done', 'skipped']);
      // A team's own alphabet is read as it is.
      const own = parsePlan(joinLines('# Plan', '`[~]` in progress', '- [~] b'), { marks: { ' ': 'open', x: 'done', '~': 'done' } });
      assert.deepEqual(states(own), ['done']);
    });

    it('uses a configured alphabet', () => {
      const plan = parsePlan(joinLines('- [ ] a', '- [?] b', '- [x] c', '- [-] d'), { marks: { ' ': 'open', '?': 'inProgress', x: 'done' } });
      assert.deepEqual(states(plan), ['open', 'inProgress', 'done']);
    });
  });

  describe('progress', () => {
    it('excludes skipped items from the total and counts in-progress items apart', () => {
      const plan = parsePlan(joinLines('# T', '## A', '- [x] a', '- [-] b', '- [~] c', '- [ ] d'));
      assert.deepEqual(plan.progress, { done: 1, open: 1, inProgress: 1, skipped: 1, total: 3 });
      assert.equal(percent(plan.progress), 33);
      assert.deepEqual(plan.sections[1].progress, plan.progress);
    });

    it('is 0% for a plan without tasks', () => assert.equal(percent(parsePlan('# Empty').progress), 0));

    it('derives the state of a phase without a tracking item from its tasks', () => {
      const plan = parsePlan(joinLines('### Phase 1: A', '- [x] a', '### Phase 2: B', '- [-] b', '### Phase 3: C', '- [~] c'));
      assert.deepEqual(plan.phases.map((p) => p.state), ['done', 'inProgress', 'skipped']);
      assert.equal(plan.currentPhase, 1);
    });
  });

  describe('header and front matter', () => {
    it('front matter whose aliases expand past any real use, or hold themselves, has no data; the plan is read as usual', () => {
      const levels = 'abcdefghi'.split('');
      const bomb = [
        '---',
        'status: Completed',
        ...levels.map((l, i) => (i === 0 ? `${l}: &${l} [${Array(9).fill('"lol"').join(', ')}]` : `${l}: &${l} [${Array(9).fill(`*${levels[i - 1]}`).join(', ')}]`)),
        '---',
        '# Bomb',
        '**Status:** Implementation In Progress',
        '- [x] a',
        '- [ ] b',
      ];
      const plan = parsePlan(joinLines(...bomb));
      // 9^9 "lol"s once expanded: written out (the CLI's JSON, the editor's snapshot), they hung the CLI.
      assert.equal(plan.frontMatter, undefined);
      assert.equal(JSON.stringify(plan).length < 10_000, true);
      assert.equal(plan.title, 'Bomb');
      assert.equal(plan.titleLine, levels.length + 3);
      assert.equal(plan.status, 'Implementation In Progress');
      assert.deepEqual(states(plan), ['done', 'open']);

      for (const cyclic of ['self: &s [1, *s]', 'self: &s {inner: *s}']) {
        const p = parsePlan(joinLines('---', cyclic, '---', '# C', '- [ ] a'));
        assert.equal(p.frontMatter, undefined, cyclic);
        assert.doesNotThrow(() => JSON.stringify(p));
      }
      const deep = (n: number) => parsePlan(joinLines('---', `deep: ${'['.repeat(n)}1${']'.repeat(n)}`, '---', '# D', '- [ ] a')).frontMatter;
      assert.equal(deep(80), undefined);
      assert.deepEqual(JSON.stringify(deep(10)), `{"deep":${'['.repeat(10)}1${']'.repeat(10)}}`);
      // Aliases as people use them are kept.
      assert.deepEqual(parsePlan(joinLines('---', 'base: &b {owner: team-a}', 'copy: *b', '---', '# A', '- [ ] a')).frontMatter, { base: { owner: 'team-a' }, copy: { owner: 'team-a' } });
    });

    it('loads the YAML parser only when a plan has front matter (loading it costs every start of the CLI and the extension)', function () {
      this.timeout(30_000);
      const core = path.join(__dirname, '../../../src/core');
      const script = [
        `const { parsePlan } = require(${JSON.stringify(core)});`,
        "const loaded = () => Object.keys(require.cache).some((k) => k.includes('js-yaml'));",
        "const before = loaded();",
        "parsePlan('# P\\n**Status:** Completed\\n- [x] a\\n');",
        "const afterPlain = loaded();",
        "const plan = parsePlan('---\\nowner: team-a\\n---\\n# P\\n- [ ] a\\n');",
        "console.log(JSON.stringify({ before, afterPlain, afterFrontMatter: loaded(), frontMatter: plan.frontMatter }));",
      ].join('\n');
      const r = spawnSync(process.execPath, ['--import', require.resolve('tsx'), '-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { before: false, afterPlain: false, afterFrontMatter: true, frontMatter: { owner: 'team-a' } });
    });

    it('reads fields written as **Key**: value and in list items, only before the first ##', () => {
      const plan = parsePlan(joinLines('# T', '**Owner**: team-a', '- **Status:** Completed', '', '## Body', '**Problem Statement:** x'));
      assert.deepEqual(plan.fields.map((f) => [f.key, f.value]), [['Owner', 'team-a'], ['Status', 'Completed']]);
      assert.equal(plan.status, 'Completed');
    });

    it('reads the status where plans put it: a plain `Status:` line, a `## Status: X` heading, under a subtitle, in other languages', () => {
      const status = (...lines: string[]) => parsePlan(joinLines(...lines)).status;
      // BMAD v6 stories: `Status: review` under the title.
      assert.equal(status('# Story 11.2: Hibernation', '', 'Status: review', '', '## Story', 'As a user…', '## Tasks / Subtasks', '- [x] Task 1', '  - [x] a'), 'review');
      assert.equal(status('# Tasks', '', '## Status: Wave 1 complete', '', '- [x] 1. Spike', '- [ ] 2. Build'), 'Wave 1 complete');
      assert.equal(status('# Plan', '## From one to many', '', '**Version**: v1.0', '**狀態**：規劃階段（未實施）', '', '---', '## Contents', '- [ ] a'), '規劃階段（未實施）');
      assert.equal(status('# 计划', '**状态：** 进行中', '- [ ] a'), '进行中');
      assert.equal(status('# 計画', '**ステータス**: 進行中', '- [ ] a'), '進行中');
      assert.equal(status('# Plan', '**Current Status:** In Progress', '- [ ] a'), 'In Progress');
      // Not a phase's or a task's own status, nor a field that only has "status" in its name, nor prose.
      assert.equal(status('# Tasks', '## Task 1: Parser', '**Status**: Pending', '- [ ] a', '## Task 2: Printer', '- [ ] b'), undefined);
      assert.equal(status('# Plan', '**Status Notes:** see below', '- [ ] a'), undefined);
      assert.equal(status('# Plan', 'The status: we are late.', '- [ ] a'), undefined);
    });

    it('reads a status as it reads: without emphasis or code marks, a struck-through part replaced', () => {
      const status = (value: string) => parsePlan(joinLines('# P', `**Status:** ${value}`, '- [x] a')).status;
      assert.equal(status('**Completed**'), 'Completed');
      assert.equal(status('_In Progress_'), 'In Progress');
      assert.equal(status('`Draft`'), 'Draft');
      assert.equal(status('~~Planning Complete~~ Implementation In Progress'), 'Implementation In Progress');
      assert.equal(status('snake_case_status'), 'snake_case_status');
      // So it is one of the configured statuses, and the rules judge it.
      assert.equal(statusCategory(status('**Completed**'), DEFAULT_STATUSES), 'completed');
    });

    it('a status in other words or another language that says finished is completed, with the template statuses', () => {
      for (const s of ['Abgeschlossen', 'Terminé', 'Completado', 'Concluído', 'Завершено', '已完成', '完了', '✅ 완료']) {
        assert.equal(statusCategory(s, DEFAULT_STATUSES), 'completed', s);
      }
      assert.equal(statusCategory('进行中', DEFAULT_STATUSES), 'unknown');
    });

    it('ignores invalid YAML front matter without throwing', () => {
      const plan = parsePlan(joinLines('---', 'a: [unclosed', '---', '# Title', '- [ ] t'));
      assert.equal(plan.frontMatter, undefined);
      assert.equal(plan.title, 'Title');
      assert.equal(plan.tasks[0].line, 4);
    });

    it('does not treat front matter lines as tasks', () => {
      const plan = parsePlan(joinLines('---', 'notes: |', '  - [ ] not a task', '---', '- [ ] a task'));
      assert.deepEqual(plan.tasks.map((t) => t.line), [4]);
    });

    it('carries uri and version through', () => {
      const plan = parsePlan({ text: '# x', uri: 'file:///a.md', version: 7 });
      assert.equal(plan.uri, 'file:///a.md');
      assert.equal(plan.version, 7);
    });
  });
});
