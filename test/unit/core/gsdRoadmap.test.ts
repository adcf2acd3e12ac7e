import * as assert from 'node:assert/strict';
import { applyEdits, checkPlan, isTaskPhase, markPhaseDoneEdit, parsePlan, type Plan } from '../../../src/core';
import { joinLines } from '../support/helpers';

/** A GSD roadmap: a `## Phases` list (one milestone collapsed in a details block), then each phase's plans. */
const ROADMAP = joinLines(
  '# Roadmap: Kite',
  '',
  '## Phases',
  '',
  '<details>',
  '<summary>v1.0 (Phases 1-2) - SHIPPED</summary>',
  '',
  '- [x] Phase 1: Base (2/2 plans) — completed 2026-01-10',
  '- [x] Phase 2: Login (1/1 plans) — completed 2026-01-20',
  '',
  '</details>',
  '',
  '### v1.1 Sharing (In Progress)',
  '',
  '- [x] **Phase 3: Links** - Share a read-only link',
  '- [ ] ~~**Phase 3.1: QR Codes**~~ - DROPPED',
  '- [ ] **Phase 4: Teams** - Shared folders',
  '- [ ] **Phase 5: Billing** - Plans and invoices',
  '- [ ] **Phase 6-7: Hardening** - Load tests and audits',
  '',
  '## Phase Details',
  '',
  '### Phase 3: Links',
  '**Goal**: A link opens a read-only view',
  '',
  'Plans:',
  '- [x] 03-01-PLAN.md — Link tokens',
  '- [ ] 03-02-PLAN.md — Expiry',
  '',
  '### Phase 4: Teams',
  '**Goal**: Folders shared by a team',
  '',
  'Plans:',
  '- [x] 04-01-PLAN.md — Team model',
  '- [ ] 04-02-PLAN.md — Invitations',
  '',
  '### Phase 5: Billing',
  '**Goal**: Paid plans',
  '**Plans**: TBD',
  '',
  '## Progress',
  '',
  '| Phase | Plans Complete | Status |',
  '| --- | --- | --- |',
  '| 3. Links | 1/2 | Complete |',
);

const AT = '.planning/ROADMAP.md';
const parse = (text = ROADMAP, path = AT): Plan => parsePlan({ text, uri: `file:///repo/${path}`, path });
const line = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

describe('GSD roadmap (.planning/ROADMAP.md)', () => {
  it('is a plan of kind gsd, its phases the `## Phases` items in order, their marks the phases’ states', () => {
    const plan = parse();
    assert.equal(plan.kind, 'gsd');
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.state, `${p.progress.done}/${p.progress.total}`]),
      [
        ['Phase 1: Base', 'done', '0/0'],
        ['Phase 2: Login', 'done', '0/0'],
        ['Phase 3: Links', 'done', '1/2'],
        ['Phase 3.1: QR Codes', 'skipped', '0/0'],
        // Open in the list, a plan done under its heading: started.
        ['Phase 4: Teams', 'inProgress', '1/2'],
        ['Phase 5: Billing', 'open', '0/0'],
        ['Phase 6-7: Hardening', 'open', '0/0'],
      ],
    );
    assert.equal(plan.phases[plan.currentPhase].label, 'Phase 4: Teams');
  });

  it('links each item to its `### Phase N` heading, and names its phase without the description', () => {
    const plan = parse();
    const teams = plan.phases.find((p) => p.number === 4)!;
    assert.equal(teams.headingLine, line(ROADMAP, '### Phase 4: Teams'));
    assert.equal(teams.name, 'Teams');
    assert.equal(plan.tasks[teams.trackingTask].line, line(ROADMAP, '**Phase 4: Teams**'));
    // An item no heading details stands alone: not a Kiro task whose sub-tasks are its progress.
    const hardening = plan.phases.find((p) => p.label.startsWith('Phase 6-7'))!;
    assert.equal(hardening.section, -1);
    assert.equal(isTaskPhase(plan, hardening), false);
  });

  it('reports a phase ticked in the list while plans under its heading are open, and no missing header', () => {
    const findings = checkPlan(parse(), ROADMAP);
    assert.deepEqual(
      findings.map((f) => [f.code, f.line]),
      [['phase-done-with-open-tasks', line(ROADMAP, '**Phase 3: Links**')]],
    );
    assert.match(findings[0].message, /"Phase 3: Links" is ticked in the phase list but 1 task under "Phase 3: Links"/);
  });

  it('links an item by its number only: `Phase 7: Backlog Drain` is not the `## Backlog` section', () => {
    const text = ROADMAP.replace('- [ ] **Phase 6-7: Hardening** - Load tests and audits', '- [x] **Phase 7: Backlog Drain** - Ledger tail').concat('\n\n## Backlog\n\n- [ ] SaaS billing\n- [ ] Teams\n');
    const plan = parse(text);
    const drain = plan.phases.find((p) => p.number === 7)!;
    assert.equal(drain.section, -1);
    assert.equal(drain.state, 'done');
    assert.deepEqual(
      checkPlan(plan, text).map((f) => f.line),
      [line(text, '**Phase 3: Links**')],
    );
  });

  it('marks a phase done by ticking its item (and its plans when asked)', () => {
    // The text alone is read as a roadmap anywhere, with Phase 4's heading its phase; the path makes it GSD's.
    const result = markPhaseDoneEdit(ROADMAP, 'Phase 4', { includeTasks: true, path: AT });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    const after = applyEdits(ROADMAP, result.edits);
    const plan = parse(after);
    assert.equal(plan.phases.find((p) => p.number === 4)!.state, 'done');
    assert.match(after, /- \[x\] 04-02-PLAN\.md/);
    assert.equal(plan.phases[plan.currentPhase].label, 'Phase 5: Billing');
  });

  it('anywhere else is a phased plan, its phases still the `## Phases` list', () => {
    const plan = parse(ROADMAP, 'docs/ROADMAP.md');
    assert.equal(plan.kind, 'phased');
    assert.deepEqual(
      plan.phases.map((p) => p.label),
      parse().phases.map((p) => p.label),
    );
    // Without the list, its `Phase N` headings with tasks.
    assert.deepEqual(
      parse(ROADMAP.replace('## Phases', '## Shipped'), 'docs/ROADMAP.md').phases.map((p) => p.label),
      ['Phase 3: Links', 'Phase 4: Teams', 'Phase 5: Billing'],
    );
  });

  it('falls back to its `### Phase N` headings when it has no `## Phases` list', () => {
    const text = ROADMAP.replace('## Phases', '## Shipped');
    const plan = parse(text);
    assert.equal(plan.kind, 'gsd');
    assert.deepEqual(
      plan.phases.map((p) => [p.label, p.trackingTask]),
      [
        ['Phase 3: Links', -1],
        ['Phase 4: Teams', -1],
        ['Phase 5: Billing', -1],
      ],
    );
  });
});
