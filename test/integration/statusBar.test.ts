import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import { activatePlanTracker, closeAllEditors, readText, waitFor, writeText } from './support/planTracker';
import { plain, revertDirty } from './support/views';

/** The status bar phase indicator in the single-folder fixture (test/fixtures/workspace). */
describe('Status bar phase indicator', function () {
  let api: PlanTrackerApi;
  let folder: vscode.WorkspaceFolder;
  let searchIndex: vscode.Uri;
  let darkMode: vscode.Uri;
  let searchIndexText: string;
  let darkModeText: string;

  const state = () => api.views.statusBar.state;
  const open = async (uri: vscode.Uri): Promise<vscode.TextEditor> => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await api.settle();
    return editor;
  };

  before(async function () {
    const first = vscode.workspace.workspaceFolders?.[0];
    if (!first) this.skip();
    folder = first!;
    searchIndex = vscode.Uri.joinPath(folder.uri, 'docs', 'plans', 'search-index.md');
    darkMode = vscode.Uri.joinPath(folder.uri, 'docs', 'plans', 'dark-mode.md');
    api = await activatePlanTracker();
    await api.ready;
    if (!api.getPlan(searchIndex) || !api.getPlan(darkMode)) this.skip(); // the single-folder fixture only
    searchIndexText = await readText(searchIndex);
    darkModeText = await readText(darkMode);
  });

  /** Closes every editor and ticks "Ranking" on disk: the in-progress plan becomes the most recently edited one. */
  const editSearchIndexOnDisk = async (): Promise<void> => {
    await closeAllEditors();
    await writeText(searchIndex, searchIndexText.replace('- [ ] Ranking', '- [x] Ranking'));
    await waitFor(async () => {
      await api.settle();
      return api.getPlan(searchIndex)?.plan.progress.done === 4;
    }, 'the index to see the edit on disk');
  };

  afterEach(async () => {
    await revertDirty(searchIndex, darkMode);
    await closeAllEditors();
    if ((await readText(searchIndex)) !== searchIndexText) await writeText(searchIndex, searchIndexText);
    if ((await readText(darkMode)) !== darkModeText) await writeText(darkMode, darkModeText);
    await api.settle();
  });

  it('shows the active plan’s current phase: position among its phases, name, plan percent', async () => {
    await open(searchIndex);
    await waitFor(() => state().uri === searchIndex.toString(), 'the status bar to follow the editor');
    assert.equal(state().visible, true);
    // Phases: Phase 1 (done), Phase 2 (in progress: current), Quality Checks Passed. 3 of 7 tasks done.
    assert.equal(state().text, '$(checklist) Phase 2/3 · Module Implementation · 42%');
    assert.equal(state().source, 'editor');
    assert.equal(state().warning, false);
    const tooltip = plain(state().tooltip);
    for (const phase of ['Phase 1: Core Infrastructure', 'Phase 2: Module Implementation', 'Quality Checks Passed']) {
      assert.ok(tooltip.includes(phase), `tooltip lists ${phase}:\n${tooltip}`);
    }
    assert.match(tooltip, /\$\(pass-filled\)/);
    assert.match(tooltip, /\$\(play-circle\)/);
  });

  it('says when every phase is done', async () => {
    await open(darkMode);
    await waitFor(() => state().uri === darkMode.toString(), 'the status bar to follow the editor');
    assert.equal(state().text, '$(checklist) 2/2 phases done · 100%');
  });

  it('follows typing, and turns to the warning colour when the header contradicts the boxes', async () => {
    const editor = await open(darkMode);
    // Untick "Phase 2: Toggle" in the Status Tracking list while the header still says Completed.
    const line = editor.document.getText().split('\n').findIndex((l) => l === '- [x] Phase 2: Toggle');
    assert.ok(line > 0);
    await editor.edit((edit) => edit.replace(new vscode.Range(line, 3, line, 4), ' '));
    await api.settle();
    await waitFor(() => state().warning, 'the warning colour');
    assert.equal(state().text, '$(checklist) Phase 2/2 · Toggle · 75%');
    assert.match(plain(state().tooltip), /1 item is not done/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await api.settle();
    await waitFor(() => !state().warning, 'the warning to go away after revert');
  });

  it('shows the most recently edited plan in progress when the active editor is not a plan', async () => {
    await editSearchIndexOnDisk();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'README.md')));
    await waitFor(() => state().source === 'recent', 'the fallback plan');
    assert.equal(state().uri, searchIndex.toString());
    assert.equal(state().text, '$(checklist) Phase 2/3 · Module Implementation · 57%');
  });

  it('keeps showing the plan whose Markdown preview has the focus (no active text editor then)', async () => {
    await editSearchIndexOnDisk(); // so the fallback would pick it
    await open(darkMode);
    await waitFor(() => state().uri === darkMode.toString(), 'the status bar to follow the editor');
    await vscode.commands.executeCommand('markdown.showPreviewToSide');
    await waitFor(() => vscode.window.activeTextEditor === undefined, 'the preview to take the focus');
    await api.settle();
    assert.equal(state().uri, darkMode.toString());
    assert.equal(state().source, 'editor');
  });

  it('is hidden when planTracker.statusBar.enabled is false', async () => {
    await open(searchIndex);
    const config = vscode.workspace.getConfiguration('planTracker');
    try {
      await config.update('statusBar.enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor(() => !state().visible, 'the item to hide');
    } finally {
      await config.update('statusBar.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => state().visible, 'the item to come back');
  });

  it('is hidden, and the tree is empty (welcome view), when the workspace has no plans', async () => {
    const config = vscode.workspace.getConfiguration('planTracker', folder.uri);
    try {
      await config.update('include', 'no-such-folder/**/*.md', vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => {
        await api.settle();
        return api.getPlans().length === 0;
      }, 'the index to drop every plan');
      await waitFor(() => !state().visible, 'the status bar item to hide');
      assert.deepEqual(await api.views.tree.getChildren(), []);
      assert.equal(api.views.tree.badge, undefined);
    } finally {
      await config.update('include', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(async () => {
      await api.settle();
      return api.getPlan(searchIndex) !== undefined;
    }, 'the plans to come back');
  });

  it('opens the phases quick pick from its click command', async () => {
    await open(searchIndex);
    await waitFor(() => state().visible, 'the item');
    const shown = vscode.commands.executeCommand('planTracker.showPhases', searchIndex);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await shown;
  });
});
