import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPlan, DEFAULT_STATUSES, findPlaceholders, hasHeaderContradiction, headerContradictions, headerFindings, nextTask, parsePlan, PLAN_DETECTION_RULE, setStatusEdit, whyNotPlan, type FindingCode } from '../../../src/core';
import { applyResult, joinLines, seedTemplate } from '../support/helpers';

const codes = (text: string): FindingCode[] => checkPlan(parsePlan(text), text).map((f) => f.code);

describe('check', () => {
  it('finds every placeholder of the seed template on its exact range, in a plan that is still the template', () => {
    const text = seedTemplate();
    const found = findPlaceholders(text, text);
    const lines = text.split('\n');
    for (const p of found) assert.equal(lines[p.line].slice(p.start, p.end), p.text);
    const texts = new Set(found.map((p) => p.text));
    for (const expected of ['[Feature/Task Name]', 'YYYY-MM-DD', '[Description]', '[What problem are we solving? Why is this needed?]', 'package==version', 'new-package==version', 'XXXX_add_new_feature_data', '[...]', '[Docstring explaining what this does]']) {
      assert.ok(texts.has(expected), expected);
    }
    assert.equal(found.length, 46);
  });

  const notPlaceholders: [string, string][] = [
    ['links', 'see [the docs](https://x) and [ref][1] and [Other]: https://y'],
    ['task marks', '- [ ] todo\n- [x] done'],
    ['indexing', 'Mapped[int] = list[Foo]; arr[0]'],
    ['lower-case brackets', 'an [aside] in text'],
    ['images', '![Alt text](a.png)'],
    // Without a template (the bundled one not found) only the shapes decide: spec-kit's id tags are not placeholders.
    ['spec-kit tags', '- [ ] T002 [P] [US1] [FR-001] [P2] Build it'],
  ];
  for (const [what, text] of notPlaceholders) it(`does not flag ${what}`, () => assert.deepEqual(findPlaceholders(text), []));

  describe('placeholders come from the template in use (issue #9)', () => {
    const seed = seedTemplate();
    const flagged = (text: string, template: string = seed): string[] => findPlaceholders(text, template).map((p) => p.text);
    it('never takes a task mark or a spec-kit tag for one', () => {
      assert.deepEqual(flagged(joinLines('- [X] T001 [P] [US1] Set up', '- [x] [Story] [ID] done')), []);
      assert.deepEqual(flagged(joinLines('- [X] T001 [P] Set up'), joinLines('[X] [P]')), [], 'a one-character mark, not even when the template has it');
    });
    it('flags text inside code only when the template has it there', () => {
      const swift = joinLines('```swift', 'let ids: [String] = []', '```', 'Use `## [Unreleased]` and `[...]`.', '', '```mermaid', 'A[Internet] --> B', '```');
      assert.deepEqual(flagged(swift), []);
      assert.deepEqual(flagged(joinLines('```', '├── file1.py  # [Purpose, what we\'ll modify]', '```')), ["[Purpose, what we'll modify]"]);
    });
    it('does not flag a placeholder quoted in prose, but does one left unquoted, and one quoted inside code the template has', () => {
      const text = joinLines('- [x] Truncate long output and append "[...]" at the end', "- [ ] Name it '[Description]' or “[Feature/Task Name]”", '- [ ] Use [...] as the marker', '- [ ] Quote "[...] half', '```python', '"""[Docstring explaining what this does]"""', '```');
      assert.deepEqual(flagged(text), ['[...]', '[...]', '[Docstring explaining what this does]']);
    });
    it('flags a workspace template’s <<NAME>> placeholders, not a shift or a heredoc', () => {
      const template = joinLines('# <<PROJECT_NAME>> Plan', '**Owner:** << Owner name >>', '## Phase 1: <<Phase title>>', '- [ ] <<First task>>');
      assert.deepEqual(flagged(joinLines('# Billing Plan', '**Owner:** << Owner name >>', '## Phase 1: <<Phase title>>', '- [ ] Write `cat <<EOF` docs', '- [ ] x << 2 >> y'), template), ['<< Owner name >>', '<<Phase title>>']);
    });
    it('flags what the plan shares with a workspace template, and nothing the template does not have', () => {
      const template = joinLines('# {{title}}', '**Owner:** [Owner Name]', '## Risks', '[List the risks]');
      assert.deepEqual(flagged(joinLines('# Login', '**Owner:** [Owner Name]', '## Risks', '[Description]', '{{title}}'), template), ['[Owner Name]', '{{title}}']);
    });
    it('flags a placeholder date in a header date field even when the template has {{date}}', () => {
      const text = joinLines('# T', '**Created:** YYYY-MM-DD', '**Status:** Planning Complete', '## Status Tracking', '- [ ] Phase 1: A');
      const found = checkPlan(parsePlan(text), text, { template: '# {{title}}\n**Created:** {{date}}' }).filter((f) => f.code === 'placeholder');
      assert.deepEqual(found.map((f) => [f.line, f.start, f.end, f.severity]), [[1, 13, 23, 'info']]);
    });
    it('reports placeholders as information while planning and as warnings once implementation starts', () => {
      const planning = joinLines('# T', '**Created:** 2026-01-01', '**Status:** Planning Complete', '[Description]', '## Status Tracking', '- [ ] Phase 1: A');
      const severities = (text: string): string[] => checkPlan(parsePlan(text), text, { template: seed }).filter((f) => f.code === 'placeholder').map((f) => f.severity);
      assert.deepEqual(severities(planning), ['info']);
      assert.deepEqual(severities(planning.replace('Planning Complete', 'Implementation In Progress')), ['warning']);
      assert.deepEqual(severities(planning.replace('- [ ] Phase 1', '- [x] Phase 1')), ['warning']);
    });
  });

  const cases: [string, string, FindingCode[]][] = [
    ['the seed template has no contradiction', seedTemplate(), []],
    ['Completed with open items', joinLines('# T', '**Created:** 2026-01-01', '**Status:** Completed', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B'), ['completed-with-open-items']],
    ['all tracking done but not Completed', joinLines('# T', '**Created:** 2026-01-01', '**Status:** Implementation In Progress', '## Status Tracking', '- [x] Phase 1: A', '- [~] Phase 2: B'), ['tracking-done-not-completed']],
    ['In Progress with nothing started', joinLines('# T', '**Created:** 2026-01-01', '**Status:** Implementation In Progress', '## Status Tracking', '- [ ] Phase 1: A'), ['in-progress-nothing-started']],
    ['a consistent plan', joinLines('# T', '**Created:** 2026-01-01', '**Status:** Completed', '## Status Tracking', '- [x] Phase 1: A'), []],
    ['missing status and created', joinLines('# T', '## Status Tracking', '- [ ] Phase 1: A'), ['missing-status', 'missing-created']],
    ['a spec-kit task list has no header to miss', joinLines('# Tasks: T', '## Phase 1: Setup', '- [X] T001 [P] A', '- [ ] T002 [US1] B'), []],
    ['a date that is not a date', joinLines('# T', '**Created:** 2026-02-30', '**Status:** Planning Complete', '## Status Tracking', '- [ ] Phase 1: A'), ['invalid-date']],
    ['an unknown status', joinLines('# T', '**Created:** 2026-02-03', '**Status:** Blocked', '## Status Tracking', '- [ ] Phase 1: A'), ['unknown-status']],
    // Completed in other words: judged as Completed, not also noted as unknown.
    ['"✅ Complete" with an open item', joinLines('# T', '**Created:** 2026-02-03', '**Status:** ✅ Complete', '## Status Tracking', '- [ ] Phase 1: A'), ['completed-with-open-items']],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => {
      const found = codes(text).filter((c) => c !== 'placeholder' && c !== 'status-placeholder');
      assert.deepEqual(found, expected);
    });
  }

  it('takes a real date with a time or a note after it, or with its month in words; not a day that does not exist nor a numeric one that reads two ways', () => {
    const created = (value: string) => codes(joinLines('# T', `**Created:** ${value}`, '**Status:** Planning Complete', '## Status Tracking', '- [ ] Phase 1: A')).filter((c) => c === 'invalid-date');
    for (const ok of ['2026-02-03', '2026-02-03 14:05', '2026-02-03T09:00:00Z', '2026-02-03 (revised 2026-02-10)', 'December 8, 2025', 'Dec 8 2025', '8 December 2025', '1st March 2026', 'Sept 3, 2025']) {
      assert.deepEqual(created(ok), [], ok);
    }
    for (const bad of ['2026-02-30', 'February 30, 2026', 'Decembre 8, 2025', '12/08/2025', 'last week', '2026-02-031']) {
      assert.deepEqual(created(bad), ['invalid-date'], bad);
    }
  });

  it('flags the status choice list of the template', () => assert.ok(codes(seedTemplate()).includes('status-placeholder')));

  it('headerContradictions reports only the header/box contradictions, from the model alone', () => {
    const liar = parsePlan(joinLines('# [Title]', '**Status:** Completed', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B'));
    assert.deepEqual(headerContradictions(liar).map((f) => f.code), ['completed-with-open-items']);
    assert.deepEqual(headerContradictions(parsePlan(seedTemplate())), []);
    const custom = parsePlan(joinLines('**Status:** Shipped', '## Status Tracking', '- [ ] Phase 1: A'));
    assert.deepEqual(headerContradictions(custom, { statuses: ['Draft', 'Shipped'] }).map((f) => f.code), ['completed-with-open-items']);
  });

  it('says what each status rule found, on the status value', () => {
    const plan = (status: string, ...body: string[]) => parsePlan(joinLines('# P', '', `**Status:** ${status}`, '', ...body));
    const messages = (p: ReturnType<typeof parsePlan>, statuses = DEFAULT_STATUSES) => headerFindings(p, { statuses }).map((f) => [f.code, f.message, f.line, f.start, f.end]);
    assert.deepEqual(messages(plan('Completed', '**Created:** 2026-01-02', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B', '- [/] Phase 3: C')), [
      ['completed-with-open-items', '**Status:** is "Completed" but 2 items are not done (first: line 8, "Phase 2: B").', 2, 12, 21],
    ]);
    assert.deepEqual(messages(plan('Shipped', '**Created:** 2026-01-02', '- [ ] a')), [['unknown-status', '**Status:** "Shipped" is not one of: Planning Complete, Implementation In Progress, Completed.', 2, 12, 19]]);
    assert.deepEqual(messages(plan('Implementation In Progress', '**Created:** 2026-01-02', '## Status Tracking', '- [x] Phase 1: A')), [
      ['tracking-done-not-completed', 'Every Status Tracking item is done but **Status:** is "Implementation In Progress", not "Completed".', 2, 12, 38],
    ]);
    assert.deepEqual(messages(plan('Implementation In Progress', '**Created:** 2026-01-02', '- [ ] a', '- [ ] b')), [
      ['in-progress-nothing-started', '**Status:** is "Implementation In Progress" but nothing is ticked or in progress yet (0/2, 0%).', 2, 12, 38],
    ]);
    assert.deepEqual(messages(plan('Planning Complete / Implementation In Progress / Completed', '**Created:** 2026-01-02', '- [ ] a')), [
      ['status-placeholder', '**Status:** still lists every choice ("Planning Complete / Implementation In Progress / Completed"); pick one.', 2, 12, 70],
    ]);
    assert.deepEqual(
      headerFindings(parsePlan(joinLines('# P', '**Created:** 2026-01-02', '- [ ] a'))).map((f) => [f.code, f.message, f.line]),
      [['missing-status', 'The plan has no **Status:** field.', 0]],
    );
    // The field as the plan names it: another language, another wording, front matter.
    const open = (...header: string[]) => headerFindings(parsePlan(joinLines(...header, '# P', '## Phase 1: A', '- [ ] a'))).map((f) => f.message);
    assert.deepEqual(open('**Estado:** Completed'), ['**Estado:** is "Completed" but 1 item is not done (first: line 4, "a").']);
    assert.deepEqual(open('**Current Status:** Completed'), ['**Current Status:** is "Completed" but 1 item is not done (first: line 4, "a").']);
    assert.deepEqual(open('---', 'status: Completed', '---'), ['Front matter `status` is "Completed" but 1 item is not done (first: line 6, "a").']);
  });

  it('hasHeaderContradiction says whether headerContradictions finds any, on every fixture and every status, default and configured', () => {
    const root = path.join(__dirname, '..', '..', 'fixtures');
    const texts = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
    const configured = ['Draft', 'Doing', 'Shipped'];
    let contradicting = 0;
    let checked = 0;
    for (const text of texts) {
      for (const status of [undefined, ...DEFAULT_STATUSES, ...configured, 'Whatever']) {
        // The plan's own **Status:** replaced (or left, for undefined), so every fixture meets every status.
        const variant = status === undefined ? text : text.replace(/^(\*\*Status:\*\*)[^\n]*$/m, `$1 ${status}`);
        for (const plan of [parsePlan(variant), parsePlan(variant, { transient: true })]) {
          for (const statuses of [undefined, configured]) {
            const expected = headerContradictions(plan, { statuses }).length > 0;
            assert.equal(hasHeaderContradiction(plan, { statuses }), expected, `${status} ${statuses} ${variant.slice(0, 60)}`);
            if (expected) contradicting++;
            checked++;
          }
        }
      }
    }
    assert.ok(contradicting > 20 && contradicting < checked - 20, `${contradicting} of ${checked}`);
  });
});

describe('plan detection', () => {
  const docs: [string, string, boolean][] = [
    ['a Status Tracking list', joinLines('# x', '## 📊 Status Tracking', '- [ ] Phase 1: Go'), true],
    ['a Status Tracking table', joinLines('# x', '## Implementation Status Tracking', '| Item | Status |', '|---|---|', '| Phase 1 | ✅ Done |'), true],
    ['a Status Tracking list with a note in its heading', joinLines('# x', '## Status Tracking (as of May 2)', '- [ ] Phase 1: Go'), true],
    ['plan front matter', joinLines('---', 'type: plan', '---', '# x'), true],
    ['plan: true front matter', joinLines('---', 'plan: true', '---', '# x'), true],
    ['Phase headings with tasks', joinLines('# x', '## Phase 1: Go', '- [ ] do it'), true],
    ['a spec-kit task list', joinLines('# Tasks: x', '## Phase 1: Setup', '- [ ] T001 [P] Init', '- [X] T002 Lint'), true],
    ['a Kiro task list', joinLines('# Implementation Plan', '- [ ] 1. Set up', '  - [ ] 1.1 Scaffold', '  - _Requirements: 1.1_'), true],
    ['an OpenSpec task list', joinLines('## 1. Store', '- [ ] 1.1 Add table', '- [ ] 1.2 Add index'), true],
    // Regression (issue #9): a Status Tracking heading alone, or **Status:** with a Phase heading, made a plan.
    ['a Status Tracking heading over prose', joinLines('# x', '## 📊 Status Tracking', 'The status feature tracks…'), false],
    // Found in a real OpenSpec change (a third sweep of real task lists): a group of tasks that builds a status tracking system.
    ['a task group named "Status Tracking System"', joinLines('# Tasks', '### Status Tracking System', '- [x] **IMPL-12**: Write status.json', '- [ ] **IMPL-13**: Read it back'), false],
    ['**Status:** with a Phase heading and no task', joinLines('# x', '**Status:** Planning Complete', '## Roadmap', '### Phase 1: Go'), false],
    ['**Status:** with a Step heading and no task', joinLines('# x', '**Status:** Planning Complete', '### Step 1: Go'), false],
    ['an H1 "Phase 5" over a checklist', joinLines('# Phase 5: Context', '**Status:** Draft', '- [ ] read the code'), false],
    ['a README with a status badge line', joinLines('# Project', '**Status:** Beta', '## Install', '- [ ] npm i'), false],
    ['a CHANGELOG', joinLines('# Changelog', '## [1.0.0]', '### Added', '- Phase 2 of the roadmap'), false],
    ['Phase headings without tasks', joinLines('# Notes', '### Phase 1: Reading'), false],
    ['two Milestone headings with tasks', joinLines('# Project Roadmap', '## Milestone 1: Foundation (Complete)', '- [x] Project structure', '## Milestone 2: Core Features', '- [ ] API endpoints'), true],
    ['one Milestone heading with tasks', joinLines('# Release notes', '## Milestone 1 recap', '- [x] shipped the API'), false],
    ['other front matter', joinLines('---', 'layout: post', '---', '# x'), false],
    // An ExecPlan (OpenAI's PLANS.md) anywhere: its Progress checklist beside one of its living sections.
    ['an ExecPlan', joinLines('# Add a theme toggle', '## Progress', '- [x] (2025-10-01 13:00Z) Read the theme code.', '- [ ] Add the toggle.', '## Decision Log', '- Decision: keep the default.'), true],
    ['an ExecPlan with numbered, misspelt sections', joinLines('# Sync', '## 2. Progress', '- [ ] (2025-10-01) Queue edits.', '## 3. Suprises and Discoveries', 'None yet.'), true],
    ['a Progress checklist alone', joinLines('# Project', '## Progress', '- [x] Logo', '- [ ] Website'), false],
    ['an ExecPlan\'s sections with no task', joinLines('# Sync', '## Progress', 'Nothing started.', '## Outcomes & Retrospective', 'None.'), false],
  ];
  for (const [what, text, expected] of docs) it(`${expected ? 'accepts' : 'rejects'} ${what}`, () => assert.equal(parsePlan(text).isPlan, expected));

  it('reads Kiro and OpenSpec task lists by their path, an archived OpenSpec change too', () => {
    const plain = joinLines('# Tasks', '', '- [x] Update the wizard', '- [ ] Add tests');
    const kind = (uri: string): string | undefined => parsePlan({ text: plain, uri }).kind;
    assert.equal(kind('.kiro/specs/login/tasks.md'), 'kiro');
    assert.equal(kind('openspec/changes/add-login/tasks.md'), 'openspec');
    assert.equal(kind('openspec/changes/archive/2025-01-01-add-login/tasks.md'), 'openspec');
    assert.equal(kind('app/openspec/changes/archive/x/tasks.md'), 'openspec');
    assert.equal(kind('openspec/specs/login/tasks.md'), undefined);
    assert.equal(kind('docs/tasks.md'), undefined);
    // Claude Code plan files, in the plans folder or a folder of it (doing/, done/).
    assert.equal(kind('.claude/plans/login.md'), 'claude-code');
    assert.equal(kind('.claude/plans/done/login.md'), 'claude-code');
    assert.equal(kind('.claude/notes/login.md'), undefined);
    // An ExecPlan is one by its sections, wherever it is: in a plans folder, it is no longer only a checklist there.
    const execPlan = joinLines('# Sync', '## Progress', '- [x] (2025-10-01 13:00Z) Queue edits.', '- [ ] Replay them.', '## Surprises & Discoveries', 'None.');
    for (const uri of ['docs/exec-plans/active/sync.md', '.agent/execplans/sync.md', 'docs/plans/sync.md']) assert.equal(parsePlan({ text: execPlan, uri }).kind, 'execplan', uri);
    // A `## Status Tracking` group of tasks in a tool's tasks.md is one more group, not the template's tracking list.
    const withGroup = joinLines('# Tasks', '', '## 1. Storage', '- [x] 1.1 Write the status file', '', '## Status Tracking', '- [x] Track step durations', '- [x] Track step outputs', '', '## 2. Commits', '- [ ] 2.1 Validate messages');
    for (const [uri, expected] of [['openspec/changes/workflow/tasks.md', 'openspec'], ['.kiro/specs/workflow/tasks.md', 'kiro'], ['docs/workflow.md', 'template']] as const) {
      const plan = parsePlan({ text: withGroup, uri });
      assert.equal(plan.kind, expected, uri);
      assert.equal(plan.trackingSection >= 0, expected === 'template', uri);
      if (expected !== 'template') assert.equal(plan.progress.total, 4, uri);
    }
  });

  it('reads a checklist as a plan by its place: a plans folder, or a file named PLAN.md / …-plan.md', () => {
    const checklist = joinLines('# Multi-user auth', '', 'Status: implemented.', '', '## Tasks', '- [x] Add the provider', '- [ ] Map the groups');
    const kind = (uri: string, text = checklist): string | undefined => parsePlan({ text, uri }).kind;
    for (const uri of ['docs/plans/multiuser-auth.md', 'plans/0001-mvp.md', 'docs/plan/completed/auth.md', 'PLAN.md', 'PLANS.md', 'docs/IMPLEMENTATION_PLAN.md', '.planning/phases/47/47-01-PLAN.md', 'docs/migration-plan.md', 'tasks/todo.md', 'app/tasks/todo.md', 'docs/开发计划.md', '実装計画.md', 'apps/site/개발계획.md', 'PLAN_DE_IMPLEMENTACION.md', 'docs/PLANO_EXECUCAO.md']) {
      assert.equal(kind(uri), 'placed', uri);
    }
    // Not by the name alone: an index or template in the folder, another name, a single box.
    for (const uri of ['docs/plans/README.md', 'docs/plans/index.md', 'plans/TEMPLATE.md', 'docs/floorplan.md', 'docs/planning.md', 'docs/auth.md', 'TODO.md', 'tasks/lessons.md', 'docs/todo.md', 'docs/计划书模板/x.md', 'explanation_notes.md']) {
      assert.equal(kind(uri), undefined, uri);
    }
    assert.equal(kind('docs/plans/x.md', joinLines('# x', '- [ ] one box')), undefined);
    // A shape of its own still names the kind.
    assert.equal(kind('docs/plans/x.md', joinLines('# x', '## Phase 1: A', '- [ ] a', '- [ ] b')), 'phased');
  });

  it('a template is not a plan, by its path, whatever its shape, unless the path is an always-plan one', () => {
    const specKit = joinLines('# Tasks: [FEATURE NAME]', '', '## Phase 1: Setup', '- [ ] T001 Create project structure', '- [ ] T002 [P] Configure linting');
    const tracked = joinLines('# [Plan Title]', '', '**Status:** Planning Complete', '', '## Status Tracking', '- [ ] Phase 1: Setup', '- [ ] Phase 2: Build');
    const declared = joinLines('---', 'type: plan', '---', '# {{title}}', '- [ ] First task');
    const kind = (uri: string, text: string, assumePlan = false): string | undefined => parsePlan({ text, uri }, { assumePlan }).kind;
    for (const uri of [
      '.specify/templates/tasks-template.md',
      'templates/plan.md',
      '.claude/skills/session/plan/templates/plan.md',
      'docs/template/roadmap.md',
      '.github/ISSUE_TEMPLATE/feature.md',
      'plans/TEMPLATE.md',
      'docs/plan-template.md',
      'PLAN_TEMPLATE.md',
      'docs/plans/plan.template.md',
      '.claude/plans/TEMPLATE-feature-plan.md',
      'docs/TEMPLATE_plan.md',
    ]) {
      for (const text of [specKit, tracked, declared]) assert.equal(kind(uri, text), undefined, `${uri}: ${text.slice(0, 20)}`);
    }
    // A plan about templates, a folder that only starts or ends so, and a path with no folder of the workspace are plans.
    for (const uri of ['docs/template-migration-plan.md', 'specs/004-storefront-template-migration/tasks.md', 'apps/site-templates/docs/plans/auth.md', 'templates.md', '']) {
      assert.equal(kind(uri, specKit), 'spec-kit', uri);
    }
    assert.equal(kind('templates/plan.md', specKit, true), 'spec-kit');
    assert.equal(kind('templates/notes.md', joinLines('# Notes', 'Text.'), true), 'declared');
    assert.match(whyNotPlan(parsePlan({ text: specKit, uri: 'templates/plan.md' }), 'templates/plan.md') ?? '', /template/);
    assert.doesNotMatch(whyNotPlan(parsePlan({ text: joinLines('# Notes', '- [ ] a'), uri: 'docs/notes.md' }), 'docs/notes.md') ?? '', /template/);
  });

  it('takes a heading that says its work is under way for an in-progress phase, which can be current with no box under it', () => {
    for (const mark of ['🔄 IN PROGRESS', '(In Progress)', '[WIP]', '- 75% Complete', '🚧', '(EN PROGRESO)', '（进行中）']) {
      const plan = parsePlan(joinLines('# Plan', '## Phase 1: Setup ✅', '- [x] a', `## Phase 2: Build ${mark}`, 'Under way: see the PR.', '## Phase 3: Ship', '- [ ] b'));
      assert.deepEqual(
        plan.phases.map((p) => p.state),
        ['done', 'inProgress', 'open'],
        mark,
      );
      assert.equal(plan.currentPhase, 1, mark);
    }
    // Its boxes still count: all open is in progress, all ticked is done.
    assert.equal(parsePlan(joinLines('# Plan', '## Phase 1: Build (In Progress)', '- [ ] a', '## Phase 2: Ship', '- [ ] b')).phases[0].state, 'inProgress');
    assert.equal(parsePlan(joinLines('# Plan', '## Phase 1: Build (In Progress)', '- [x] a', '## Phase 2: Ship', '- [ ] b')).phases[0].state, 'done');
    // Not a name that only has the words in it.
    assert.equal(parsePlan(joinLines('# Plan', '## Phase 1: Show in-progress uploads', '- [ ] a', '## Phase 2: Ship', '- [ ] b')).phases[0].state, 'open');
  });

  it("reads a phase's own status line, under its heading or closing its list, as a mark on the heading", () => {
    // planning-with-files' task_plan.md: the status closes each phase's list.
    const planning = parsePlan(
      joinLines('# Task Plan: Search', '', '## Phases', '', '### Phase 1: Discovery', '- [x] a', '- [ ] b', '- **Status:** complete', '', '### Phase 2: Build', '- [ ] c', '- **Status:** in_progress', '', '### Phase 3: Ship', '- [ ] d', '- **Status:** pending'),
    );
    assert.deepEqual(planning.phases.map((p) => [p.name, p.state]), [['Discovery', 'done'], ['Build', 'inProgress'], ['Ship', 'open']]);
    assert.equal(planning.currentPhase, 1);
    // Under the heading, with sub-headings below it; in another language; a phase without boxes.
    const timeline = parsePlan(
      joinLines('# Timeline', '', '## Phase 1: Setup', '', '**Status:** ✅ Completed', '', '### 1.1 Repo', '- [x] a', '- [ ] b', '## Fase 2: Pagos', '**Estado:** 🚧 En progreso', 'Under way.', '## Phase 3: Later', '**Status:** Not started', '- [ ] c'),
    );
    assert.deepEqual(timeline.phases.map((p) => [p.name, p.state]), [['Setup', 'done'], ['Pagos', 'inProgress'], ['Later', 'open']]);
    assert.equal(timeline.currentPhase, 1);
    // Not a task's own note, nor a status line in a sub-section, nor in code.
    const nested = parsePlan(joinLines('# Plan', '## Phase 1: Setup', '- [ ] a', '  - **Status:** done', '### Notes', '**Status:** done', '## Phase 2: Ship', '```', '**Status:** done', '```', '- [ ] b'));
    assert.deepEqual(nested.phases.map((p) => p.state), ['open', 'open']);
    // The plan's own header status is not a phase's.
    assert.equal(planning.status, undefined);
    assert.equal(parsePlan(joinLines('# Plan', '**Status:** Completed', '## Phase 1: A', '- [ ] a')).phases[0].state, 'open');
  });

  it('leaves a rule drawn at either end of a phase heading out of its label and name', () => {
    const plan = parsePlan(joinLines('# Plan', '## ── PHASE 1: Infrastructure ──────────', '- [x] a', '## ═══ Phase 2: Server ═══', '- [ ] b', '## Phase 3: Client -- Web', '- [ ] c', '## Phase 4 — Docs ✅', '- [x] d'));
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.name]),
      [
        ['PHASE 1: Infrastructure', 'Infrastructure'],
        ['Phase 2: Server', 'Server'],
        ['Phase 3: Client -- Web', 'Client -- Web'],
        ['Phase 4 — Docs ✅', 'Docs'],
      ],
    );
    assert.equal(plan.currentPhase, 1);
  });

  it('takes a heading that says it is finished in another language for a done phase, and its name without the mark', () => {
    for (const [heading, name] of [
      ['阶段一：基础设施（已完成）', '基础设施'],
      ['Fase 1: API (completado)', 'API'],
      ['Phase 1: Setup — Erledigt', 'Setup'],
      ['Этап 1: Ядро (Завершено)', 'Ядро'],
      ['フェーズ1: 基盤（完了）', '基盤'],
    ]) {
      const plan = parsePlan(joinLines('# Plan', `## ${heading}`, 'Shipped.', '## Phase 2: Ship', '- [ ] b'));
      assert.deepEqual([plan.phases[0].state, plan.phases[0].name, plan.currentPhase], ['done', name, 1], heading);
    }
    // Not finished: the brackets say "not completed" (未完成) or "partly completed" (部分完成).
    for (const mark of ['（未完成）', '（部分完成）']) {
      assert.equal(parsePlan(joinLines('# Plan', `## 阶段一：基础设施${mark}`, 'Text.', '## Phase 2: Ship', '- [ ] b')).phases[0].state, 'open', mark);
    }
  });

  it('takes a done mark followed by a note in brackets for done, unless the note says it is not', () => {
    const plan = parsePlan(joinLines('# Roadmap', '## Phase 1: Sync ✅ (core complete)', '- [x] a', '- [ ] stretch goal', '## Phase 2: Share ✅ (not yet complete)', '- [x] b', '- [ ] c', '## Phase 3: Polish', '- [ ] d'));
    assert.deepEqual(plan.phases.map((p) => [p.name, p.state]), [['Sync', 'done'], ['Share ✅ (not yet complete)', 'inProgress'], ['Polish', 'open']]);
    assert.ok(codes(joinLines('# Roadmap', '## Phase 1: Sync ✅ (core complete)', '- [x] a', '- [ ] stretch goal', '## Phase 2: B', '- [ ] c')).includes('phase-done-with-open-tasks'));
  });

  it('reads a heading that says it is not done as not done ("NOT DONE", "PARTIALLY COMPLETED")', () => {
    const plan = parsePlan(
      joinLines(
        '# Output Fixes Implementation Plan',
        '',
        '## Phase 1: Data loss ✅ COMPLETED',
        '- [x] Fix resampling',
        '',
        '## Phase 2: Defaults ⚠️ PARTIALLY COMPLETED',
        '- [x] Review defaults',
        '- [ ] Add print statements',
        '',
        '## Phase 3: Validation — NOT DONE',
        '- [ ] Fix validation',
        '',
        '## Phase 4: Docs (not yet complete)',
        '',
        '## Phase 5: Release — Done',
      ),
    );
    assert.deepEqual(
      plan.phases.map((p) => [p.name, p.state]),
      [
        ['Data loss', 'done'],
        ['Defaults ⚠️ PARTIALLY COMPLETED', 'inProgress'],
        ['Validation — NOT DONE', 'open'],
        ['Docs (not yet complete)', 'open'],
        ['Release', 'done'],
      ],
    );
    assert.equal(plan.currentPhase, 1);
  });

  it('counts a Kiro task list\'s sub-tasks under their numbered task, nested or written at the same indent', () => {
    const plan = parsePlan(
      joinLines(
        '# Implementation Plan',
        '',
        '- [x] 1. Build it',
        '- [x] 1.1 Part A',
        '- [ ] 1.2 Part B',
        '  - [x] detail of 1.2',
        '- [ ] 2. Ship it',
        '  - [ ] 2.1 Nested',
        '- [ ] 2.2 Flat',
        '- [ ]* 2.3 Optional',
        '- [ ] 3.1 Not under 2',
        '- [ ] 3. Last',
        '- [ ] A note between',
        '- [ ] 3.2 After the note',
      ),
    );
    assert.equal(plan.kind, 'kiro');
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.progress.done, p.progress.total]),
      [
        ['1. Build it', 'done', 2, 3],
        // The optional 2.3 is left out of the count (open, it counts as skipped).
        ['2. Ship it', 'open', 0, 2],
        ['3. Last', 'open', 0, 0],
      ],
    );
    assert.equal(plan.currentPhase, 1);
    // A task's own mark decides, but an open one: in progress stays in progress with every sub-task
    // done, and an open one with every sub-task done is in progress too (its own box is left: it is
    // what `next` offers), not done while the totals count it open.
    const marked = parsePlan(joinLines('# Implementation Plan', '- [-] 1. Set up', '  - [x] 1.1 a', '  - [x] 1.2 b', '- [ ] 2. Build', '  - [x] 2.1 c', '  - [ ]* 2.2 optional', '- [x] 3. Ship', '  - [ ] 3.1 d'));
    assert.deepEqual(marked.phases.map((p) => p.state), ['inProgress', 'inProgress', 'done']);
    assert.equal(marked.currentPhase, 0);
    const left = parsePlan(joinLines('# Implementation Plan', '- [x] 1. Set up', '  - [x] 1.1 a', '- [ ] 2. Build', '  - [x] 2.1 c', '- [ ] 3. Tests', '  - [ ]* 3.1 optional'));
    assert.deepEqual(left.phases.map((p) => p.state), ['done', 'inProgress', 'open']);
    assert.equal(left.phases[left.currentPhase].label, '2. Build');
    assert.equal(nextTask(left)?.text, '2. Build');
  });

  it('takes a Kiro task list\'s `## Phase N` headings for its phases when its author grouped the numbered tasks so', () => {
    const plan = parsePlan({
      text: joinLines('# Implementation Plan', '## Phase 1: Build (Tasks 1–2)', '- [x] 1. Find the library', '- [x] 2. Link it', '## Phase 2: Tests (Task 3)', '- [ ] 3. Write the tests', '  - [x] 3.1 Unit', '  - [ ] 3.2 Property'),
      path: '.kiro/specs/chaos/tasks.md',
    });
    assert.equal(plan.kind, 'kiro');
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, p.progress.done, p.progress.total]),
      [
        ['Phase 1: Build (Tasks 1–2)', 'done', 2, 2],
        ['Phase 2: Tests (Task 3)', 'inProgress', 1, 3],
      ],
    );
  });

  it('leaves a Kiro spec\'s open optional tasks out of what is left: done when its required tasks are, and never next', () => {
    const spec = (...lines: string[]) => parsePlan({ text: joinLines('# Implementation Plan', '', ...lines), path: '.kiro/specs/x/tasks.md' });
    const finished = spec('- [x] 1. Model', '  - [x] 1.1 Types', '  - [ ]* 1.2 Property test', '- [x] 2. API', '  - [x] 2.1 Routes', '  - [ ]\\* 2.2 Escaped optional', '- [ ]* 3. Optional group', '  - [ ]* 3.1 Benchmarks');
    assert.deepEqual(finished.progress, { done: 4, open: 0, inProgress: 0, skipped: 4, total: 4 });
    assert.equal(finished.currentPhase, -1);
    assert.equal(nextTask(finished), undefined);
    const open = spec('- [ ] 14. Validation', '  - [x] 14.2 Logic', '  - [ ] 14.3 CLI command', '  - [ ]* 14.4 Tests');
    assert.equal(nextTask(open)?.text, '14.3 CLI command');
    assert.equal(open.phases[open.currentPhase].label, '14. Validation');
  });

  it('takes numbered group headings for the phases of a Kiro or spec-kit-titled task list that has no other phases', () => {
    const groups = ['', '### 1. Setup', '- [x] 1.1 Add the model', '- [x] 1.2 Add the table', '', '### 2. Build', '- [x] 2.1 Add the route', '- [ ] 2.2 Add the view'];
    const kiro = parsePlan({ text: joinLines('# Implementation Plan', ...groups), path: '.kiro/specs/crop-filter/tasks.md' });
    assert.equal(kiro.kind, 'kiro');
    assert.deepEqual(kiro.phases.map((p) => [p.label, p.state]), [['1. Setup', 'done'], ['2. Build', 'inProgress']]);
    // An OpenSpec change titled as spec-kit titles its task lists.
    const titled = parsePlan({ text: joinLines('# Tasks: editor-mvp', ...groups.map((l) => l.replace('###', '##'))), path: 'openspec/changes/editor-mvp/tasks.md' });
    assert.equal(titled.kind, 'spec-kit');
    assert.equal(titled.phases[titled.currentPhase].label, '2. Build');
    // Phase headings still come first.
    const phased = parsePlan(joinLines('# Tasks: Albums', '## Phase 1: Setup', '- [x] T001 a', '## 2. Notes', '- [ ] T002 b'));
    assert.deepEqual(phased.phases.map((p) => p.label), ['Phase 1: Setup']);
  });

  it('takes an OpenSpec group inserted later (`## 4a.`) for a phase in its place, and a group marked under way for an in-progress one', () => {
    const plan = parsePlan({
      text: joinLines('## 1. Theme', '- [x] 1.1 a', '## 4. Links', '- [x] 4.1 b', '## 4a. Command palette', '- [ ] 4a.1 c', '## 5. API (In Progress)', '- [ ] 5.1 d'),
      path: 'openspec/changes/fix-theme/tasks.md',
    });
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.number, p.state]),
      [
        ['1. Theme', 1, 'done'],
        ['4. Links', 4, 'done'],
        ['4a. Command palette', 4, 'open'],
        ['5. API (In Progress)', 5, 'inProgress'],
      ],
    );
  });

  it('takes an OpenSpec change’s unnumbered group headings for its phases, at the first level with two groups', () => {
    const spec = (...lines: string[]) => parsePlan({ text: joinLines('# Tasks', '', ...lines), path: 'openspec/changes/add-sidebar/tasks.md' });
    const plain = spec('## Pre-Implementation', '- [x] Read the spec', '## Component Development', '- [x] Sidebar', '- [ ] Toggle', '## 1) Tests', '- [ ] Unit tests');
    assert.deepEqual(plain.phases.map((p) => [p.label, p.state]), [['Pre-Implementation', 'done'], ['Component Development', 'inProgress'], ['1) Tests', 'open']]);
    assert.equal(plain.phases[plain.currentPhase].label, 'Component Development');
    // One heading over the groups: its groups are the phases.
    const nested = spec('## Tasks', '### Setup', '- [x] a', '### Build', '- [ ] b');
    assert.deepEqual(nested.phases.map((p) => p.label), ['Setup', 'Build']);
    // One group is no phases.
    assert.deepEqual(spec('## Tasks', '- [x] a', '- [ ] b').phases, []);
  });

  it('reads a BMAD story: its `## Status` line, and its top-level tasks with sub-tasks as its phases', () => {
    const story = joinLines(
      '# Story 2.1: Export',
      '',
      '## Status',
      '',
      'Review',
      '',
      '## Tasks / Subtasks',
      '',
      '- [x] Task 1: CSV writer (AC: 1)',
      '  - [x] Write rows',
      '- [ ] Task 2: Download button (AC: 2)',
      '  - [x] Button',
      '  - [x] Wire it',
      '- [ ] Task 3: Docs',
      '  - [ ] Usage page',
      '',
      '## QA Results',
      '- [ ] Consider a progress bar',
    );
    const plan = parsePlan({ text: story, path: 'docs/stories/2.1.story.md' });
    assert.equal(plan.kind, 'bmad');
    assert.equal(plan.status, 'Review');
    assert.deepEqual(plan.phases.map((p) => [p.label, p.state]), [
      ['Task 1: CSV writer (AC: 1)', 'done'],
      ['Task 2: Download button (AC: 2)', 'inProgress'],
      ['Task 3: Docs', 'open'],
    ]);
    assert.equal(plan.currentPhase, 1);
    // Its tool's statuses are its own: no unknown-status; Set Status writes the line where it is.
    assert.deepEqual(codes(story).filter((c) => c === 'unknown-status'), []);
    assert.equal(applyResult(story, setStatusEdit(story, 'Done')), story.replace('\nReview\n', '\nDone\n'));
    // A `## Status` section of prose, a list or two lines is no status.
    for (const body of [['Shipped to staging on Monday, then to production once the numbers hold.'], ['- Draft'], ['Draft', 'by Ana']]) {
      assert.equal(parsePlan(joinLines('# Story', '## Status', ...body, '## Tasks / Subtasks', '- [ ] Task 1', '  - [ ] a')).status, undefined, body.join(' / '));
    }
  });

  it('a BMAD story marked done over open items of its QA results or dev notes is not a contradiction; over open tasks it is', () => {
    const story = (task: string) =>
      joinLines(
        '# Story 2.5: Detection Service',
        '',
        'Status: done',
        '',
        '## Tasks / Subtasks',
        '- [x] Task 1: Detect (AC: 1)',
        '  - [x] 1.1 Scan',
        `  - [${task}] 1.2 Report`,
        '## Dev Notes',
        '### Architecture Compliance Checklist',
        '- [ ] Service in the core layer',
        '## QA Results',
        '### Improvements Checklist',
        '- [ ] Add a unit test for the parser',
      );
    assert.ok(!codes(story('x')).includes('completed-with-open-items'));
    const open = checkPlan(parsePlan(story(' ')), story(' ')).find((f) => f.code === 'completed-with-open-items');
    assert.match(open?.message ?? '', /1 item is not done \(first: line 8, "1\.2 Report"\)/);
    // Any other plan: every open item counts.
    const plan = joinLines('# Plan', '**Status:** Completed', '## Phase 1: A', '- [x] a', '## Notes', '- [ ] follow up');
    assert.ok(codes(plan).includes('completed-with-open-items'));
  });

  it('a changelog, release notes or a history is not a plan, by its name, whatever its shape', () => {
    const phased = joinLines('# Changelog', '', '## [1.2.0] - 2026-07-24', '## Phase 1: Foundation', '- [x] Init repo', '- [x] Add CI');
    for (const uri of ['CHANGELOG.md', 'docs/Changelog.md', 'CHANGES.md', 'HISTORY.md', 'RELEASE_NOTES.md', 'release-notes.md']) {
      assert.equal(parsePlan({ text: phased, uri }).kind, undefined, uri);
    }
    assert.equal(parsePlan({ text: phased, uri: 'docs/changelog-migration-plan.md' }).kind, 'phased');
    assert.equal(parsePlan({ text: phased, uri: 'CHANGELOG.md' }, { assumePlan: true }).kind, 'phased');
    assert.match(whyNotPlan(parsePlan({ text: phased, uri: 'CHANGELOG.md' }), 'CHANGELOG.md') ?? '', /changelog/);
  });

  it('reads more plans by their shape: a spec-kit feature folder’s tasks.md, "Development Plan" and "Rewrite Plan" titles, `Task N` and `Wave 0.5` headings', () => {
    const list = ['', '- [x] Add the model', '- [ ] Add the view'];
    assert.equal(parsePlan({ text: joinLines('# Todos', ...list), path: 'specs/014-user-todos/tasks.md' }).kind, 'spec-kit');
    assert.equal(parsePlan({ text: joinLines('# Todos', ...list), path: 'docs/tasks.md' }).kind, undefined);
    assert.equal(parsePlan(joinLines('# 0-dex Development Plan', ...list)).kind, 'claude-code');
    assert.equal(parsePlan(joinLines('# AxiomLab Rewrite Plan', ...list)).kind, 'claude-code');
    const superpowers = parsePlan(joinLines('# Script Runner', '', '### Task 1: Parser', '- [x] Step 1: failing test', '### Task 2: Runner', '- [ ] Step 1: failing test'));
    assert.equal(superpowers.kind, 'phased');
    assert.deepEqual(superpowers.phases.map((p) => [p.label, p.state]), [['Task 1: Parser', 'done'], ['Task 2: Runner', 'open']]);
    const waves = parsePlan(joinLines('# Tickets', '## Wave 0 — ADR', '- [x] a', '## Wave 0.5 — Rename', '- [ ] b', '## Wave 1 — Docs', '- [ ] c'));
    assert.deepEqual(waves.phases.map((p) => p.number), [0, 0.5, 1]);
    assert.equal(waves.phases[waves.currentPhase].number, 0.5);
  });

  it('takes `Milestone N` headings for the phases of a plan without `Phase N` ones', () => {
    const plan = parsePlan(
      joinLines(
        '# Unified Project Plan',
        '',
        '## ✅ Milestone 1: Foundation',
        '- [x] Scaffold',
        '## Milestone 2: Core Features (In Progress)',
        '### Tasks',
        '- [x] Auth',
        '- [ ] API endpoints',
        '### Milestone 2 notes',
        'Nothing to tick here.',
        '## Milestone 3: Polish',
        '- [ ] Docs',
        '## Milestone 4: Later',
        'Not planned yet.',
      ),
    );
    assert.equal(plan.kind, 'phased');
    assert.deepEqual(
      plan.phases.map((p) => [p.kind, p.number, p.name, p.state, `${p.progress.done}/${p.progress.total}`]),
      [
        ['milestone', 1, 'Foundation', 'done', '1/1'],
        ['milestone', 2, 'Core Features (In Progress)', 'inProgress', '1/2'],
        ['milestone', 3, 'Polish', 'open', '0/1'],
      ],
    );
    assert.equal(plan.currentPhase, 1);
    // `Phase N` headings win: milestones then only group them.
    const grouped = parsePlan(joinLines('# Roadmap', '## Milestone 1: MVP', '### Phase 1: Model', '- [x] a', '### Phase 2: API', '- [ ] b', '## Milestone 2: Scale', '### Phase 3: Cache', '- [ ] c'));
    assert.deepEqual(
      grouped.phases.map((p) => p.label),
      ['Phase 1: Model', 'Phase 2: API', 'Phase 3: Cache'],
    );
  });

  it('takes `Checkpoint N`, `Stage N`, `Sprint N`, `Iteration N`, `Wave N` and `Week N` headings as milestones, one word a plan', () => {
    for (const word of ['Checkpoint', 'Stage', 'Sprint', 'Iteration', 'Wave', 'Week']) {
      const plan = parsePlan(joinLines('# Build Mode', '', '## Implementation Checkpoints', `### ${word} 1: Create the command`, '- [x] Front matter', `### ${word} 2: Integration testing`, '- [ ] Starting scenario', '- [ ] Error scenario'));
      assert.equal(plan.kind, 'phased', word);
      assert.deepEqual(
        plan.phases.map((p) => [p.kind, p.number, p.name, p.state]),
        [
          ['milestone', 1, 'Create the command', 'done'],
          ['milestone', 2, 'Integration testing', 'open'],
        ],
        word,
      );
    }
    // A later heading of another word with the same number is not a second phase 1.
    const mixed = parsePlan(joinLines('# Plan', '## Milestone 1: MVP', '- [x] a', '## Milestone 2: Scale', '- [ ] b', '## Stage 1: Notes', '- [ ] c'));
    assert.deepEqual(mixed.phases.map((p) => p.label), ['Milestone 1: MVP', 'Milestone 2: Scale']);
    // The words alone, or one such heading with tasks, make no plan.
    assert.equal(parsePlan(joinLines('# Retro', '## Sprint 1', '- [ ] follow up with ops')).isPlan, false);
    assert.equal(parsePlan(joinLines('# Stages', '## Stage left', '- [ ] a', '## Stagecraft 2', '- [ ] b')).isPlan, false);
  });

  it('reads phases in the words of plans in other languages: Fase, Etapa, Étape, Этап, 阶段, 第N阶段, フェーズ, N단계', () => {
    const phases = (...lines: string[]) => parsePlan(joinLines('# Plan', ...lines)).phases.map((p) => [p.number, p.name, p.state]);
    assert.deepEqual(phases('## ✅ Fase 1: Configuración', '- [x] a', '## 🚧 Fase 2: Pedidos (EN PROGRESO)', '- [x] b', '- [ ] c'), [
      [1, 'Configuración', 'done'],
      [2, 'Pedidos (EN PROGRESO)', 'inProgress'],
    ]);
    assert.deepEqual(phases('### 阶段一：项目初始化（第1周）', '- [x] a', '### 阶段二：核心功能', '- [ ] b'), [
      [1, '项目初始化（第1周）', 'done'],
      [2, '核心功能', 'open'],
    ]);
    assert.deepEqual(phases('## 第一阶段：MVP', '- [x] a', '## 第十二阶段', '- [ ] b'), [
      [1, 'MVP', 'done'],
      [12, '第十二阶段', 'open'],
    ]);
    assert.deepEqual(phases('## 1단계: 기반 설정', '- [x] a', '## 2단계: 배포', '- [ ] b'), [
      [1, '기반 설정', 'done'],
      [2, '배포', 'open'],
    ]);
    assert.deepEqual(phases('## フェーズ0: 基盤整備', '- [x] a', '## Этап 1. Деплой', '- [ ] b', '## Étape 2 : Tests', '- [ ] c'), [
      [0, '基盤整備', 'done'],
      [1, 'Деплой', 'open'],
      [2, 'Tests', 'open'],
    ]);
    // Such headings with tasks make a plan, as `Phase N` ones do; the word in prose does not.
    assert.equal(parsePlan(joinLines('# Pedidos', '## Fase 1: Base', '- [x] a', '## Fase 2: UI', '- [ ] b')).kind, 'phased');
    assert.equal(parsePlan(joinLines('# Notas', '## Fase de pruebas', '- [x] a', '## fase 2 de la migración', '- [ ] b')).isPlan, false);
  });

  it('keeps a repeated phase number that holds tasks at the same level: parallel tracks, or a slip the check reports', () => {
    const tracks = parsePlan(
      joinLines('# Migration Plan', '## Backend', '### Phase 1: Schema', '- [x] a', '### Phase 2: API', '- [ ] b', '## Frontend', '### Phase 1: Components', '- [ ] c', '### Phase 2: Pages', '- [ ] d'),
    );
    assert.deepEqual(
      tracks.phases.map((p) => [p.label, p.state]),
      [
        ['Phase 1: Schema', 'done'],
        ['Phase 2: API', 'open'],
        ['Phase 1: Components', 'open'],
        ['Phase 2: Pages', 'open'],
      ],
    );
    assert.equal(tracks.phases[tracks.currentPhase].label, 'Phase 2: API');
    assert.ok(!codes(joinLines('# Migration Plan', '## Backend', '### Phase 1: Schema', '- [x] a', '## Frontend', '### Phase 1: Components', '- [ ] c')).includes('duplicate-phase-number'));
    // In one list: both are listed, and the number is reported.
    const slip = joinLines('# Plan', '## Phase 1: Setup', '- [x] a', '## Phase 2: Build', '- [x] b', '## Phase 2: Polish', '- [ ] c');
    assert.deepEqual(parsePlan(slip).phases.map((p) => p.label), ['Phase 1: Setup', 'Phase 2: Build', 'Phase 2: Polish']);
    assert.ok(codes(slip).includes('duplicate-phase-number'));
    // A repeat at another level is about the phase (its exit criteria), one without tasks a description of it.
    const checkpoints = parsePlan(joinLines('# Plan', '## Phase 1: UI', '- [x] a', '## Phase 2: Data', '- [ ] b', '## Phase Checkpoints', '### Phase 1 Complete When:', '- [ ] renders', '### Phase 2 Complete When:', '- [ ] loads'));
    assert.deepEqual(checkpoints.phases.map((p) => p.label), ['Phase 1: UI', 'Phase 2: Data']);
    const notes = parsePlan(joinLines('# Plan', '## Roadmap', '### Phase 1: UI', '- [x] a', '## Notes', '### Phase 1: UI', 'It went well.'));
    assert.deepEqual(notes.phases.map((p) => p.label), ['Phase 1: UI']);
    // Milestones the same.
    const milestones = parsePlan(joinLines('# Plan', '## API', '### Milestone 1: Auth', '- [x] a', '## App', '### Milestone 1: Login', '- [ ] b'));
    assert.deepEqual(milestones.phases.map((p) => p.label), ['Milestone 1: Auth', 'Milestone 1: Login']);
  });

  it('states the rule in words', () => assert.match(PLAN_DETECTION_RULE, /task items.*Status Tracking.*spec-kit, Kiro and OpenSpec/));

  it('headerContradictions: Completed with open items, every tracking item done but not Completed', () => {
    const plan = (status: string | undefined, ...tasks: string[]) =>
      parsePlan(joinLines('# P', '', ...(status === undefined ? [] : [`**Status:** ${status}`]), '', '## Status Tracking', '', ...tasks));
    const contradictions = (p: ReturnType<typeof parsePlan>) => headerContradictions(p, { statuses: DEFAULT_STATUSES });
    assert.deepEqual(contradictions(plan('Completed', '- [ ] Phase 1: A')).map((f) => f.code), ['completed-with-open-items']);
    assert.deepEqual(contradictions(plan('Implementation In Progress', '- [x] Phase 1: A')).map((f) => f.code), [
      'tracking-done-not-completed',
    ]);
    assert.deepEqual(contradictions(plan('Completed', '- [x] Phase 1: A')), []);
    // Placeholders are not contradictions.
    assert.deepEqual(contradictions(plan('[Planning Complete / Implementation In Progress / Completed]', '- [ ] [Task]')), []);
  });
});
