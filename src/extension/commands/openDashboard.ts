import type { Command } from '../commandManager';
import type { DashboardPanel } from '../views/dashboardPanel';

/** "Plan Tracker: Open Dashboard": opens the Plan Dashboard, or reveals it when it is open. */
export class OpenDashboardCommand implements Command {
  readonly id = 'planTracker.openDashboard';

  constructor(private readonly dashboard: DashboardPanel) {}

  execute(): void {
    this.dashboard.show();
  }
}
