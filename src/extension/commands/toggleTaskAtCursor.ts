import * as vscode from 'vscode';
import { toggleTasksEdit } from '../../core';
import type { Command } from '../commandManager';
import type { ApplyOutcome } from '../planEditor';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';

/** The lines the editor's selections touch (a selection ending at column 0 does not take that line). */
export function selectedLines(selections: readonly vscode.Selection[]): number[] {
  const lines = new Set<number>();
  for (const s of selections) {
    const last = s.end.line > s.start.line && s.end.character === 0 ? s.end.line - 1 : s.end.line;
    for (let line = s.start.line; line <= last; line++) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * "Plan Tracker: Toggle Task at Cursor" (Ctrl+Alt+Enter / Cmd+Alt+Enter in Markdown): ticks the
 * task on the cursor's line, or reopens it when done. With several cursors or a selection over
 * several tasks, they toggle together (all ticked unless all were done). Works in any Markdown
 * file; the edit is computed from the editor's current text.
 */
export class ToggleTaskAtCursorCommand implements Command {
  readonly id = 'planTracker.toggleTaskAtCursor';

  constructor(private readonly editor: WorkspacePlanEditor) {}

  async execute(): Promise<ApplyOutcome | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Toggle Task at Cursor works in a Markdown editor.'));
      return undefined;
    }
    const uri = editor.document.uri;
    const lines = selectedLines(editor.selections);
    const outcome = await this.editor.edit(uri, (text, options) => toggleTasksEdit(text, lines, options), {
      label: vscode.l10n.t('Toggle Task'),
      quiet: true,
      settle: 'background',
    });
    if (!outcome.applied) vscode.window.setStatusBarMessage(`$(info) ${outcome.reason}`, 3000);
    return outcome;
  }
}
