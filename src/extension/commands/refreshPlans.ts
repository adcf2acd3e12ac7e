import type { Command } from '../commandManager';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';

/** "Plan Tracker: Refresh Plans": rescans the workspace for plans. */
export class RefreshPlansCommand implements Command {
  readonly id = 'planTracker.refreshPlans';

  constructor(private readonly index: PlanIndex) {}

  execute(): Promise<void> {
    return this.index.refresh('refresh command');
  }
}
