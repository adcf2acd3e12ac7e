// Plan Tracker in the web worker extension host, the one vscode.dev and github.dev have: the
// workbench loads a staged copy of the built extension without `main`, so only its `browser`
// bundle (dist/browser/extension.js) can run, and it runs in the worker (the Node host would run
// no code of it at all). As a person: tick a task from the Plans view, watch the status bar
// follow, open the dashboard. Screenshots: test-results/ui-web-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { eventually, useWorkbench } from './workbench.mjs';

const VIEW = 'Plans';

describe('In the web worker extension host (vscode.dev, github.dev)', function () {
  const session = useWorkbench({ host: 'web' });
  const workerLog = [];

  before(() => {
    session.wb.page.on('console', (message) => workerLog.push(message.text()));
  });

  it('lists the plans in the Plans view', async () => {
    const { wb } = session;
    await wb.openViewContainer('Plan Tracker');
    const rows = await wb.waitForTreeRows(VIEW, { text: 'Rebuild the Search Index', timeout: 30_000 });
    assert.equal(rows.find((row) => row.label === 'Rebuild the Search Index')?.description, '3/7 · 42%');
    await wb.screenshot('web-plans');
  });

  it('ticks a task from the tree, and the status bar follows', async () => {
    const { wb } = session;
    const file = wb.file('docs', 'plans', 'search-index.md');
    // Open the plan at a task (click on the row's label): the status bar shows its phase.
    await wb.treeRow('Rebuild the Search Index', VIEW).click();
    await wb.waitForTreeRows(VIEW, { text: 'Implementation Roadmap' });
    await wb.treeRow('Implementation Roadmap', VIEW).click();
    await wb.waitForTreeRows(VIEW, { text: 'Ranking' });
    await wb.treeRow('Incremental updates', VIEW).locator('.label-name, .monaco-highlighted-label').first().click();
    await wb.waitForTab('search-index.md');
    const status = wb.statusBarItem('Module Implementation');
    await status.waitFor({ state: 'visible' });
    assert.match((await status.textContent()) ?? '', /Phase 2\/3 · Module Implementation · 42%/);

    // The plan is open, so the tick edits its document (undoable, unsaved) through a WorkspaceEdit.
    await wb.treeRowCheckbox('Ranking', VIEW).click();
    await wb.waitForEditorText('- [x] Ranking');
    await eventually(
      async () => ((await wb.statusBarItem('Module Implementation').textContent()) ?? '').trim(),
      (text) => /Phase 2\/3 · Module Implementation · 57%/.test(text),
      'the status bar to show 57%',
    );
    await eventually(
      () => wb.treeRows(VIEW),
      (rows) => rows.find((row) => row.label === 'Ranking')?.checked === true && rows.some((row) => row.description === '4/7 · 57%'),
      'the tree to show Ranking ticked and 4/7',
    );
    await wb.screenshot('web-ticked');
    // Saving writes it to the workspace through the worker's file system.
    await wb.page.keyboard.press('Control+S');
    await eventually(() => fs.readFileSync(file, 'utf8'), (text) => /^- \[x\] Ranking$/m.test(text), 'the file to say - [x] Ranking');
  });

  it('renders the Plan Dashboard', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await wb.webviewFrame('.plan .plan-title-text', { timeout: 30_000 });
    const titles = await frame.locator('.plan .plan-title-text').allTextContents();
    assert.ok(titles.includes('Rebuild the Search Index'), JSON.stringify(titles));
    const search = frame.locator('.plan', { has: frame.locator('.plan-title-text', { hasText: 'Rebuild the Search Index' }) }).first();
    assert.match((await search.locator('.overall-figure').textContent()) ?? '', /4\/7|57/);
    await wb.screenshot('web-dashboard');
  });

  it('ran in the web worker, with no error popup', async () => {
    const { wb } = session;
    assert.ok(
      workerLog.some((line) => /web worker extension host/i.test(line)) || (await wb.page.frames()).some((frame) => /webWorkerExtensionHostIframe/.test(frame.url())),
      'the page started no web worker extension host',
    );
    const errors = (await wb.notifications()).filter((text) => /plan tracker|error/i.test(text));
    assert.deepEqual(errors, []);
  });
});
