import * as vscode from 'vscode';
import { markNextTaskDoneEdit, type Task } from '../../core';
import type { Command } from '../commandManager';
import type { ApplyOutcome } from '../planEditor';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import { resolvePlanUri } from './planArgument';
import { escapeIcons } from '../codicons';

/**
 * "Plan Tracker: Mark Next Task Done": ticks the task the plan says is next (the first open task
 * of the current phase; then the phase's Status Tracking item). Argument: the plan (tree element,
 * Uri); none: the active editor's plan, else a pick.
 */
export class MarkNextTaskDoneCommand implements Command {
  readonly id = 'planTracker.markNextTaskDone';

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
  ) {}

  async execute(arg?: unknown): Promise<ApplyOutcome | undefined> {
    const uri = await resolvePlanUri(this.index, arg, vscode.l10n.t('Mark Next Task Done'));
    if (!uri) return undefined;
    let task: Task | undefined;
    const outcome = await this.editor.edit(
      uri,
      (text, options) => {
        const next = markNextTaskDoneEdit(text, options);
        task = next.task;
        return next.result;
      },
      { label: vscode.l10n.t('Mark Next Task Done') },
    );
    if (outcome.applied && task) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Done: {0}', escapeIcons(task.text)), 4000);
    }
    return outcome;
  }
}
