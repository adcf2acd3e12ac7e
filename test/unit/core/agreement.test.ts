import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { parsePlan } from '../../../src/core';
import { fixture, fixtureNames, seedTemplate } from '../support/helpers';
import { fixtureFiles, readFixture } from '../support/realWorld';

/**
 * The task lines markdown-it itself sees: with its full parse (inline rules on), the list items
 * whose first inline content starts with a task mark (or Kiro's optional-task mark, `[ ]*`, or
 * `[ ]\*` as Prettier escapes it), the way VS Code's preview finds them.
 * Front matter is blanked first, as VS Code's markdown-it front-matter plugin does.
 */
function markdownItTaskLines(text: string): number[] {
  const md = new MarkdownIt('default', { html: true });
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trimEnd() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
    if (end > 0) for (let i = 0; i <= end; i++) lines[i] = '';
  }
  const tokens = md.parse(lines.join('\n'), {});
  const found: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].type !== 'list_item_open' || tokens[i + 1].type !== 'paragraph_open') continue;
    const inline = tokens[i + 2];
    // A task mark, or Kiro's optional one (`[ ]*`, `[ ]\*`).
    if (inline.type === 'inline' && inline.map && /^\[[ xX\-/~]\](\\?\*)?(\s|$)/.test(inline.content)) found.push(inline.map[0]);
  }
  return found;
}

describe('agreement with markdown-it', () => {
  const documents: [string, string][] = [['seed template', seedTemplate()], ...fixtureNames().map((n): [string, string] => [n, fixture(n)])];
  for (const [name, text] of documents) {
    it(`reports the same task lines as markdown-it's tokens: ${name}`, () => {
      const expected = markdownItTaskLines(text);
      assert.ok(expected.length > 0, 'the fixture has tasks');
      assert.deepEqual(parsePlan(text).tasks.map((t) => t.line), expected);
    });
  }
  for (const file of fixtureFiles()) {
    it(`reports the same task lines as markdown-it's tokens: real-world/${file}`, () => {
      const text = readFixture(file);
      const plan = parsePlan({ text, uri: file });
      // The body's boxes: a Cursor plan's todos are YAML in its front matter, where markdown-it sees no Markdown.
      assert.deepEqual(plan.tasks.filter((t) => t.line >= plan.bodyStartLine).map((t) => t.line), markdownItTaskLines(text));
    });
  }
});
