import * as vscode from 'vscode';
import type { Command } from '../commandManager';
import type { PlanAtHand } from '../planAtHand';
import { errorText } from '../../core';
import { uriOf } from './commandArgs';

/** "Open Plan": opens a plan (a tree element, a URI; none: the plan at hand) in an editor. */
export class OpenPlanCommand implements Command {
  readonly id = 'planTracker.openPlan';

  constructor(private readonly planAtHand: PlanAtHand) {}

  async execute(arg?: unknown): Promise<vscode.TextEditor | undefined> {
    const uri = uriOf(arg) ?? this.planAtHand.current()?.entry.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no plan to open.'));
      return undefined;
    }
    try {
      return await vscode.window.showTextDocument(uri, { preview: false });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Plan Tracker could not open {0}: {1}', vscode.workspace.asRelativePath(uri), errorText(error)));
      return undefined;
    }
  }
}
