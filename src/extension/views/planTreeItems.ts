import * as vscode from 'vscode';
import { planName, hasHeaderContradiction, headerContradictions, labelText, percent, phaseAt, phaseCount, planStanding, withoutDoneAt, type Progress, type StatusCategory } from '../../core';
import type { ConfiguredStatuses } from '../configuredStatuses';
import type { IndexedPlan } from '../planIndex/vscodePlanIndex';
import { stateLabel } from '../labels';
import type { PlanTreeOptions } from './planTreeOptions';
import { revealTargetOf, type CategoryNode, type InfoNode, type PlanNode, type PlanTreeNode, type SectionNode, type TaskNode } from './planTreeNodes';

/** What drawing a row needs besides its node. */
export interface TreeItemContext {
  readonly statuses: ConfiguredStatuses;
  readonly options: PlanTreeOptions;
}

/**
 * How a node of the Plans view is drawn: label, description, icon, checkbox, the `contextValue`
 * menus match on, and the command a click runs (the tooltip when hovered: `planTreeTooltip`). Ids
 * are the nodes' stable ids.
 */
export function planTreeItem(element: PlanTreeNode, context: TreeItemContext): vscode.TreeItem {
  switch (element.kind) {
    case 'plan':
      return planItem(element, context);
    case 'category':
      return categoryItem(element);
    case 'section':
      return sectionItem(element);
    case 'task':
      return taskItem(element);
    case 'info':
      return infoItem(element);
  }
}

function planItem(node: PlanNode, context: TreeItemContext): vscode.TreeItem {
  const { plan, uri } = node.entry;
  const statuses = context.statuses.get(uri);
  const name = planName(plan.title, uri.path);
  // From the counts, not `plan.tasks`: that unpacks every task (core/compactTasks.ts), for each
  // of thousands of rows. Every task is counted once: done, open, in progress or skipped.
  const { done, open, inProgress, skipped } = plan.progress;
  const hasChildren = (context.options.hideDoneTasks ? 0 : done) + open + inProgress + skipped > 0;
  const item = new vscode.TreeItem(name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = uri;
  item.description = progressText(plan.progress);
  const category = planStanding(plan, statuses);
  item.iconPath = hasHeaderContradiction(plan, { statuses }) ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : statusIcon(category);
  item.contextValue = `plan${category === 'completed' ? ' completed' : ''}${phaseCount(plan) > 0 ? ' hasPhases' : ''}`;
  item.accessibilityInformation = {
    label: vscode.l10n.t('{0}, {1}, {2} of {3} tasks done', name, plan.status ?? vscode.l10n.t('no status'), plan.progress.done, plan.progress.total),
  };
  return item;
}

function categoryItem(node: CategoryNode): vscode.TreeItem {
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

function sectionItem(node: SectionNode): vscode.TreeItem {
  const { outline } = node;
  const nested = node.parent.kind === 'section';
  const item = new vscode.TreeItem(outline.label, nested ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${outline.progress.done}/${outline.progress.total}`;
  const complete = outline.progress.total > 0 && outline.progress.done === outline.progress.total;
  item.iconPath = complete ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon(nested ? 'list-tree' : 'checklist');
  item.contextValue = outline.phase !== undefined ? 'section phase' : 'section';
  // No click command: a click expands the group (Reveal in Plan in its context menu opens the heading).
  return item;
}

function taskItem(node: TaskNode): vscode.TreeItem {
  const { task, outline } = node;
  // An ExecPlan's step done at a time: the time goes after the label, dimmed, not before it.
  const { text, at } = withoutDoneAt(task.text);
  const item = new vscode.TreeItem(
    labelText(text) || vscode.l10n.t('(empty task)'),
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
  if (at) parts.push(at);
  if (parts.length > 0) item.description = parts.join(' · ');
  item.contextValue = `task ${task.state}${phase ? ' phase' : ''}`;
  item.command = {
    command: 'planTracker.revealTask',
    title: vscode.l10n.t('Reveal in Plan'),
    arguments: [revealTargetOf(node)],
  };
  return item;
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
  md.appendMarkdown('**').appendText(planName(plan.title, uri.path)).appendMarkdown('**\n\n');
  for (const field of plan.fields) {
    md.appendMarkdown('- ').appendText(`${field.key}: `).appendText(field.value).appendMarkdown('\n');
  }
  if (plan.fields.length > 0) md.appendMarkdown('\n');
  md.appendText(vscode.l10n.t('{0} of {1} tasks done ({2}%)', plan.progress.done, plan.progress.total, percent(plan.progress)));
  // One phase, not `plan.phases` (it unpacks them all, core/compactPhases.ts).
  const current = phaseAt(plan, plan.currentPhase);
  if (current) md.appendMarkdown('  \n').appendText(vscode.l10n.t('Current phase: {0}', current.label));
  for (const problem of problems) md.appendMarkdown('\n\n$(warning) ').appendText(problem);
  md.appendMarkdown('\n\n').appendText(vscode.workspace.asRelativePath(uri));
  return md;
}

/**
 * A row's tooltip, made when the row is hovered (`resolveTreeItem`), not when it is drawn: escaping
 * a plan's header into Markdown for each of 2,000 rows was about half of redrawing the view.
 */
export function planTreeTooltip(element: PlanTreeNode, context: TreeItemContext): vscode.MarkdownString | undefined {
  switch (element.kind) {
    case 'plan': {
      const problems = headerContradictions(element.entry.plan, { statuses: context.statuses.get(element.uri) });
      return planTooltip(element.entry, problems.map((p) => p.message));
    }
    case 'section': {
      const { progress, heading } = element.outline;
      return new vscode.MarkdownString().appendText(heading).appendMarkdown('\n\n').appendText(vscode.l10n.t('{0} of {1} done', progress.done, progress.total));
    }
    case 'task': {
      const { task } = element;
      // Plan text is untrusted: appendText escapes it, and the tooltip is not trusted (no command links).
      const tooltip = new vscode.MarkdownString(undefined, false);
      tooltip.isTrusted = false;
      tooltip.appendText(task.text).appendMarkdown('\n\n').appendText(vscode.l10n.t('Line {0} · {1}', task.line + 1, stateLabel(task.state)));
      if (task.evidence) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Evidence: {0}', task.evidence));
      return tooltip;
    }
    default:
      return undefined;
  }
}

function infoItem(node: InfoNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('info');
  item.command = node.command;
  return item;
}
