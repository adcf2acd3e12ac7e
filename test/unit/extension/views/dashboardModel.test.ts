import * as assert from 'node:assert/strict';
import { nextTask, parsePlan } from '../../../../src/core';
import { buildDashboardModel, DashboardPlanCache, dashboardUpdate, statusKind, type DashboardPlanInput } from '../../../../src/extension/views/dashboardModel';
import { applyDashboardUpdate } from '../../../../src/shared/dashboardUpdate';
import { joinLines } from '../../support/helpers';

const STATUSES = ['Planning Complete', 'Implementation In Progress', 'Completed'];

const inProgress = joinLines(
  '# Rebuild the Search Index',
  '',
  '**Created:** 2025-10-01',
  '**Planner:** Opus 4.5',
  '**Status:** Implementation In Progress',
  '**Implementer:** Sonnet 4.5',
  '',
  '## 4. Implementation Roadmap',
  '',
  '### Phase 1: Core Infrastructure',
  '',
  '- [x] Tokenizer',
  '- [x] Index writer',
  '',
  '### Phase 2: Module Implementation',
  '',
  '- [x] Incremental updates',
  '- [ ] Ranking',
  '- [~] Spelling',
  '',
  '## Status Tracking',
  '',
  '- [x] Phase 1: Core Infrastructure',
  '- [-] Phase 2: Module Implementation',
  '- [ ] Quality Checks Passed',
);

const completed = joinLines(
  '# Dark Mode',
  '',
  '**Status:** completed',
  '',
  '### Phase 1: Tokens',
  '',
  '- [x] Colours',
  '',
  '## Status Tracking',
  '',
  '- [x] Phase 1: Tokens',
);

function input(text: string, path: string, unsaved = false): DashboardPlanInput {
  return { uri: `file:///ws/${path}`, path, plan: parsePlan(text), unsaved };
}

describe('extension/views/dashboardModel', () => {
  describe('statusKind', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'none'],
      ['  ', 'none'],
      ['Planning Complete', 'planning'],
      ['implementation in progress', 'inProgress'],
      [' Completed ', 'completed'],
      ['Blocked', 'other'],
    ];
    for (const [status, kind] of cases) {
      it(`${JSON.stringify(status)} → ${kind}`, () => assert.equal(statusKind(status, STATUSES), kind));
    }
  });

  describe('nextTask (the core rule behind "Tick next task")', () => {
    it('is the first open task of the current phase', () => {
      const task = nextTask(parsePlan(inProgress));
      assert.equal(task?.text, 'Ranking');
    });

    it('is the tracking item once the phase section is done', () => {
      const text = inProgress.replace('- [ ] Ranking', '- [x] Ranking');
      assert.equal(nextTask(parsePlan(text))?.text, 'Phase 2: Module Implementation');
    });

    it('is undefined when every task is done', () => {
      assert.equal(nextTask(parsePlan(completed)), undefined);
    });

    it('is the first open task when the plan has no phases', () => {
      assert.equal(nextTask(parsePlan(joinLines('# T', '', '- [x] a', '- [ ] b', '- [ ] c')))?.text, 'b');
    });
  });

  describe('buildDashboardModel', () => {
    const model = buildDashboardModel([input(inProgress, 'docs/plans/search.md', true), input(completed, 'docs/plans/dark.md')], {
      statuses: STATUSES,
      scanning: false,
      hasWorkspace: true,
    });

    it('carries the header fields, status and progress of each plan', () => {
      const [search] = model.plans;
      assert.equal(search.title, 'Rebuild the Search Index');
      assert.equal(search.created, '2025-10-01');
      assert.equal(search.planner, 'Opus 4.5');
      assert.equal(search.implementer, 'Sonnet 4.5');
      assert.equal(search.statusKind, 'inProgress');
      assert.equal(search.statusLabel, 'Implementation In Progress');
      assert.equal(search.unsaved, true);
      assert.deepEqual(search.progress, parsePlan(inProgress).progress);
      assert.deepEqual(search.nextTask, { line: 17, mark: ' ', text: 'Ranking', state: 'open' });
    });

    it('lists the phases with the current one marked and a line to open', () => {
      const [search] = model.plans;
      assert.deepEqual(
        search.phases.map((p) => [p.label, p.state, p.current, p.line]),
        [
          ['Phase 1: Core Infrastructure', 'done', false, 9],
          ['Phase 2: Module Implementation', 'inProgress', true, 14],
          ['Quality Checks Passed', 'open', false, 24],
        ],
      );
      assert.deepEqual(search.phases[1].progress, { done: 1, open: 1, inProgress: 0, skipped: 1, total: 2 });
    });

    it('sums up plans by status (configured ones first, in order) and all tasks', () => {
      assert.deepEqual(
        model.summary.byStatus.map((s) => [s.status, s.statusKind, s.count]),
        [
          ['Planning Complete', 'planning', 0],
          ['Implementation In Progress', 'inProgress', 1],
          ['Completed', 'completed', 1],
        ],
      );
      assert.equal(model.summary.plans, 2);
      const a = model.plans[0].progress;
      const b = model.plans[1].progress;
      assert.equal(model.summary.tasks.done, a.done + b.done);
      assert.equal(model.summary.tasks.total, a.total + b.total);
    });

    it('counts unknown statuses and plans without one after the configured ones', () => {
      const m = buildDashboardModel(
        [
          input(completed.replace('completed', 'Blocked'), 'b.md'),
          input(joinLines('# No Status', '', '## Status Tracking', '', '- [ ] Phase 1: X'), 'n.md'),
        ],
        { statuses: STATUSES, scanning: false, hasWorkspace: true },
      );
      assert.deepEqual(
        m.summary.byStatus.slice(3).map((s) => [s.status, s.statusKind, s.count]),
        [
          ['Blocked', 'other', 1],
          [undefined, 'none', 1],
        ],
      );
    });

    it('counts a plan of a kind without a header where its boxes stand, as its pill says, before other statuses', () => {
      const specKit = (...tasks: string[]) => joinLines('# Tasks: Login', '', '## Phase 1: Setup', '', ...tasks);
      const m = buildDashboardModel(
        [
          input(completed.replace('completed', 'Blocked'), 'b.md'),
          input(specKit('- [x] T001 a', '- [ ] T002 b'), 'specs/001-login/tasks.md'),
          input(specKit('- [ ] T001 a', '- [ ] T002 b'), 'specs/002-logout/tasks.md'),
          input(specKit('- [x] T001 a', '- [ ] T002 b'), 'specs/003-reset/tasks.md'),
          input(joinLines('# No Status', '', '## Status Tracking', '', '- [ ] Phase 1: X'), 'n.md'),
        ],
        { statuses: STATUSES, scanning: false, hasWorkspace: true },
      );
      assert.equal(m.plans[1].statusLabel, 'In progress');
      assert.deepEqual(
        m.summary.byStatus.map((s) => [s.status, s.statusKind, s.count]),
        [
          ['Planning Complete', 'planning', 0],
          ['Implementation In Progress', 'inProgress', 0],
          ['Completed', 'completed', 0],
          ['Not started', 'planning', 1],
          ['In progress', 'inProgress', 2],
          ['Blocked', 'other', 1],
          [undefined, 'none', 1],
        ],
      );
    });

    it('uses the file name for a plan without a title', () => {
      const m = buildDashboardModel([input(joinLines('**Status:** Completed', '', '## Status Tracking', '', '- [x] Phase 1: X'), 'docs/untitled-plan.md')], {
        statuses: STATUSES,
        scanning: false,
        hasWorkspace: true,
      });
      assert.equal(m.plans[0].title, 'untitled-plan.md');
    });

    it('is plain JSON (what postMessage carries)', () => {
      assert.deepEqual(JSON.parse(JSON.stringify(model)), JSON.parse(JSON.stringify(model)));
      const text = JSON.stringify(model);
      assert.ok(!text.includes('undefined'));
    });
  });

  describe('updates: the per-plan cache, dashboardUpdate and applyDashboardUpdate', () => {
    const options = { statuses: STATUSES, scanning: false, hasWorkspace: true };
    const search = input(inProgress, 'docs/search.md');
    const dark = input(completed, 'docs/dark.md');
    const ticked = (): DashboardPlanInput => ({ ...search, plan: parsePlan(inProgress.replace('- [ ] Ranking', '- [x] Ranking')) });
    const byUri = <T extends { uri: string }>(m: { plans: readonly T[] }): Map<string, T> => new Map(m.plans.map((p) => [p.uri, p] as const));

    it('keeps the same object for a plan whose parse did not change, and a new one when it did', () => {
      const cache = new DashboardPlanCache();
      const a = buildDashboardModel([search, dark], options, cache);
      const b = buildDashboardModel([search, dark], options, cache);
      assert.equal(b.plans[0], a.plans[0]);
      assert.equal(b.plans[1], a.plans[1]);
      const c = buildDashboardModel([ticked(), dark], options, cache);
      assert.notEqual(c.plans[0], a.plans[0]);
      assert.equal(c.plans[0].progress.done, a.plans[0].progress.done + 1);
      assert.equal(c.plans[1], a.plans[1]);
    });

    it('builds a new entry when what else it shows changes: unsaved, path, statuses', () => {
      const cache = new DashboardPlanCache();
      const a = buildDashboardModel([search], options, cache).plans[0];
      assert.notEqual(buildDashboardModel([{ ...search, unsaved: true }], options, cache).plans[0], a);
      assert.equal(buildDashboardModel([{ ...search, unsaved: true }], options, cache).plans[0].unsaved, true);
      assert.equal(buildDashboardModel([{ ...search, path: 'moved/search.md' }], options, cache).plans[0].path, 'moved/search.md');
      const renamed = buildDashboardModel([search], { ...options, statuses: ['Draft', 'Implementation In Progress', 'Done'] }, cache).plans[0];
      assert.equal(renamed.statusKind, 'inProgress');
      assert.equal(buildDashboardModel([dark], { ...options, statuses: ['Draft', 'Done'] }, cache).plans[0].statusKind, 'other');
    });

    it('equals the model built without a cache', () => {
      const cache = new DashboardPlanCache();
      buildDashboardModel([search, dark], options, cache);
      assert.deepEqual(buildDashboardModel([ticked(), dark], options, cache), buildDashboardModel([ticked(), dark], options));
    });

    it('sends only the changed plan, and no order when the plans and their order stayed', () => {
      const cache = new DashboardPlanCache();
      const before = buildDashboardModel([search, dark], options, cache);
      const after = buildDashboardModel([ticked(), dark], options, cache);
      const update = dashboardUpdate(before, after);
      assert.deepEqual(update.changed.map((p) => p.uri), [search.uri]);
      assert.equal(update.order, undefined);
      assert.deepEqual(update.summary, after.summary);
      assert.deepEqual(applyDashboardUpdate(byUri(before), update), after);
    });

    it('sends the order when a plan is added, removed or moved, and applies it', () => {
      const cache = new DashboardPlanCache();
      const before = buildDashboardModel([search, dark], options, cache);
      const third = input(completed.replace('Dark Mode', 'Light Mode'), 'docs/light.md');
      for (const inputs of [[dark, search], [search], [search, dark, third], []]) {
        const after = buildDashboardModel(inputs, options, cache);
        const update = dashboardUpdate(before, after);
        assert.deepEqual(update.order, inputs.map((i) => i.uri));
        assert.deepEqual(update.changed.map((p) => p.uri), inputs.includes(third) ? [third.uri] : []);
        assert.deepEqual(applyDashboardUpdate(byUri(before), update), after);
      }
    });

    it('cannot apply an update naming a plan the page does not hold: the page asks for the model', () => {
      const cache = new DashboardPlanCache();
      const before = buildDashboardModel([search, dark], options, cache);
      const after = buildDashboardModel([ticked(), dark], options, cache);
      const update = dashboardUpdate(before, after);
      assert.equal(applyDashboardUpdate(new Map(), { ...update, order: after.plans.map((p) => p.uri), changed: [] }), undefined);
      assert.equal(applyDashboardUpdate(byUri({ plans: [before.plans[1]] }), update), undefined, 'a changed plan the page never had, with no order');
    });
  });
});

describe('extension/views/dashboardModel: evidence', () => {
  it('carries a Status Tracking item\'s evidence to its phase, and the next task\'s to the next task', () => {
    const text = inProgress
      .replace('- [x] Phase 1: Core Infrastructure', '- [x] Phase 1: Core Infrastructure\n  - Evidence: npm test, 42 passing (2026-11-30)')
      .replace('- [ ] Ranking', '- [ ] Ranking\n  - Evidence: <img src=x onerror=alert(1)> (2026-11-30)');
    const model = buildDashboardModel([input(text, 'docs/plans/search.md')], { statuses: STATUSES, scanning: false, hasWorkspace: true });
    const plan = model.plans[0];
    assert.equal(plan.phases[0].evidence, 'npm test, 42 passing (2026-11-30)');
    assert.equal(plan.phases[1].evidence, undefined);
    assert.equal(plan.nextTask?.text, 'Ranking');
    // Passed as plain text: the webview sets it as text (textContent), never as HTML.
    assert.equal(plan.nextTask?.evidence, '<img src=x onerror=alert(1)> (2026-11-30)');
    assert.equal('evidence' in (buildDashboardModel([input(inProgress, 'a.md')], { statuses: STATUSES, scanning: false, hasWorkspace: true }).plans[0].nextTask ?? {}), false);
  });
});
