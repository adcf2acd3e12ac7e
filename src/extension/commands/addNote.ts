import * as vscode from 'vscode';
import { appendNoteEdit, formatDate } from '../../core';
import type { Command } from '../commandManager';
import type { ApplyOutcome } from '../planEditor';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import { resolvePlanUri } from './planArgument';

/**
 * "Plan Tracker: Add Note": appends `- YYYY-MM-DD: note` under the plan's `**Notes:**` (creating
 * it at the end of Status Tracking when missing). Arguments: the plan, and the note (without one,
 * an input box asks).
 */
export class AddNoteCommand implements Command {
  readonly id = 'planTracker.addNote';

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
  ) {}

  async execute(arg?: unknown, noteArg?: unknown): Promise<ApplyOutcome | undefined> {
    const uri = await resolvePlanUri(this.index, arg, vscode.l10n.t('Add Note'));
    if (!uri) return undefined;
    const note =
      typeof noteArg === 'string' && noteArg.trim()
        ? noteArg
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Add Note to {0}', this.index.get(uri)?.plan.title || vscode.workspace.asRelativePath(uri)),
            prompt: vscode.l10n.t("Appended under **Notes:** with today's date."),
            placeHolder: vscode.l10n.t('What happened, what was decided, what is left'),
            validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The note is empty.')),
          });
    if (note === undefined || !note.trim()) return undefined;
    const date = formatDate(new Date());
    return this.editor.edit(uri, (text, options) => appendNoteEdit(text, note, date, options), { label: vscode.l10n.t('Add Note') });
  }
}
