/**
 * The elements of the Plans tree. Commands invoked from the tree (context menus, inline actions,
 * clicks) receive these as their first argument; the guards below tell them apart from URIs and
 * plain `{ uri, line }` objects.
 */
import type * as vscode from 'vscode';
import { TODO_WORDS, type Task } from '../../core';
import type { IndexedPlan } from '../planIndex/vscodePlanIndex';
import type { OutlineGroup, OutlineTask } from './planOutline';
import type { StatusCategory } from '../../core';

/** A plan. One object per URI for the life of the tree, so it can be refreshed on its own. */
export interface PlanNode {
  readonly kind: 'plan';
  readonly id: string;
  readonly uri: vscode.Uri;
  entry: IndexedPlan;
  /** The status or folder group the plan is shown in, when the tree is grouped. */
  parent?: CategoryNode;
}

/** A status or folder when plans are grouped. */
export interface CategoryNode {
  readonly kind: 'category';
  readonly id: string;
  readonly by: 'status' | 'folder';
  readonly label: string;
  readonly plans: readonly PlanNode[];
  /** The folder (group by folder). */
  readonly folderUri?: vscode.Uri;
  /** The status's category (group by status). */
  readonly category?: StatusCategory;
}

/** A group of tasks: a level-2 section, or a level-3 section inside one. */
export interface SectionNode {
  readonly kind: 'section';
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly plan: PlanNode;
  readonly parent: PlanNode | SectionNode;
  readonly outline: OutlineGroup;
  readonly children: readonly (SectionNode | TaskNode)[];
}

export interface TaskNode {
  readonly kind: 'task';
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly plan: PlanNode;
  readonly parent: PlanNode | SectionNode | TaskNode;
  readonly outline: OutlineTask;
  readonly task: Task;
  readonly children: readonly TaskNode[];
}

/** A row that only says something (e.g. "3 completed plans are hidden"). */
export interface InfoNode {
  readonly kind: 'info';
  readonly id: string;
  readonly label: string;
  readonly command?: vscode.Command;
}

export type PlanTreeNode = PlanNode | CategoryNode | SectionNode | TaskNode | InfoNode;

function hasKind(value: unknown, kind: PlanTreeNode['kind']): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind && 'id' in value;
}

export const isPlanNode = (value: unknown): value is PlanNode => hasKind(value, 'plan');
export const isSectionNode = (value: unknown): value is SectionNode => hasKind(value, 'section');
export const isTaskNode = (value: unknown): value is TaskNode => hasKind(value, 'task');

/** The plan a tree element belongs to (plans, sections and tasks). */
export function planUriOfNode(value: unknown): vscode.Uri | undefined {
  return isPlanNode(value) || isSectionNode(value) || isTaskNode(value) ? value.uri : undefined;
}

/** Where Reveal in Plan goes: a line, and the column of the task's `[` when known. */
export interface RevealTarget {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly column?: number;
  /** What says the task's state at `column` when it is no box: the length of a front matter todo's status word (`pending`). */
  readonly wordLength?: number;
}

/** Where a task's row goes: its line and its mark, or a front matter todo's status word. */
export function revealTargetOf(node: TaskNode): RevealTarget {
  const { task } = node;
  const todo = task.line < node.plan.entry.plan.bodyStartLine;
  return { uri: node.uri, line: task.line, column: task.column, ...(todo ? { wordLength: TODO_WORDS[task.state].length } : {}) };
}
