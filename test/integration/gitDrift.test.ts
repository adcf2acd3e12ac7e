/**
 * Drift diagnostics against git HEAD in the real extension host, through the built-in Git
 * extension: a git repository is made in a folder of the workspace at test time, a plan committed
 * into it, and the repository opened through the Git API (as the Git extension does for a folder
 * it finds). The test harness's user settings turn Git off (`git.enabled: false`); the suite
 * turns it on for the workspace, and off again at the end. Node host only: it runs the git
 * command line.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { GitExtension, GitRepository } from '../../src/extension/diagnostics/gitApi';
import { activatePlanTracker, deleteAndSettle, deleteIfExists, waitFor, writeText, type PlanTrackerApi } from './support/planTracker';
import { joinLines, planDiagnostics, SOURCE } from './support/planHealth';

const DRIFT_CODES = new Set(['task-removed', 'task-reworded', 'task-unticked', 'tracking-item-removed', 'status-moved-back']);

const PLAN = joinLines(
  '# Drift Plan',
  '',
  '**Status:** In Progress',
  '',
  '## 4. Implementation Roadmap',
  '',
  '### Phase 1: Setup',
  '',
  '- [x] Install tools',
  '- [ ] Configure CI',
  '- [ ] Write the release notes',
  '',
  '## Status Tracking',
  '',
  '- [ ] Phase 1: Setup',
  '',
);
const OPEN_TASK_LINE = PLAN.split('\n').indexOf('- [ ] Configure CI');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Plan Tracker Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** `code@line` of the plan's drift diagnostics. */
function drift(uri: vscode.Uri): string[] {
  return planDiagnostics(uri)
    .filter((d) => DRIFT_CODES.has(String(d.code)))
    .map((d) => `${String(d.code)}@${d.range.start.line}`)
    .sort();
}

async function waitForDrift(uri: vscode.Uri, expected: string[], message: string): Promise<void> {
  try {
    await waitFor(() => JSON.stringify(drift(uri)) === JSON.stringify(expected) || undefined, message, 15_000);
  } catch {
    assert.deepEqual(drift(uri), expected, message);
  }
}

describe('Drift diagnostics against git HEAD', function () {
  this.timeout(60_000);
  let api: PlanTrackerApi;
  let folder: vscode.Uri;
  let plan: vscode.Uri;
  let repository: GitRepository;

  before(async function () {
    api = await activatePlanTracker();
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'this suite needs a workspace folder');
    folder = vscode.Uri.joinPath(workspaceFolder.uri, 'plan-drift-tmp');
    plan = vscode.Uri.joinPath(folder, 'drift-plan.md');
    await writeText(plan, PLAN);
    git(folder.fsPath, 'init', '-q');
    git(folder.fsPath, 'add', 'drift-plan.md');
    git(folder.fsPath, 'commit', '-q', '-m', 'plan');
    await waitFor(async () => {
      await api.settle();
      return api.getPlan(plan);
    }, 'the index to pick up the plan');

  });

  it('says nothing while Git is disabled', async function () {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plan), { preview: false });
    await editor.edit((edit) => edit.delete(new vscode.Range(OPEN_TASK_LINE, 0, OPEN_TASK_LINE + 1, 0)));
    await api.settle();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.deepEqual(drift(plan), [], 'no drift diagnostics with git.enabled off');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.getText(), PLAN);
  });

  it('finds the repository once Git is switched on', async function () {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    assert.ok(extension, 'the built-in Git extension is in the test host');
    const exports = extension.isActive ? extension.exports : await extension.activate();
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => exports.enabled || undefined, 'Git to be enabled', 20_000);
    const gitApi = exports.getAPI(1) as ReturnType<GitExtension['getAPI']> & { openRepository(root: vscode.Uri): Promise<GitRepository | null> };
    await gitApi.openRepository(folder);
    repository = await waitFor(() => {
      const found = gitApi.getRepository(plan);
      return found?.state.HEAD?.commit ? found : undefined;
    }, 'the Git extension to open the test repository', 20_000);
  });

  after(async function () {
    await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    for (const document of vscode.workspace.textDocuments) {
      if (!document.isDirty || document.isUntitled) continue;
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deleteAndSettle(api, plan);
    await deleteIfExists(folder);
  });

  it('reports an open task deleted since HEAD as you type, drops it on undo, and forgets it once the deletion is committed', async function () {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plan), { preview: false });
    await api.settle();
    await waitForDrift(plan, [], 'a plan as committed has no drift');
    // The plan's other diagnostics are there as before: drift shares their collection.
    assert.ok(planDiagnostics(plan).every((d) => d.source === SOURCE));

    await editor.edit((edit) => edit.delete(new vscode.Range(OPEN_TASK_LINE, 0, OPEN_TASK_LINE + 1, 0)));
    await waitForDrift(plan, [`task-removed@${OPEN_TASK_LINE}`], 'deleting an open task is drift');
    const diagnostic = planDiagnostics(plan).find((d) => d.code === 'task-removed');
    assert.ok(diagnostic);
    assert.match(diagnostic.message, /"Configure CI" was removed since HEAD/);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), PLAN, 'undo restored the task');
    await waitForDrift(plan, [], 'the restored task is no drift');

    // Delete it again, save, commit: HEAD moves and the plan matches it again.
    await editor.edit((edit) => edit.delete(new vscode.Range(OPEN_TASK_LINE, 0, OPEN_TASK_LINE + 1, 0)));
    await waitForDrift(plan, [`task-removed@${OPEN_TASK_LINE}`], 'deleted again');
    await editor.document.save();
    const before = repository.state.HEAD?.commit;
    git(folder.fsPath, 'commit', '-q', '-am', 'drop a task');
    await waitFor(() => (repository.state.HEAD?.commit !== before ? true : undefined), 'the Git extension to see HEAD move', 20_000);
    await waitForDrift(plan, [], 'a deletion that is committed is no longer drift since HEAD');
  });

  it('respects planTracker.diagnostics.rules for the drift codes', async function () {
    const config = vscode.workspace.getConfiguration('planTracker');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plan), { preview: false });
    const line = editor.document.getText().split('\n').indexOf('- [ ] Write the release notes');
    assert.ok(line >= 0);
    await editor.edit((edit) => edit.delete(new vscode.Range(line, 0, line + 1, 0)));
    // The finding sits on the task now nearest to where the deleted one was (the next task).
    const near = editor.document.getText().split('\n').indexOf('- [ ] Phase 1: Setup');
    await waitForDrift(plan, [`task-removed@${near}`], 'drift before the rule is turned off');
    try {
      await config.update('diagnostics.rules', { 'task-removed': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDrift(plan, [], 'the rule turned off');
      await config.update('diagnostics.rules', { 'task-removed': 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => planDiagnostics(plan).find((d) => d.code === 'task-removed' && d.severity === vscode.DiagnosticSeverity.Error), 'the rule as an error');
    } finally {
      await config.update('diagnostics.rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('goes silent again when Git is switched off', async function () {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor?.document.uri.toString() === plan.toString());
    const near = editor.document.getText().split('\n').indexOf('- [ ] Phase 1: Setup');
    await waitForDrift(plan, [`task-removed@${near}`], 'the task deleted by the test before is drift');
    await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Workspace);
    await waitForDrift(plan, [], 'no drift diagnostics once Git is off');
  });
});
