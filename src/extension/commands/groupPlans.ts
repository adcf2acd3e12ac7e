import type { Command } from '../commandManager';
import type { PlanGrouping, PlanTreeOptions } from '../views/planTreeOptions';

abstract class GroupPlansCommand implements Command {
  abstract readonly id: string;
  protected abstract readonly groupBy: PlanGrouping;

  constructor(private readonly options: PlanTreeOptions) {}

  execute(): Promise<void> {
    return this.options.update({ groupBy: this.groupBy });
  }
}

/** "Group Plans by Status": one group per status, in the order of `planTracker.statuses`. */
export class GroupByStatusCommand extends GroupPlansCommand {
  readonly id = 'planTracker.groupByStatus';
  protected readonly groupBy = 'status';
}

/** "Group Plans by Folder": one group per folder that holds plans. */
export class GroupByFolderCommand extends GroupPlansCommand {
  readonly id = 'planTracker.groupByFolder';
  protected readonly groupBy = 'folder';
}

/** "Show Plans as a List": no grouping. */
export class GroupByNoneCommand extends GroupPlansCommand {
  readonly id = 'planTracker.groupByNone';
  protected readonly groupBy = 'none';
}
