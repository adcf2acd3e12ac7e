// The Plans view and the status bar phase indicator, as a person uses them: open the Plan Tracker
// side bar, expand a plan, tick a task's checkbox, open a plan and read the status bar.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useWorkbench } from './workbench.mjs';

const VIEW = 'Plans';

/** Polls `read()` until `check(value)` holds; returns the value. */
async function eventually(read, check, message, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${message} (last: ${JSON.stringify(value)})`);
}

describe('Plans view and status bar', function () {
  const session = useWorkbench();

  it('shows the workspace’s plans with their progress', async () => {
    const { wb } = session;
    await wb.openViewContainer('Plan Tracker');
    const rows = await wb.waitForTreeRows(VIEW, { text: 'Rebuild the Search Index' });
    const search = rows.find((row) => row.label === 'Rebuild the Search Index');
    const dark = rows.find((row) => row.label === 'Dark Mode');
    assert.ok(search && dark, JSON.stringify(rows));
    assert.equal(search.description, '3/7 · 42%');
    assert.equal(dark.description, '4/4 · 100%');
    await wb.screenshot('tree-plans');
  });

  it('ticks a task on disk when its checkbox row is clicked', async () => {
    const { wb } = session;
    const file = wb.file('docs', 'plans', 'search-index.md');
    assert.match(fs.readFileSync(file, 'utf8'), /^- \[ \] Ranking$/m);

    await wb.treeRow('Rebuild the Search Index', VIEW).click();
    await wb.waitForTreeRows(VIEW, { text: 'Implementation Roadmap' });
    await wb.treeRow('Implementation Roadmap', VIEW).click();
    const rows = await wb.waitForTreeRows(VIEW, { text: 'Ranking' });
    assert.equal(rows.find((row) => row.label === 'Ranking')?.checked, false);
    assert.equal(rows.find((row) => row.label === 'Tokenizer')?.checked, true);

    await wb.treeRowCheckbox('Ranking', VIEW).click();
    await eventually(() => fs.readFileSync(file, 'utf8'), (text) => /^- \[x\] Ranking$/m.test(text), 'the file to say - [x] Ranking');
    const after = await eventually(
      () => wb.treeRows(VIEW),
      (list) => list.find((row) => row.label === 'Ranking')?.checked === true && list.some((row) => row.description === '4/7 · 57%'),
      'the tree to show Ranking ticked and 4/7',
    );
    assert.ok(after.length > 0);
    await wb.screenshot('tree-ticked');
  });

  it('shows the active plan’s phase in the status bar', async () => {
    const { wb } = session;
    await wb.page.keyboard.press('Control+P');
    await wb.typeInQuickInput('search-index.md');
    await wb.waitForTab('search-index.md');
    const item = wb.statusBarItem('Module Implementation');
    await item.waitFor({ state: 'visible' });
    const text = (await item.textContent())?.trim() ?? '';
    assert.match(text, /Phase 2\/3 · Module Implementation · 57%/);
    await wb.screenshot('status-bar-phase');
  });
});
