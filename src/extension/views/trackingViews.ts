import type * as vscode from 'vscode';
import type { CommandManager } from '../commandManager';
import { HideCompletedPlansCommand, ShowCompletedPlansCommand } from '../commands/completedPlansFilter';
import { HideDoneTasksCommand, ShowDoneTasksCommand } from '../commands/doneTasksFilter';
import { GroupByFolderCommand, GroupByNoneCommand, GroupByStatusCommand } from '../commands/groupPlans';
import { MarkPhaseDoneCommand } from '../commands/markPhaseDone';
import { OpenPlanCommand } from '../commands/openPlan';
import { RevealTaskCommand } from '../commands/revealTask';
import { SetStatusCommand } from '../commands/setStatus';
import { ShowPhasesCommand } from '../commands/showPhases';
import { ToggleTaskCommand } from '../commands/toggleTask';
import type { PlanIndex } from '../planIndex';
import { ConfiguredStatuses } from '../configuredStatuses';
import { PhaseStatusBar } from './phaseStatusBar';
import { PlanAtHand } from '../planAtHand';
import { PlanTreeProvider } from './planTree';
import { PlanTreeOptions } from './planTreeOptions';
import { viewsInspector, type ViewsInspector } from '../viewsInspector';

/**
 * Wires the tracking views: the Plans tree, the status bar phase indicator, and the task, status
 * and phase commands they use. Every disposable goes to `context.subscriptions`.
 */
export function registerTrackingViews(context: vscode.ExtensionContext, index: PlanIndex, commands: CommandManager): ViewsInspector {
  const statuses = new ConfiguredStatuses();
  const options = new PlanTreeOptions(context.workspaceState);
  const planAtHand = new PlanAtHand(index, statuses);
  const tree = new PlanTreeProvider(index, options, statuses);
  const statusBar = new PhaseStatusBar(planAtHand, statuses);
  context.subscriptions.push(statuses, options, planAtHand, tree, statusBar);

  commands.register(new ToggleTaskCommand(index));
  commands.register(new RevealTaskCommand());
  commands.register(new OpenPlanCommand(planAtHand));
  commands.register(new SetStatusCommand(index, planAtHand));
  commands.register(new MarkPhaseDoneCommand(index, planAtHand));
  commands.register(new ShowPhasesCommand(index, planAtHand));
  commands.register(new HideCompletedPlansCommand(options));
  commands.register(new ShowCompletedPlansCommand(options));
  commands.register(new HideDoneTasksCommand(options));
  commands.register(new ShowDoneTasksCommand(options));
  commands.register(new GroupByStatusCommand(options));
  commands.register(new GroupByFolderCommand(options));
  commands.register(new GroupByNoneCommand(options));

  return viewsInspector(tree, statusBar);
}
