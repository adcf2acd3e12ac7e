import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IndexedPlan, PlanIndexChangeEvent, PlanTrackerApi } from '../../src/extension/api';
import { activatePlanTracker, closeAllEditors, deleteIfExists, exists, readText, waitFor, writeText } from './support/planTracker';

/**
 * The plan index in a real extension host, against the fixture workspaces: what the scan finds,
 * and how it follows the disk (watcher) and open documents (unsaved edits).
 * Every file a test creates lives under a `tmp-index-*` name and is deleted afterwards.
 */

/** The plans each fixture folder holds (by folder name), relative to the folder. */
const FIXTURE_PLANS: Readonly<Record<string, readonly string[]>> = {
  workspace: ['docs/plans/dark-mode.md', 'docs/plans/search-index.md'],
  alpha: ['docs/plans/alpha-plan.md'],
  beta: ['plans/beta-plan.md'],
};

/** Markdown files of the fixtures that are not plans. */
const NOT_PLANS = ['README.md', 'CHANGELOG.md', '.vscode/plan-template.md'];

function planText(title: string, done = false): string {
  return [
    `# ${title}`,
    '',
    '**Created:** 2025-01-01',
    '**Status:** Implementation In Progress',
    '',
    '## Status Tracking',
    '',
    `- [${done ? 'x' : ' '}] Phase 1: Build it`,
    '- [ ] Phase 2: Ship it',
    '',
  ].join('\n');
}

const encode = (text: string) => new TextEncoder().encode(text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function relative(plan: IndexedPlan): string {
  const base = plan.folder ? plan.folder.uri.path.replace(/\/?$/, '/') : '';
  return plan.uri.path.startsWith(base) ? plan.uri.path.slice(base.length) : plan.uri.path;
}

/** Records every change event from now on. */
function recordEvents(api: PlanTrackerApi) {
  const events: PlanIndexChangeEvent[] = [];
  const subscription = api.onDidChangePlans((event) => events.push(event));
  const mentions = (uris: readonly vscode.Uri[], list: 'changed' | 'removed') => {
    const keys = new Set(uris.map(String));
    return events.filter((event) => event[list].some((uri) => keys.has(uri.toString())));
  };
  return { events, mentions, dispose: () => subscription.dispose() };
}

describe('Plan index', function () {
  this.timeout(60_000);

  let api: PlanTrackerApi;
  let folder: vscode.WorkspaceFolder;
  /** Files and folders to delete after each test. */
  const created: vscode.Uri[] = [];

  /** A path for a test file in the first folder's plans folder (registered for clean-up). */
  const tempUri = (name: string): vscode.Uri => {
    const uri = vscode.Uri.joinPath(folder.uri, 'docs', 'plans', name);
    created.push(uri);
    return uri;
  };

  let autoSave: unknown;

  before(async () => {
    // VS Code for the Web (code-server) saves after a delay by default: these tests need unsaved edits.
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    api = await activatePlanTracker();
    await api.ready;
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folders.length > 0, 'a fixture workspace is open');
    folder = folders[0];
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    // Revert what a failed test left unsaved, so closing the editors never asks to save.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && /tmp-index-/.test(d.uri.path))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAllEditors();
    await deleteIfExists(...created.splice(0));
    // Leave the index as the fixtures are, for the next test.
    const leftovers = () => api.getPlans().filter((plan) => /tmp-index-/.test(plan.uri.path));
    await waitFor(() => leftovers().length === 0, 'temporary plans gone').catch((error: unknown) => {
      assert.fail(`${String(error)}; left: ${leftovers().map((plan) => `${relative(plan)} (fromDocument ${plan.fromDocument})`).join(', ')}`);
    });
  });

  it('finds exactly the fixture plans, in every workspace folder, sorted by path', async () => {
    await api.settle();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const expected = folders.flatMap((f) => (FIXTURE_PLANS[f.name] ?? []).map((path) => `${f.name}:${path}`)).sort();
    assert.ok(expected.length > 0, `the fixture folders are known: ${folders.map((f) => f.name).join(', ')}`);
    const inFolders = api.getPlans().filter((plan) => plan.folder);
    assert.deepEqual(inFolders.map((plan) => `${plan.folder?.name}:${relative(plan)}`).sort(), expected);

    const stats = api.indexStats();
    console.log(`      plan index: ${stats.plans} plans of ${stats.scannedFiles} files, first scan ${stats.lastScanMs.toFixed(1)} ms, longest slice ${stats.longestSliceMs.toFixed(1)} ms`);
    const paths = api.getPlans().map((plan) => plan.uri.path);
    assert.deepEqual(paths, [...paths].sort(), 'getPlans() is sorted by path');
    for (const plan of inFolders) {
      assert.equal(plan.plan.isPlan, true);
      assert.ok(!NOT_PLANS.some((name) => relative(plan).endsWith(name)), `${relative(plan)} is not a plan`);
      assert.equal(api.getPlan(plan.uri), plan, 'getPlan returns the same entry');
    }
  });

  it('picks up a plan created on disk, then drops it when deleted', async () => {
    const uri = tempUri('tmp-index-created.md');
    const recorder = recordEvents(api);
    try {
      await writeText(uri, planText('Created On Disk'));
      await waitFor(() => api.getPlan(uri) !== undefined, 'the new plan is indexed');
      const indexed = api.getPlan(uri);
      assert.equal(indexed?.plan.title, 'Created On Disk');
      assert.equal(indexed?.folder?.uri.toString(), folder.uri.toString());
      assert.equal(indexed?.fromDocument, false);
      // The index holds the plan a moment before the batch's event fires (it yields between slices): wait for the event.
      await waitFor(() => recorder.mentions([uri], 'changed').length >= 1, 'an event names it as changed');

      await writeText(uri, planText('Changed On Disk', true));
      await waitFor(() => api.getPlan(uri)?.plan.title === 'Changed On Disk', 'the change on disk is indexed');
      assert.equal(api.getPlan(uri)?.plan.progress.done, 1);

      await vscode.workspace.fs.delete(uri, { useTrash: false });
      await waitFor(() => api.getPlan(uri) === undefined, 'the deleted plan is dropped');
      await waitFor(() => recorder.mentions([uri], 'removed').length >= 1, 'an event names it as removed');
    } finally {
      recorder.dispose();
    }
  });

  it('reads YAML front matter, in the web worker too: a plan declared by it, with its status from it', async () => {
    const uri = tempUri('tmp-index-front-matter.md');
    try {
      // Nothing else makes it a plan: no Status Tracking, no phases, one task.
      await writeText(uri, ['---', 'type: plan', 'status: Implementation In Progress', 'owner: team-a', '---', '# Declared In Front Matter', '', '- [ ] one task', ''].join('\n'));
      await waitFor(() => api.getPlan(uri) !== undefined, 'the plan its front matter declares is indexed');
      const { plan } = api.getPlan(uri)!;
      assert.deepEqual(plan.frontMatter, { type: 'plan', status: 'Implementation In Progress', owner: 'team-a' });
      assert.equal(plan.status, 'Implementation In Progress');
      assert.equal(plan.title, 'Declared In Front Matter');
    } finally {
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
    await waitFor(() => api.getPlan(uri) === undefined, 'the deleted plan is dropped');
  });

  it('follows a rename (delete + create)', async () => {
    const from = tempUri('tmp-index-rename-from.md');
    const to = tempUri('tmp-index-rename-to.md');
    await writeText(from, planText('Renamed'));
    await waitFor(() => api.getPlan(from) !== undefined, 'the plan is indexed');
    await vscode.workspace.fs.rename(from, to);
    await waitFor(() => api.getPlan(from) === undefined && api.getPlan(to) !== undefined, 'the plan moved');
    assert.equal(api.getPlan(to)?.plan.title, 'Renamed');
  });

  it('follows a folder of plans being moved and deleted (one watcher event for the folder)', async () => {
    const dir = tempUri('tmp-index-dir');
    const moved = tempUri('tmp-index-dir-moved');
    const names = ['a.md', 'b.md', 'c.md'];
    await vscode.workspace.fs.createDirectory(dir);
    await Promise.all(names.map((name) => writeText(vscode.Uri.joinPath(dir, name), planText(name))));
    const inDir = (base: vscode.Uri) => names.map((name) => vscode.Uri.joinPath(base, name));
    await waitFor(() => inDir(dir).every((uri) => api.getPlan(uri)), 'the folder of plans is indexed');

    await vscode.workspace.fs.rename(dir, moved);
    await waitFor(
      () => inDir(dir).every((uri) => !api.getPlan(uri)) && inDir(moved).every((uri) => api.getPlan(uri)),
      'the plans follow the moved folder',
    );

    await vscode.workspace.fs.delete(moved, { recursive: true, useTrash: false });
    await waitFor(() => inDir(moved).every((uri) => !api.getPlan(uri)), 'the deleted folder takes its plans along');
  });

  it('follows the plans of a folder made inside a new folder at once, which the file watcher may never watch (mkdir -p on Linux)', async () => {
    // Written with the folders it needs, as an agent writes a repository's first plan: the
    // watcher reports the new top folder, and on Linux may never watch the ones made inside it.
    const top = tempUri('tmp-index-new-folder');
    const inner = vscode.Uri.joinPath(top, 'deep', 'plans');
    const first = vscode.Uri.joinPath(inner, 'tmp-index-first.md');
    const later = vscode.Uri.joinPath(inner, 'tmp-index-later.md');
    await writeText(first, planText('First'));
    await waitFor(() => api.getPlan(first), 'the first plan in the new folder is indexed');
    await writeText(later, planText('Later'));
    await waitFor(() => api.getPlan(later), 'a plan written later in the folder made inside it is indexed', 20_000);
    await writeText(later, planText('Later', true));
    await waitFor(() => api.getPlan(later)?.plan.progress.done === 1, 'its change on disk is indexed', 20_000);
    await vscode.workspace.fs.delete(later, { useTrash: false });
    await waitFor(() => api.getPlan(later) === undefined, 'its deletion is indexed', 20_000);
  });

  it('updates the plan from an unsaved edit of the open document, and back when it is reverted', async () => {
    const uri = tempUri('tmp-index-edited.md');
    await writeText(uri, planText('Edited'));
    await waitFor(() => api.getPlan(uri) !== undefined, 'the plan is indexed');
    const before = api.getPlan(uri)!;
    assert.equal(before.plan.progress.done, 0);

    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const task = before.plan.tasks.find((t) => t.state === 'open');
    assert.ok(task, 'the plan has an open task');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(task.line, task.column + 1, task.line, task.column + 2), 'x');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty, 'the edit is not saved');

    await waitFor(() => api.getPlan(uri)?.plan.progress.done === 1, 'the unsaved edit reaches the index');
    assert.equal(api.getPlan(uri)?.fromDocument, true);
    assert.equal(api.getPlan(uri)?.plan.version, document.version);
    const onDisk = await readText(uri);
    assert.equal(onDisk, planText('Edited'), 'the file on disk is untouched');

    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.isDirty, false);
    await waitFor(() => api.getPlan(uri)?.plan.progress.done === 0, 'the revert reaches the index');
  });

  it('notices a Markdown file becoming a plan as the user types, and ceasing to be one', async () => {
    const uri = tempUri('tmp-index-notes.md');
    await writeText(uri, '# Notes\n\nJust notes.\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await api.settle();
    assert.equal(api.getPlan(uri), undefined, 'notes are not a plan');

    await editor.edit((builder) => builder.insert(new vscode.Position(document.lineCount, 0), '\n## Status Tracking\n\n- [ ] Phase 1: Typed in\n'));
    await waitFor(() => api.getPlan(uri) !== undefined, 'the typed Status Tracking makes it a plan');
    assert.equal(api.getPlan(uri)?.plan.phases[0]?.name, 'Typed in');

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => api.getPlan(uri) === undefined, 'reverted, it is notes again');
  });

  it('drops the plans of a deleted folder right after their open document was reverted (regression: the edit kept them alive)', async () => {
    const dir = tempUri('tmp-index-reverted');
    const uri = vscode.Uri.joinPath(dir, 'plan.md');
    await writeText(uri, planText('Reverted'));
    await waitFor(() => api.getPlan(uri) !== undefined, 'the plan is indexed');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '<!-- edited -->\n'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
    // At once: the revert's document change is still pending when the folder goes.
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    await waitFor(() => api.getPlan(uri) === undefined, 'the plan of the deleted folder is dropped');
  });

  it('drops a plan deleted on disk even with unsaved edits open (regression: the orphaned dirty document kept it)', async () => {
    const uri = tempUri('tmp-index-orphan.md');
    await writeText(uri, planText('Orphan'));
    await waitFor(() => api.getPlan(uri) !== undefined, 'the plan is indexed');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '<!-- unsaved -->\n'));
    await waitFor(() => api.getPlan(uri)?.fromDocument === true, 'the unsaved edit is indexed');

    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await waitFor(() => api.getPlan(uri) === undefined, 'the deletion wins over the unsaved text');
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '<!-- typed after the delete -->\n'));
    await waitFor(() => api.getPlan(uri)?.fromDocument === true, 'typing in the deleted file brings it back as unsaved text');

    // Put the file back so that the editor can be reverted and closed without a prompt.
    await writeText(uri, planText('Orphan'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => api.getPlan(uri)?.plan.title === 'Orphan' && !document.isDirty, 'reverted to the file');
  });

  it('keeps the unsaved text when the file changes on disk underneath', async () => {
    const uri = tempUri('tmp-index-dirty.md');
    await writeText(uri, planText('Dirty'));
    await waitFor(() => api.getPlan(uri) !== undefined, 'the plan is indexed');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.replace(new vscode.Range(0, 0, 0, document.lineAt(0).text.length), '# Dirty In Editor'));
    await waitFor(() => api.getPlan(uri)?.plan.title === 'Dirty In Editor', 'the unsaved title is indexed');

    await writeText(uri, planText('Written On Disk'));
    // Give the watcher event time to arrive and be processed.
    await sleep(1500);
    await api.settle();
    assert.equal(api.getPlan(uri)?.plan.title, 'Dirty In Editor', 'the dirty document wins over the disk');
    assert.equal(api.getPlan(uri)?.fromDocument, true);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => api.getPlan(uri)?.plan.title === 'Written On Disk', 'after revert the disk content counts');
  });

  it('coalesces a burst of 50 new plans (and their deletion) into a few events', async () => {
    const uris = Array.from({ length: 50 }, (_, i) => tempUri(`tmp-index-burst-${String(i).padStart(2, '0')}.md`));
    const recorder = recordEvents(api);
    try {
      await Promise.all(uris.map((uri, i) => writeText(uri, planText(`Burst ${i}`))));
      await waitFor(() => uris.every((uri) => api.getPlan(uri)), 'all 50 plans are indexed');
      const creations = recorder.mentions(uris, 'changed').length;
      assert.ok(creations <= 5, `50 new plans came in ${creations} events`);

      await Promise.all(uris.map((uri) => vscode.workspace.fs.delete(uri, { useTrash: false })));
      await waitFor(() => uris.every((uri) => !api.getPlan(uri)), 'all 50 plans are dropped');
      const deletions = recorder.mentions(uris, 'removed').length;
      assert.ok(deletions <= 5, `50 deletions came in ${deletions} events`);
    } finally {
      recorder.dispose();
    }
  });

  it('skips excluded folders, binary files and files over the size limit', async () => {
    const nodeModules = vscode.Uri.joinPath(folder.uri, 'node_modules');
    const excluded = vscode.Uri.joinPath(nodeModules, 'tmp-index-pkg');
    created.push(!(await exists(nodeModules)) ? nodeModules : excluded);
    const inExcluded = vscode.Uri.joinPath(excluded, 'plan.md');
    const binary = tempUri('tmp-index-binary.md');
    const large = tempUri('tmp-index-large.md');
    const control = tempUri('tmp-index-control.md');

    await writeText(inExcluded, planText('In node_modules'));
    const bytes = encode(planText('Binary'));
    await vscode.workspace.fs.writeFile(binary, new Uint8Array([...bytes.subarray(0, 10), 0, ...bytes.subarray(10)]));
    await writeText(large, planText('Large') + `${'filler text '.repeat(80)}\n`.repeat(6000));
    // Written last: once it is indexed, the others have been seen too.
    await writeText(control, planText('Control'));
    await waitFor(() => api.getPlan(control) !== undefined, 'the control plan is indexed');
    await api.settle();

    assert.equal(api.getPlan(inExcluded), undefined, 'node_modules is excluded');
    assert.equal(api.getPlan(binary), undefined, 'a binary file is skipped');
    assert.equal(api.getPlan(large), undefined, 'a file over 5 MB is skipped');
    // Not silently: the index says which file and why (the core's read policy, the CLI's words).
    const skipped = new Map(api.skippedFiles().map((s) => [s.uri.toString(), s.reason]));
    assert.equal(skipped.get(binary.toString()), 'skipped: binary file, not Markdown');
    assert.match(skipped.get(large.toString()) ?? '', /^skipped: 5\.\d MB is larger than the 5 MB limit for a plan file$/);

    await api.refresh();
    assert.equal(api.getPlan(inExcluded), undefined, 'the full scan excludes node_modules too');
    assert.equal(api.getPlan(binary), undefined);
    assert.equal(api.getPlan(large), undefined);
    assert.notEqual(api.getPlan(control), undefined);
  });

  /** Runs `body` with folder settings changed, then puts the folder's settings file back byte for byte. */
  async function withFolderSettings(body: () => Promise<void>): Promise<void> {
    const settingsFolder = vscode.Uri.joinPath(folder.uri, '.vscode');
    const settingsFile = vscode.Uri.joinPath(settingsFolder, 'settings.json');
    const hadFolder = await exists(settingsFolder);
    const original = (await exists(settingsFile)) ? await vscode.workspace.fs.readFile(settingsFile) : undefined;
    try {
      await body();
    } finally {
      if (original) await vscode.workspace.fs.writeFile(settingsFile, original);
      else await deleteIfExists(hadFolder ? settingsFile : settingsFolder);
    }
  }

  it('respects files.exclude (merged with planTracker.exclude) and rescans when it changes', async () => {
    const target = api.getPlans().find((plan) => plan.folder?.uri.toString() === folder.uri.toString());
    assert.ok(target, 'the first folder has a plan');
    await withFolderSettings(async () => {
      await vscode.workspace
        .getConfiguration('files', folder.uri)
        .update('exclude', { [`**/${relative(target)}`]: true }, vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor(() => api.getPlan(target.uri) === undefined, 'the plan hidden by files.exclude is dropped');
      assert.ok(api.getPlans().length > 0, 'the other plans stay');
    });
    await waitFor(() => api.getPlan(target.uri) !== undefined, 'the plan is back once files.exclude is restored');
  });

  it('reparses every plan when planTracker.taskMarks changes', async () => {
    const uri = tempUri('tmp-index-marks.md');
    await writeText(uri, `${planText('Marks')}- [?] Phase 3: Marked with a custom mark\n`);
    await waitFor(() => api.getPlan(uri) !== undefined, 'the plan is indexed');
    assert.equal(api.getPlan(uri)?.plan.progress.done, 0, '`[?]` is not a task mark by default');
    await withFolderSettings(async () => {
      await vscode.workspace
        .getConfiguration('planTracker', folder.uri)
        .update('taskMarks', { ' ': 'open', x: 'done', X: 'done', '?': 'done' }, vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor(() => api.getPlan(uri)?.plan.progress.done === 1, 'with `?` meaning done, the plan is reparsed');
    });
    await waitFor(() => api.getPlan(uri)?.plan.progress.done === 0, 'back to the default marks');
  });
});
