// Plans as people and agents write them (issue #9), as a person sees them: a plan fresh from New
// Plan opens without a wall of warnings, and a spec-kit tasks.md shows up in the Plans view and
// the dashboard with its phases.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, fixturesDir, useWorkbench } from './workbench.mjs';

/** Errors / warnings / infos as the status bar's Problems entry counts them. */
async function problemCounts(wb) {
  const item = (await wb.statusBarItems()).find((i) => i.id === 'status.problems');
  assert.ok(item, 'the Problems entry is in the status bar');
  // "Errors: 1, Warnings: 2, Infos: 54", with the zero counts left out.
  const count = (word) => Number(new RegExp(`${word}s?:\\s*(\\d+)`, 'i').exec(item.ariaLabel)?.[1] ?? 0);
  return { errors: count('Error'), warnings: count('Warning'), infos: count('Info'), label: item.ariaLabel };
}

/** Copies a real-world fixture (`kind/path in the repository`) to that path in the workspace. */
function copyFixture(wb, fixture) {
  const target = wb.file(...fixture.split('/').slice(1));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(fixturesDir, 'real-world', ...fixture.split('/')), target);
}

/**
 * Copies a real-world fixture (`kind/path in the repository`) to that path in the workspace, waits
 * for its row in the Plans view and expands it.
 */
async function expandFixturePlan(wb, fixture, title) {
  copyFixture(wb, fixture);
  await wb.openViewContainer('Plan Tracker');
  // The plans earlier tests expanded are collapsed (list.collapseAll): the list draws only the
  // rows in view, and a new plan may sort below their tasks.
  await wb.runCommand('Plan Tracker: Focus on Plans View');
  await wb.page.keyboard.press('Control+ArrowLeft');
  const rows = await wb.waitForTreeRows('Plans', { text: title, timeout: 30_000 });
  assert.ok(rows.some((r) => r.label.includes(title)), JSON.stringify(rows));
  await wb.treeRow(title, 'Plans').click();
  await wb.page.keyboard.press('ArrowRight'); // expand it
}

/** Opens the dashboard and gives its card of the plan titled `title`, scrolled into view, with the card's text. */
async function dashboardCard(wb, title) {
  await wb.runCommand('Plan Tracker: Open Dashboard');
  await wb.waitForTab('Plan Dashboard');
  const frame = await wb.webviewFrame('.plan', { timeout: 30_000 });
  const card = frame.locator('.plan', { hasText: title }).first();
  await card.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await card.innerText();
  await card.scrollIntoViewIfNeeded();
  return text;
}

describe('Real-world plans in the workbench (issue #9)', function () {
  const session = useWorkbench({ viewport: { width: 1400, height: 900 } });

  it('a plan fresh from New Plan shows its leftover template text as information, not warnings', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: New Plan');
    await wb.waitForQuickInput({ expect: 'New Plan' });
    await wb.typeInQuickInput('Team Calendar Sync');
    await wb.waitForTab('team-calendar-sync.md');
    await wb.waitForEditorText('# Team Calendar Sync');

    await wb.page.keyboard.press('Control+Shift+M');
    const rows = wb.page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
    let counts;
    for (const started = Date.now(); Date.now() - started < 20_000; await wb.page.waitForTimeout(250)) {
      counts = await problemCounts(wb);
      if (counts.infos > 0) break;
    }
    assert.ok(counts.infos > 20, `template placeholders are listed as information: ${counts.label}`);
    assert.ok(counts.warnings <= 5, `no more than a handful of warnings: ${counts.label}`);
    assert.equal(counts.errors, 0, counts.label);
    const texts = await rows.allTextContents();
    assert.ok(texts.some((t) => t.includes('still in the plan')), texts.join('\n'));
    await wb.screenshot('new-plan-problems');
  });

  it('a spec-kit tasks.md is a plan in the Plans view and the dashboard, [X] done, current phase 3', async () => {
    const { wb } = session;
    await wb.page.keyboard.press('Control+J'); // hide the panel again
    await wb.page.locator('.markers-panel').waitFor({ state: 'hidden' });
    await expandFixturePlan(wb, 'spec-kit/specs/001-photo-albums/tasks.md', 'Tasks: Photo Albums');
    await wb.waitForTreeRows('Plans', { text: 'Phase 3: User Story 1' });
    await wb.screenshot('spec-kit-plans-view');

    const text = await dashboardCard(wb, 'Tasks: Photo Albums');
    assert.match(text, /Phase 1: Setup/);
    assert.match(text, /Phase 3: User Story 1/);
    assert.match(text, /6\s*\/\s*14|43\s*%/, text);
    // The summary counts it (and the other kinds without a header) where its boxes stand, as its pill says.
    const frame = await wb.webviewFrame('.summary');
    const tiles = await frame.locator('.figure-status .figure-label').allInnerTexts();
    assert.ok(tiles.includes('In progress'), tiles.join(' | '));
    assert.ok(tiles.every((t) => t.trim() !== ''), `every tile is named: ${tiles.join(' | ')}`);
    await frame.locator('.summary').scrollIntoViewIfNeeded();
    await wb.screenshot('spec-kit-dashboard-summary');
    await frame.locator('.plan', { hasText: 'Tasks: Photo Albums' }).first().scrollIntoViewIfNeeded();
    await wb.screenshot('spec-kit-dashboard');
  });

  it('a GSD roadmap is a plan whose phases are its `## Phases` list: current phase 5, not the ticked phase 4 with an open plan', async () => {
    const { wb } = session;
    await expandFixturePlan(wb, 'gsd/.planning/ROADMAP.md', 'Roadmap: Lantern');
    await wb.waitForTreeRows('Plans', { text: 'Phase Details' });
    // The plan at hand (selected in the tree): its current phase in the status bar, by the number the file gives it (the 7th phase).
    await wb.statusBarItem(/Phase 5 · Change Feed · 69%/).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('gsd-plans-view');
  });

  it('a BMAD story is a plan: its `## Status` line in the dashboard, its current task in the status bar', async () => {
    const { wb } = session;
    await expandFixturePlan(wb, 'bmad/docs/stories/1.2.story.md', 'Story 1.2: Import Bank Statements');
    await wb.waitForTreeRows('Plans', { text: 'Tasks / Subtasks' });
    // Selected in the tree, the story is the plan at hand: its current phase is its first unfinished task with sub-tasks.
    await wb.statusBarItem(/Phase 2\/3 · Task 2: Report unreadable rows/).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('bmad-plans-view');
    const text = await dashboardCard(wb, 'Story 1.2: Import Bank Statements');
    assert.match(text, /InProgress/);
    assert.match(text, /4\s*\/\s*10|40\s*%/, text);
    await wb.screenshot('bmad-dashboard');
  });

  it('a Cursor plan is a plan: the todos of its front matter are its tasks, in the Plans view and the dashboard', async () => {
    const { wb } = session;
    // The first plan of `.cursor/plans/`, made with its folders: the file watcher may never watch
    // `plans` (mkdir -p on Linux); the index looks at the new folder again, so the next tests' plans,
    // copied into it later, are found all the same.
    await expandFixturePlan(wb, 'cursor/.cursor/plans/rate_limit_login_8c41d2e7.plan.md', 'Rate-limit login attempts');
    const rows = await wb.waitForTreeRows('Plans', { text: 'Run the k6 login scenario' });
    assert.ok(rows.some((r) => r.label.includes('Show the lockout message on the login form')), JSON.stringify(rows));
    await wb.screenshot('cursor-plans-view');
    const text = await dashboardCard(wb, 'Rate-limit login attempts');
    assert.match(text, /2\s*\/\s*5|40\s*%/, text);
    await wb.screenshot('cursor-dashboard');
  });

  it('a Cursor plan whose todos name its phases: they are its phases, the one in progress current in the status bar', async () => {
    const { wb } = session;
    await expandFixturePlan(wb, 'cursor/.cursor/plans/offline_first_roadmap_5d1e0b2a.plan.md', 'Offline-first roadmap');
    await wb.waitForTreeRows('Plans', { text: 'Phase 4: Polish' });
    await wb.statusBarItem(/Phase 2\/4 · Sync queue/).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('cursor-phases-plans-view');
  });

  it('a Cursor plan whose todo ids name its phases (phase2-preview): each todo is under its phase, Phase 2 current', async () => {
    const { wb } = session;
    await expandFixturePlan(wb, 'cursor/.cursor/plans/import_wizard_3f9a61c2.plan.md', 'CSV Import Wizard');
    // Its one group, Implementation Phases, expanded: a phase in it per heading, the todos under them.
    await wb.waitForTreeRows('Plans', { text: 'Implementation Phases' });
    await wb.treeRow('Implementation Phases', 'Plans').click();
    const rows = await wb.waitForTreeRows('Plans', { text: 'Build the preview step' });
    const at = (label) => rows.findIndex((r) => r.label.startsWith(label));
    assert.ok(at('Phase 2: Preview and report') < at('Build the preview step') && at('Build the preview step') < at('Phase 3: Recurring imports'), JSON.stringify(rows));
    await wb.statusBarItem(/Phase 2\/3 · Preview and report/).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('cursor-phase-ids-plans-view');
  });

  it('an ExecPlan step ticked from its row gets the time it was done, shown after its label', async () => {
    const { wb } = session;
    const fixture = 'execplan/docs/exec-plans/active/offline-sync.md';
    await expandFixturePlan(wb, fixture, 'Let the mobile app queue edits while offline');
    // Its first group, Progress, expanded.
    await wb.waitForTreeRows('Plans', { text: 'Validation and Acceptance' });
    await wb.treeRow('Progress', 'Plans').click();
    await wb.waitForTreeRows('Plans', { text: 'Show the waiting-edits chip in the header.' });
    await wb.treeRowCheckbox('Show the waiting-edits chip in the header.', 'Plans').click();
    const file = wb.file(...fixture.split('/').slice(1));
    const ticked = /^- \[x\] \((\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z)\) Show the waiting-edits chip in the header\.$/m;
    const text = await eventually(() => fs.readFileSync(file, 'utf8'), (t) => ticked.test(t), 'the step ticked with its time on disk');
    const at = ticked.exec(text)[1];
    await eventually(
      () => wb.treeRows('Plans'),
      (rows) => rows.some((r) => r.label === 'Show the waiting-edits chip in the header.' && r.checked && (r.description ?? '').includes(at)),
      'the row ticked, its time after its label',
    );
    await wb.screenshot('execplan-step-ticked');
  });

  it('a plan in Spanish is a plan: its `Fase N` headings are its phases, its `[~]` (in progress, by its legend) is in progress', async () => {
    const { wb } = session;
    await expandFixturePlan(wb, 'plans/plan-de-implementacion-es.md', 'Plan de implementación: pedidos en línea');
    await wb.waitForTreeRows('Plans', { text: 'Fase 2: Pedidos' });
    await wb.statusBarItem(/Phase 2\/3 · Pedidos · 42%/).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('spanish-plans-view');
    const text = await dashboardCard(wb, 'Plan de implementación: pedidos en línea');
    assert.match(text, /En progreso/);
    assert.match(text, /Fase 3: Panel de administración/);
    assert.match(text, /3\s*\/\s*7|42\s*%/, text);
    await wb.screenshot('spanish-dashboard');
  });
});

