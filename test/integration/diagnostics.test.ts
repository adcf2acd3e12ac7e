import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import { activatePlanTracker, today, waitFor, writeText } from './support/planTracker';
import { cleanUp, described, joinLines, openPlan, planDiagnostics, quickFixes, waitForDiagnostics, writePlan, TEMP_FOLDER } from './support/planHealth';

const HEALTH = joinLines(
  '# Health Check Plan',
  '',
  '**Created:** YYYY-MM-DD',
  '**Status:** Completed',
  '',
  '## 2. Codebase Context',
  '',
  '**Key Files:**',
  '- `README.md` - exists in the fixture',
  `- \`${TEMP_FOLDER}/later.ts\` - not written yet`,
  '',
  '## 4. Implementation Roadmap',
  '',
  '### Phase 1: Setup',
  '',
  '- [x] Install tools',
  '- [ ] Configure CI',
  '',
  '### Phase 2: Build',
  '',
  '- [ ] Write code',
  '',
  '### Phase 2: Build again',
  '',
  '## Status Tracking',
  '',
  '- [x] Phase 1: Setup',
  '- [ ] Phase 3: Polish',
  '',
);

const lines = HEALTH.split('\n');
/** `code@line:start-end` for the first occurrence of `text` on the line that starts with `linePrefix`. */
function at(code: string, linePrefix: string, text: string): string {
  const line = lines.findIndex((l) => l.startsWith(linePrefix));
  assert.ok(line >= 0, linePrefix);
  const start = lines[line].indexOf(text);
  return `${code}@${line}:${start}-${start + text.length}`;
}
const lineOf = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));

const EXPECTED = [
  at('placeholder', '**Created:**', 'YYYY-MM-DD'),
  at('completed-with-open-items', '**Status:**', 'Completed'),
  at('key-file-missing', `- \`${TEMP_FOLDER}`, `${TEMP_FOLDER}/later.ts`),
  at('phase-not-tracked', '### Phase 2: Build', 'Phase 2: Build'),
  at('duplicate-phase-number', '### Phase 2: Build again', 'Phase 2: Build again'),
  at('phase-done-with-open-tasks', '- [x] Phase 1: Setup', 'Phase 1: Setup'),
  at('tracked-phase-missing', '- [ ] Phase 3: Polish', 'Phase 3: Polish'),
];

describe('Plan diagnostics and quick fixes', function () {
  let api: PlanTrackerApi;
  let uri: vscode.Uri;

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
  });

  beforeEach(async () => {
    uri = await writePlan(api, 'health.md', HEALTH);
  });

  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('planTracker');
    await config.update('diagnostics.rules', undefined, vscode.ConfigurationTarget.Global);
    await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    await cleanUp(api);
  });

  it('reports every problem of an open plan with its code, range, severity and source', async () => {
    await openPlan(api, uri);
    await waitForDiagnostics(uri, EXPECTED);
    const byCode = new Map(planDiagnostics(uri).map((d) => [String(d.code), d]));
    assert.equal(byCode.get('completed-with-open-items')?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(byCode.get('placeholder')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(byCode.get('key-file-missing')?.severity, vscode.DiagnosticSeverity.Information);
    assert.match(byCode.get('key-file-missing')!.message, /listed under Key Files/);
    assert.match(byCode.get('completed-with-open-items')!.message, /3 items are not done/);
  });

  it('has no diagnostics for a plan that is not open, and clears them when it is closed', async () => {
    await api.settle();
    assert.deepEqual(described(uri), []);
    await openPlan(api, uri);
    await waitForDiagnostics(uri, EXPECTED);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => described(uri).length === 0 || undefined, 'diagnostics to clear on close');
  });

  it('clears the diagnostics of an open plan that is deleted', async () => {
    await openPlan(api, uri);
    await waitForDiagnostics(uri, EXPECTED);
    await vscode.workspace.fs.delete(uri);
    await waitFor(async () => {
      await api.settle();
      return described(uri).length === 0 || undefined;
    }, 'diagnostics to clear on delete');
  });

  it('updates as you type, before saving', async () => {
    const editor = await openPlan(api, uri);
    await waitForDiagnostics(uri, EXPECTED);
    const phase1 = lineOf('- [ ] Configure CI');
    await editor.edit((edit) => edit.replace(new vscode.Range(phase1, 3, phase1, 4), 'x'));
    assert.equal(editor.document.isDirty, true);
    // "Phase 1" is done now, so only the Completed/open-items contradiction (2 items) is left of those two.
    await waitForDiagnostics(uri, EXPECTED.filter((d) => !d.startsWith('phase-done-with-open-tasks')), 'the phase diagnostic to go');
    assert.match(planDiagnostics(uri).find((d) => d.code === 'completed-with-open-items')!.message, /2 items are not done/);
  });

  it('notices a key file that gets created', async () => {
    await openPlan(api, uri);
    await waitForDiagnostics(uri, EXPECTED);
    await writeText(vscode.Uri.joinPath(uri, '..', 'later.ts'), 'export {};\n');
    await waitForDiagnostics(uri, EXPECTED.filter((d) => !d.startsWith('key-file-missing')), 'the key-file diagnostic to go');
  });

  it('follows the severity settings: per rule, off, and all off', async () => {
    await openPlan(api, uri);
    await waitForDiagnostics(uri, EXPECTED);
    const config = vscode.workspace.getConfiguration('planTracker');
    await config.update('diagnostics.rules', { 'key-file-missing': 'off', placeholder: 'hint' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(uri, EXPECTED.filter((d) => !d.startsWith('key-file-missing')));
    assert.equal(planDiagnostics(uri).find((d) => d.code === 'placeholder')?.severity, vscode.DiagnosticSeverity.Hint);
    await config.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(uri, [], 'no diagnostics when turned off');
    await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    await config.update('diagnostics.rules', undefined, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(uri, EXPECTED, 'the diagnostics back');
  });

  describe('quick fixes (each applied, then undone)', () => {
    const replaceLine = (text: string, prefix: string, replacement: string): string =>
      text.split('\n').map((l) => (l.startsWith(prefix) ? replacement : l)).join('\n');

    const cases: { title: string; code: string; fix: RegExp; expected: () => string }[] = [
      {
        title: "inserts today's date for YYYY-MM-DD",
        code: 'placeholder',
        fix: /^Insert today's date/,
        expected: () => HEALTH.replace('**Created:** YYYY-MM-DD', `**Created:** ${today()}`),
      },
      {
        title: 'sets the status to what the boxes say',
        code: 'completed-with-open-items',
        fix: /^Set status to "Implementation In Progress" \(what the boxes say\)$/,
        expected: () => HEALTH.replace('**Status:** Completed', '**Status:** Implementation In Progress'),
      },
      {
        title: 'ticks every open item to match the header',
        code: 'completed-with-open-items',
        fix: /^Tick all 3 open items/,
        expected: () => HEALTH.replace('- [ ] Configure CI', '- [x] Configure CI').replace('- [ ] Write code', '- [x] Write code').replace('- [ ] Phase 3', '- [x] Phase 3'),
      },
      {
        title: 'adds a Status Tracking item for a roadmap phase',
        code: 'phase-not-tracked',
        fix: /^Add "Phase 2: Build" to Status Tracking$/,
        expected: () => HEALTH.replace('- [x] Phase 1: Setup\n', '- [x] Phase 1: Setup\n- [ ] Phase 2: Build\n'),
      },
      {
        title: 'adds a roadmap heading for a Status Tracking item',
        code: 'tracked-phase-missing',
        fix: /^Add a "Phase 3" heading to the roadmap$/,
        expected: () => HEALTH.replace('### Phase 2: Build again\n', '### Phase 2: Build again\n\n### Phase 3: Polish\n'),
      },
      {
        title: 'reopens a phase ticked too early',
        code: 'phase-done-with-open-tasks',
        fix: /^Reopen "Phase 1: Setup" in Status Tracking$/,
        expected: () => replaceLine(HEALTH, '- [x] Phase 1: Setup', '- [ ] Phase 1: Setup'),
      },
      {
        title: 'ticks the open tasks of a phase ticked in Status Tracking',
        code: 'phase-done-with-open-tasks',
        fix: /^Tick the open tasks under "Phase 1: Setup"$/,
        expected: () => HEALTH.replace('- [ ] Configure CI', '- [x] Configure CI'),
      },
    ];

    for (const c of cases) {
      it(c.title, async () => {
        const editor = await openPlan(api, uri);
        await waitForDiagnostics(uri, EXPECTED);
        const actions = await quickFixes(uri, c.code);
        const action = actions.find((a) => c.fix.test(a.title));
        assert.ok(action?.edit, `no fix matching ${c.fix} among: ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(await vscode.workspace.applyEdit(action.edit), true);
        assert.equal(editor.document.getText(), c.expected());
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('undo');
        await waitFor(() => editor.document.getText() === HEALTH || undefined, 'undo to restore the text');
      });
    }

    it('fixes an invalid date and a status that still lists every choice', async () => {
      const draft = joinLines(
        '# Draft Plan',
        '**Created:** 2026-02-30',
        '**Status:** Planning Complete / Implementation In Progress / Completed',
        '## Roadmap',
        '### Phase 1: A',
        '- [x] a',
        '## Status Tracking',
        '- [x] Phase 1: A',
      );
      const draftUri = await writePlan(api, 'draft.md', draft);
      const editor = await openPlan(api, draftUri);
      await waitForDiagnostics(draftUri, ['invalid-date@1:13-23', 'status-placeholder@2:12-70']);
      const dateFix = (await quickFixes(draftUri, 'invalid-date')).find((a) => a.isPreferred);
      assert.equal(dateFix?.title, `Replace with today's date (${today()})`);
      await vscode.workspace.applyEdit(dateFix.edit!);
      const statusFix = (await quickFixes(draftUri, 'status-placeholder')).find((a) => a.isPreferred);
      assert.equal(statusFix?.title, 'Set status to "Completed" (what the boxes say)');
      await vscode.workspace.applyEdit(statusFix.edit!);
      assert.equal(editor.document.getText(), draft.replace('2026-02-30', today()).replace('Planning Complete / Implementation In Progress / Completed', 'Completed'));
      await waitForDiagnostics(draftUri, [], 'a healthy plan');
    });

    /**
     * Writes `text` as a plan, then for each [title, expected text]: waits for `diagnostic`, applies
     * the quick fix of that title, checks the text and that the finding went, and undoes it.
     */
    async function applyEachFixThenUndo(name: string, text: string, diagnostic: string, cases: [string, string][]): Promise<void> {
      const planUri = await writePlan(api, name, text);
      const editor = await openPlan(api, planUri);
      const code = diagnostic.slice(0, diagnostic.indexOf('@'));
      for (const [title, expected] of cases) {
        await waitForDiagnostics(planUri, [diagnostic]);
        const fixes = await quickFixes(planUri, code);
        const fix = fixes.find((a) => a.title === title);
        assert.ok(fix?.edit, `no fix "${title}" among: ${fixes.map((a) => a.title).join(' | ')}`);
        assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
        assert.equal(editor.document.getText(), expected);
        await waitForDiagnostics(planUri, [], 'the finding to go');
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('undo');
        await waitFor(() => editor.document.getText() === text || undefined, 'undo to restore the text');
      }
    }

    it('a phase heading marked done over open tasks: remove the marker, or tick the tasks; each undoes in one step', async () => {
      const marked = joinLines('# Search Plan', '', '## Phase 1: Schema ✅', '- [x] Create the table', '', '## Phase 2: API ✅', '- [x] Add the endpoint', '- [ ] Add paging', '');
      await applyEachFixThenUndo('marked.md', marked, 'phase-done-with-open-tasks@5:3-17', [
        ['Remove the done marker from "Phase 2: API"', marked.replace('## Phase 2: API ✅', '## Phase 2: API')],
        ['Tick the open tasks under "Phase 2: API"', marked.replace('- [ ] Add paging', '- [x] Add paging')],
      ]);
    });

    it('a phase whose status line says done over open tasks: set it in progress, or tick the tasks; each undoes in one step', async () => {
      const marked = joinLines('# Search Plan', '', '## Phase 1: Schema', '**Status:** ✅ Completed', '- [x] Create the table', '- [ ] Add the index', '', '## Phase 2: API', '- [ ] Add paging', '');
      await applyEachFixThenUndo('status-line.md', marked, 'phase-done-with-open-tasks@3:12-23', [
        ['Set the status of "Phase 1: Schema" to In Progress', marked.replace('**Status:** ✅ Completed', '**Status:** In Progress')],
        ['Tick the open tasks under "Phase 1: Schema"', marked.replace('- [ ] Add the index', '- [x] Add the index')],
      ]);
    });

    it('a Kiro task ticked over open sub-tasks: reopen it, or tick its sub-tasks but the optional ones', async () => {
      const kiro = joinLines('# Implementation Plan', '', '- [x] 1. Detect a fresh install', '  - [x] 1.1 Read the flag', '  - [ ] 1.2 Write the flag', '  - [ ]* 1.3 Optional test', '- [ ] 2. Later', '  - [ ] 2.1 Something', '');
      await applyEachFixThenUndo('kiro-tasks.md', kiro, 'phase-done-with-open-tasks@2:6-31', [
        ['Reopen "1. Detect a fresh install"', kiro.replace('- [x] 1. Detect', '- [ ] 1. Detect')],
        ['Tick the open sub-tasks of "1. Detect a fresh install"', kiro.replace('- [ ] 1.2', '- [x] 1.2')],
      ]);
    });

    it('a GSD roadmap phase ticked over open plans: the fixes read the file as the index does (by its place)', async () => {
      // As text alone this is a roadmap of `Phase N` headings; at .planning/ROADMAP.md, GSD's, its phases the `## Phases` items.
      const roadmap = joinLines('# Roadmap: Kite', '', '## Phases', '', '- [x] **Phase 1: Links** - Share a link', '- [ ] **Phase 2: Teams** - Shared folders', '', '## Phase Details', '', '### Phase 1: Links', 'Plans:', '- [x] 01-01-PLAN.md — Tokens', '- [ ] 01-02-PLAN.md — Expiry', '', '### Phase 2: Teams', 'Plans:', '- [ ] 02-01-PLAN.md — Model', '');
      await applyEachFixThenUndo('gsd/.planning/ROADMAP.md', roadmap, 'phase-done-with-open-tasks@4:6-39', [
        ['Reopen "Phase 1: Links - Share a link"', roadmap.replace('- [x] **Phase 1', '- [ ] **Phase 1')],
        ['Tick the open tasks under "Phase 1: Links - Share a link"', roadmap.replace('- [ ] 01-02', '- [x] 01-02')],
      ]);
    });
  });
});
