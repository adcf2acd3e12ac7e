import * as vscode from 'vscode';
import { isTaskState } from '../../core';
import type { Command } from '../commandManager';
import type { ApplyOutcome, TaskTarget as GenericTaskTarget } from '../planEditor';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import { isTaskNode } from '../views/planTreeNodes';
import { uriOf } from './commandArgs';

/** A task as the caller last saw it: the edit is refused if the line no longer holds it. */
export type TaskTarget = GenericTaskTarget<vscode.Uri>;

/**
 * The task an argument names: a tree task, or `{ uri, line, mark?, text?, column? }` (`uri` a
 * `vscode.Uri` or a URI string, as the dashboard sends it).
 */
export function toTaskTarget(value: unknown): TaskTarget | undefined {
  if (isTaskNode(value)) {
    const { line, mark, text, column } = value.task;
    return { uri: value.uri, line, mark, text, column };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const uri = uriOf(value);
  if (!uri || typeof v.line !== 'number' || !Number.isInteger(v.line) || v.line < 0) return undefined;
  return {
    uri,
    line: v.line,
    ...(typeof v.mark === 'string' ? { mark: v.mark } : {}),
    ...(typeof v.text === 'string' ? { text: v.text } : {}),
    ...(typeof v.column === 'number' ? { column: v.column } : {}),
  };
}

/** The task on the active editor's cursor line, when the editor shows a plan and that line is a task. */
function taskAtCursor(index: PlanIndex): TaskTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const line = editor.selection.active.line;
  const task = index.get(editor.document.uri)?.plan.tasks.find((t) => t.line === line);
  return task ? { uri: editor.document.uri, line } : undefined;
}

/**
 * "Plan Tracker: Toggle Task": done → open, anything else → done. Arguments: a tree task or
 * `{ uri, line, mark?, text? }`, and optionally the state to set instead of toggling.
 */
export class ToggleTaskCommand implements Command {
  readonly id = 'planTracker.toggleTask';

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
  ) {}

  async execute(arg?: unknown, state?: unknown): Promise<ApplyOutcome | undefined> {
    const target = toTaskTarget(arg) ?? (arg === undefined ? taskAtCursor(this.index) : undefined);
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Toggle Task needs a task: run it from the Plans view, the dashboard or a task line.'));
      return undefined;
    }
    return this.editor.setTaskState(target, isTaskState(state) ? state : 'toggle');
  }
}
