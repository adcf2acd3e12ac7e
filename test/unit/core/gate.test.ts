import * as assert from 'node:assert/strict';
import { gateFindings, parsePlan } from '../../../src/core';
import { joinLines } from '../support/helpers';

const plan = (status: string, tracking: string[], tasks: string[]): string =>
  joinLines('# Plan', '', `**Status:** ${status}`, '', '## Status Tracking', '', ...tracking, '', '## Roadmap', '', '### Phase 1: Core', '', ...tasks, '');

const gate = (text: string, requireEvidence = false): string[] => gateFindings(parsePlan(text), text, { requireEvidence }).map((f) => f.code);

describe('core/gate', () => {
  const cases: { name: string; text: string; requireEvidence?: boolean; expect: string[] }[] = [
    { name: 'an honest plan in progress passes', text: plan('Implementation In Progress', ['- [ ] Phase 1: Core'], ['- [x] a', '- [ ] b']), expect: [] },
    { name: 'an honest completed plan passes', text: plan('Completed', ['- [x] Phase 1: Core'], ['- [x] a', '- [~] b']), expect: [] },
    { name: 'Completed while items are open fails', text: plan('Completed', ['- [x] Phase 1: Core'], ['- [x] a', '- [ ] b']), expect: ['completed-with-open-items', 'phase-done-with-open-tasks'] },
    { name: 'a tracking item ticked while its phase has open tasks fails', text: plan('Implementation In Progress', ['- [x] Phase 1: Core'], ['- [ ] a']), expect: ['phase-done-with-open-tasks'] },
    { name: 'a ticked tracking item without evidence passes without the setting', text: plan('Completed', ['- [x] Phase 1: Core'], ['- [x] a']), expect: [] },
    { name: 'a ticked tracking item without evidence fails with the setting', text: plan('Completed', ['- [x] Phase 1: Core'], ['- [x] a']), requireEvidence: true, expect: ['tracking-done-without-evidence'] },
    {
      name: 'a ticked tracking item with evidence passes with the setting',
      text: plan('Completed', ['- [x] Phase 1: Core', '  - Evidence: npm test (2026-01-01)'], ['- [x] a']),
      requireEvidence: true,
      expect: [],
    },
    { name: 'placeholders and other health findings do not fail the gate', text: plan('Implementation In Progress', ['- [ ] Phase 1: Core', '- [ ] Phase 7: Missing'], ['- [ ] [Description]']), expect: [] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(gate(c.text, c.requireEvidence).sort(), [...c.expect].sort()));
  }
});
