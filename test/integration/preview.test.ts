import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatePlanTracker } from './support/planTracker';
import { skipInWebWorker } from './support/host';
import { cleanUp, joinLines, writePlan } from './support/planHealth';

const render = (text: string): Thenable<string> => vscode.commands.executeCommand<string>('markdown.api.render', text);

/** The progress header's HTML, or undefined when the preview has none. */
function header(html: string): string | undefined {
  const start = html.indexOf('<div class="plan-tracker-header');
  if (start < 0) return undefined;
  const end = html.indexOf('</div>\n', start);
  return html.slice(start, end + '</div>'.length);
}

describe('Markdown preview progress header', function () {
  let api: Awaited<ReturnType<typeof activatePlanTracker>>;
  before(async function () {
    // vscode.dev runs the built-in Markdown extension in the web worker with Plan Tracker, so the
    // preview gets our markdown-it plugin there; code-server runs it in its Node host instead,
    // which reaches only plugins of extensions in that host.
    skipInWebWorker(this, "code-server's Markdown extension runs in its Node host, out of the worker's reach");
    api = await activatePlanTracker();
  });
  after(async () => {
    if (api) await cleanUp(api);
  });

  it('renders status, done/total and a bar per phase at the top of a plan', async () => {
    const html = await render(
      joinLines(
        '# Preview Plan',
        '**Status:** Implementation In Progress',
        '### Phase 1: Setup',
        '- [x] a',
        '- [x] b',
        '### Phase 2: Build',
        '- [ ] c',
        '- [x] d',
        '## Status Tracking',
        '- [x] Phase 1: Setup',
        '- [ ] Phase 2: Build',
      ),
    );
    const h = header(html);
    assert.ok(h, html.slice(0, 500));
    assert.ok(html.indexOf('plan-tracker-header') < html.indexOf('<h1'), 'the header comes first');
    assert.match(h, /<span class="plan-tracker-status">Implementation In Progress<\/span>/);
    assert.match(h, /4\/6 tasks done · 66%/);
    assert.match(h, /plan-tracker-phase--done[^"]*"><span[^>]*>✓<\/span><span class="plan-tracker-phase__label">Phase 1: Setup<\/span>.*aria-valuenow="100"/);
    assert.match(h, /plan-tracker-phase--open plan-tracker-phase--current">.*Phase 2: Build<\/span>.*aria-valuenow="50".*1\/2/);
    assert.doesNotMatch(h, /<script/i);
  });

  it('leaves other Markdown alone', async () => {
    const html = await render(joinLines('# Read Me', '', '**Status:** Beta', '', '- [ ] a task'));
    assert.equal(header(html), undefined);
    assert.match(html, /Read Me/);
  });

  it('escapes what the plan says', async () => {
    const h = header(
      await render(joinLines('# P', '**Status:** <b>Done</b> "now"', '## Status Tracking', '- [ ] Phase 1: <img src=x onerror=alert(1)>')),
    );
    assert.ok(h);
    assert.match(h, /&lt;b&gt;Done&lt;\/b&gt; &quot;now&quot;/);
    assert.match(h, /Phase 1: &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(h, /<img|<b>/);
  });

  it('reads a document as the index does: a checklist in a plans folder is a plan by its place', async () => {
    const checklist = joinLines('# Clean-up', '', '- [x] Drop the old flag', '- [ ] Remove the shim', '- [ ] Update the docs');
    const uri = await writePlan(api, 'plans/clean-up.md', checklist);
    const document = await vscode.workspace.openTextDocument(uri);
    // The preview passes the document, so the render knows its Uri (env.currentDocument).
    const h = header(await vscode.commands.executeCommand<string>('markdown.api.render', document));
    assert.ok(h, 'a header for the plan the index holds');
    assert.match(h, /1\/3 tasks done · 33%/);
    // The same text with no document: read by its content alone, which is not a plan's.
    assert.equal(header(await render(checklist)), undefined);
  });
});
