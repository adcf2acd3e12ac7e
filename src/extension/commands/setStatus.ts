import * as vscode from 'vscode';
import { setStatusEdit } from '../../core';
import type { Command } from '../commandManager';
import { readSettings } from '../config';
import type { ApplyOutcome } from '../planEditor';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import type { PlanAtHand } from '../planAtHand';
import { uriOf } from './commandArgs';

/**
 * "Plan Tracker: Set Plan Status". Arguments: the plan (a tree element or a `vscode.Uri`; none:
 * the active editor's plan, else the plan at hand) and optionally the status; without one, a
 * quick pick of the configured statuses with the current one marked.
 */
export class SetStatusCommand implements Command {
  readonly id = 'planTracker.setStatus';

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
    private readonly planAtHand: PlanAtHand,
  ) {}

  async execute(arg?: unknown, status?: unknown): Promise<ApplyOutcome | undefined> {
    const uri = uriOf(arg) ?? this.planAtHand.current()?.entry.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan to set its status.'));
      return undefined;
    }
    const chosen = typeof status === 'string' && status.trim() !== '' ? status.trim() : await this.pick(uri, readSettings(uri).statuses);
    if (chosen === undefined) return undefined;
    return this.editor.edit(uri, (text, options) => setStatusEdit(text, chosen, options), { label: vscode.l10n.t('Set Plan Status') });
  }

  private async pick(uri: vscode.Uri, statuses: readonly string[]): Promise<string | undefined> {
    const entry = this.index.get(uri);
    const current = entry?.plan.status?.trim();
    const currentLower = current?.toLowerCase();
    const items: (vscode.QuickPickItem & { status: string })[] = statuses.map((status) => {
      const isCurrent = status.trim().toLowerCase() === currentLower;
      return {
        label: status,
        status,
        iconPath: new vscode.ThemeIcon(isCurrent ? 'check' : 'blank'),
        description: isCurrent ? vscode.l10n.t('current') : undefined,
      };
    });
    if (current && !items.some((item) => item.description)) {
      items.unshift({ label: current, status: current, iconPath: new vscode.ThemeIcon('check'), description: vscode.l10n.t('current, not in planTracker.statuses') });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Set Status of {0}', entry?.plan.title || vscode.workspace.asRelativePath(uri)),
      placeHolder: current ? vscode.l10n.t('Current status: {0}', current) : vscode.l10n.t('The plan has no status yet'),
    });
    return picked?.status;
  }
}
