import * as vscode from 'vscode';
import { isInSection, labelText, type Plan, type Task } from '../../core';
import type { Command } from '../commandManager';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import type { PlanAtHand } from '../planAtHand';
import { escapeIcons } from '../codicons';
import { phaseDetail, stateIcon } from '../labels';
import { planAtHandUri } from './planArgument';
import { revealLine } from './revealTask';

/** How many open tasks the quick pick lists after the phases. */
export const NEXT_TASKS = 15;

interface Item extends vscode.QuickPickItem {
  readonly line?: number;
  readonly column?: number;
  readonly task?: Task;
  readonly phase?: number;
}

/**
 * "Plan Tracker: Show Phases" (the status bar's click): a quick pick of the plan's phases and its
 * next open tasks. Picking one opens the plan at its line; the ✓ button on a task ticks it (the
 * list stays open and updates), the button on a phase marks it done. Argument: the plan (a URI or
 * tree element); none: the plan at hand.
 */
export class ShowPhasesCommand implements Command {
  readonly id = 'planTracker.showPhases';

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
    private readonly planAtHand: PlanAtHand,
  ) {}

  async execute(arg?: unknown): Promise<void> {
    const uri = planAtHandUri(arg, this.planAtHand);
    const entry = uri && this.index.get(uri);
    if (!uri || !entry) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no plan at hand: open a plan first.'));
      return;
    }
    const tickButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('check'), tooltip: vscode.l10n.t('Mark Task Done') };
    const phaseButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('check-all'), tooltip: vscode.l10n.t('Mark Phase Done') };
    const quickPick = vscode.window.createQuickPick<Item>();
    quickPick.matchOnDescription = true;
    const render = (plan: Plan, keepActive?: string): void => {
      quickPick.title = vscode.l10n.t('{0} — phases and next tasks', escapeIcons(plan.title || vscode.workspace.asRelativePath(uri)));
      quickPick.placeholder = vscode.l10n.t('Pick a phase or task to go to it; ✓ ticks a task');
      const items = buildItems(plan, tickButton, phaseButton);
      quickPick.items = items;
      const active = items.find((item) => item.label === keepActive) ?? items.find((item) => item.phase === plan.currentPhase && item.phase >= 0);
      if (active) quickPick.activeItems = [active];
    };
    render(entry.plan);

    const listener = this.index.onDidChange((event) => {
      if (!event.changed.some((changed) => changed.toString() === uri.toString())) return;
      const updated = this.index.get(uri);
      if (updated) render(updated.plan, quickPick.activeItems[0]?.label);
    });
    quickPick.onDidTriggerItemButton(async ({ item, button }) => {
      quickPick.busy = true;
      try {
        if (button === tickButton && item.task) {
          const { line, mark, text, column } = item.task;
          await this.editor.setTaskState({ uri, line, mark, text, column }, 'done');
        } else if (button === phaseButton && item.phase !== undefined) {
          await vscode.commands.executeCommand('planTracker.markPhaseDone', uri, item.phase);
        }
      } finally {
        quickPick.busy = false;
      }
    });
    await new Promise<void>((resolve) => {
      quickPick.onDidAccept(() => {
        const item = quickPick.selectedItems[0];
        quickPick.hide();
        if (item?.line !== undefined) void revealLine({ uri, line: item.line, column: item.column });
      });
      quickPick.onDidHide(() => {
        listener.dispose();
        quickPick.dispose();
        resolve();
      });
      quickPick.show();
    });
  }
}

function buildItems(plan: Plan, tickButton: vscode.QuickInputButton, phaseButton: vscode.QuickInputButton): Item[] {
  const items: Item[] = [];
  if (plan.phases.length > 0) {
    items.push({ label: vscode.l10n.t('Phases'), kind: vscode.QuickPickItemKind.Separator });
    plan.phases.forEach((phase, index) => {
      const tracking = phase.trackingTask >= 0 ? plan.tasks[phase.trackingTask] : undefined;
      const section = phase.section >= 0 ? plan.sections[phase.section] : undefined;
      const finished = phase.state === 'done' || phase.state === 'skipped';
      items.push({
        label: `${stateIcon(phase.state)} ${escapeIcons(phase.label)}`,
        description: `${phaseDetail(phase)}${index === plan.currentPhase ? ` · ${vscode.l10n.t('current')}` : ''}`,
        line: tracking?.line ?? section?.line,
        column: tracking?.column,
        phase: index,
        buttons: finished ? [] : [phaseButton],
      });
    });
  }
  const next = nextOpenTasks(plan, NEXT_TASKS);
  if (next.length > 0) {
    items.push({ label: vscode.l10n.t('Next open tasks'), kind: vscode.QuickPickItemKind.Separator });
    for (const task of next) {
      const section = task.section >= 0 ? plan.sections[task.section] : undefined;
      items.push({
        label: `${stateIcon(task.state)} ${escapeIcons(labelText(task.text))}`,
        description: section ? `${escapeIcons(section.text)} · ${vscode.l10n.t('line {0}', task.line + 1)}` : vscode.l10n.t('line {0}', task.line + 1),
        line: task.line,
        column: task.column,
        task,
        buttons: [tickButton],
      });
    }
  }
  if (items.length === 0) items.push({ label: vscode.l10n.t('This plan has no phases and no open tasks.') });
  return items;
}

/**
 * The next open (or in-progress) tasks: those of the current phase's section first, then the
 * rest in document order. Status Tracking items are left out (they are the phases above).
 */
export function nextOpenTasks(plan: Plan, limit: number): Task[] {
  const tracking = new Set(plan.phases.map((p) => p.trackingTask).filter((t) => t >= 0));
  const open = plan.tasks.filter((t) => (t.state === 'open' || t.state === 'inProgress') && !tracking.has(t.index));
  const current = plan.currentPhase >= 0 ? plan.phases[plan.currentPhase] : undefined;
  const section = current && current.section >= 0 ? plan.sections[current.section] : undefined;
  const inCurrent = (t: Task) => section !== undefined && isInSection(plan, t, section);
  return [...open.filter(inCurrent), ...open.filter((t) => !inCurrent(t))].slice(0, limit);
}
