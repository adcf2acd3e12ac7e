/**
 * Progress above the plan's structure: over `## Status Tracking` and each roadmap `### Phase N`
 * and rollout `### Step N` heading, `3/5 done · Mark phase done · Next: <first open task>`.
 * Built from the plan index's model of the open document (never parsed here).
 */
import * as vscode from 'vscode';
import { isTracked, labelText, nextTaskIn, numberedLabel, type Plan, type Progress, type Section, type Task } from '../../core';
import { codeLensEnabled } from '../diagnostics/diagnosticSettings';
import { isCurrentFor } from '../planIndex/planIndex';
import { type PlanModels } from '../diagnostics/planDiagnostics';
import type { IndexedPlan } from '../planIndex/vscodePlanIndex';
import { CONFIG_SECTION } from '../config';
import { escapeIcons } from '../codicons';

/** How long a CodeLens request waits for the index to catch up with the document. */
const FRESH_WAIT_MS = 2_000;

const plain = (s: string): string => escapeIcons(labelText(s));
const short = (s: string, max = 60): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export class PhaseCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly models: PlanModels) {
    this.disposables = [
      this.emitter,
      models.onDidChange((event) => {
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        if ([...event.changed, ...event.removed].some((uri) => open.has(uri.toString()))) this.emitter.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${CONFIG_SECTION}.codeLens`)) this.emitter.fire();
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled(document.uri)) return [];
    const entry = await this.freshModel(document, token);
    if (!entry || token.isCancellationRequested) return [];
    return lensesFor(document.uri, entry.plan);
  }

  /** The index's model of `document`, waiting (a little) for it to match the document's text. */
  private async freshModel(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<IndexedPlan | undefined> {
    const current = this.models.get(document.uri);
    if (!current || isCurrentFor(current, document)) return current;
    const key = document.uri.toString();
    return new Promise<IndexedPlan | undefined>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listener.dispose();
        cancel.dispose();
        resolve(this.models.get(document.uri));
      };
      const timer = setTimeout(done, FRESH_WAIT_MS);
      const listener = this.models.onDidChange((event) => {
        if (event.changed.some((u) => u.toString() === key) || event.removed.some((u) => u.toString() === key)) done();
      });
      const cancel = token.onCancellationRequested(done);
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function counts(progress: Progress): string {
  return vscode.l10n.t('{0}/{1} done', progress.done, progress.total);
}

function openAt(uri: vscode.Uri, task: Task): vscode.Command {
  return {
    title: vscode.l10n.t('Next: {0}', short(plain(task.text))),
    tooltip: vscode.l10n.t('Go to line {0}', task.line + 1),
    command: 'planTracker.revealTask',
    arguments: [{ uri, line: task.line, column: task.column }],
  };
}

/** A lens that is only text (no command). */
function label(range: vscode.Range, title: string, tooltip?: string): vscode.CodeLens {
  return new vscode.CodeLens(range, { title, command: '', tooltip });
}

/** The CodeLenses of a plan: pure in the model, exported for tests. */
export function lensesFor(uri: vscode.Uri, plan: Plan): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  const rangeOf = (section: Section): vscode.Range => new vscode.Range(section.line, 0, section.line, 0);

  if (plan.trackingSection >= 0) {
    const section = plan.sections[plan.trackingSection];
    const range = rangeOf(section);
    const tracked = plan.phases.filter((p) => isTracked(plan, p));
    const done = tracked.filter((p) => p.state === 'done' || p.state === 'skipped').length;
    lenses.push(label(range, vscode.l10n.t('{0}/{1} done', done, tracked.length), vscode.l10n.t('Status Tracking items done')));
    const current = plan.phases[plan.currentPhase];
    if (current && current.trackingTask >= 0) {
      lenses.push(
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Mark phase done'),
          tooltip: vscode.l10n.t('Mark "{0}" done', plain(current.label)),
          command: 'planTracker.markPhaseDone',
          arguments: [uri, plan.currentPhase],
        }),
      );
    }
    const next = nextTaskIn(plan, plan.trackingSection);
    if (next) lenses.push(new vscode.CodeLens(range, openAt(uri, next)));
  }

  for (const section of plan.sections) {
    if (section.index === plan.trackingSection) continue;
    const numbered = numberedLabel(section.text);
    const progress = section.progress;
    // A phase with nothing to count under it gets no `0/0 done` line.
    if (!numbered || progress.total + progress.skipped === 0) continue;
    const range = rangeOf(section);
    const phaseIndex = plan.phases.findIndex((p) => p.section === section.index);
    const isDone = phaseIndex >= 0 ? plan.phases[phaseIndex].state === 'done' : progress.total > 0 && progress.done === progress.total;
    lenses.push(label(range, counts(progress)));
    if (!isDone && phaseIndex >= 0) {
      lenses.push(
        new vscode.CodeLens(range, {
          title: numbered.kind === 'step' ? vscode.l10n.t('Mark step done') : vscode.l10n.t('Mark phase done'),
          tooltip: vscode.l10n.t('Mark "{0}" done', plain(plan.phases[phaseIndex].label)),
          command: 'planTracker.markPhaseDone',
          arguments: [uri, phaseIndex],
        }),
      );
    } else if (!isDone && progress.open + progress.inProgress > 0) {
      lenses.push(
        new vscode.CodeLens(range, {
          title: numbered.kind === 'step' ? vscode.l10n.t('Mark step done') : vscode.l10n.t('Mark phase done'),
          tooltip: vscode.l10n.t('Tick every open task under "{0}"', plain(section.text)),
          command: 'planTracker.markSectionDone',
          arguments: [uri, section.line],
        }),
      );
    }
    const next = nextTaskIn(plan, section.index);
    if (next) lenses.push(new vscode.CodeLens(range, openAt(uri, next)));
    else if (isDone) lenses.push(label(range, vscode.l10n.t('✓ done')));
  }
  return lenses;
}
