import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, mightBePlan, parsePlan, toggleTaskEdit } from '../../../src/core';
import { fixture, fixtureNames, seedTemplate } from '../support/helpers';

/** Plan-shaped Markdown: headings, task items with every mark and bullet, nesting, fences, quotes, junk. */
const lineArb = fc.oneof(
  fc.constantFrom('# Title', '## Status Tracking', '### Phase 1: Core', '### Step 2: Ship', '## 6. Quality Checks', '**Status:** Completed', '**Created:** 2026-01-01', '---', '```', '~~~', '', '> quote', '<div>', '</div>', '**Notes:**'),
  fc
    .tuple(
      fc.constantFrom('', '  ', '    ', '> ', '\t'),
      fc.constantFrom('- ', '* ', '+ ', '1. ', '2) '),
      fc.constantFrom('[ ]', '[x]', '[X]', '[-]', '[/]', '[~]', '[?]', '[]'),
      fc.constantFrom(' ', '', '  '),
      fc.string({ maxLength: 20 }),
    )
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 30 }),
);
const eolArb = fc.constantFrom('\n', '\r\n');
const docArb = fc.tuple(fc.array(lineArb, { maxLength: 40 }), eolArb).map(([lines, eol]) => lines.join(eol));

function changedLines(a: string, b: string): number[] {
  const la = a.split(/\r\n|\r|\n/);
  const lb = b.split(/\r\n|\r|\n/);
  assert.equal(la.length, lb.length, 'line count is kept');
  return la.map((l, i) => (l === lb[i] ? -1 : i)).filter((i) => i >= 0);
}

describe('properties', function () {
  this.timeout(60_000);

  it('parsing never throws, on plan-shaped text or any string at all', () => {
    fc.assert(fc.property(fc.oneof(docArb, fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
      const plan = parsePlan(text);
      assert.ok(plan.tasks.length >= 0);
    }), { numRuns: 500 });
  });

  it('toggling a task changes exactly the mark character on one line, and keeps line endings', () => {
    fc.assert(fc.property(docArb, fc.nat(), (text, pick) => {
      const plan = parsePlan(text);
      fc.pre(plan.tasks.length > 0);
      const task = plan.tasks[pick % plan.tasks.length];
      const r = toggleTaskEdit(text, task);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.edits.length, 1);
      const out = applyEdits(text, r.edits);
      assert.equal(out.length, text.length);
      assert.deepEqual(changedLines(text, out), [task.line]);
      const diff = [...out].map((c, i) => (c === text[i] ? -1 : i)).filter((i) => i >= 0);
      assert.equal(diff.length, 1, 'one character');
      assert.equal((out.match(/\r\n/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, 'CRLF count kept');
      assert.equal(parsePlan(out).tasks.length, plan.tasks.length, 'still the same tasks');
    }), { numRuns: 400 });
  });

  it('toggling twice restores the text byte for byte (open tasks, and done tasks whose mark is the plan\'s own)', () => {
    fc.assert(fc.property(docArb, fc.nat(), (text, pick) => {
      const plan = parsePlan(text);
      // Unticking forgets x versus X; ticking writes the plan's majority done mark (x on a tie).
      const count = (mark: string, except: number): number => plan.tasks.filter((o) => o.index !== except && o.mark === mark).length;
      const candidates = plan.tasks.filter(
        (t) => t.state === 'open' || (t.mark === 'x' && count('X', t.index) <= count('x', t.index)) || (t.mark === 'X' && count('X', t.index) > count('x', t.index)),
      );
      fc.pre(candidates.length > 0);
      const task = candidates[pick % candidates.length];
      const once = toggleTaskEdit(text, task);
      assert.ok(once.ok);
      const mid = applyEdits(text, once.edits);
      const twice = toggleTaskEdit(mid, { line: task.line });
      assert.ok(twice.ok);
      assert.equal(applyEdits(mid, twice.edits), text);
    }), { numRuns: 400 });
  });

  it('mightBePlan never rejects a plan (the index skips parsing on its word)', () => {
    fc.assert(fc.property(docArb, (text) => {
      if (parsePlan(text).isPlan) assert.ok(mightBePlan(text), JSON.stringify(text));
    }), { numRuns: 1000 });
    for (const text of [seedTemplate(), ...fixtureNames().map(fixture)]) assert.equal(mightBePlan(text) || !parsePlan(text).isPlan, true);
    assert.equal(mightBePlan('# Setup guide\n\n**Status:** Draft\n\n## Phase 1: Install\n\n- npm i\n'), false);
  });

  it('survives big and hostile inputs', () => {
    const cases: [string, string][] = [
      ['empty', ''],
      ['10,000 tasks', Array.from({ length: 10_000 }, (_, i) => `- [${i % 3 ? ' ' : 'x'}] task ${i}`).join('\n')],
      ['deeply nested lists', Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n')],
      ['deeply nested quotes', `${'>'.repeat(5_000)} - [ ] deep`],
      ['binary junk', String.fromCharCode(...Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 65_536))],
      ['invalid UTF-8 read as text', new TextDecoder().decode(new Uint8Array([0xff, 0xfe, 0x2d, 0x20, 0x5b, 0x20, 0x5d, 0x20, 0xc3, 0x28, 0x0a]))],
      ['unclosed fence', '```\n- [ ] x\n'.repeat(1000)],
      ['a 10 MB document', `# Big\n\n## Status Tracking\n${'- [ ] Phase 1: lorem ipsum dolor sit amet\n'.repeat(250_000)}`],
    ];
    for (const [name, text] of cases) {
      const plan = parsePlan(text);
      assert.ok(Array.isArray(plan.tasks), name);
    }
    assert.equal(parsePlan(cases[1][1]).tasks.length, 10_000);
    assert.equal(parsePlan(cases[7][1]).tasks.length, 250_000);
  });

  it('keeps lines, columns and parents right from plan to plan, whatever their sizes and line endings', () => {
    // The parser reuses scratch space from one plan to the next, and gives a plan larger than it
    // keeps arrays of its own: each plan must read its own lines and items, never the last one's.
    // Items alternate: `tasks` nests every other task under the one before; `notes` nests each
    // task under a plain item, so it has no parent task.
    const sized = (lines: number, eol: string, indent: string, notes: boolean): string =>
      ['# P', '', '## Status Tracking', ...Array.from({ length: lines }, (_, i) => (i % 2 ? `${indent}- [${i % 3 ? ' ' : 'x'}] task ${i}` : notes ? `- note ${i}` : `- [${i % 3 ? ' ' : 'x'}] task ${i}`))].join(eol);
    const runs = [[6_000, '\n', '  ', false], [4, '\r\n', '    ', true], [20_000, '\r', '  ', false], [4_000, '\r\n', '   ', true], [40_000, '\n', '  ', true], [2, '\n', '  ', false], [10, '\n', '  ', true]] as const;
    for (const [lines, eol, indent, notes] of runs) {
      const text = sized(lines, eol, indent, notes);
      const plan = parsePlan(text);
      const name = `${lines} lines, ${JSON.stringify(eol)}, notes: ${notes}`;
      assert.equal(plan.tasks.length, notes ? Math.floor(lines / 2) : lines, name);
      assert.equal(plan.lineCount, lines + 3, name);
      const last = plan.tasks[plan.tasks.length - 1];
      assert.equal(last.line, lines + 2, name);
      assert.equal(last.column, (lines - 1) % 2 ? indent.length + 2 : 2, name);
      assert.equal(last.parent, (lines - 1) % 2 && !notes ? plan.tasks.length - 2 : -1, name);
      assert.ok(plan.tasks.every((t) => t.parent === -1 || !notes), name);
      assert.equal(text.split(/\r\n|\r|\n/)[last.line].slice(last.column, last.column + 3), `[${(lines - 1) % 3 ? ' ' : 'x'}]`, name);
    }
  });
});
