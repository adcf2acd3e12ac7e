import type { Command } from '../commandManager';
import type { PlanTreeOptions } from '../views/planTreeOptions';

/** "Hide Completed Plans" in the Plans view (shown while they are shown). */
export class HideCompletedPlansCommand implements Command {
  readonly id = 'planTracker.hideCompletedPlans';

  constructor(private readonly options: PlanTreeOptions) {}

  execute(): Promise<void> {
    return this.options.update({ hideCompletedPlans: true });
  }
}

/** "Show Completed Plans" in the Plans view (shown while they are hidden). */
export class ShowCompletedPlansCommand implements Command {
  readonly id = 'planTracker.showCompletedPlans';

  constructor(private readonly options: PlanTreeOptions) {}

  execute(): Promise<void> {
    return this.options.update({ hideCompletedPlans: false });
  }
}
