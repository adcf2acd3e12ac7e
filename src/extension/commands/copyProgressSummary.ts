import * as vscode from 'vscode';
import { errorText, fileNameOf, progressSummary } from '../../core';
import type { Command } from '../commandManager';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import { resolvePlanUri } from './planArgument';

/**
 * "Plan Tracker: Copy Progress Summary": a Markdown summary of the plan's phases (a task list
 * GitHub renders as checkboxes) to the clipboard, for PRs and chat. Returns the summary.
 */
export class CopyProgressSummaryCommand implements Command {
  readonly id = 'planTracker.copyProgressSummary';

  constructor(private readonly index: PlanIndex) {}

  async execute(arg?: unknown): Promise<string | undefined> {
    const uri = await resolvePlanUri(this.index, arg, vscode.l10n.t('Copy Progress Summary'));
    if (!uri) return undefined;
    await this.index.settle();
    const entry = this.index.get(uri);
    if (!entry) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a plan.', vscode.workspace.asRelativePath(uri)));
      return undefined;
    }
    const name = fileNameOf(uri.path);
    const summary = progressSummary(entry.plan, { name });
    try {
      await vscode.env.clipboard.writeText(summary);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Plan Tracker could not write to the clipboard: {0}', errorText(error)));
      return summary;
    }
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(clippy) Copied the progress summary of {0}', entry.plan.title || name), 4000);
    return summary;
  }
}
