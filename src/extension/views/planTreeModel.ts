import * as vscode from 'vscode';
import { isCompleted, statusGroup, type Plan, type StatusCategory } from '../../core';
import type { ConfiguredStatuses } from '../configuredStatuses';
import type { IndexedPlan, PlanIndex } from '../planIndex/vscodePlanIndex';
import { planOutline, type OutlineNode } from './planOutline';
import type { PlanTreeOptions } from './planTreeOptions';
import type { CategoryNode, InfoNode, PlanNode, PlanTreeNode, SectionNode, TaskNode } from './planTreeNodes';

/**
 * The Plans view's rows as a model: which plans are shown (the "hide completed" filter), how they
 * are grouped (by status or folder), and the section and task nodes under each plan. Node objects
 * are kept per plan URI while the plan exists, so the provider can refresh one plan on its own.
 */
export class PlanTreeModel {
  /** One node per plan URI, kept while the plan exists so single plans can be refreshed. */
  private readonly plans = new Map<string, PlanNode>();
  /** Children of a plan, computed when the plan is expanded, for the plan version and filter they were made for. */
  private readonly outlines = new WeakMap<PlanNode, { plan: Plan; hideDone: boolean; nodes: readonly (SectionNode | TaskNode)[] }>();
  /** The rows last built by `buildRoots`. */
  roots: readonly PlanTreeNode[] = [];

  constructor(
    private readonly index: PlanIndex,
    private readonly options: PlanTreeOptions,
    private readonly statuses: ConfiguredStatuses,
  ) {}

  /** The plan's node, when the tree has made one. */
  node(uri: vscode.Uri): PlanNode | undefined {
    return this.plans.get(uri.toString());
  }

  /** Whether a plan's node is among the rows last built (at the top or in a group). */
  isShown(node: PlanNode): boolean {
    return this.roots.some((root) => root === node || (root.kind === 'category' && root.plans.includes(node)));
  }

  /** The top-level rows for the index's plans now, grouped and filtered as the options say. */
  buildRoots(): PlanTreeNode[] {
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
        return (this.roots = [...this.groupByStatus(shown), ...info]);
      case 'folder':
        return (this.roots = [...this.groupByFolder(shown), ...info]);
      default:
        return (this.roots = [...shown, ...info]);
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
      const { key, label, category, order } = statusGroup(node.entry.plan, this.statuses.get(node.uri));
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { label, plans: [], category, order }));
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

  /** The children of a plan row: its Status Tracking items and section groups (made when first asked). */
  outlineOf(node: PlanNode): readonly (SectionNode | TaskNode)[] {
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
}
