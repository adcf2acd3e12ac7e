import * as vscode from 'vscode';
import { markSectionDoneEdit } from '../../core';
import type { Command } from '../commandManager';
import { parseOptions, readSettings } from '../config';
import { applyPlanEdit, type ApplyOutcome } from '../planEdits';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import { uriOf } from './commandArgs';

/**
 * "Mark Section Done": ticks every open task under a heading, for the CodeLens of a rollout
 * `### Step N` (or roadmap phase) that has no Status Tracking item. Arguments: `(uri, headingLine)`.
 * Not in the command palette.
 */
export class MarkSectionDoneCommand implements Command {
  readonly id = 'planTracker.markSectionDone';

  constructor(private readonly index: PlanIndex) {}

  async execute(arg?: unknown, line?: unknown): Promise<ApplyOutcome | undefined> {
    const uri = uriOf(arg);
    if (!uri || typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Mark Section Done needs a plan and a heading line: use the CodeLens above the heading.'));
      return undefined;
    }
    const options = parseOptions(readSettings(uri));
    const outcome = await applyPlanEdit(uri, (text) => markSectionDoneEdit(text, line, options), { label: vscode.l10n.t('Mark Section Done') });
    await this.index.settle();
    return outcome;
  }
}
