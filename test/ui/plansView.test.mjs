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
});
