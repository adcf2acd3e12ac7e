import * as assert from 'node:assert/strict';
import { checkPlan, templatePlaceholders } from '../../../src/core';
import { evaluate, fixtureFiles, loadManifest, readFixture } from '../support/realWorld';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/helpers';

describe('real-world fixtures (issue #9)', () => {
  const manifest = loadManifest();

  it('has a manifest entry for every fixture, at least 40 files and 12 non-plans', () => {
    assert.deepEqual(manifest.map((e) => e.file).sort(), fixtureFiles());
    assert.ok(manifest.length >= 40, `${manifest.length} fixtures`);
    assert.ok(manifest.filter((e) => !e.plan).length >= 12);
  });

  it('holds CRLF files, emoji, non-Latin text and long lines', () => {
    const texts = fixtureFiles().map(readFixture);
    assert.ok(texts.filter((t) => t.includes('\r\n')).length >= 4, 'CRLF');
    assert.ok(texts.some((t) => /\p{Extended_Pictographic}/u.test(t)), 'emoji');
    assert.ok(texts.some((t) => /[äöüß]/.test(t)) && texts.some((t) => /[\u4e00-\u9fff]/.test(t)), 'Unicode');
    assert.ok(texts.some((t) => t.split(/\r?\n/).some((l) => l.length > 2000)), 'a line over 2,000 characters');
  });

  for (const expected of manifest) {
    it(`${expected.plan ? 'reads the plan' : 'is not fooled by'} ${expected.file}${expected.plan ? '' : ` (${expected.why})`}`, () => {
      const actual = evaluate(expected.file);
      if (!expected.plan) {
        assert.equal(actual.plan, false, 'not a plan');
        return;
      }
      assert.deepEqual(
        { plan: actual.plan, kind: actual.kind, tasks: actual.tasks, done: actual.done, phases: actual.phases, currentPhase: actual.currentPhase, findings: actual.findings },
        { plan: true, kind: expected.kind, tasks: expected.tasks, done: expected.done, phases: expected.phases, currentPhase: expected.currentPhase, findings: [...expected.findings].sort() },
      );
    });
  }

  it('a plan fresh from New Plan shows no warning while it is being planned', () => {
    const { model, text } = evaluate('plans/fresh-from-new-plan.md');
    const template = templatePlaceholders(readFileSync(path.join(ROOT, 'templates/plan-template.md'), 'utf8'));
    const findings = checkPlan(model, text, { template });
    assert.equal(findings.filter((f) => f.severity !== 'info').length, 0);
    assert.ok(findings.filter((f) => f.code === 'placeholder').length > 20, 'the template prose is still reported, as information');
  });
});
