import * as vscode from 'vscode';
import { PhaseCodeLensProvider } from './codeLens/phaseCodeLens';
import type { CommandManager } from './commandManager';
import { AddNoteCommand } from './commands/addNote';
import { CopyProgressSummaryCommand } from './commands/copyProgressSummary';
import { MarkNextTaskDoneCommand } from './commands/markNextTaskDone';
import { MarkSectionDoneCommand } from './commands/markSectionDone';
import { ToggleTaskAtCursorCommand } from './commands/toggleTaskAtCursor';
import { PlanCodeActionProvider } from './diagnostics/planCodeActions';
import { PlanDiagnostics } from './diagnostics/planDiagnostics';
import type { PlanIndex } from './planIndex';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/**
 * Wires plan health in the editor: diagnostics with quick fixes, the phase CodeLens, and the
 * note / next task / summary / toggle-at-cursor commands. Every disposable goes to the context.
 */
export function registerPlanHealth(context: vscode.ExtensionContext, index: PlanIndex, commands: CommandManager): void {
  const diagnostics = new PlanDiagnostics(index);
  const codeLens = new PhaseCodeLensProvider(index);
  context.subscriptions.push(
    diagnostics,
    codeLens,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new PlanCodeActionProvider(index), PlanCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(MARKDOWN, codeLens),
  );
  commands.register(new MarkNextTaskDoneCommand(index));
  commands.register(new AddNoteCommand(index));
  commands.register(new CopyProgressSummaryCommand(index));
  commands.register(new ToggleTaskAtCursorCommand(index));
  commands.register(new MarkSectionDoneCommand(index));
}
