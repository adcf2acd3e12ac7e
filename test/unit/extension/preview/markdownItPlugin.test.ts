import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { escapeHtml, extendMarkdownIt, type ReadingOf } from '../../../../src/extension/preview/markdownItPlugin';
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

  describe('read as the plan index reads the document (its place, its folder’s settings)', () => {
    // What VS Code's preview puts in the render environment is a Uri; here, a path stands for it.
    const readingOf: ReadingOf = (document) => (typeof document === 'string' ? { path: document } : undefined);
    const renderAt = (text: string, document?: string, reading: ReadingOf = readingOf): string =>
      extendMarkdownIt(new MarkdownIt({ html: true }), reading).render(text, document === undefined ? {} : { currentDocument: document });
    const checklist = joinLines('# Clean-up', '', '- [x] Drop the old flag', '- [ ] Remove the shim', '- [ ] Update the docs');

    it('puts the header on a checklist in a plans folder, which the index calls a plan by its place', () => {
      const html = renderAt(checklist, 'docs/plans/clean-up.md');
      assert.ok(html.startsWith(HEADER), html);
      assert.match(html, /1\/3 tasks done · 33%/);
    });

    it('leaves the same checklist alone elsewhere, or when the preview names no document', () => {
      const plain = new MarkdownIt({ html: true }).render(checklist);
      assert.equal(renderAt(checklist, 'notes/clean-up.md'), plain);
      assert.equal(renderAt(checklist), plain);
      assert.equal(renderAt(checklist, 'docs/plans/clean-up.md', () => undefined), plain);
    });

    it('shows a file that planTracker.alwaysPlans lists, whatever it holds', () => {
      const always: ReadingOf = () => ({ path: 'roadmap.md', assumePlan: true });
      const html = renderAt(joinLines('# Roadmap', '', 'Nothing ticked yet.'), 'roadmap.md', always);
      assert.ok(html.startsWith(HEADER), html);
      assert.match(html, /0\/0 tasks done/);
    });

    it('reads the folder’s task marks', () => {
      const marks: ReadingOf = () => ({ path: 'docs/plans/p.md', marks: { ' ': 'open', x: 'done', X: 'done', '>': 'inProgress' } });
      const html = renderAt(joinLines('# P', '- [>] moving', '- [x] done'), 'docs/plans/p.md', marks);
      assert.match(html, /1\/2 tasks done/);
    });

    it('decides at each render: tokens kept from one render serve another document', () => {
      const md = extendMarkdownIt(new MarkdownIt({ html: true }), readingOf);
      const tokens = md.parse(checklist, {});
      assert.ok(md.renderer.render(tokens, md.options, { currentDocument: 'docs/plans/a.md' }).startsWith(HEADER));
      assert.ok(!md.renderer.render(tokens, md.options, { currentDocument: 'notes/a.md' }).includes(HEADER));
      assert.ok(md.renderer.render(tokens, md.options, { currentDocument: 'plans/b.md' }).startsWith(HEADER));
    });

    it('never breaks the preview when the reading fails', () => {
      const failing: ReadingOf = () => {
        throw new Error('no index');
      };
      const html = renderAt(joinLines('# P', '## Status Tracking', '- [ ] Phase 1: A'), 'x.md', failing);
      assert.ok(html.startsWith(HEADER), html);
    });
  });
});
