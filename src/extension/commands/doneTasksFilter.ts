import type { Command } from '../commandManager';
import type { PlanTreeOptions } from '../views/planTreeOptions';

/** "Hide Done Tasks" in the Plans view (a done task with open tasks under it stays). */
export class HideDoneTasksCommand implements Command {
  readonly id = 'planTracker.hideDoneTasks';

  constructor(private readonly options: PlanTreeOptions) {}

  execute(): Promise<void> {
    return this.options.update({ hideDoneTasks: true });
  }
}

/** "Show Done Tasks" in the Plans view. */
export class ShowDoneTasksCommand implements Command {
  readonly id = 'planTracker.showDoneTasks';

  constructor(private readonly options: PlanTreeOptions) {}

  execute(): Promise<void> {
    return this.options.update({ hideDoneTasks: false });
  }
}
