import * as assert from 'node:assert/strict';
import { parsePlan } from '../../../../src/core';
import { escapeIcons } from '../../../../src/extension/codicons';
import { phaseSummary } from '../../../../src/extension/views/phaseSummary';
import { joinLines } from '../../support/helpers';

const tracking = (...items: string[]) => parsePlan(joinLines('# P', '', '**Status:** Implementation In Progress', '', '## Status Tracking', '', ...items));

describe('extension/views/phaseSummary', () => {
  it('Phase <position of the current phase>/<phases> · <its name> · <plan percent>', () => {
    const plan = tracking(
      '- [x] Phase 1: Core Infrastructure',
      '- [ ] Phase 2: Module Implementation',
      '- [ ] Phase 3: Integration',
      '- [ ] Phase 4: Database Migration',
      '- [ ] Phase 5: Tests',
    );
    assert.equal(phaseSummary(plan).text, '$(checklist) Phase 2/5 · Module Implementation · 20%');
    assert.equal(phaseSummary(plan).phase, 1);
  });

  it('names a phase by its own number when that is not its position (inserted, zero, a GSD roadmap)', () => {
    assert.equal(phaseSummary(tracking('- [x] Phase 1: A', '- [ ] Phase 1.1: Hotfix', '- [ ] Phase 2: B')).text, '$(checklist) Phase 1.1 · Hotfix · 33%');
    assert.equal(phaseSummary(tracking('- [ ] Phase 0: Spike', '- [ ] Phase 1: Build')).text, '$(checklist) Phase 0 · Spike · 0%');
    assert.equal(phaseSummary(tracking('- [x] Phase 1: A', '- [x] Phase 3: C', '- [ ] Phase 4: D')).text, '$(checklist) Phase 4 · D · 66%');
    // Kiro: a numbered task is its phase; its number is its position here.
    const kiro = parsePlan(joinLines('# Implementation Plan', '', '- [x] 1. Model', '  - [x] 1.1 a', '- [ ] 2. API', '  - [ ] 2.1 b'));
    assert.equal(phaseSummary(kiro).text, '$(checklist) Phase 2/2 · API · 50%');
  });

  it('counts milestones as phases and says when all are done', () => {
    assert.equal(phaseSummary(tracking('- [x] Phase 1: A', '- [ ] Quality Checks Passed')).text, '$(checklist) Phase 2/2 · Quality Checks Passed · 50%');
    assert.equal(phaseSummary(tracking('- [x] Phase 1: A', '- [x] Phase 2: B')).text, '$(checklist) 2/2 phases done · 100%');
  });

  it('with no current phase, says how many phases are done, not that all are (phases of prose over a checklist)', () => {
    const prose = parsePlan(
      joinLines('# Renderer Implementation Plan', '', '### Phase 1: Plumbing', '', 'Wire it up.', '', '### Phase 2: Text pass', '', 'Then text.', '', '## Smoke test checklist', '', '- [x] A', '- [ ] B', '- [ ] C'),
    );
    assert.equal(prose.isPlan, true);
    assert.equal(prose.currentPhase, -1);
    assert.equal(phaseSummary(prose).text, '$(checklist) 0/2 phases done · 33%');
    // Every phase done, with a task outside them still open.
    const outside = parsePlan(joinLines('# Tasks: X', '', '## Phase 1: Setup', '- [x] T001 a', '- [x] T002 b', '', '## Validation Checklist', '- [ ] FR-001 works'));
    assert.equal(phaseSummary(outside).text, '$(checklist) 1/1 phases done · 66%');
  });

  it('falls back to task counts for a plan without phases', () => {
    const plan = parsePlan(joinLines('# P', '', '**Status:** Implementation In Progress', '', '## Work', '', '- [x] a', '- [ ] b', '- [ ] c'));
    assert.equal(phaseSummary(plan).text, '$(checklist) 1/3 tasks · 33%');
  });

  it('shortens long names and never lets plan text become an icon', () => {
    const long = phaseSummary(tracking(`- [ ] Phase 1: ${'Very long name '.repeat(6)}`)).text;
    assert.ok(long.includes('…'), long);
    assert.ok(long.length < 80, long);
    assert.equal(phaseSummary(tracking('- [ ] Phase 1: Ship $(bug) fixes')).text, '$(checklist) Phase 1/1 · Ship \\$(bug) fixes · 0%');
    assert.equal(escapeIcons('$(a) $(b)'), '\\$(a) \\$(b)');
  });
});
