import * as vscode from 'vscode';
import { planName, headerContradictions, percent } from '../../core';
import { affectsSettings, statusBarEnabled } from '../config';
import type { ConfiguredStatuses } from '../configuredStatuses';
import type { PlanAtHand, PlanAtHandResult } from '../planAtHand';
import { phaseSummary, type PhaseSummaryWords } from './phaseSummary';
import { phaseLine, stateIcon } from '../labels';

/** What the status bar shows, for tests and the API. */
export interface PhaseStatusBarState {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly warning: boolean;
  readonly uri?: string;
  readonly source?: PlanAtHandResult['source'];
}

/**
 * The status bar phase indicator: `$(checklist) Phase 2/5 · Module Implementation · 40%` for the
 * plan at hand (see `PlanAtHand` and `phaseSummary`), a Markdown tooltip listing every phase with
 * its state, the warning background when the header contradicts the boxes, and a click that
 * opens `planTracker.showPhases`. Hidden when there is no plan or `planTracker.statusBar.enabled`
 * is false.
 */
export class PhaseStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private state: PhaseStatusBarState = { visible: false, text: '', tooltip: '', warning: false };

  constructor(
    private readonly planAtHand: PlanAtHand,
    private readonly statuses: ConfiguredStatuses,
  ) {
    this.item = vscode.window.createStatusBarItem('planTracker.phase', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Plan Tracker: Current Phase');
    this.disposables.push(
      this.item,
      planAtHand.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSettings(event, 'statusBar.enabled')) this.update();
      }),
    );
    this.update();
  }

  get current(): PhaseStatusBarState {
    return this.state;
  }

  update(): void {
    const atHand = statusBarEnabled() ? this.planAtHand.current() : undefined;
    if (!atHand) {
      this.item.hide();
      this.state = { visible: false, text: '', tooltip: '', warning: false };
      return;
    }
    const { entry, source } = atHand;
    const { plan, uri } = entry;
    const summary = phaseSummary(plan, WORDS());
    const problems = headerContradictions(plan, { statuses: this.statuses.get(uri) });
    const tooltip = new vscode.MarkdownString(undefined, true);
    const title = planName(plan.title, uri.path);
    tooltip.appendMarkdown('**').appendText(title).appendMarkdown('**');
    if (plan.status) tooltip.appendMarkdown(' — ').appendText(plan.status);
    tooltip.appendMarkdown('\n\n');
    if (source === 'recent') tooltip.appendMarkdown('*').appendText(vscode.l10n.t('The most recently edited plan in progress')).appendMarkdown('*\n\n');
    plan.phases.forEach((phase, i) => {
      const line = `${stateIcon(phase.state)} `;
      const label = phaseLine(phase);
      tooltip.appendMarkdown(`${i === 0 ? '' : '  \n'}${line}`);
      if (i === plan.currentPhase) tooltip.appendMarkdown('**').appendText(label).appendMarkdown('**');
      else tooltip.appendText(label);
    });
    if (plan.phases.length > 0) tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('{0} of {1} tasks done ({2}%)', plan.progress.done, plan.progress.total, percent(plan.progress)));
    for (const problem of problems) tooltip.appendMarkdown('\n\n$(warning) ').appendText(problem.message);
    tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to show the phases and the next open tasks.'));

    this.item.text = summary.text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = problems.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { command: 'planTracker.showPhases', title: vscode.l10n.t('Show Phases'), arguments: [uri] };
    this.item.accessibilityInformation = {
      label: vscode.l10n.t('Plan {0}: {1}', title, summary.text.replace(/^\$\(checklist\) /, '')),
      role: 'button',
    };
    this.item.show();
    this.state = { visible: true, text: summary.text, tooltip: tooltip.value, warning: problems.length > 0, uri: uri.toString(), source };
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

const WORDS = (): PhaseSummaryWords => ({
  phase: (position, count, name, pct) => vscode.l10n.t('Phase {0}/{1} · {2} · {3}%', position, count, name, pct),
  numberedPhase: (number, name, pct) => vscode.l10n.t('Phase {0} · {1} · {2}%', number, name, pct),
  phasesDone: (done, count, pct) => vscode.l10n.t('{0}/{1} phases done · {2}%', done, count, pct),
  tasks: (done, total, pct) => vscode.l10n.t('{0}/{1} tasks · {2}%', done, total, pct),
});
