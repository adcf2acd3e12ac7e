import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import { activatePlanTracker, extensionUri, readText, today } from './support/planTracker';
import { cleanUp, joinLines, openPlan, writePlan } from './support/planHealth';

const PLAN = joinLines(
  '# Command Plan',
  '**Created:** 2026-01-01',
  '**Status:** Planning Complete',
  '',
  '### Phase 1: Setup',
  '- [x] a',
  '- [ ] b',
  '',
  '### Phase 2: Build',
  '- [ ] c',
  '',
  '## Status Tracking',
  '- [ ] Phase 1: Setup',
  '- [ ] Phase 2: Build',
  '',
  '**Notes:**',
  '- 2026-01-01: started',
  '',
);
const EDITED = PLAN.replace('# Command Plan', '# Command Plan (edited)');

describe('Plan commands on an open plan with unsaved changes', function () {
  let api: PlanTrackerApi;
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
  });

  beforeEach(async () => {
    uri = await writePlan(api, 'commands.md', PLAN);
    editor = await openPlan(api, uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, '# Command Plan'.length), ' (edited)'));
    assert.equal(editor.document.isDirty, true);
  });

  afterEach(() => cleanUp(api));

  /** The command edited the buffer (unsaved changes kept, still dirty) and left the file alone. */
  async function assertBufferOnly(expected: string): Promise<void> {
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.isDirty, true);
    assert.equal(await readText(uri), PLAN);
  }

  it('planTracker.setStatus sets the status', async () => {
    await vscode.commands.executeCommand('planTracker.setStatus', uri, 'Implementation In Progress');
    await assertBufferOnly(EDITED.replace('**Status:** Planning Complete', '**Status:** Implementation In Progress'));
  });

  it('planTracker.addNote appends a dated note under **Notes:**, undoably', async () => {
    await vscode.commands.executeCommand('planTracker.addNote', uri, 'Reviewed the plan');
    await assertBufferOnly(EDITED.replace('- 2026-01-01: started\n', `- 2026-01-01: started\n- ${today()}: Reviewed the plan\n`));
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), EDITED);
  });

  it('planTracker.addNote creates **Notes:** when the plan has none', async () => {
    const bare = PLAN.slice(0, PLAN.indexOf('**Notes:**')).trimEnd() + '\n';
    const bareUri = await writePlan(api, 'bare.md', bare);
    const bareEditor = await openPlan(api, bareUri);
    await vscode.commands.executeCommand('planTracker.addNote', bareUri, 'First note');
    assert.equal(bareEditor.document.getText(), `${bare}\n**Notes:**\n- ${today()}: First note\n`);
  });

  it('planTracker.markNextTaskDone ticks the first open task of the current phase', async () => {
    await vscode.commands.executeCommand('planTracker.markNextTaskDone', uri);
    await assertBufferOnly(EDITED.replace('- [ ] b', '- [x] b'));
    await api.settle();
    // Phase 1's tasks are done: next is its Status Tracking item.
    await vscode.commands.executeCommand('planTracker.markNextTaskDone', uri);
    await assertBufferOnly(EDITED.replace('- [ ] b', '- [x] b').replace('- [ ] Phase 1: Setup', '- [x] Phase 1: Setup'));
  });

  it('planTracker.toggleTaskAtCursor toggles the task under each cursor', async () => {
    await vscode.window.showTextDocument(editor.document);
    const b = EDITED.split('\n').indexOf('- [ ] b');
    const c = EDITED.split('\n').indexOf('- [ ] c');
    editor.selection = new vscode.Selection(c, 2, c, 2);
    await vscode.commands.executeCommand('planTracker.toggleTaskAtCursor');
    await assertBufferOnly(EDITED.replace('- [ ] c', '- [x] c'));
    await vscode.commands.executeCommand('planTracker.toggleTaskAtCursor');
    await assertBufferOnly(EDITED);
    editor.selections = [new vscode.Selection(b, 0, b, 0), new vscode.Selection(c, 0, c, 0)];
    await vscode.commands.executeCommand('planTracker.toggleTaskAtCursor');
    await assertBufferOnly(EDITED.replace('- [ ] b', '- [x] b').replace('- [ ] c', '- [x] c'));
  });

  it('binds Toggle Task at Cursor to Ctrl+Alt+Enter (Cmd+Alt+Enter) in Markdown editors', async () => {
    const manifest = JSON.parse(await readText(vscode.Uri.joinPath(extensionUri(), 'package.json'))) as {
      contributes: { keybindings: { command: string; key: string; mac?: string; when?: string }[] };
    };
    const binding = manifest.contributes.keybindings.find((k) => k.command === 'planTracker.toggleTaskAtCursor');
    assert.deepEqual(binding, { command: 'planTracker.toggleTaskAtCursor', key: 'ctrl+alt+enter', mac: 'cmd+alt+enter', when: 'editorTextFocus && editorLangId == markdown && !editorReadonly && !findWidgetVisible' });
  });

  it('planTracker.copyProgressSummary copies a Markdown summary of the phases', async () => {
    await api.settle();
    const summary = await vscode.commands.executeCommand<string>('planTracker.copyProgressSummary', uri);
    assert.equal(
      summary,
      joinLines(
        '**Command Plan (edited)** — Planning Complete · 1/5 tasks done (20%)',
        '',
        '- [ ] Phase 1: Setup — 1/2 tasks, **current**',
        '- [ ] Phase 2: Build — 0/1 tasks',
        '',
        'Next: b',
        '',
      ),
    );
    let clipboard: string | undefined;
    try {
      clipboard = await vscode.env.clipboard.readText();
    } catch {
      clipboard = undefined; // a headless browser may refuse to read the clipboard
    }
    if (clipboard) assert.equal(clipboard, summary);
  });
});
