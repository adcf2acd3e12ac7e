// Plan health as a person sees it: a plan with problems shows squiggles, the Problems panel and
// the phase CodeLens; Ctrl+. offers the quick fixes; the Markdown preview shows the progress header.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useWorkbench } from './workbench.mjs';

const PLAN = `# Export Reports to CSV

**Created:** YYYY-MM-DD
**Planner:** Opus 4.5
**Status:** Completed
**Implementer:** Sonnet 4.5

---

## 1. Executive Summary

**Problem Statement:**
[What problem are we solving? Why is this needed?]

## 2. Codebase Context

**Key Files:**
- \`README.md\` - the project readme
- \`src/reports/csvExport.ts\` - the exporter (not written yet)

## 4. Implementation Roadmap

### Phase 1: Core Infrastructure

- [x] Define the report schema
- [ ] Stream rows to CSV

### Phase 2: Module Implementation

- [x] Add the export command
- [ ] Add the download button

### Phase 3: Integration

- [ ] Wire into the reports page

---

## Status Tracking

- [x] Phase 1: Core Infrastructure
- [ ] Phase 2: Module Implementation
- [ ] Quality Checks Passed

**Notes:**
- 2026-01-05: started
`;

describe('Plan health in the editor', function () {
  const session = useWorkbench({ viewport: { width: 1400, height: 900 } });

  it('shows squiggles, Problems and the phase CodeLens on an open plan', async () => {
    const { wb } = session;
    fs.mkdirSync(wb.file('docs', 'plans'), { recursive: true });
    fs.writeFileSync(wb.file('docs', 'plans', 'export-reports.md'), PLAN);

    // Quick Open the plan.
    await wb.quickOpen('export-reports.md');
    await wb.waitForEditorText('# Export Reports to CSV');

    const editor = wb.page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 20_000 });
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'attached' });
    const lens = editor.locator('.codelens-decoration', { hasText: 'Mark phase done' }).first();
    await lens.waitFor({ state: 'visible', timeout: 20_000 });
    const lensTexts = await editor.locator('.codelens-decoration').allTextContents();
    assert.ok(lensTexts.some((t) => /1\/2 done.*Mark phase done.*Next: Add the download button/.test(t)), lensTexts.join('\n'));

    // The Problems panel lists them.
    await wb.page.keyboard.press('Control+Shift+M');
    const problems = wb.page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ state: 'visible' });
    const rows = await problems.allTextContents();
    for (const text of ['still in the plan', 'Completed', 'no item in Status Tracking', 'does not exist']) {
      assert.ok(rows.some((row) => row.includes(text)), `Problems lists "${text}":\n${rows.join('\n')}`);
    }
    await wb.screenshot('plan-health');

    // Further down: the CodeLens over each phase and over Status Tracking.
    await editor.locator('.view-line').first().click();
    await wb.page.keyboard.press('Control+G');
    await wb.typeInQuickInput(':36'); // Go to Line fills the quick input with ':'
    await editor.locator('.codelens-decoration', { hasText: 'Next: Phase 2: Module Implementation' }).first().waitFor({ state: 'visible' });
    await wb.screenshot('plan-health-codelens');

    // Ctrl+. on the status line offers the fixes.
    await wb.page.keyboard.press('Control+G');
    await wb.typeInQuickInput(':5:22');
    const menu = wb.page.locator('.action-widget .monaco-list[aria-label="Action Widget"]').first();
    for (let attempt = 1; ; attempt++) {
      // Right after the click the editor may still be asking for code actions: try again.
      await wb.page.waitForTimeout(1000);
      await wb.page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    const fixes = await menu.locator('.monaco-list-row').allTextContents();
    assert.ok(fixes.some((t) => t.includes('Set status to "Implementation In Progress"')), fixes.join('\n'));
    assert.ok(fixes.some((t) => t.includes('Tick all 5 open items')), fixes.join('\n'));
    await wb.screenshot('plan-health-quick-fix');
    await wb.page.keyboard.press('Escape');
  });

  it('shows the progress header in the Markdown preview', async () => {
    const { wb } = session;
    await wb.runCommand('Markdown: Open Preview to the Side');
    const frame = await wb.webviewFrame('.plan-tracker-header', { timeout: 30_000 });
    const text = await frame.locator('.plan-tracker-header').textContent();
    assert.match(text ?? '', /Completed.*3\/8 tasks done/);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('plan-health-preview');
  });

  it('shows the header on a checklist that is a plan by its place (a plans folder)', async () => {
    const { wb } = session;
    await wb.runCommand('View: Close All Editors');
    fs.writeFileSync(wb.file('docs', 'plans', 'clean-up.md'), '# Clean-up\n\n- [x] Drop the old flag\n- [ ] Remove the shim\n- [ ] Update the docs\n');
    await wb.quickOpen('clean-up.md');
    await wb.waitForEditorText('# Clean-up');
    await wb.runCommand('Markdown: Open Preview to the Side');
    const frame = await wb.webviewFrame('.plan-tracker-header:has-text("1/3 tasks done")', { timeout: 30_000 });
    assert.match((await frame.locator('.plan-tracker-header').textContent()) ?? '', /In progress.*1\/3 tasks done · 33%/);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('plan-health-preview-placed');
  });
});
