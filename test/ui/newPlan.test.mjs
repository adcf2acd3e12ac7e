// New Plan, as a person does it: F1 → "Plan Tracker: New Plan" → type a name → Enter.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useWorkbench } from './workbench.mjs';

describe('New Plan from the command palette', function () {
  const session = useWorkbench();

  it('creates docs/plans/<slug>.md from the template and opens it showing the title', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: New Plan');

    const box = await wb.waitForQuickInput({ expect: 'New Plan' });
    assert.match(box.prompt, /Name of the feature/);
    await wb.typeInQuickInput('Export Reports to CSV');

    const tab = await wb.waitForTab('export-reports-to-csv.md');
    assert.ok(await tab.isVisible());
    assert.equal(await wb.activeTabTitle(), 'export-reports-to-csv.md');
    const text = await wb.waitForEditorText('# Export Reports to CSV');
    assert.match(text, /\*\*Status:\*\*/);

    // The file is on disk in the workspace copy, with the title filled in.
    const file = wb.file('docs', 'plans', 'export-reports-to-csv.md');
    assert.ok(fs.existsSync(file), `${file} was not created`);
    assert.match(fs.readFileSync(file, 'utf8'), /^# Export Reports to CSV$/m);

    await wb.screenshot('new-plan');
  });
});
