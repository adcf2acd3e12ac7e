import * as vscode from 'vscode';
import { percent, type Plan, type Progress } from '../../core';
import type { IndexedPlan, PlanIndex, PlanIndexChangeEvent } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import type { ConfiguredStatuses } from './configuredStatuses';
import { planOutline, type OutlineNode } from './planOutline';
import { contradictions, isCompleted, plainText, statusCategory, type StatusCategory } from './planStatus';
import type { PlanTreeOptions } from './planTreeOptions';
import { stateLabel } from './stateLabels';
import type { CategoryNode, InfoNode, PlanNode, PlanTreeNode, SectionNode, TaskNode } from './planTreeNodes';

export const FOLLOW_EDITOR_SETTING = 'planTracker.tree.followEditor';

/**
 * The Plans view (`planTracker.plans`), fed by the plan index alone:
 *
 *   [status or folder group]  when grouped
 *   plan                      title · `done/total · NN%` · icon by status · header tooltip
 *   ├── Status Tracking items
 *   └── section groups → tasks, nested as in the file (see planOutline.ts)
 *
 * Tasks carry native checkboxes (the view is created with `manageCheckboxStateManually`);
 * ticking one edits the plan through `applyPlanEdit`, which refuses when the tree is stale.
 * Ids are stable (URI + texts), `getParent` supports `reveal`, and a change of the index
 * refreshes only the plans it concerns when the tree's shape cannot have changed.
 */
export class PlanTreeProvider implements vscode.TreeDataProvider<PlanTreeNode>, vscode.Disposable {
  static readonly viewId = 'planTracker.plans';

  private readonly emitter = new vscode.EventEmitter<PlanTreeNode | PlanTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** One node per plan URI, kept while the plan exists so single plans can be refreshed. */
  private readonly plans = new Map<string, PlanNode>();
  /** Children of a plan, computed when the plan is expanded, for the plan version and filter they were made for. */
  private readonly outlines = new WeakMap<PlanNode, { plan: Plan; hideDone: boolean; nodes: readonly (SectionNode | TaskNode)[] }>();
  private readonly treeView: vscode.TreeView<PlanTreeNode>;
  private roots: readonly PlanTreeNode[] = [];

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
    private readonly options: PlanTreeOptions,
    private readonly statuses: ConfiguredStatuses,
  ) {
    this.treeView = vscode.window.createTreeView(PlanTreeProvider.viewId, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: false,
      manageCheckboxStateManually: true,
    });
    this.disposables.push(
      this.treeView,
      this.emitter,
      this.treeView.onDidChangeCheckboxState((event) => void this.onCheckboxes(event.items)),
      index.onDidChange((event) => this.onIndexChange(event)),
      options.onDidChange(() => this.refreshAll()),
      statuses.onDidChange(() => this.refreshAll()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.followEditor()),
      this.treeView.onDidChangeVisibility((event) => {
        if (event.visible) void this.followEditor();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(FOLLOW_EDITOR_SETTING)) void this.followEditor();
      }),
    );
    void index.ready.then(() => this.updateSummary());
  }

  get view(): vscode.TreeView<PlanTreeNode> {
    return this.treeView;
  }

  // ---- TreeDataProvider ------------------------------------------------------------------

  async getChildren(element?: PlanTreeNode): Promise<PlanTreeNode[]> {
    if (!element) {
      await this.index.ready;
      this.roots = this.buildRoots();
      return [...this.roots];
    }
    switch (element.kind) {
      case 'category':
        return [...element.plans];
      case 'plan':
        return [...this.outlineOf(element)];
      case 'section':
      case 'task':
        return [...element.children];
      default:
        return [];
    }
  }

  getParent(element: PlanTreeNode): PlanTreeNode | undefined {
    switch (element.kind) {
      case 'plan':
        return element.parent;
      case 'section':
      case 'task':
        return element.parent;
      default:
        return undefined;
    }
  }

  getTreeItem(element: PlanTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'plan':
        return this.planItem(element);
      case 'category':
        return this.categoryItem(element);
      case 'section':
        return this.sectionItem(element);
      case 'task':
        return this.taskItem(element);
      case 'info':
        return infoItem(element);
    }
  }

  // ---- what the tree shows ---------------------------------------------------------------

  private buildRoots(): PlanTreeNode[] {
    const all = this.index.getPlans();
    const live = new Set<string>();
    const shown: PlanNode[] = [];
    for (const entry of all) {
      const node = this.nodeFor(entry);
      live.add(node.id);
      node.parent = undefined;
      if (this.options.hideCompletedPlans && isCompleted(entry.plan, this.statuses.get(entry.uri))) continue;
      shown.push(node);
    }
    for (const [key, node] of this.plans) if (!live.has(node.id)) this.plans.delete(key);

    const hidden = all.length - shown.length;
    const info: InfoNode[] =
      hidden > 0 && shown.length === 0
        ? [
            {
              kind: 'info',
              id: 'info:completedHidden',
              label: vscode.l10n.t('{0} completed plan(s) hidden: Show Completed Plans', hidden),
              command: { command: 'planTracker.showCompletedPlans', title: vscode.l10n.t('Show Completed Plans') },
            },
          ]
        : [];
    switch (this.options.groupBy) {
      case 'status':
        return [...this.groupByStatus(shown), ...info];
      case 'folder':
        return [...this.groupByFolder(shown), ...info];
      default:
        return [...shown, ...info];
    }
  }

  private nodeFor(entry: IndexedPlan): PlanNode {
    const key = entry.uri.toString();
    let node = this.plans.get(key);
    if (!node) {
      node = { kind: 'plan', id: `plan:${key}`, uri: entry.uri, entry };
      this.plans.set(key, node);
    }
    node.entry = entry;
    return node;
  }

  private groupByStatus(plans: readonly PlanNode[]): CategoryNode[] {
    const groups = new Map<string, { label: string; plans: PlanNode[]; category: StatusCategory; order: number }>();
    for (const node of plans) {
      const { plan } = node.entry;
      const statuses = this.statuses.get(node.uri);
      const status = plan.status?.trim() ?? '';
      const key = status.toLowerCase();
      let group = groups.get(key);
      if (!group) {
        const category = statusCategory(status, statuses);
        const configured = statuses.findIndex((s) => s.trim().toLowerCase() === key);
        group = {
          label: status || vscode.l10n.t('No status'),
          plans: [],
          category,
          // Configured statuses in their order, then the others, then plans without a status.
          order: configured >= 0 ? configured : category === 'none' ? Number.MAX_SAFE_INTEGER : 1000,
        };
        groups.set(key, group);
      }
      group.plans.push(node);
    }
    return [...groups.entries()]
      .sort(([, a], [, b]) => a.order - b.order || a.label.localeCompare(b.label))
      .map(([key, group]) => {
        const category: CategoryNode = { kind: 'category', id: `status:${key}`, by: 'status', label: group.label, plans: group.plans, category: group.category };
        for (const plan of group.plans) plan.parent = category;
        return category;
      });
  }

  private groupByFolder(plans: readonly PlanNode[]): CategoryNode[] {
    const groups = new Map<string, { uri: vscode.Uri; label: string; plans: PlanNode[] }>();
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    for (const node of plans) {
      const folderUri = vscode.Uri.joinPath(node.uri, '..');
      const key = folderUri.toString();
      let group = groups.get(key);
      if (!group) {
        const relative = vscode.workspace.asRelativePath(folderUri, multiRoot);
        const label = relative === folderUri.fsPath || relative === '' ? (node.entry.folder?.name ?? folderUri.path) : relative;
        groups.set(key, (group = { uri: folderUri, label, plans: [] }));
      }
      group.plans.push(node);
    }
    return [...groups.entries()]
      .sort(([, a], [, b]) => a.label.localeCompare(b.label))
      .map(([key, group]) => {
        const category: CategoryNode = { kind: 'category', id: `folder:${key}`, by: 'folder', label: group.label, plans: group.plans, folderUri: group.uri };
        for (const plan of group.plans) plan.parent = category;
        return category;
      });
  }

  private outlineOf(node: PlanNode): readonly (SectionNode | TaskNode)[] {
    const { plan } = node.entry;
    const hideDone = this.options.hideDoneTasks;
    const cached = this.outlines.get(node);
    if (cached && cached.plan === plan && cached.hideDone === hideDone) return cached.nodes;

    const wrap = (outline: OutlineNode, parent: PlanNode | SectionNode | TaskNode): SectionNode | TaskNode => {
      if (outline.kind === 'task') {
        const children: TaskNode[] = [];
        const task: TaskNode = { kind: 'task', id: `${node.id}#${outline.key}`, uri: node.uri, plan: node, parent, outline, task: outline.task, children };
        for (const child of outline.children) children.push(wrap(child, task) as TaskNode);
        return task;
      }
      const children: (SectionNode | TaskNode)[] = [];
      const section: SectionNode = { kind: 'section', id: `${node.id}#${outline.key}`, uri: node.uri, plan: node, parent: parent as PlanNode | SectionNode, outline, children };
      for (const child of outline.children) children.push(wrap(child, section));
      return section;
    };
    const nodes = planOutline(plan, { hideDone }).map((outline) => wrap(outline, node));
    this.outlines.set(node, { plan, hideDone, nodes });
    return nodes;
  }

  private planItem(node: PlanNode): vscode.TreeItem {
    const { plan, uri } = node.entry;
    const statuses = this.statuses.get(uri);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const hasChildren = this.options.hideDoneTasks ? plan.tasks.some((t) => t.state !== 'done') : plan.tasks.length > 0;
    const item = new vscode.TreeItem(plan.title || name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.resourceUri = uri;
    item.description = progressText(plan.progress);
    const problems = contradictions(plan, statuses);
    const category = statusCategory(plan.status, statuses);
    item.iconPath = problems.length > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : statusIcon(category);
    item.contextValue = `plan${category === 'completed' ? ' completed' : ''}${plan.phases.length > 0 ? ' hasPhases' : ''}`;
    item.tooltip = planTooltip(node.entry, problems.map((p) => p.message));
    item.accessibilityInformation = {
      label: vscode.l10n.t('{0}, {1}, {2} of {3} tasks done', plan.title || name, plan.status ?? vscode.l10n.t('no status'), plan.progress.done, plan.progress.total),
    };
    return item;
  }

  private categoryItem(node: CategoryNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.contextValue = `category ${node.by}`;
    let done = 0;
    let total = 0;
    for (const plan of node.plans) {
      done += plan.entry.plan.progress.done;
      total += plan.entry.plan.progress.total;
    }
    item.description = vscode.l10n.t('{0} plan(s) · {1}/{2}', node.plans.length, done, total);
    if (node.by === 'folder') {
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = node.folderUri;
    } else {
      item.iconPath = statusIcon(node.category ?? 'unknown');
    }
    return item;
  }

  private sectionItem(node: SectionNode): vscode.TreeItem {
    const { outline } = node;
    const nested = node.parent.kind === 'section';
    const item = new vscode.TreeItem(outline.label, nested ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = `${outline.progress.done}/${outline.progress.total}`;
    const complete = outline.progress.total > 0 && outline.progress.done === outline.progress.total;
    item.iconPath = complete ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon(nested ? 'list-tree' : 'checklist');
    item.contextValue = outline.phase !== undefined ? 'section phase' : 'section';
    item.tooltip = new vscode.MarkdownString().appendText(outline.heading).appendMarkdown('\n\n').appendText(
      vscode.l10n.t('{0} of {1} done', outline.progress.done, outline.progress.total),
    );
    // No click command: a click expands the group (Reveal in Plan in its context menu opens the heading).
    return item;
  }

  private taskItem(node: TaskNode): vscode.TreeItem {
    const { task, outline } = node;
    const item = new vscode.TreeItem(
      plainText(task.text) || vscode.l10n.t('(empty task)'),
      node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.checkboxState = {
      state: task.state === 'done' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: task.state === 'done' ? vscode.l10n.t('Mark as not done') : vscode.l10n.t('Mark as done'),
    };
    const parts: string[] = [];
    if (task.state === 'inProgress') {
      item.iconPath = new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.blue'));
      parts.push(vscode.l10n.t('in progress'));
    } else if (task.state === 'skipped') {
      item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
      parts.push(vscode.l10n.t('skipped'));
    }
    const phase = outline.phase !== undefined ? node.plan.entry.plan.phases[outline.phase] : undefined;
    if (phase && phase.progress.total > 0) parts.push(`${phase.progress.done}/${phase.progress.total}`);
    if (parts.length > 0) item.description = parts.join(' · ');
    item.contextValue = `task ${task.state}${phase ? ' phase' : ''}`;
    item.tooltip = new vscode.MarkdownString()
      .appendText(task.text)
      .appendMarkdown('\n\n')
      .appendText(vscode.l10n.t('Line {0} · {1}', task.line + 1, stateLabel(task.state)));
    item.command = {
      command: 'planTracker.revealTask',
      title: vscode.l10n.t('Reveal in Plan'),
      arguments: [{ uri: node.uri, line: task.line, column: task.column }],
    };
    return item;
  }

  // ---- changes ---------------------------------------------------------------------------

  private onIndexChange(event: PlanIndexChangeEvent): void {
    let reshape = event.removed.length > 0;
    const refresh: PlanNode[] = [];
    for (const uri of event.changed) {
      const node = this.plans.get(uri.toString());
      const entry = this.index.get(uri);
      if (!node || !entry) {
        reshape = true;
        continue;
      }
      const before = node.entry.plan;
      const statuses = this.statuses.get(uri);
      if (
        (before.status ?? '') !== (entry.plan.status ?? '') ||
        before.title !== entry.plan.title ||
        (this.options.hideCompletedPlans && isCompleted(before, statuses) !== isCompleted(entry.plan, statuses))
      ) {
        reshape = true;
      }
      node.entry = entry;
      refresh.push(node);
    }
    if (reshape || refresh.length > 50) this.emitter.fire(undefined);
    else if (refresh.length > 0) this.emitter.fire(refresh);
    this.updateSummary();
  }

  private refreshAll(): void {
    this.emitter.fire(undefined);
    this.updateSummary();
  }

  /** Badge and view description: the open tasks of the plans shown. */
  private updateSummary(): void {
    let plans = 0;
    let open = 0;
    for (const entry of this.index.getPlans()) {
      if (this.options.hideCompletedPlans && isCompleted(entry.plan, this.statuses.get(entry.uri))) continue;
      plans++;
      open += entry.plan.progress.open + entry.plan.progress.inProgress;
    }
    this.treeView.badge = open > 0 ? { value: open, tooltip: vscode.l10n.t('{0} open task(s) in {1} plan(s)', open, plans) } : undefined;
    const filtered = this.options.hideCompletedPlans || this.options.hideDoneTasks;
    this.treeView.description =
      plans === 0 && !filtered
        ? undefined
        : filtered
          ? vscode.l10n.t('{0} open · filtered', open)
          : vscode.l10n.t('{0} open', open);
  }

  /**
   * Ticks or unticks the tasks whose checkboxes were clicked. The same code path serves
   * `planTracker.toggleTask`. Clicks queue up per plan in `applyPlanEdit`, each applied to the
   * plan's text at its turn (a row drawn before lines moved still finds its task by its text);
   * when the task is gone the edit is refused (with a message) and the plan's rows are redrawn
   * from the index.
   */
  async onCheckboxes(items: readonly (readonly [PlanTreeNode, vscode.TreeItemCheckboxState])[]): Promise<boolean> {
    let allApplied = true;
    for (const [node, state] of items) {
      if (node.kind !== 'task') continue;
      // The state to set is the one the click asked for, so the mark the row showed is not
      // checked: an earlier click on the same row may be queued ahead of this one.
      const { line, text } = node.task;
      const outcome = await this.editor.setTaskState(
        { uri: node.uri, line, text },
        state === vscode.TreeItemCheckboxState.Checked ? 'done' : 'open',
      );
      if (!outcome.applied) {
        allApplied = false;
        const current = this.plans.get(node.uri.toString());
        this.emitter.fire(current ? [current] : undefined);
      }
    }
    return allApplied;
  }

  // ---- follow the editor -----------------------------------------------------------------

  /** Reveals the active editor's plan when the view is visible and `planTracker.tree.followEditor` is on. */
  async followEditor(): Promise<void> {
    if (!this.treeView.visible || vscode.workspace.getConfiguration().get<boolean>(FOLLOW_EDITOR_SETTING) === false) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const node = uri && this.plans.get(uri.toString());
    if (!node || !this.roots.some((root) => root === node || (root.kind === 'category' && root.plans.includes(node)))) return;
    try {
      await this.treeView.reveal(node, { select: true, focus: false, expand: false });
    } catch {
      // The view may be refreshing; the next editor change tries again.
    }
  }

  /** Reveals a plan (and with `line`, the task on that line) in the view. */
  async reveal(uri: vscode.Uri, line?: number, options: { select?: boolean; focus?: boolean } = {}): Promise<PlanTreeNode | undefined> {
    await this.index.ready;
    if (this.roots.length === 0) await this.getChildren();
    const node = this.plans.get(uri.toString());
    if (!node) return undefined;
    let target: PlanTreeNode = node;
    if (line !== undefined) {
      const find = (nodes: readonly (SectionNode | TaskNode)[]): TaskNode | undefined => {
        for (const n of nodes) {
          if (n.kind === 'task' && n.task.line === line) return n;
          const inside = find(n.children);
          if (inside) return inside;
        }
        return undefined;
      };
      target = find(this.outlineOf(node)) ?? node;
    }
    await this.treeView.reveal(target, { select: options.select ?? true, focus: options.focus ?? false, expand: false });
    return target;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function progressText(progress: Progress): string {
  return `${progress.done}/${progress.total} · ${percent(progress)}%`;
}

function statusIcon(category: StatusCategory): vscode.ThemeIcon {
  switch (category) {
    case 'completed':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'inProgress':
      return new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.blue'));
    case 'planning':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.purple'));
    case 'unknown':
      return new vscode.ThemeIcon('circle-large-outline');
    case 'none':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('disabledForeground'));
  }
}

function planTooltip(entry: IndexedPlan, problems: readonly string[]): vscode.MarkdownString {
  const { plan, uri } = entry;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown('**').appendText(plan.title || uri.path.slice(uri.path.lastIndexOf('/') + 1)).appendMarkdown('**\n\n');
  for (const field of plan.fields) {
    md.appendMarkdown('- ').appendText(`${field.key}: `).appendText(field.value).appendMarkdown('\n');
  }
  if (plan.fields.length > 0) md.appendMarkdown('\n');
  md.appendText(vscode.l10n.t('{0} of {1} tasks done ({2}%)', plan.progress.done, plan.progress.total, percent(plan.progress)));
  const current = plan.currentPhase >= 0 ? plan.phases[plan.currentPhase] : undefined;
  if (current) md.appendMarkdown('  \n').appendText(vscode.l10n.t('Current phase: {0}', current.label));
  for (const problem of problems) md.appendMarkdown('\n\n$(warning) ').appendText(problem);
  md.appendMarkdown('\n\n').appendText(vscode.workspace.asRelativePath(uri));
  return md;
}

function infoItem(node: InfoNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('info');
  item.command = node.command;
  return item;
}
