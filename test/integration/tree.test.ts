import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import type { PlanTreeNode } from '../../src/extension/views/planTreeNodes';
import { activatePlanTracker, closeAllEditors, deleteAndSettle, folderNamed, readText, waitFor, writeText } from './support/planTracker';
import { plain, revertDirty } from './support/views';

/**
 * The Plans view in the single-folder fixture (test/fixtures/workspace): two plans,
 * docs/plans/search-index.md (in progress) and docs/plans/dark-mode.md (completed).
 */
describe('Plans view (tree)', function () {
  let api: PlanTrackerApi;
  let searchIndex: vscode.Uri;
  let darkMode: vscode.Uri;
  let searchIndexText: string;
  let darkModeText: string;

  const tree = () => api.views.tree;
  const label = (node: PlanTreeNode): string => {
    const item = tree().getTreeItem(node);
    return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  };
  const item = (node: PlanTreeNode) => tree().getTreeItem(node);
  const planNode = async (uri: vscode.Uri): Promise<PlanTreeNode> => {
    const roots = await tree().getChildren();
    const node = roots.find((n) => n.kind === 'plan' && n.uri.toString() === uri.toString());
    assert.ok(node, `no tree row for ${uri.path}; roots: ${roots.map(label).join(', ')}`);
    return node;
  };
  /** Depth-first search of a plan's rows by label. */
  const findRow = async (uri: vscode.Uri, text: string): Promise<PlanTreeNode> => {
    const walk = async (nodes: readonly PlanTreeNode[]): Promise<PlanTreeNode | undefined> => {
      for (const node of nodes) {
        if (label(node) === text) return node;
        const inside = await walk(await tree().getChildren(node));
        if (inside) return inside;
      }
      return undefined;
    };
    const node = await walk(await tree().getChildren(await planNode(uri)));
    assert.ok(node, `no row "${text}" under ${uri.path}`);
    return node;
  };
  /** The plan's rows as indented lines: `[x] label · description` or `label · description`. */
  const outline = async (node: PlanTreeNode, depth = 0): Promise<string[]> => {
    const lines: string[] = [];
    for (const child of await tree().getChildren(node)) {
      const i = item(child);
      const box = i.checkboxState === undefined ? '' : (typeof i.checkboxState === 'object' ? i.checkboxState.state : i.checkboxState) === vscode.TreeItemCheckboxState.Checked ? '[x] ' : '[ ] ';
      lines.push(`${'  '.repeat(depth)}${box}${label(child)}${i.description ? ` · ${String(i.description)}` : ''}`);
      lines.push(...(await outline(child, depth + 1)));
    }
    return lines;
  };
  const restore = async (): Promise<void> => {
    await revertDirty(searchIndex, darkMode);
    await closeAllEditors();
    if ((await readText(searchIndex)) !== searchIndexText) await writeText(searchIndex, searchIndexText);
    if ((await readText(darkMode)) !== darkModeText) await writeText(darkMode, darkModeText);
    const loaded = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    await waitFor(async () => {
      await api.settle();
      const search = api.getPlan(searchIndex)?.plan;
      return (
        (loaded(searchIndex)?.getText() ?? searchIndexText) === searchIndexText &&
        (loaded(darkMode)?.getText() ?? darkModeText) === darkModeText &&
        search?.progress.done === 3 &&
        search.tasks.find((t) => t.text === 'Ranking')?.line === 19 &&
        api.getPlan(darkMode)?.plan.status === 'Completed'
      );
    }, 'the documents and the index to see the restored fixtures');
  };

  before(async function () {
    const folder = folderNamed('workspace') ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder || !folder.uri.path.length) this.skip();
    searchIndex = vscode.Uri.joinPath(folder!.uri, 'docs', 'plans', 'search-index.md');
    darkMode = vscode.Uri.joinPath(folder!.uri, 'docs', 'plans', 'dark-mode.md');
    api = await activatePlanTracker();
    await api.ready;
    if (!api.getPlan(searchIndex) || !api.getPlan(darkMode)) this.skip(); // the single-folder fixture only
    searchIndexText = await readText(searchIndex);
    darkModeText = await readText(darkMode);
    await vscode.commands.executeCommand('planTracker.groupByNone');
    await vscode.commands.executeCommand('planTracker.showCompletedPlans');
    await vscode.commands.executeCommand('planTracker.showDoneTasks');
  });

  afterEach(restore);

  it('lists every plan of the index, and only those, with done/total · NN% and an icon by status', async () => {
    const roots = await tree().getChildren();
    assert.deepEqual(
      roots.map((n) => (n.kind === 'plan' ? n.uri.toString() : n.id)),
      api.getPlans().map((p) => p.uri.toString()),
    );
    const searchNode = await planNode(searchIndex);
    const search = item(searchNode);
    assert.equal(search.label, 'Rebuild the Search Index');
    assert.equal(search.description, '3/7 · 42%');
    assert.equal((search.iconPath as vscode.ThemeIcon).id, 'play-circle');
    // The tooltip is made when the row is hovered (resolveTreeItem), not when every row is drawn.
    assert.equal(search.tooltip, undefined);
    const tooltip = plain((tree().resolveTreeItem(search, searchNode).tooltip as vscode.MarkdownString).value);
    assert.match(tooltip, /Status: Implementation In Progress/);
    assert.match(tooltip, /docs\/plans\/search-index\.md/);
    const dark = item(await planNode(darkMode));
    assert.equal(dark.label, 'Dark Mode');
    assert.equal(dark.description, '4/4 · 100%');
    assert.equal((dark.iconPath as vscode.ThemeIcon).id, 'pass-filled');
  });

  it('draws and groups a plan of a kind without a header (a spec-kit tasks.md) by where its boxes stand, not as "no status"', async () => {
    const tasks = vscode.Uri.joinPath(searchIndex, '..', 'icons-tasks.md');
    const text = (marks: string) => ['# Tasks: Icons', '', '## Phase 1: Setup', ...[...marks].map((m, i) => `- [${m}] T00${i + 1} Task ${i + 1}`), ''].join('\n');
    const iconOf = async (marks: string): Promise<string> => {
      await writeText(tasks, text(marks));
      await waitFor(async () => {
        await api.settle();
        return api.getPlan(tasks)?.plan.progress.done === [...marks].filter((m) => m === 'x').length;
      }, `the index to read ${marks}`);
      return (item(await planNode(tasks)).iconPath as vscode.ThemeIcon).id;
    };
    try {
      assert.equal(await iconOf('  '), 'circle-large-outline');
      assert.equal(await iconOf('x '), 'play-circle');
      // Grouped by status, it is in the group its boxes name, not under "No status".
      await vscode.commands.executeCommand('planTracker.groupByStatus');
      const groups = await tree().getChildren();
      const group = groups.find((n) => label(n) === 'In progress');
      assert.ok(group, groups.map(label).join(', '));
      assert.equal((item(group).iconPath as vscode.ThemeIcon).id, 'play-circle');
      assert.deepEqual((await tree().getChildren(group)).map(label), ['Tasks: Icons']);
      await vscode.commands.executeCommand('planTracker.groupByNone');
      assert.equal(await iconOf('xx'), 'pass-filled');
    } finally {
      await vscode.commands.executeCommand('planTracker.groupByNone');
      await deleteAndSettle(api, tasks);
    }
  });

  it('shows a Cursor plan’s front matter todos as tasks, and ticking one rewrites its status word on disk', async () => {
    await closeAllEditors();
    // Read by its front matter, wherever it is: in the plans folder, whose changes the watcher reports at once.
    const plan = vscode.Uri.joinPath(searchIndex, '..', 'sidebar_3f2a91c0.plan.md');
    const text = [
      '---',
      'name: File chat sidebar',
      'todos:',
      '  - id: extract',
      '    content: Extract ChatPanel',
      '    status: completed',
      '  - id: tag',
      '    content: Tag file sessions',
      '    status: pending',
      'isProject: false',
      '---',
      '',
      '# File chat sidebar',
      '',
      'Two columns.',
      '',
    ].join('\n');
    try {
      await writeText(plan, text);
      await waitFor(async () => {
        await api.settle();
        return api.getPlan(plan)?.plan.kind === 'cursor';
      }, 'the index to read the Cursor plan');
      assert.equal(item(await planNode(plan)).description, '1/2 · 50%');
      assert.deepEqual(await outline(await planNode(plan)), ['[x] Extract ChatPanel', '[ ] Tag file sessions']);
      // A click on the row selects the todo's status word, as it selects a box's mark.
      const click = item(await findRow(plan, 'Tag file sessions')).command!;
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>(click.command, ...(click.arguments ?? []));
      assert.equal(editor?.document.getText(editor.selection), 'pending');
      assert.equal(editor?.selection.active.line, text.split('\n').indexOf('    status: pending'));
      await closeAllEditors();
      assert.equal(await tree().setChecked(await findRow(plan, 'Tag file sessions'), true), true);
      const after = await readText(plan);
      assert.equal(after, text.replace('    status: pending', '    status: completed'));
      await waitFor(async () => item(await planNode(plan)).description === '2/2 · 100%', 'the plan row to show 2/2');
    } finally {
      await deleteAndSettle(api, plan);
    }
  });

  it('shows an ExecPlan step’s time after its label, not before it', async () => {
    const plan = vscode.Uri.joinPath(searchIndex, '..', 'offline-sync.md');
    const text = ['# Offline sync', '', '## Progress', '', '- [x] (2026-03-02 11:45Z) Add the `pending_edits` table.', '- [ ] Replay the queue.', '', '## Decision Log', '', 'None yet.', ''].join('\n');
    try {
      await writeText(plan, text);
      await waitFor(async () => {
        await api.settle();
        return api.getPlan(plan)?.plan.kind === 'execplan';
      }, 'the index to read the ExecPlan');
      assert.deepEqual(await outline(await planNode(plan)), ['Progress · 1/2', '  [x] Add the pending_edits table. · 2026-03-02 11:45Z', '  [ ] Replay the queue.']);
      // Ticked from its row, the step gets the time it was done, as the ExecPlan guide asks; the row keeps its id.
      const row = await findRow(plan, 'Replay the queue.');
      const before = new Date().toISOString();
      assert.equal(await tree().setChecked(row, true), true);
      const line = (await readText(plan)).split('\n')[5];
      const at = /^- \[x\] \((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})Z\) Replay the queue\.$/.exec(line);
      assert.ok(at, line);
      assert.ok(`${at[1]}T${at[2]}` >= before.slice(0, 16) && `${at[1]}T${at[2]}` <= new Date().toISOString().slice(0, 16), `${line}, ticked after ${before}`);
      await waitFor(async () => item(await planNode(plan)).description === '2/2 · 100%', 'the plan row to show 2/2');
      assert.equal((await findRow(plan, 'Replay the queue.')).id, row.id);
      // Unticked, the time goes again: the file is as it was.
      assert.equal(await tree().setChecked(await findRow(plan, 'Replay the queue.'), false), true);
      assert.equal(await readText(plan), text);
    } finally {
      await deleteAndSettle(api, plan);
    }
  });

  it('draws a warning icon for a plan whose header contradicts its boxes, and its tooltip says why', async () => {
    await closeAllEditors();
    // "Completed" over open items; the other plan, completed and all done, keeps its icon.
    await writeText(searchIndex, searchIndexText.replace('**Status:** Implementation In Progress', '**Status:** Completed'));
    await waitFor(async () => {
      await api.settle();
      return api.getPlan(searchIndex)?.plan.status === 'Completed';
    }, 'the index to see the new status');
    const node = await planNode(searchIndex);
    const row = item(node);
    assert.equal((row.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(((row.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'list.warningForeground');
    assert.match(row.contextValue ?? '', /\bcompleted\b/);
    const tooltip = plain((tree().resolveTreeItem(row, node).tooltip as vscode.MarkdownString).value);
    assert.match(tooltip, /is "Completed" but 4 items are not done \(first: line 19, "Incremental updates"\)/);
    assert.equal((item(await planNode(darkMode)).iconPath as vscode.ThemeIcon).id, 'pass-filled');
  });

  it('shows the Status Tracking items, then the roadmap phases with their tasks, as in the file', async () => {
    assert.deepEqual(await outline(await planNode(searchIndex)), [
      '[x] Phase 1: Core Infrastructure · 2/2',
      '[ ] Phase 2: Module Implementation · in progress · 0/2',
      '[ ] Quality Checks Passed',
      'Implementation Roadmap · 2/4',
      '  Phase 1: Core Infrastructure · 2/2',
      '    [x] Tokenizer',
      '    [x] Index writer',
      '  Phase 2: Module Implementation · 0/2',
      '    [ ] Incremental updates · in progress',
      '    [ ] Ranking',
    ]);
  });

  it('gives rows stable ids and parents (for reveal), and a task row a click that opens its line', async () => {
    const ranking = await findRow(searchIndex, 'Ranking');
    const ids = new Set<string>();
    for (let node: PlanTreeNode | undefined = ranking; node; node = tree().getParent(node)) ids.add(node.id);
    assert.equal(ids.size, 4, 'task → phase group → roadmap group → plan');
    const again = await findRow(searchIndex, 'Ranking');
    assert.equal(again.id, ranking.id);

    const rankingTip = plain((tree().resolveTreeItem(item(ranking), ranking).tooltip as vscode.MarkdownString).value);
    assert.match(rankingTip, /Ranking/);
    assert.match(rankingTip, /Line 20/);
    const group = tree().getParent(ranking)!;
    assert.match(plain((tree().resolveTreeItem(item(group), group).tooltip as vscode.MarkdownString).value), /Phase 2: Module Implementation[\s\S]*0 of 2 done/);

    const command = item(ranking).command;
    assert.ok(command);
    assert.equal(command.command, 'planTracker.revealTask');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor(() => vscode.window.activeTextEditor, 'an editor');
    assert.equal(editor.document.uri.toString(), searchIndex.toString());
    assert.equal(editor.selection.active.line, 19);
    assert.equal(editor.document.getText(editor.selection), ' ', 'the mark is selected');
  });

  it('ticking a closed plan’s task from the tree changes exactly one character on disk', async () => {
    await closeAllEditors();
    const ranking = await findRow(searchIndex, 'Ranking');
    assert.equal(await tree().setChecked(ranking, true), true);

    const after = await readText(searchIndex);
    assert.equal(after.length, searchIndexText.length);
    const diff = [...after].flatMap((ch, i) => (ch === searchIndexText[i] ? [] : [i]));
    assert.equal(diff.length, 1, `changed at ${diff.join(', ')}`);
    assert.equal(after.split('\n')[19], '- [x] Ranking');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === searchIndex.toString())?.isDirty ?? false, false);
    // The tree follows.
    await waitFor(async () => item(await planNode(searchIndex)).description === '4/7 · 57%', 'the plan row to show 4/7');
  });

  it('ticking an open plan’s task changes only the buffer: dirty, unsaved, undoable', async () => {
    const document = await vscode.workspace.openTextDocument(searchIndex);
    await vscode.window.showTextDocument(document);
    const ranking = await findRow(searchIndex, 'Ranking');
    assert.equal(await tree().setChecked(ranking, true), true);

    assert.equal(document.lineAt(19).text, '- [x] Ranking');
    assert.equal(document.isDirty, true);
    assert.equal(await readText(searchIndex), searchIndexText, 'the file on disk is untouched');
    await waitFor(async () => item(await planNode(searchIndex)).description === '4/7 · 57%', 'the tree to follow the buffer');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), searchIndexText);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('regression: a plan whose editor was just closed is saved, not left edited in a hidden buffer', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(searchIndex));
    await closeAllEditors();
    // VS Code keeps the document loaded after its editor closes.
    const ranking = await findRow(searchIndex, 'Ranking');
    assert.equal(await tree().setChecked(ranking, true), true);
    assert.equal((await readText(searchIndex)).split('\n')[19], '- [x] Ranking');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === searchIndex.toString())?.isDirty ?? false, false);
  });

  it('unticking works the same way (done → open)', async () => {
    await closeAllEditors();
    const tokenizer = await findRow(searchIndex, 'Tokenizer');
    assert.equal(await tree().setChecked(tokenizer, false), true);
    assert.equal((await readText(searchIndex)).split('\n')[13], '- [ ] Tokenizer');
  });

  it('ticks from a stale tree (the line moved) by finding the task by its text, keeping the other change', async () => {
    await closeAllEditors();
    const ranking = await findRow(searchIndex, 'Ranking');
    const moved = searchIndexText.replace('## 4. Implementation Roadmap\n', '## 4. Implementation Roadmap\n\nA new paragraph.\n');
    await writeText(searchIndex, moved);
    // No settle: the node still says line 19, where the file now has something else.
    assert.equal(await tree().setChecked(ranking, true), true);
    assert.equal(await readText(searchIndex), moved.replace('- [ ] Ranking', '- [x] Ranking'));
  });

  it('refuses to tick from a stale tree when the task is gone, and leaves the file alone', async () => {
    await closeAllEditors();
    const ranking = await findRow(searchIndex, 'Ranking');
    const gone = searchIndexText.replace(/^- \[ \] Ranking.*\n/m, '');
    assert.notEqual(gone, searchIndexText);
    await writeText(searchIndex, gone);
    assert.equal(await tree().setChecked(ranking, true), false);
    assert.equal(await readText(searchIndex), gone);
  });

  it('updates when a plan is edited in the editor (before save)', async () => {
    const document = await vscode.workspace.openTextDocument(searchIndex);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(searchIndex, new vscode.Range(18, 3, 18, 4), 'x'); // - [-] Incremental updates
    edit.replace(searchIndex, new vscode.Range(19, 3, 19, 4), 'x'); // - [ ] Ranking
    assert.ok(await vscode.workspace.applyEdit(edit));
    await api.settle();
    await waitFor(async () => item(await planNode(searchIndex)).description === '5/7 · 71%', 'the plan row to show 5/7');
    const phase2 = await findRow(searchIndex, 'Phase 2: Module Implementation');
    assert.equal(item(phase2).description, 'in progress · 2/2');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the open-task count as the view’s badge and description', async () => {
    const open = api.getPlans().reduce((sum, p) => sum + p.plan.progress.open + p.plan.progress.inProgress, 0);
    await waitFor(() => tree().badge?.value === open, `badge ${open}, got ${String(tree().badge?.value)}`);
    assert.equal(tree().description, `${open} open`);
  });

  it('hides done tasks and completed plans, and groups by status and by folder', async () => {
    try {
      await vscode.commands.executeCommand('planTracker.hideDoneTasks');
      assert.deepEqual(await outline(await planNode(searchIndex)), [
        '[ ] Phase 2: Module Implementation · in progress · 0/2',
        '[ ] Quality Checks Passed',
        'Implementation Roadmap · 2/4',
        '  Phase 2: Module Implementation · 0/2',
        '    [ ] Incremental updates · in progress',
        '    [ ] Ranking',
      ]);
      assert.match(tree().description ?? '', /filtered/);

      await vscode.commands.executeCommand('planTracker.hideCompletedPlans');
      const shown = (await tree().getChildren()).map(label);
      assert.ok(shown.includes('Rebuild the Search Index'));
      assert.ok(!shown.includes('Dark Mode'));

      await vscode.commands.executeCommand('planTracker.showCompletedPlans');
      await vscode.commands.executeCommand('planTracker.groupByStatus');
      const statuses = await tree().getChildren();
      assert.deepEqual(statuses.map(label).slice(0, 2), ['Implementation In Progress', 'Completed']);
      const inProgress = (await tree().getChildren(statuses[0])).map(label);
      assert.ok(inProgress.includes('Rebuild the Search Index'));
      const dark = await planNode(darkMode).catch(() => undefined);
      assert.equal(dark, undefined, 'grouped: plans are not at the top');

      await vscode.commands.executeCommand('planTracker.groupByFolder');
      const folders = await tree().getChildren();
      const plansFolder = folders.find((n) => label(n) === 'docs/plans');
      assert.ok(plansFolder, folders.map(label).join(', '));
      assert.deepEqual((await tree().getChildren(plansFolder)).map(label).sort(), ['Dark Mode', 'Rebuild the Search Index']);
    } finally {
      await vscode.commands.executeCommand('planTracker.groupByNone');
      await vscode.commands.executeCommand('planTracker.showCompletedPlans');
      await vscode.commands.executeCommand('planTracker.showDoneTasks');
    }
  });

  it('draws a plan row again only when its plan or the view’s options changed', async () => {
    const dark = await planNode(darkMode);
    const drawn = item(dark);
    assert.equal(drawn.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'its done tasks are shown');
    assert.equal(item(dark), drawn, 'the same plan: the same row');
    try {
      // Every task of Dark Mode is done: with done tasks hidden it has no rows below it.
      await vscode.commands.executeCommand('planTracker.hideDoneTasks');
      const hidden = item(await planNode(darkMode));
      assert.notEqual(hidden, drawn);
      assert.equal(hidden.collapsibleState, vscode.TreeItemCollapsibleState.None);
    } finally {
      await vscode.commands.executeCommand('planTracker.showDoneTasks');
    }
    assert.equal(item(await planNode(darkMode)).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);

    const search = await planNode(searchIndex);
    const before = item(search);
    await closeAllEditors();
    await writeText(searchIndex, searchIndexText.replace('- [ ] Ranking', '- [x] Ranking'));
    await waitFor(async () => item(await planNode(searchIndex)).description === '4/7 · 57%', 'the plan row to show 4/7');
    assert.equal(before.description, '3/7 · 42%', 'the row drawn before is left as it was');
  });

  it('reveals a plan and a task in the view', async () => {
    await vscode.commands.executeCommand('planTracker.plans.focus');
    const node = await tree().reveal(searchIndex, 19);
    assert.ok(node && node.kind === 'task' && node.task.text === 'Ranking');
  });

  it('planTracker.toggleTask takes the dashboard’s { uri: string, line, mark, text }', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('planTracker.toggleTask', { uri: searchIndex.toString(), line: 19, mark: ' ', text: 'Ranking' });
    assert.equal((await readText(searchIndex)).split('\n')[19], '- [x] Ranking');
    // A stale reference is refused.
    const outcome = await vscode.commands.executeCommand<{ applied: boolean }>('planTracker.toggleTask', {
      uri: searchIndex.toString(),
      line: 19,
      mark: ' ',
      text: 'Ranking',
    });
    assert.equal(outcome?.applied, false);
    assert.equal((await readText(searchIndex)).split('\n')[19], '- [x] Ranking');
  });

  it('planTracker.setStatus takes (uri, status); planTracker.markPhaseDone takes (uri, phase index, { includeTasks })', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('planTracker.setStatus', searchIndex, 'Completed');
    assert.match(await readText(searchIndex), /^\*\*Status:\*\* Completed$/m);

    await vscode.commands.executeCommand('planTracker.markPhaseDone', searchIndex, 1, { includeTasks: true });
    const lines = (await readText(searchIndex)).split('\n');
    assert.equal(lines[18], '- [x] Incremental updates');
    assert.equal(lines[19], '- [x] Ranking');
    assert.equal(lines[26], '- [x] Phase 2: Module Implementation');
    assert.equal(lines[27], '- [ ] Quality Checks Passed');
  });

  it('marks a phase done from its tree row (the phase’s label is used, not its index)', async () => {
    await closeAllEditors();
    const row = await findRow(searchIndex, 'Quality Checks Passed');
    assert.match(item(row).contextValue ?? '', /\bphase\b/);
    await vscode.commands.executeCommand('planTracker.markPhaseDone', row, undefined, { includeTasks: false });
    assert.equal((await readText(searchIndex)).split('\n')[27], '- [x] Quality Checks Passed');
  });
});
