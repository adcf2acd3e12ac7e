import type * as vscode from 'vscode';
import type { Command } from './commandManager';
import { AddNoteCommand } from './commands/addNote';
import { ConnectAgentCommand } from './commands/connectAgent';
import { HideCompletedPlansCommand, ShowCompletedPlansCommand } from './commands/completedPlansFilter';
import { CopyProgressSummaryCommand } from './commands/copyProgressSummary';
import { HideDoneTasksCommand, ShowDoneTasksCommand } from './commands/doneTasksFilter';
import { GroupByFolderCommand, GroupByNoneCommand, GroupByStatusCommand } from './commands/groupPlans';
import { MarkNextTaskDoneCommand } from './commands/markNextTaskDone';
import { MarkPhaseDoneCommand } from './commands/markPhaseDone';
import { MarkSectionDoneCommand } from './commands/markSectionDone';
import { NewPlanCommand } from './commands/newPlan';
import { OpenDashboardCommand } from './commands/openDashboard';
import { OpenPlanCommand } from './commands/openPlan';
import { RefreshPlansCommand } from './commands/refreshPlans';
import { RevealTaskCommand } from './commands/revealTask';
import { SetStatusCommand } from './commands/setStatus';
import { ShowPhasesCommand } from './commands/showPhases';
import { ToggleTaskCommand } from './commands/toggleTask';
import { ToggleTaskAtCursorCommand } from './commands/toggleTaskAtCursor';
import type { ExtensionHostInfo } from './host';
import type { PlanIndex } from './planIndex/vscodePlanIndex';
import type { DashboardPanel } from './views/dashboardPanel';
import type { PlanAtHand } from './planAtHand';
import type { PlanTreeOptions } from './views/planTreeOptions';
import type { WorkspacePlanEditor } from './workspacePlanEditor';

/** What the commands act on. */
export interface CommandContext {
  readonly extensionUri: vscode.Uri;
  readonly host: ExtensionHostInfo;
  /** Where a command's own disposables go (the extension context's subscriptions). */
  readonly subscriptions: vscode.Disposable[];
  readonly index: PlanIndex;
  readonly editor: WorkspacePlanEditor;
  readonly dashboard: DashboardPanel;
  readonly planAtHand: PlanAtHand;
  readonly treeOptions: PlanTreeOptions;
}

/**
 * Every command Plan Tracker registers, in one list (each declared in package.json's
 * `contributes.commands`; test/integration/contributions.test.ts and activation.test.ts check both
 * directions). To add a command: a class under commands/ and one line here.
 */
export function allCommands(c: CommandContext): Command[] {
  return [
    // Plans: create, find, open, look at.
    new NewPlanCommand(c.extensionUri),
    new RefreshPlansCommand(c.index),
    new OpenDashboardCommand(c.dashboard),
    new OpenPlanCommand(c.planAtHand),
    new RevealTaskCommand(),
    new ShowPhasesCommand(c.index, c.editor, c.planAtHand),
    new CopyProgressSummaryCommand(c.index),
    // Edits, all through the one edit path (PlanEditor).
    new ToggleTaskCommand(c.index, c.editor),
    new ToggleTaskAtCursorCommand(c.editor),
    new SetStatusCommand(c.index, c.editor, c.planAtHand),
    new MarkPhaseDoneCommand(c.index, c.editor, c.planAtHand),
    new MarkSectionDoneCommand(c.editor),
    new MarkNextTaskDoneCommand(c.index, c.editor),
    new AddNoteCommand(c.index, c.editor),
    // The Plans view's filters and grouping.
    new HideCompletedPlansCommand(c.treeOptions),
    new ShowCompletedPlansCommand(c.treeOptions),
    new HideDoneTasksCommand(c.treeOptions),
    new ShowDoneTasksCommand(c.treeOptions),
    new GroupByStatusCommand(c.treeOptions),
    new GroupByFolderCommand(c.treeOptions),
    new GroupByNoneCommand(c.treeOptions),
    // Coding agents.
    new ConnectAgentCommand(c.extensionUri, c.host, c.subscriptions),
  ];
}
