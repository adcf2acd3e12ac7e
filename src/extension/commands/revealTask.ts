import * as vscode from 'vscode';
import type { Command } from '../commandManager';
import { isSectionNode, isTaskNode, revealTargetOf, type RevealTarget } from '../views/planTreeNodes';
import { errorText } from '../../core';
import { uriOf } from './commandArgs';

export function toRevealTarget(arg: unknown, line?: unknown): RevealTarget | undefined {
  if (isTaskNode(arg)) return revealTargetOf(arg);
  if (isSectionNode(arg)) {
    const section = arg.plan.entry.plan.sections[arg.outline.section];
    return section ? { uri: arg.uri, line: section.line } : undefined;
  }
  const uri = uriOf(arg);
  if (!uri) return undefined;
  const v = (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? arg : {}) as Record<string, unknown>;
  const at = typeof line === 'number' ? line : v.line;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0) return undefined;
  return { uri, line: at, ...(typeof v.column === 'number' ? { column: v.column } : {}), ...(typeof v.wordLength === 'number' ? { wordLength: v.wordLength } : {}) };
}

/**
 * Opens a plan at a task's line. With the mark's column known, the mark character itself is
 * selected (typing `x` then ticks it), or a todo's status word (typing `completed` then ticks
 * it); otherwise the cursor goes to the start of the line.
 */
export async function revealLine(target: RevealTarget, options: { preview?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor | undefined> {
  try {
    const document = await vscode.workspace.openTextDocument(target.uri);
    const line = Math.min(target.line, Math.max(document.lineCount - 1, 0));
    const text = document.lineAt(line).text;
    const column = target.column;
    const { wordLength } = target;
    const range =
      column !== undefined && text[column] === '[' && text[column + 2] === ']'
        ? new vscode.Range(line, column + 1, line, column + 2)
        : column !== undefined && wordLength !== undefined && /^[A-Za-z_]+$/.test(text.slice(column, column + wordLength))
          ? new vscode.Range(line, column, line, column + wordLength)
          : new vscode.Range(line, 0, line, 0);
    const editor = await vscode.window.showTextDocument(document, { selection: range, preview: options.preview, preserveFocus: options.preserveFocus });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Plan Tracker could not open {0}: {1}', vscode.workspace.asRelativePath(target.uri), errorText(error)));
    return undefined;
  }
}

/**
 * "Reveal in Plan": opens the plan at a task's (or section's) line. Arguments: a tree element,
 * `{ uri, line, column? }`, or `(uri, line)`.
 */
export class RevealTaskCommand implements Command {
  readonly id = 'planTracker.revealTask';

  async execute(arg?: unknown, line?: unknown): Promise<vscode.TextEditor | undefined> {
    const target = toRevealTarget(arg, line);
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Reveal in Plan needs a task or section: run it from the Plans view.'));
      return undefined;
    }
    return revealLine(target);
  }
}
