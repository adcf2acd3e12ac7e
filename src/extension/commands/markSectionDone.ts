import * as vscode from 'vscode';
import { markSectionDoneEdit } from '../../core';
import type { Command } from '../commandManager';
import type { ApplyOutcome } from '../planEditor';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import { uriOf } from './commandArgs';

/**
 * "Mark Section Done": ticks every open task under a heading, for the CodeLens of a rollout
 * `### Step N` (or roadmap phase) that has no Status Tracking item. Arguments: `(uri, headingLine)`.
 * Not in the command palette.
 */
export class MarkSectionDoneCommand implements Command {
  readonly id = 'planTracker.markSectionDone';

  constructor(private readonly editor: WorkspacePlanEditor) {}

  async execute(arg?: unknown, line?: unknown): Promise<ApplyOutcome | undefined> {
    const uri = uriOf(arg);
    if (!uri || typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Mark Section Done needs a plan and a heading line: use the CodeLens above the heading.'));
      return undefined;
    }
    return this.editor.edit(uri, (text, options) => markSectionDoneEdit(text, line, options), { label: vscode.l10n.t('Mark Section Done') });
  }
}
