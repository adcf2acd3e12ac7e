import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { escapeHtml, extendMarkdownIt } from '../../../../src/extension/preview/markdownItPlugin';
import { joinLines, seedTemplate } from '../../support/helpers';

const render = (text: string): string => extendMarkdownIt(new MarkdownIt({ html: true })).render(text);
const HEADER = '<div class="plan-tracker-header';

describe('preview markdown-it plugin', () => {
  it('puts a progress header before the first block of a plan', () => {
    const html = render(joinLines('# P', '**Status:** Implementation In Progress', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B'));
    assert.ok(html.startsWith(HEADER), html);
    assert.match(html, /1\/2 tasks done · 50%/);
    assert.match(html, /plan-tracker-phase--done"><span[^>]*>✓<\/span><span class="plan-tracker-phase__label">Phase 1: A</);
    assert.match(html, /plan-tracker-phase--open plan-tracker-phase--current">/);
  });

  const notPlans: [string, string][] = [
    ['a README', joinLines('# Read me', '**Status:** Beta', '- [ ] a task')],
    ['a CHANGELOG', joinLines('# Changelog', '## [1.0.0]', '- Phase 2 of the roadmap')],
    ['an empty document', ''],
  ];
  for (const [what, text] of notPlans) it(`leaves ${what} alone`, () => assert.equal(render(text), new MarkdownIt({ html: true }).render(text)));

  it('renders the seed template’s header without its placeholders becoming HTML', () => {
    const html = render(seedTemplate());
    assert.ok(html.startsWith(HEADER));
    const header = html.slice(0, html.indexOf('</div>\n'));
    assert.match(header, /Planning Complete \/ Implementation In Progress \/ Completed/);
    assert.match(header, /0\/56 tasks done/);
  });

  it('escapes everything it takes from the plan', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = render(joinLines('# P', '**Status:** <script>alert(1)</script>', '## Status Tracking', '- [ ] Phase 1: <img src=x onerror=alert(1)>'));
    const header = html.slice(0, html.indexOf('</div>\n'));
    assert.doesNotMatch(header, /<script|<img/);
    assert.match(header, /&lt;script&gt;/);
  });

  it('is installed once per markdown-it instance', () => {
    const md = extendMarkdownIt(extendMarkdownIt(new MarkdownIt()));
    const html = md.render(joinLines('# P', '## Status Tracking', '- [ ] Phase 1: A'));
    assert.equal(html.split('aria-label="Plan progress"').length, 2);
  });
});
