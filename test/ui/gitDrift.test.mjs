// Drift against git HEAD as a person sees it: a plan committed in a git repository, an open task
// deleted in the editor, and the warning in the Problems panel and as a squiggle. The harness's
// user settings turn Git off; the workspace turns it on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { useWorkbench } from './workbench.mjs';

const PLAN = `# Import Invoices

**Created:** 2026-03-02
**Status:** Implementation In Progress

## 4. Implementation Roadmap

### Phase 1: Parser

- [x] Read the CSV header
- [ ] Validate the currency column
- [ ] Reject duplicate invoice numbers

## Status Tracking

- [ ] Phase 1: Parser
`;

function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'user.name=Plan Tracker Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('Drift against git HEAD in the editor', function () {
  const session = useWorkbench({ viewport: { width: 1400, height: 800 } });

  it('shows an open task deleted since HEAD in Problems', async () => {
    const { wb } = session;
    fs.writeFileSync(wb.file('import-invoices.md'), PLAN);
    git(wb.workspaceDir, 'init', '-q');
    git(wb.workspaceDir, 'add', 'import-invoices.md');
    git(wb.workspaceDir, 'commit', '-q', '-m', 'plan');
    const settingsFile = wb.file('.vscode', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'git.enabled': true }, null, 2));

    await wb.quickOpen('import-invoices.md');
    await wb.waitForEditorText('# Import Invoices');

    // Delete "Validate the currency column" (line 11) without ticking it.
    const editor = wb.page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-line').first().click();
    await wb.page.keyboard.press('Control+G');
    await wb.typeInQuickInput(':11');
    await wb.page.keyboard.press('Control+Shift+K');

    await wb.page.keyboard.press('Control+Shift+M');
    const problems = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'was removed since HEAD' });
    await problems.first().waitFor({ state: 'visible', timeout: 30_000 });
    const rows = await wb.page.locator('.markers-panel .monaco-list-row').allTextContents();
    assert.ok(rows.some((row) => row.includes('"Validate the currency column" was removed since HEAD')), rows.join('\n'));
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'attached' });
    await wb.screenshot('git-drift');
  });
});
