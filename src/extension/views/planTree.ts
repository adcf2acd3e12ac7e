import * as vscode from 'vscode';
import type { PlanIndex, PlanIndexChangeEvent } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import type { ConfiguredStatuses } from '../configuredStatuses';
import { isCompleted, type Plan } from '../../core';
import { planTreeItem, planTreeTooltip, type TreeItemContext } from './planTreeItems';
import { PlanTreeModel } from './planTreeModel';
import type { PlanTreeOptions } from './planTreeOptions';
import type { PlanNode, PlanTreeNode, SectionNode, TaskNode } from './planTreeNodes';

export const FOLLOW_EDITOR_SETTING = 'planTracker.tree.followEditor';

/**
 * How long after a checkbox click in a plan (and after its edit is written) its rows are not
 * redrawn. A redraw replaces each row's checkbox element, and a click whose press and release
 * straddle that lands on neither: it is lost. A redraw while clicks wait for their turn would also
 * untick boxes the person ticked. The clicked boxes already show their new state, so holding the
 * redraw back hides nothing.
 */
export const CLICK_HOLD_MS = 1000;

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
  /** The rows: plan nodes (one per URI, kept), groups, and each plan's outline. */
  private readonly model: PlanTreeModel;
  private readonly treeView: vscode.TreeView<PlanTreeNode>;
  /** Plan URI → when a checkbox of it was last clicked (performance.now()). */
  private readonly clickedAt = new Map<string, number>();
  /** Plan URI → clicks whose edit is not written yet. */
  private readonly inFlight = new Map<string, number>();
  /** Plans whose redraw waits for the clicks in them to pause (see CLICK_HOLD_MS). */
  private readonly held = new Set<PlanNode>();
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Each plan row as last drawn, with the plan it was drawn from. A redraw of the whole view (a
   * plan added, removed or moved to another group) asks for every row again; a row whose plan is
   * the same object as before is the same row, so only the plans that changed are drawn anew.
   * Replaced (emptied) when the options or the configured statuses change, which change rows
   * without changing plans.
   */
  private planRows = new WeakMap<PlanNode, { readonly plan: Plan; readonly item: vscode.TreeItem }>();
  /** What drawing a row needs besides its node: made once, not for every row drawn. */
  private readonly itemContext: TreeItemContext;

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
    private readonly options: PlanTreeOptions,
    private readonly statuses: ConfiguredStatuses,
  ) {
    this.model = new PlanTreeModel(index, options, statuses);
    this.itemContext = { statuses, options };
    this.treeView = vscode.window.createTreeView(PlanTreeProvider.viewId, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: false,
      manageCheckboxStateManually: true,
    });
    this.disposables.push(
      this.treeView,
      this.emitter,
      this.treeView.onDidChangeCheckboxState((event) => {
        const plans = new Set<string>();
        for (const [node] of event.items) if (node.kind === 'task') plans.add(node.uri.toString());
        for (const key of plans) {
          this.clickedAt.set(key, performance.now());
          this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
        }
        void this.onCheckboxes(event.items).finally(() => {
          for (const key of plans) {
            const left = (this.inFlight.get(key) ?? 1) - 1;
            if (left > 0) this.inFlight.set(key, left);
            else this.inFlight.delete(key);
            this.clickedAt.set(key, performance.now());
          }
        });
      }),
      { dispose: () => clearTimeout(this.holdTimer) },
      index.onDidChange((event) => this.onIndexChange(event)),
      options.onDidChange(() => this.redrawAll()),
      statuses.onDidChange(() => this.redrawAll()),
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
      // The last session's plans (the snapshot) or the first scan's: whichever comes first.
      await this.index.painted;
      return [...this.model.buildRoots()];
    }
    switch (element.kind) {
      case 'category':
        return [...element.plans];
      case 'plan':
        return [...this.model.outlineOf(element)];
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
    if (element.kind !== 'plan') return planTreeItem(element, this.itemContext);
    const { plan } = element.entry;
    const drawn = this.planRows.get(element);
    if (drawn?.plan === plan) return drawn.item;
    const item = planTreeItem(element, this.itemContext);
    this.planRows.set(element, { plan, item });
    return item;
  }

  /** The tooltip, when the row is hovered (VS Code asks only then): not made for every row drawn. */
  resolveTreeItem(item: vscode.TreeItem, element: PlanTreeNode): vscode.TreeItem {
    item.tooltip ??= planTreeTooltip(element, this.itemContext);
    return item;
  }

  // ---- changes ---------------------------------------------------------------------------

  private onIndexChange(event: PlanIndexChangeEvent): void {
    let reshape = event.removed.length > 0;
    const refresh: PlanNode[] = [];
    for (const uri of event.changed) {
      const node = this.model.node(uri);
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
    if (reshape || refresh.length > 50) this.refreshAll();
    else if (refresh.length > 0) this.refreshPlans(refresh);
    else this.updateSummary();
  }

  /** Every row drawn anew: what they show depends on something besides their plans. */
  private redrawAll(): void {
    this.planRows = new WeakMap();
    this.refreshAll();
  }

  private refreshAll(): void {
    this.held.clear();
    this.emitter.fire(undefined);
    this.updateSummary();
  }

  /**
   * Redraws these plans' rows (a plan row and the rows below it), except those of a plan whose
   * checkboxes are being clicked: they are redrawn once the clicks pause (see CLICK_HOLD_MS).
   */
  private refreshPlans(nodes: readonly PlanNode[]): void {
    const now = performance.now();
    const due: PlanNode[] = [];
    let wait = 0;
    for (const node of nodes) {
      const key = node.uri.toString();
      const quiet = this.inFlight.has(key) ? 0 : now - (this.clickedAt.get(key) ?? -Infinity);
      if (quiet >= CLICK_HOLD_MS) due.push(node);
      else {
        this.held.add(node);
        wait = Math.max(wait, CLICK_HOLD_MS - quiet);
      }
    }
    if (due.length > 0) this.emitter.fire(due);
    this.updateSummary();
    if (wait > 0) {
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => {
        const held = [...this.held].filter((node) => this.model.node(node.uri) === node);
        this.held.clear();
        if (held.length > 0) this.refreshPlans(held);
      }, wait);
    }
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
        const current = this.model.node(node.uri);
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
    const node = uri && this.model.node(uri);
    if (!node || !this.model.isShown(node)) return;
    try {
      await this.treeView.reveal(node, { select: true, focus: false, expand: false });
    } catch {
      // The view may be refreshing; the next editor change tries again.
    }
  }

  /** Reveals a plan (and with `line`, the task on that line) in the view. */
  async reveal(uri: vscode.Uri, line?: number, options: { select?: boolean; focus?: boolean } = {}): Promise<PlanTreeNode | undefined> {
    await this.index.ready;
    if (this.model.roots.length === 0) await this.getChildren();
    const node = this.model.node(uri);
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
      target = find(this.model.outlineOf(node)) ?? node;
    }
    await this.treeView.reveal(target, { select: options.select ?? true, focus: options.focus ?? false, expand: false });
    return target;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
