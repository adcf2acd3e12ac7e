import * as assert from 'node:assert/strict';
import { PlanService, type ServiceResult } from '../../../../src/core';
import { joinLines } from '../../support/helpers';
import { MemoryPlanStore } from '../../support/memoryPlanStore';

const PLAN = joinLines(
  '# Auth',
  '',
  '**Status:** Implementation In Progress',
  '',
  '## Implementation Roadmap',
  '',
  '### Phase 1: Login',
  '- [x] T001 Login form',
  '- [ ] T002 Session cookie',
  '',
  '## Status Tracking',
  '- [ ] Phase 1: Login',
  '',
);

function setup(requireEvidence: boolean) {
  const store = new MemoryPlanStore({ 'docs/plans/auth.md': PLAN });
  const service = new PlanService(store, { today: () => '2026-11-30', settingsFor: () => ({ requireEvidence }) });
  return { store, service };
}

function ok<T extends ServiceResult>(r: T): Extract<T, { ok: true }> {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
  return r as Extract<T, { ok: true }>;
}

describe('PlanService: evidence', () => {
  it('update_plan_task writes the evidence under the task and returns it', async () => {
    const { store, service } = setup(false);
    const r = ok(await service.updatePlanTask({ plan: 'auth', task: 'T002', evidence: 'npm test: 12 passing' }));
    assert.equal(r.task.evidence, 'npm test: 12 passing (2026-11-30)');
    assert.match(store.files.get('docs/plans/auth.md')!, /- \[x\] T002 Session cookie\n {2}- Evidence: npm test: 12 passing \(2026-11-30\)\n/);
  });

  it('without the setting, a tracking item ticks without evidence', async () => {
    const { service } = setup(false);
    ok(await service.updatePlanTask({ plan: 'auth', task: 'Phase 1' }));
  });

  it('with requireEvidence, ticking a tracking item without evidence is refused, and nothing is written', async () => {
    const { store, service } = setup(true);
    const r = await service.call('update_plan_task', { plan: 'auth', task: 'Phase 1: Login' });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'evidence-required');
    assert.match(!r.ok ? r.error.message : '', /"Phase 1: Login" is a Status Tracking item.*requires evidence.*planTracker\.requireEvidence/);
    assert.equal(store.files.get('docs/plans/auth.md')!, PLAN);
    // A blank evidence is no evidence.
    assert.equal((await service.call('update_plan_task', { plan: 'auth', task: 'Phase 1: Login', evidence: '  ' })).ok, false);
  });

  it('with requireEvidence, other tasks, other states and tracking items with evidence go through', async () => {
    const { store, service } = setup(true);
    ok(await service.updatePlanTask({ plan: 'auth', task: 'T002' }));
    ok(await service.updatePlanTask({ plan: 'auth', task: 'Phase 1', state: 'inProgress' }));
    const r = ok(await service.updatePlanTask({ plan: 'auth', task: 'Phase 1', evidence: 'commit 1a2b3c' }));
    assert.equal(r.task.state, 'done');
    assert.match(store.files.get('docs/plans/auth.md')!, /- \[x\] Phase 1: Login\n {2}- Evidence: commit 1a2b3c \(2026-11-30\)/);
    // Unticked and ticked again: the evidence it has is enough.
    ok(await service.updatePlanTask({ plan: 'auth', task: 'Phase 1', state: 'open' }));
    ok(await service.updatePlanTask({ plan: 'auth', task: 'Phase 1' }));
  });

  it('check_plan reports a ticked tracking item without evidence only with the setting', async () => {
    const ticked = PLAN.replace('- [ ] Phase 1: Login', '- [x] Phase 1: Login').replace('- [ ] T002', '- [x] T002');
    const codes = async (requireEvidence: boolean) => {
      const service = new PlanService(new MemoryPlanStore({ 'a.md': ticked }), { settingsFor: () => ({ requireEvidence }) });
      return ok(await service.checkPlan({})).plans[0].findings.map((f) => f.code);
    };
    assert.ok(!(await codes(false)).includes('tracking-done-without-evidence'));
    assert.ok((await codes(true)).includes('tracking-done-without-evidence'));
  });
});
