import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parsePlan } from '../../../src/core';
import { scanBlocks, type Outline } from '../../../src/core/scan';
import { scanWithMarkdownIt } from '../../../src/core/scanMarkdownIt';
import { lineStarts } from '../../../src/core/text';
import { ROOT, seedTemplate } from '../support/helpers';
import { markdownDocArb } from '../support/markdownDocs';

// The CommonMark spec's examples, as the spec ships them (commonmark-spec, CC-BY-SA-4.0; test data only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] };

/**
 * The line scanner against markdown-it, the oracle: the whole outline the model is built from
 * (every heading with its level, line and text; every list item with its line, depth, parent and
 * first paragraph's text; every table's header and rows; every code and HTML region) must be
 * the same. No spec example is excluded.
 */
function assertAgrees(text: string, label: string): Outline {
  const expected = scanWithMarkdownIt(text);
  assert.deepStrictEqual(plain(scanBlocks(text)), plain(expected), label);
  // Given the line starts (as parsePlan gives them), the same outline.
  assert.deepStrictEqual(plain(scanBlocks(text, 0, lineStarts(text))), plain(expected), `${label}, given its line starts`);
  return expected;
}

/** The outline as plain data (the scanner's arrays and objects against markdown-it's). */
const plain = (o: Outline): unknown => JSON.parse(JSON.stringify(o));

/** Front matter blanked out as parse.ts has markdown-it see it: its lines empty, the rest in place. */
function blankFirstLines(text: string, count: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  return '\n'.repeat(count) + lines.slice(count).join('\n');
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
  );
}

describe('line scanner: agreement with markdown-it', () => {
  it(`agrees on every CommonMark spec example (${spec.tests.length}), with LF and CRLF line breaks`, () => {
    assert.ok(spec.tests.length >= 600, 'the spec examples load');
    let blocks = 0;
    let opaque = 0;
    for (const example of spec.tests) {
      const markdown = example.markdown.replace(/→/g, '\t'); // the spec writes tabs as →
      const outline = assertAgrees(markdown, `example ${example.number} (${example.section})`);
      blocks += outline.blocks.length;
      opaque += outline.opaque.length;
      assertAgrees(markdown.replace(/\n/g, '\r\n'), `example ${example.number} with CRLF`);
    }
    assert.ok(blocks > 200 && opaque > 100, 'the examples hold headings, items, tables, code and HTML');
  });

  const fixtures = markdownFiles(path.join(ROOT, 'test/fixtures'));
  it(`agrees on every fixture (${fixtures.length} files, real-world ones included) and the seed template, with LF, CRLF and CR`, () => {
    assert.ok(fixtures.some((f) => f.includes(`${path.sep}real-world${path.sep}`)));
    for (const [name, text] of [['seed template', seedTemplate()], ...fixtures.map((f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')])]) {
      for (const eol of ['\n', '\r\n', '\r']) assertAgrees(text.replace(/\r\n|\r|\n/g, eol), `${name} (${JSON.stringify(eol)})`);
    }
  });

  it('agrees on fixtures with front matter when its lines are skipped (as parsePlan scans them)', () => {
    let checked = 0;
    for (const file of fixtures) {
      const text = readFileSync(file, 'utf8');
      const plan = parsePlan(text);
      if (plan.bodyStartLine === 0) continue;
      checked++;
      const expected = plain(scanWithMarkdownIt(blankFirstLines(text, plan.bodyStartLine)));
      assert.deepStrictEqual(plain(scanBlocks(text, plan.bodyStartLine)), expected, file);
      assert.deepStrictEqual(plain(scanBlocks(text, plan.bodyStartLine, lineStarts(text))), expected, `${file}, given its line starts`);
    }
    assert.ok(checked > 0, 'some fixture has front matter');
  });

  it('agrees on 3,000 generated documents (npm run bench:core checks 100,000)', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(markdownDocArb, (text) => {
        const expected = plain(scanWithMarkdownIt(text));
        assert.deepStrictEqual(plain(scanBlocks(text)), expected);
        assert.deepStrictEqual(plain(scanBlocks(text, 0, lineStarts(text))), expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees at the nesting cap: 150 nested quotes and lists', () => {
    assertAgrees(`${'>'.repeat(150)} deep\n- [ ] after`, 'quotes');
    assertAgrees(Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n'), 'lists');
  });
});

describe('line scanner', () => {
  it('reads a plan outline: heading, nested task items, a table, a fence', () => {
    const outline = scanBlocks('# T\n\n- [ ] a\n  - [x] b\n    wrapped\n\n| Phase | Status |\n|---|---|\n| 1 | Done |\n\n```\n- [ ] no\n```\n');
    assert.deepStrictEqual(plain(outline), {
      blocks: [
        { kind: 'heading', level: 1, line: 0, text: 'T' },
        { kind: 'item', line: 2, depth: 0, parent: -1, content: '[ ] a' },
        { kind: 'item', line: 3, depth: 1, parent: 1, content: '[x] b\nwrapped' },
        { kind: 'table', line: 6, header: ['Phase', 'Status'], rows: [{ line: 8, cells: ['1', 'Done'] }] },
      ],
      opaque: [[10, 13]],
    });
  });

  it('treats lines before fromLine as blank', () => {
    assert.deepStrictEqual(plain(scanBlocks('- [ ] hidden\n# Shown\n', 1)), { blocks: [{ kind: 'heading', level: 1, line: 1, text: 'Shown' }], opaque: [] });
  });

  it('never throws: empty, binary, NUL and very long input', () => {
    assert.deepStrictEqual(plain(scanBlocks('')), { blocks: [], opaque: [] });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      assert.deepStrictEqual(plain(scanBlocks(s)), plain(scanWithMarkdownIt(s)));
    }), { numRuns: 300 });
    assert.equal(scanBlocks(`- [ ] ${'x'.repeat(3_000_000)}\n`.repeat(2)).blocks.length, 2);
  });

  it('keeps the first lines of the first long document a process scans (regression: growing its line tables dropped them)', () => {
    // A fresh process: in this one, earlier tests have grown the tables already.
    const doc = ['# Big', '- [x] first task', ...Array.from({ length: 3000 }, (_, i) => `line ${i}`), '', '- [ ] last'].join('\n');
    const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(path.join(ROOT, 'src/core/scan.ts'))}).scanBlocks(require('fs').readFileSync(0, 'utf8'))))`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { input: doc, encoding: 'utf8' });
    assert.deepStrictEqual(JSON.parse(out), plain(scanWithMarkdownIt(doc)));
    assert.equal((JSON.parse(out) as Outline).blocks.length, 3);
  });
});
