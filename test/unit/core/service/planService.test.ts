import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { PlanService, TOOLS, parsePlan, type ServiceResult } from '../../../../src/core';
import { joinLines } from '../../support/helpers';
import { MemoryPlanStore } from '../../support/memoryPlanStore';

const AUTH = joinLines(
  '# Auth',
  '',
  '**Created:** 2026-01-02',
  '**Status:** Implementation In Progress',
  '',
  '## Implementation Roadmap',
  '',
  '### Phase 1: Login',
  '- [x] T001 Login form',
  '- [ ] T002 Session cookie',
  '- [ ] T003 Logout',
  '',
  '## Status Tracking',
  '- [ ] Phase 1: Login',
  '',
  '**Notes:**',
  '- 2026-01-02: started',
  '',
);
const BILLING = joinLines('# Billing', '', '**Status:** Planning Complete', '', '## Status Tracking', '- [ ] Phase 1: Invoices', '');

function setup(files: Record<string, string> = { 'docs/plans/auth.md': AUTH, 'docs/plans/billing.md': BILLING, 'README.md': '# Readme\n\n- [ ] not a plan\n' }) {
  const store = new MemoryPlanStore(files);
  const service = new PlanService(store, { today: () => '2026-11-30' });
  return { store, service };
}

function ok<T extends ServiceResult>(r: T): Extract<T, { ok: true }> {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
  return r as Extract<T, { ok: true }>;
}

function changedLines(a: string, b: string): number[] {
  const la = a.split('\n');
  const lb = b.split('\n');
  return la.flatMap((l, i) => (l !== lb[i] ? [i] : []));
}

describe('PlanService', () => {
  describe('get_plan_status', () => {
    it('lists every plan (not other Markdown) with status, phase, progress and next tasks', async () => {
      const { service } = setup();
      const r = ok(await service.getPlanStatus({}));
      assert.equal(r.schemaVersion, 1);
      assert.deepEqual(r.plans.map((p) => p.plan), ['docs/plans/auth.md', 'docs/plans/billing.md']);
      const auth = r.plans[0];
      assert.equal(auth.status, 'Implementation In Progress');
      assert.deepEqual(auth.currentPhase, { label: 'Phase 1: Login', name: 'Login', number: 1 });
      assert.deepEqual(auth.progress, { done: 1, open: 3, inProgress: 0, skipped: 0, total: 4, percent: 25 });
      assert.deepEqual(auth.nextTasks, [
        { id: 'T002', line: 10, text: 'T002 Session cookie', state: 'open' },
        { id: 'T003', line: 11, text: 'T003 Logout', state: 'open' },
        { id: 'Phase 1', line: 14, text: 'Phase 1: Login', state: 'open' },
      ]);
    });

    it('finds one plan by path, file name, bare name or title, and refuses an unknown one with the plans', async () => {
      const { service } = setup();
      for (const ref of ['docs/plans/auth.md', './docs/plans/auth.md', 'auth.md', 'auth', 'plans/auth', 'Auth']) {
        const r = ok(await service.getPlanStatus({ plan: ref, limit: 1 }));
        assert.deepEqual(r.plans.map((p) => p.plan), ['docs/plans/auth.md'], ref);
        assert.equal(r.plans[0].nextTasks.length, 1);
      }
      const missing = await service.getPlanStatus({ plan: 'payments' });
      assert.ok(!missing.ok);
      assert.equal(missing.error.code, 'plan-not-found');
      assert.deepEqual(missing.error.candidates?.map((c) => c.plan), ['docs/plans/auth.md', 'docs/plans/billing.md']);
      const notPlan = await service.getPlanStatus({ plan: 'README.md' });
      assert.ok(!notPlan.ok);
      assert.match(notPlan.error.message, /README.md is not a plan\. .* The plans are listed by get_plan_status \(on the command line: plan-tracker status\)\.$/);
    });

    it('reads a plan by its path as status does: a Kiro tasks.md of plain tasks, and a file the host always counts as a plan', async () => {
      const kiro = joinLines('# Tasks', '', '- [ ] Do the thing', '- [x] Did the other', '');
      const loose = joinLines('# Notes', '', '- [ ] Call the vendor', '');
      const files = { '.kiro/specs/login/tasks.md': kiro, 'docs/loose.md': loose, 'docs/other.md': loose };
      const store = new MemoryPlanStore(files, (id) => id === 'docs/loose.md');
      const service = new PlanService(store, { today: () => '2026-11-30' });
      const all = ok(await service.getPlanStatus({}));
      assert.deepEqual(all.plans.map((p) => p.plan), ['.kiro/specs/login/tasks.md', 'docs/loose.md']);
      assert.deepEqual(all.plans[0].progress, { done: 1, open: 1, inProgress: 0, skipped: 0, total: 2, percent: 50 });
      // By path too, and an edit answers with the same plan's status.
      const ticked = ok(await service.updatePlanTask({ plan: 'docs/loose.md', task: 'Call the vendor' }));
      assert.equal(ticked.status.progress.done, 1);
      assert.equal(store.files.get('docs/loose.md'), loose.replace('- [ ]', '- [x]'));
      ok(await service.updatePlanTask({ plan: '.kiro/specs/login/tasks.md', task: 'Do the thing' }));
      // Without the path or the setting, the same text is not a plan, and the refusal says what one is.
      const other = await service.getPlanStatus({ plan: 'docs/other.md' });
      assert.ok(!other.ok);
      assert.match(other.error.message, /docs\/other\.md is not a plan\. A Markdown file is a plan when .*Kiro/);
    });

    it('refuses a name two plans share', async () => {
      const { service } = setup({ 'a/auth.md': AUTH, 'b/auth.md': AUTH });
      const r = await service.getPlanStatus({ plan: 'auth.md' });
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'plan-ambiguous');
      assert.deepEqual(r.error.candidates?.map((c) => c.plan), ['a/auth.md', 'b/auth.md']);
    });
  });

  describe('update_plan_task', () => {
    it('ticks one task as a one-character edit and answers with the new status and next task', async () => {
      const { store, service } = setup();
      const r = ok(await service.updatePlanTask({ plan: 'auth', task: 'T002' }));
      const after = store.files.get('docs/plans/auth.md')!;
      assert.equal(after, AUTH.replace('- [ ] T002', '- [x] T002'));
      assert.equal(r.changed, true);
      assert.deepEqual(r.task, { id: 'T002', line: 10, text: 'T002 Session cookie', state: 'done', previousState: 'open' });
      assert.deepEqual(r.next, { id: 'T003', line: 11, text: 'T003 Logout', state: 'open' });
      assert.equal(r.status.progress.done, 2);
      assert.equal(r.relocated, null);
    });

    it('adds a dated note under **Notes:** with the tick, and nothing else', async () => {
      const { store, service } = setup();
      const r = ok(await service.updatePlanTask({ plan: 'auth', task: 'T003 logout', state: 'inProgress', note: 'Logout needs the CSRF token' }));
      assert.equal(r.note, '2026-11-30: Logout needs the CSRF token');
      assert.equal(
        store.files.get('docs/plans/auth.md'),
        AUTH.replace('- [ ] T003', '- [-] T003').replace('- 2026-01-02: started\n', '- 2026-01-02: started\n- 2026-11-30: Logout needs the CSRF token\n'),
      );
    });

    it('changes nothing when the task already is in that state', async () => {
      const { store, service } = setup();
      const r = ok(await service.updatePlanTask({ plan: 'auth', task: 'T001', state: 'done' }));
      assert.equal(r.changed, false);
      assert.equal(store.writes, 0);
    });

    it('refuses a missing, ambiguous or stale task with candidates, and writes nothing', async () => {
      const { store, service } = setup({ 'p.md': joinLines('# P', '## Status Tracking', '- [ ] Tests', '- [ ] Tests', '- [ ] Docs') });
      const ambiguous = await service.updatePlanTask({ plan: 'p.md', task: 'tests' });
      assert.ok(!ambiguous.ok);
      assert.equal(ambiguous.error.code, 'task-ambiguous');
      assert.deepEqual(ambiguous.error.candidates, [{ line: 3, text: 'Tests' }, { line: 4, text: 'Tests' }]);
      assert.equal(ambiguous.error.message, '2 tasks match "tests"; name one by its line or its full text.');
      const missing = await service.updatePlanTask({ plan: 'p.md', task: 'Deploy' });
      assert.ok(!missing.ok);
      assert.equal(missing.error.code, 'task-not-found');
      assert.equal(missing.error.message, 'No task matches "Deploy". Name one of the candidates by its text or its line.');
      const stale = await service.updatePlanTask({ plan: 'p.md', task: 'Release', line: 5 });
      assert.ok(!stale.ok);
      assert.match(stale.error.message, /line 5 now holds "Docs"/);
      assert.equal(store.writes, 0);
      const byLine = ok(await service.updatePlanTask({ plan: 'p.md', task: 'Tests', line: 4 }));
      assert.equal(byLine.task.line, 4);
    });

    it('a task that moved before the write is re-located, ticked there, and said so', async () => {
      const { store, service } = setup();
      store.beforeWrite = (id) => store.files.set(id, store.files.get(id)!.replace('### Phase 1: Login\n', '### Phase 1: Login\n- [ ] T000 Added meanwhile\n'));
      const r = ok(await service.updatePlanTask({ plan: 'auth', task: 'T002 Session cookie', line: 10 }));
      assert.equal(r.task.line, 11);
      assert.match(r.relocated!, /moved from line 10 to line 11/);
      const after = store.files.get('docs/plans/auth.md')!;
      assert.match(after, /- \[ \] T000 Added meanwhile\n- \[x\] T001 Login form\n- \[x\] T002 Session cookie/);
    });

    it('a task deleted before the write is refused, and the other writer\'s text is kept', async () => {
      const { store, service } = setup();
      const theirs = AUTH.replace('- [ ] T002 Session cookie\n', '');
      store.beforeWrite = (id) => store.files.set(id, theirs);
      const r = await service.updatePlanTask({ plan: 'auth', task: 'T002' });
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'task-not-found');
      assert.equal(store.files.get('docs/plans/auth.md'), theirs);
    });
  });

  describe('set_plan_status', () => {
    it('sets a configured status (any case) and refuses an unknown one with the list', async () => {
      const { store, service } = setup();
      const r = ok(await service.setPlanStatus({ plan: 'billing', status: 'implementation in progress' }));
      assert.equal(r.previousStatus, 'Planning Complete');
      assert.equal(r.status.status, 'Implementation In Progress');
      assert.equal(store.files.get('docs/plans/billing.md'), BILLING.replace('Planning Complete', 'Implementation In Progress'));
      const bad = await service.setPlanStatus({ plan: 'billing', status: 'Done-ish' });
      assert.ok(!bad.ok);
      assert.match(bad.error.message, /use one of: Planning Complete, Implementation In Progress, Completed/);
    });

    it('refuses Completed while items are open, and says which', async () => {
      const { store, service } = setup();
      const r = await service.setPlanStatus({ plan: 'auth', status: 'Completed' });
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'refused');
      assert.match(r.error.message, /3 items are not done/);
      assert.deepEqual(r.error.candidates, [
        { line: 10, text: 'T002 Session cookie' },
        { line: 11, text: 'T003 Logout' },
        { line: 14, text: 'Phase 1: Login' },
      ]);
      assert.equal(store.writes, 0);
      for (const task of ['T002', 'T003', 'Phase 1']) ok(await service.updatePlanTask({ plan: 'auth', task }));
      ok(await service.setPlanStatus({ plan: 'auth', status: 'completed' }));
      assert.equal(parsePlan(store.files.get('docs/plans/auth.md')!).status, 'Completed');
    });

    it('uses the statuses configured for the plan', async () => {
      const store = new MemoryPlanStore({ 'p.md': BILLING });
      const service = new PlanService(store, { settingsFor: () => ({ statuses: ['Draft', 'Shipped'] }) });
      const r = await service.setPlanStatus({ plan: 'p.md', status: 'Completed' });
      assert.ok(!r.ok);
      assert.match(r.error.message, /use one of: Draft, Shipped/);
    });
  });

  describe('add_plan_note and check_plan', () => {
    it('adds a dated note, creating **Notes:** when missing', async () => {
      const { store, service } = setup();
      const r = ok(await service.addPlanNote({ plan: 'billing', note: 'Invoices wait for the tax API' }));
      assert.equal(r.note, '2026-11-30: Invoices wait for the tax API');
      assert.match(store.files.get('docs/plans/billing.md')!, /\*\*Notes:\*\*\n- 2026-11-30: Invoices wait for the tax API\n/);
    });

    it('reports the health findings of one plan or all', async () => {
      const { service } = setup({ 'p.md': joinLines('# P', '', '**Status:** Completed', '', '## Status Tracking', '- [ ] Phase 1: [Description]') });
      const r = ok(await service.checkPlan({}));
      assert.equal(r.clean, false);
      assert.deepEqual(r.plans[0].findings.map((f) => f.code).sort(), ['completed-with-open-items', 'missing-created', 'placeholder']);
    });
  });

  describe('call (raw input from a model)', () => {
    it('checks input against the tool schema and says what is wrong', async () => {
      const { service } = setup();
      const cases: [string, unknown, RegExp][] = [
        ['update_plan_task', { plan: 'auth' }, /"task" is required/],
        ['update_plan_task', { plan: 'auth', task: 'T002', state: 'finished' }, /"state" must be one of: open, done, inProgress, skipped/],
        ['update_plan_task', { plan: 'auth', task: 'T002', line: 0 }, /"line" must be at least 1/],
        ['get_plan_status', { plans: 'auth' }, /Unknown field "plans"/],
        ['get_plan_status', 'auth', /input must be an object/],
        ['add_plan_note', { plan: 'auth', note: '  ' }, /"note" must not be empty/],
        ['delete_plan', {}, /There is no tool "delete_plan"/],
      ];
      for (const [name, input, message] of cases) {
        const r = await service.call(name, input);
        assert.ok(!r.ok, name);
        assert.equal(r.error.code, 'invalid-input');
        assert.match(r.error.message, message);
      }
      assert.equal((await service.call('get_plan_status', undefined)).ok, true);
    });

    it('every tool is reachable through call', async () => {
      const { service } = setup();
      const inputs: Record<string, unknown> = {
        get_plan_status: {},
        check_plan: { plan: 'auth' },
        update_plan_task: { plan: 'auth', task: 'T002' },
        set_plan_status: { plan: 'billing', status: 'Planning Complete' },
        add_plan_note: { plan: 'auth', note: 'n' },
      };
      for (const tool of TOOLS) assert.equal((await service.call(tool.name, inputs[tool.name])).ok, true, tool.name);
    });

    it('previews a call, asking to confirm only Completed and reopening a done task', async () => {
      const { service } = setup();
      assert.deepEqual(await service.preview('update_plan_task', { plan: 'auth', task: 'T002' }), { message: 'Marking "T002 Session cookie" (line 10 of docs/plans/auth.md) done, now open', confirm: false });
      assert.equal((await service.preview('update_plan_task', { plan: 'auth', task: 'T001', state: 'open' })).confirm, true);
      assert.equal((await service.preview('set_plan_status', { plan: 'auth', status: 'completed' })).confirm, true);
      assert.equal((await service.preview('set_plan_status', { plan: 'auth', status: 'Planning Complete' })).confirm, false);
      assert.equal((await service.preview('get_plan_status', {})).confirm, false);
    });
  });

  describe('properties', () => {
    const mark = fc.constantFrom(' ', 'x', 'X', '-', '/', '~');
    const words = fc.array(fc.constantFrom('write', 'the', 'parser', 'T001', '**bold**', '`code`', 'tests', 'docs', '1.2', 'ship'), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('', '  '), fc.constantFrom('- ', '* ', '1. '), mark, words).map(([indent, bullet, m, text]) => `${indent}${bullet}[${m}] ${text}`),
      fc.constantFrom('', '### Phase 1: Core', '### Phase 2: CLI', 'Some prose.', '**Notes:**', '- a note'),
    );
    const planText = fc.tuple(fc.array(line, { minLength: 1, maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(
      ([lines, eol, bom]) => `${bom ? '\uFEFF' : ''}${['# Plan', '', '**Status:** Implementation In Progress', '', '## Status Tracking', ...lines].join(eol)}${eol}`,
    );
    const state = fc.constantFrom('done' as const, 'open' as const, 'inProgress' as const, 'skipped' as const);

    it('update_plan_task changes exactly the mark of one line (plus the note line), and ticking then unticking restores the text', async () => {
      await fc.assert(
        fc.asyncProperty(planText, fc.nat(), state, fc.option(fc.constantFrom('did it', 'two\nlines')), async (text, pick, target, note) => {
          const tasks = parsePlan(text).tasks;
          fc.pre(tasks.length > 0);
          const task = tasks[pick % tasks.length];
          const { store, service } = setup({ 'p.md': text });
          const r = await service.updatePlanTask({ plan: 'p.md', task: task.text, line: task.line + 1, state: target, note: note ?? undefined });
          const after = store.files.get('p.md')!;
          if (!r.ok) {
            assert.equal(r.error.code, 'task-ambiguous');
            assert.equal(after, text);
            return;
          }
          const before = text.split(/\r?\n/);
          const lines = after.split(/\r?\n/);
          if (!note) {
            assert.equal(after.length, text.length);
            const diff = changedLines(text.replace(/\r/g, ''), after.replace(/\r/g, ''));
            assert.ok(diff.length <= 1 && diff.every((l) => l === task.line));
            if (diff.length) {
              const [a, b] = [before[task.line], lines[task.line]];
              const differing = [...a].flatMap((c, i) => (c !== b[i] ? [i] : []));
              assert.deepEqual(differing, [task.column + 1]);
            }
          } else {
            // The mark changed, and the only other change is the note: the same text once the
            // note's lines (and a **Notes:** line or blank lines it created) are left out.
            const marked = [...before];
            const l = marked[task.line];
            marked[task.line] = l.slice(0, task.column + 1) + lines.find((_, i) => i >= task.line && lines[i].endsWith(l.slice(task.column + 2)) && lines[i].slice(0, task.column + 1) === l.slice(0, task.column + 1))!.charAt(task.column + 1) + l.slice(task.column + 2);
            const noteLine = /^(- 2026-11-30: did it|- 2026-11-30: two|  lines|\*\*Notes:\*\*|)$/;
            const strip = (ls: string[]): string[] => ls.filter((x) => !noteLine.test(x));
            assert.deepEqual(strip(lines), strip(marked));
            assert.equal(lines.length - before.length >= 1, true);
            assert.equal(parsePlan(after).tasks.find((t) => t.text === task.text && t.column === task.column && t.state === target) !== undefined, true);
          }
          assert.equal(after.startsWith('\uFEFF'), text.startsWith('\uFEFF'));
          assert.equal(after.includes('\r\n'), text.includes('\r\n'));
          if (!note) {
            const back = await service.updatePlanTask({ plan: 'p.md', task: task.text, line: task.line + 1, state: task.state });
            assert.ok(back.ok);
            const restored = store.files.get('p.md')!;
            // An open task ticked and unticked (or any task set and set back) is the text it was, byte for byte;
            // a done task comes back with the plan's own done mark (x or X, whichever it uses more).
            if (task.mark === ' ' || task.mark === '-' || task.mark === '~') assert.equal(restored, text);
            else assert.equal(parsePlan(restored).tasks[task.index].state, task.state);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('the tools contract', () => {
  it("package.json's languageModelTools are the service's tools, with the same schemas (VS Code registers these)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
    const contributed = manifest.contributes.languageModelTools as { name: string; toolReferenceName: string; modelDescription: string; inputSchema: unknown }[];
    assert.deepEqual(
      contributed.map((t) => ({ name: t.name, referenceName: t.toolReferenceName, description: t.modelDescription, inputSchema: t.inputSchema })),
      TOOLS.map((t) => ({ name: t.name, referenceName: t.referenceName, description: t.description, inputSchema: JSON.parse(JSON.stringify(t.inputSchema)) })),
    );
  });
});
