import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPlan, finding, parsePlan, ruleInfo, RULES } from '../../../src/core';
import { joinLines } from '../helpers';

describe('core/findings', () => {
  it('the table lists each code once', () => {
    const codes = RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('the per-rule setting in package.json offers exactly the table’s codes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const rules = manifest.contributes.configuration.properties['planTracker.diagnostics.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.code).sort());
  });

  it('finding() takes the table’s default severity unless a check chooses one', () => {
    const at = { line: 2, start: 1, end: 4 };
    assert.deepEqual(finding('completed-with-open-items', 'm', at), { code: 'completed-with-open-items', severity: 'error', message: 'm', line: 2, start: 1, end: 4 });
    assert.equal(finding('placeholder', 'm', at, 'info').severity, 'info');
  });

  it('the checks report the table’s severities', () => {
    const text = joinLines(
      '# P',
      '',
      '**Status:** Completed',
      '**Created:** 2026-02-30',
      '',
      '## Implementation Roadmap',
      '',
      '### Phase 1: A',
      '',
      '- [ ] a',
      '',
      '### Phase 1: B',
      '',
      '## Status Tracking',
      '',
      '- [x] Phase 1: A',
      '- [ ] Phase 3: C',
    );
    const findings = checkPlan(parsePlan(text), text);
    assert.ok(findings.length >= 4, findings.map((f) => f.code).join(', '));
    for (const f of findings) assert.equal(f.severity, ruleInfo(f.code)?.severity, f.code);
  });
});
