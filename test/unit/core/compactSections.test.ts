import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../../src/core';
import type { Plan, Section } from '../../../src/core';

/** Pushes every earlier plan's section list out of the materialised cache (it keeps 64). */
function evict(): void {
  for (let i = 0; i < 70; i++) void parsePlan(`# E${i}\n## S\n- [ ] t`).sections;
}

/** The sections as the parser built them, then as unpacked from the compact storage. */
function bothWays(text: string): [Section[], readonly Section[], Plan] {
  const plan = parsePlan(text);
  const primed = plan.sections.map((s) => ({ ...s }));
  evict();
  return [primed, plan.sections, plan];
}

describe('compact section storage', () => {
  it('gives back every field of every section after the cache let them go', () => {
    const text = [
      '# Plan: Ünïcödé — ～ 😀',
      '**Status:** Implementation In Progress',
      '## 1. Executive Summary',
      '- [x] one',
      '- [-] skipped',
      '### Phase 1: Core',
      '- [ ] a',
      '- [~] b',
      '',
      'A setext heading',
      'over two lines',
      '---',
      '- [x] c',
      '#### `code` and *emphasis* \\# kept as written',
      '## Status Tracking',
      '- [ ] Phase 1: Core',
      // A lone surrogate: UTF-8 keeps it as U+FFFD, one unit as before, so the texts after it stay put.
      '## lone \ud800 surrogate',
      '## after it',
    ].join('\n');
    const [primed, unpacked] = bothWays(text);
    assert.equal(primed.length, 8);
    assert.ok(primed.some((s) => s.text.includes('\n')), 'a setext heading over two lines keeps its line break');
    assert.deepStrictEqual(
      unpacked.map((s) => ({ ...s })),
      primed.map((s) => (s.text.includes('\ud800') ? { ...s, text: s.text.replace('\ud800', '\ufffd') } : s)),
    );
    assert.equal(unpacked.at(-1)!.text, 'after it');
  });

  it('keeps lines and counts past 16 bits, and a heading longer than 65,535 characters', () => {
    const lines = Array.from({ length: 70_000 }, (_, i) => (i === 0 ? '# P' : i === 65_540 ? '## Late' : i > 65_540 && i < 65_540 + 100 ? '- [x] t' : ''));
    const [primed, unpacked] = bothWays(lines.join('\n'));
    assert.deepStrictEqual(unpacked.map((s) => s.line), [0, 65_540]);
    assert.deepStrictEqual(unpacked.map((s) => ({ ...s })), primed);
    const tasks = Array.from({ length: 66_000 }, () => '- [ ] t').join('\n');
    const [p2, u2] = bothWays(`# ${'x'.repeat(70_000)}\n## Many\n${tasks}`);
    assert.equal(u2[1].progress.open, 66_000);
    assert.equal(u2[0].text.length, 70_000);
    assert.deepStrictEqual(u2.map((s) => ({ ...s })), p2);
  });

  it("serves the parser's own list until the next parse, then an unpacked one, cached", () => {
    const plan = parsePlan('# P\n## Section one\n- [ ] a');
    const parsed = plan.sections;
    assert.strictEqual(plan.sections, parsed);
    parsePlan('# Q');
    const unpacked = plan.sections;
    assert.notStrictEqual(unpacked, parsed);
    assert.deepStrictEqual(unpacked.map((s) => ({ ...s })), parsed.map((s) => ({ ...s })));
    assert.strictEqual(plan.sections, unpacked, 'then the unpacked list is cached');
    assert.ok(Object.isFrozen(unpacked));
  });

  it('is an enumerable `sections` in JSON and spreads, and phases still point at the right sections', () => {
    const plan = parsePlan('# P\n## Implementation Roadmap\n### Phase 1: Core\n- [x] a\n### Phase 2: Views\n- [ ] b\n');
    evict();
    assert.ok(Object.keys(plan).includes('sections'));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(plan)).sections.map((s: Section) => s.text), ['P', 'Implementation Roadmap', 'Phase 1: Core', 'Phase 2: Views']);
    assert.deepStrictEqual({ ...plan }.sections.map((s) => s.progress.done), [1, 1, 1, 0]);
    assert.deepStrictEqual(plan.phases.map((p) => plan.sections[p.section].text), ['Phase 1: Core', 'Phase 2: Views']);
  });
});

describe("a phase's heading line", () => {
  it("is its section's line (or -1 without one) on every fixture, so nothing needs plan.sections for it", () => {
    const root = path.join(__dirname, '..', '..', 'fixtures');
    const files = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md'));
    let phases = 0;
    let withSection = 0;
    for (const file of files) {
      const plan = parsePlan(fs.readFileSync(path.join(root, file), 'utf8'));
      for (const phase of [...plan.phases, ...plan.steps]) {
        phases++;
        if (phase.section >= 0) withSection++;
        assert.equal(phase.headingLine, phase.section >= 0 ? plan.sections[phase.section].line : -1, `${file}: ${phase.label}`);
      }
    }
    assert.ok(phases > 100 && withSection > 50 && withSection < phases, `${phases} phases, ${withSection} with a section`);
  });
});
