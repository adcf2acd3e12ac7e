import * as vscode from 'vscode';
import { isFinished, markPhaseDoneEdit, type Phase } from '../../core';
import type { Command } from '../commandManager';
import type { ApplyOutcome } from '../planEditor';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import type { PlanAtHand } from '../planAtHand';
import { isSectionNode, isTaskNode } from '../views/planTreeNodes';
import { escapeIcons } from '../codicons';
import { phaseDetail, stateIcon } from '../labels';
import { planAtHandUri } from './planArgument';

export interface MarkPhaseDoneArgs {
  /** Also tick the phase's open tasks; when left out and there are some, the user is asked. */
  readonly includeTasks?: boolean;
}

/**
 * "Plan Tracker: Mark Phase Done". Arguments, in the conventions the other views use:
 * - a tree element (a phase's Status Tracking item or roadmap section), or
 * - `(uri: vscode.Uri, phase: number | string, args?: { includeTasks?: boolean })`, the phase an
 *   index into `plan.phases` or a label (`"Phase 2"`, `"Phase 2: Module Implementation"`), or
 * - nothing: a quick pick of the phases of the active editor's plan (else the plan at hand).
 * When the phase has open tasks under it and `includeTasks` is not given, the user chooses.
 */
export class MarkPhaseDoneCommand implements Command {
  readonly id = 'planTracker.markPhaseDone';

  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
    private readonly planAtHand: PlanAtHand,
  ) {}

  async execute(arg?: unknown, phaseArg?: unknown, rawArgs?: unknown): Promise<ApplyOutcome | undefined> {
    const uri = planAtHandUri(arg, this.planAtHand);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan to mark one of its phases done.'));
      return undefined;
    }
    const plan = this.index.get(uri)?.plan;
    let phase: number | string | undefined;
    if ((isTaskNode(arg) || isSectionNode(arg)) && arg.outline.phase !== undefined) {
      // The label, not the index: it still names the same phase if phases were added meanwhile.
      phase = arg.plan.entry.plan.phases[arg.outline.phase]?.label ?? arg.outline.phase;
    } else if (typeof phaseArg === 'number' || (typeof phaseArg === 'string' && phaseArg.trim() !== '')) {
      phase = phaseArg;
    } else {
      phase = await pickPhase(plan?.phases ?? []);
    }
    if (phase === undefined) return undefined;

    const model = plan && (typeof phase === 'number' ? plan.phases[phase] : plan.phases.find((p) => p.label === phase || p.name === phase));
    let includeTasks = toArgs(rawArgs).includeTasks;
    if (includeTasks === undefined) {
      const open = model && model.trackingTask >= 0 ? model.progress.open + model.progress.inProgress : 0;
      includeTasks = open > 0 ? await askIncludeTasks(model!, open) : false;
      if (includeTasks === undefined) return undefined;
    }
    return this.editor.edit(uri, (text, options) => markPhaseDoneEdit(text, phase, { ...options, includeTasks }), {
      label: vscode.l10n.t('Mark Phase Done'),
    });
  }
}

function toArgs(value: unknown): MarkPhaseDoneArgs {
  if (typeof value !== 'object' || value === null) return {};
  const includeTasks = (value as { includeTasks?: unknown }).includeTasks;
  return typeof includeTasks === 'boolean' ? { includeTasks } : {};
}

async function pickPhase(phases: readonly Phase[]): Promise<number | undefined> {
  if (phases.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This plan has no phases.'));
    return undefined;
  }
  const items = phases.map((phase, index) => ({
    label: `${stateIcon(phase.state)} ${escapeIcons(phase.label)}`,
    description: phaseDetail(phase),
    index,
  }));
  const firstOpen = phases.findIndex((p) => !isFinished(p.state));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = vscode.l10n.t('Mark Phase Done');
  quickPick.placeholder = vscode.l10n.t('Which phase is done?');
  quickPick.items = items;
  if (firstOpen >= 0) quickPick.activeItems = [items[firstOpen]];
  return new Promise<number | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.index);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

async function askIncludeTasks(phase: Phase, open: number): Promise<boolean | undefined> {
  const items = [
    { label: vscode.l10n.t('Tick the Phase and Its {0} Open Task(s)', open), includeTasks: true },
    { label: vscode.l10n.t('Tick Only the Status Tracking Item'), includeTasks: false },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Mark "{0}" Done', escapeIcons(phase.label)),
    placeHolder: vscode.l10n.t('{0} task(s) under this phase are not done yet.', open),
  });
  return picked?.includeTasks;
}
