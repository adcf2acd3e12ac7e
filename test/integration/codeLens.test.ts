import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import { activatePlanTracker, waitFor } from './support/planTracker';
import { cleanUp, joinLines, openPlan, writePlan } from './support/planHealth';

const LENS_PLAN = joinLines(
  '# Lens Plan',
  '**Created:** 2026-01-01',
  '**Status:** Implementation In Progress',
  '',
  '## Roadmap',
  '',
  '### Phase 1: Setup',
  '- [x] Install tools',
  '- [x] Configure CI',
  '',
  '### Phase 2: Build',
  '- [x] Write code',
  '- [ ] Write tests',
  '- [ ] Review',
  '',
  '## Rollout',
  '',
  '### Step 1: Deploy',
  '- [ ] Ship it',
  '- [ ] Announce',
  '',
  '## Status Tracking',
  '- [ ] Phase 1: Setup',
  '- [ ] Phase 2: Build',
  '',
);
const LINES = LENS_PLAN.split('\n');
const lineOf = (text: string): number => LINES.indexOf(text);

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).filter((l) =>
    ['planTracker.markPhaseDone', 'planTracker.markSectionDone', 'planTracker.revealTask', ''].includes(l.command?.command ?? ''),
  );
}

/** Lens titles by line: `{ 6: '2/2 done · Mark phase done' }`. */
async function titlesByLine(uri: vscode.Uri): Promise<Record<number, string>> {
  const result: Record<number, string[]> = {};
  for (const lens of await lenses(uri)) (result[lens.range.start.line] ??= []).push(lens.command?.title ?? '');
  return Object.fromEntries(Object.entries(result).map(([line, titles]) => [line, titles.join(' · ')]));
}

async function run(lens: vscode.CodeLens | undefined): Promise<unknown> {
  assert.ok(lens?.command, 'no such lens');
  return vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

describe('Phase CodeLens', function () {
  let api: PlanTrackerApi;
  let uri: vscode.Uri;

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
  });

  beforeEach(async () => {
    uri = await writePlan(api, 'lens.md', LENS_PLAN);
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('planTracker').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    await cleanUp(api);
  });

  it('shows progress, Mark phase done and the next task above Status Tracking and each Phase / Step heading', async () => {
    await openPlan(api, uri);
    assert.deepEqual(await titlesByLine(uri), {
      [lineOf('### Phase 1: Setup')]: '2/2 done · Mark phase done',
      [lineOf('### Phase 2: Build')]: '1/3 done · Mark phase done · Next: Write tests',
      [lineOf('### Step 1: Deploy')]: '0/2 done · Mark step done · Next: Ship it',
      [lineOf('## Status Tracking')]: '0/2 done · Mark phase done · Next: Phase 1: Setup',
    });
  });

  it('Mark phase done ticks the phase’s Status Tracking item (planTracker.markPhaseDone with uri and phase index)', async () => {
    const editor = await openPlan(api, uri);
    const lens = (await lenses(uri)).find((l) => l.range.start.line === lineOf('### Phase 1: Setup') && l.command?.command === 'planTracker.markPhaseDone');
    assert.deepEqual(lens?.command?.arguments?.slice(1), [0]);
    await run(lens);
    assert.equal(editor.document.getText(), LENS_PLAN.replace('- [ ] Phase 1: Setup', '- [x] Phase 1: Setup'));
    await api.settle();
    await waitFor(async () => (await titlesByLine(uri))[lineOf('## Status Tracking')] === '1/2 done · Mark phase done · Next: Phase 2: Build' || undefined, 'the lens to follow');
    assert.equal((await titlesByLine(uri))[lineOf('### Phase 1: Setup')], '2/2 done · ✓ done');
  });

  it('Mark step done ticks the open tasks under a rollout step', async () => {
    const editor = await openPlan(api, uri);
    await run((await lenses(uri)).find((l) => l.command?.command === 'planTracker.markSectionDone'));
    assert.equal(editor.document.getText(), LENS_PLAN.replace('- [ ] Ship it', '- [x] Ship it').replace('- [ ] Announce', '- [x] Announce'));
  });

  it('Next goes to the task', async () => {
    await openPlan(api, uri);
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    const next = (await lenses(uri)).find((l) => l.command?.title === 'Next: Write tests');
    await run(next);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor?.selection.active.line, lineOf('- [ ] Write tests'));
  });

  it('follows typing, and can be turned off', async () => {
    const editor = await openPlan(api, uri);
    const line = lineOf('- [ ] Write tests');
    await editor.edit((edit) => edit.replace(new vscode.Range(line, 3, line, 4), 'x'));
    // The provider waits for the index to parse the edited text.
    assert.equal((await titlesByLine(uri))[lineOf('### Phase 2: Build')], '2/3 done · Mark phase done · Next: Review');
    await vscode.workspace.getConfiguration('planTracker').update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(async () => (await lenses(uri)).length === 0 || undefined, 'no lenses when turned off');
  });

  it('shows no 0/0 line over a roadmap phase with nothing to count (issue #9)', async () => {
    const roadmap = joinLines(
      '# Roadmap Plan',
      '**Created:** 2026-01-01',
      '**Status:** Implementation In Progress',
      '',
      '## Roadmap',
      '',
      '### Phase 1: Research ✅',
      'Interviews done.',
      '',
      '### Phase 2: Build',
      '- [x] Write code',
      '- [ ] Review',
      '',
      '## Status Tracking',
      '- [x] Phase 1: Research',
      '- [ ] Phase 2: Build',
      '',
    );
    const lines = roadmap.split('\n');
    const roadmapUri = await writePlan(api, 'roadmap.md', roadmap);
    await openPlan(api, roadmapUri);
    assert.deepEqual(await titlesByLine(roadmapUri), {
      [lines.indexOf('### Phase 2: Build')]: '1/2 done · Mark phase done · Next: Review',
      [lines.indexOf('## Status Tracking')]: '1/2 done · Mark phase done · Next: Phase 2: Build',
    });
  });
});
