// The Plans view, as a person sees it: open the Plan Tracker side bar, read the rows.
import assert from 'node:assert/strict';
import { useWorkbench } from './workbench.mjs';

describe('Plans view', function () {
  const session = useWorkbench();

  it('lists the workspace plans by title', async () => {
    const { wb } = session;
    await wb.openViewContainer('Plan Tracker');
    const rows = await wb.waitForTreeRows('Plans', { text: 'Rebuild the Search Index' });
    const titles = rows.filter((row) => row.level === 1).map((row) => row.label);
    assert.ok(titles.includes('Dark Mode'), `rows: ${titles.join(', ')}`);
    assert.ok(titles.includes('Rebuild the Search Index'), `rows: ${titles.join(', ')}`);
    await wb.screenshot('plans-view');
  });

  it("shows a plan's header in its row's tooltip on hover (made then, not for every row drawn)", async () => {
    const { wb } = session;
    await wb.openViewContainer('Plan Tracker');
    await wb.waitForTreeRows('Plans', { text: 'Rebuild the Search Index' });
    const row = wb.treeRow('Rebuild the Search Index', 'Plans');
    await row.hover();
    // VS Code's custom hover for tree items (workbench.hover.delay), filled by resolveTreeItem.
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Implementation In Progress' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    // appendText keeps the plan's spaces as non-breaking ones.
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Rebuild the Search Index/);
    assert.match(text, /Status: Implementation In Progress/);
    assert.match(text, /docs\/plans\/search-index\.md/);
    await wb.screenshot('plans-view-tooltip');
    await wb.page.mouse.move(900, 700);
  });
});
