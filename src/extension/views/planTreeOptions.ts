import * as vscode from 'vscode';

export type PlanGrouping = 'none' | 'status' | 'folder';

interface Options {
  readonly hideCompletedPlans: boolean;
  readonly hideDoneTasks: boolean;
  readonly groupBy: PlanGrouping;
}

const STATE_KEY = 'planTracker.tree.options';
const DEFAULTS: Options = { hideCompletedPlans: false, hideDoneTasks: false, groupBy: 'none' };

/**
 * The Plans view's filters and grouping: kept per workspace (workspaceState) and mirrored in
 * context keys (`planTracker.hideCompletedPlans`, `planTracker.hideDoneTasks`,
 * `planTracker.groupBy`) so the title bar shows the right one of each command pair.
 */
export class PlanTreeOptions implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private options: Options;

  constructor(private readonly memento: vscode.Memento) {
    this.options = sanitize(memento.get<unknown>(STATE_KEY));
    void this.syncContext();
  }

  get hideCompletedPlans(): boolean {
    return this.options.hideCompletedPlans;
  }

  get hideDoneTasks(): boolean {
    return this.options.hideDoneTasks;
  }

  get groupBy(): PlanGrouping {
    return this.options.groupBy;
  }

  async update(change: Partial<Options>): Promise<void> {
    const next = sanitize({ ...this.options, ...change });
    if (next.hideCompletedPlans === this.options.hideCompletedPlans && next.hideDoneTasks === this.options.hideDoneTasks && next.groupBy === this.options.groupBy) {
      return;
    }
    this.options = next;
    this.emitter.fire();
    await Promise.all([this.memento.update(STATE_KEY, next), this.syncContext()]);
  }

  private async syncContext(): Promise<void> {
    await Promise.all([
      vscode.commands.executeCommand('setContext', 'planTracker.hideCompletedPlans', this.options.hideCompletedPlans),
      vscode.commands.executeCommand('setContext', 'planTracker.hideDoneTasks', this.options.hideDoneTasks),
      vscode.commands.executeCommand('setContext', 'planTracker.groupBy', this.options.groupBy),
    ]);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function sanitize(value: unknown): Options {
  if (typeof value !== 'object' || value === null) return DEFAULTS;
  const v = value as Record<string, unknown>;
  return {
    hideCompletedPlans: v.hideCompletedPlans === true,
    hideDoneTasks: v.hideDoneTasks === true,
    groupBy: v.groupBy === 'status' || v.groupBy === 'folder' ? v.groupBy : 'none',
  };
}
