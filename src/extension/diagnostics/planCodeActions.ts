/**
 * Quick fixes for Plan Tracker's diagnostics. Each is a minimal WorkspaceEdit built from a core
 * edit computed on the document's current text, so applying one is a normal, undoable edit.
 */
import * as vscode from 'vscode';
import {
  labelText,
  addRoadmapPhaseEdit,
  addTrackingItemEdit,
  formatDate,
  insertDateEdit,
  isTaskPhase,
  isTracked,
  markSectionDoneEdit,
  numberedLabel,
  parsePlan,
  removeDoneMarkerEdit,
  reopenPhaseStatusEdit,
  setCreatedEdit,
  setStatusEdit,
  setTasksStateEdit,
  statusFromBoxes,
  statusLinePhase,
  tickAllOpenTasksEdit,
  tickPhaseTasksEdit,
  withoutDoneMarker,
  type EditResult,
  type FindingCode,
  type ParseOptions,
  type Plan,
} from '../../core';
import { parseOptions, readSettings } from '../config';
import { toRange } from '../planEdits';
import { isCurrentFor } from '../planIndex/planIndex';
import { DIAGNOSTIC_SOURCE, type PlanModels } from './planDiagnostics';

interface Fix {
  readonly title: string;
  readonly edit: (text: string) => EditResult;
  readonly preferred?: boolean;
}

interface FixContext {
  readonly document: vscode.TextDocument;
  readonly diagnostic: vscode.Diagnostic;
  readonly text: string;
  readonly options: ParseOptions;
  readonly statuses: readonly string[];
  /** The document parsed once, lazily, for titles that name what the fix will touch. */
  readonly plan: () => Plan;
  readonly today: string;
}

const short = (s: string): string => (s.length > 50 ? `${s.slice(0, 49)}…` : s);

function statusFixes(ctx: FixContext, preferredStatus: string, others: readonly string[]): Fix[] {
  const fixes: Fix[] = [
    {
      title: vscode.l10n.t('Set status to "{0}" (what the boxes say)', preferredStatus),
      edit: (text) => setStatusEdit(text, preferredStatus, ctx.options),
      preferred: true,
    },
  ];
  for (const status of others) {
    if (status === preferredStatus) continue;
    fixes.push({ title: vscode.l10n.t('Set status to "{0}"', status), edit: (text) => setStatusEdit(text, status, ctx.options) });
  }
  return fixes;
}

/** The fixes for one diagnostic. */
function fixesFor(code: FindingCode, ctx: FixContext): Fix[] {
  const { diagnostic, document } = ctx;
  const range = diagnostic.range;
  const at = { line: range.start.line, start: range.start.character, end: range.end.character };
  const covered = document.getText(range);
  const fromBoxes = (): string => statusFromBoxes(ctx.plan(), ctx.statuses);
  switch (code) {
    case 'placeholder':
      if (covered !== 'YYYY-MM-DD') return [];
      return [{ title: vscode.l10n.t("Insert today's date ({0})", ctx.today), edit: (text) => insertDateEdit(text, at, ctx.today), preferred: true }];
    case 'invalid-date':
      return [{ title: vscode.l10n.t("Replace with today's date ({0})", ctx.today), edit: (text) => insertDateEdit(text, at, ctx.today, covered), preferred: true }];
    case 'missing-created':
      return [{ title: vscode.l10n.t('Add **Created:** {0}', ctx.today), edit: (text) => setCreatedEdit(text, ctx.today, ctx.options), preferred: true }];
    case 'missing-status':
      return [{ title: vscode.l10n.t('Add **Status:** {0} (what the boxes say)', fromBoxes()), edit: (text) => setStatusEdit(text, fromBoxes(), ctx.options), preferred: true }];
    case 'status-placeholder':
    case 'unknown-status':
      return statusFixes(ctx, fromBoxes(), ctx.statuses);
    case 'completed-with-open-items': {
      const open = ctx.plan().tasks.filter((t) => t.state === 'open' || t.state === 'inProgress').length;
      return [
        ...statusFixes(ctx, fromBoxes(), []),
        { title: vscode.l10n.t('Tick all {0} open items (keep "{1}")', open, ctx.plan().status ?? ''), edit: (text) => tickAllOpenTasksEdit(text, ctx.options) },
      ];
    }
    case 'tracking-done-not-completed': {
      const completed = ctx.statuses[ctx.statuses.length - 1];
      const plan = ctx.plan();
      const tracked = plan.phases.filter((p) => p.trackingTask >= 0 && plan.tasks[p.trackingTask].state === 'done');
      const last = tracked[tracked.length - 1];
      const fixes: Fix[] = [{ title: vscode.l10n.t('Set status to "{0}"', completed), edit: (text) => setStatusEdit(text, completed, ctx.options), preferred: true }];
      if (last) {
        const line = plan.tasks[last.trackingTask].line;
        fixes.push({ title: vscode.l10n.t('Reopen "{0}" (keep "{1}")', short(last.label), plan.status ?? ''), edit: (text) => setTasksStateEdit(text, [line], 'open', ctx.options) });
      }
      return fixes;
    }
    case 'in-progress-nothing-started': {
      const plan = ctx.plan();
      const fixes = statusFixes(ctx, fromBoxes(), []);
      const phase = plan.phases[plan.currentPhase];
      const task = phase && phase.trackingTask >= 0 ? plan.tasks[phase.trackingTask] : plan.tasks.find((t) => t.state === 'open');
      if (task) {
        fixes.push({
          title: vscode.l10n.t('Mark "{0}" in progress (keep "{1}")', short(labelText(task.text)), plan.status ?? ''),
          edit: (text) => setTasksStateEdit(text, [task.line], 'inProgress', ctx.options),
        });
      }
      return fixes;
    }
    case 'phase-not-tracked': {
      const label = numberedLabel(covered);
      if (!label) return [];
      const name = label.name ? `Phase ${label.number}: ${label.name}` : `Phase ${label.number}`;
      return [{ title: vscode.l10n.t('Add "{0}" to Status Tracking', short(name)), edit: (text) => addTrackingItemEdit(text, label.number, ctx.options), preferred: true }];
    }
    case 'tracked-phase-missing': {
      const label = numberedLabel(covered);
      if (!label) return [];
      return [{ title: vscode.l10n.t('Add a "Phase {0}" heading to the roadmap', label.number), edit: (text) => addRoadmapPhaseEdit(text, label.number, ctx.options), preferred: true }];
    }
    case 'phase-done-with-open-tasks': {
      const line = range.start.line;
      if (ctx.plan().sections.some((s) => s.line === line)) {
        // On the heading: its done marker says the phase is done.
        const name = short(withoutDoneMarker(covered));
        return [
          { title: vscode.l10n.t('Remove the done marker from "{0}"', name), edit: (text) => removeDoneMarkerEdit(text, line, ctx.options) },
          { title: vscode.l10n.t('Tick the open tasks under "{0}"', name), edit: (text) => markSectionDoneEdit(text, line, ctx.options) },
        ];
      }
      const plan = ctx.plan();
      const phase = plan.phases.find((p) => p.trackingTask >= 0 && plan.tasks[p.trackingTask].line === line);
      if (!phase) {
        // On a phase's own status line (`**Status:** ✅ Completed` under its heading): no task of its own.
        const owner = statusLinePhase(ctx.text, plan, line)?.phase;
        if (!owner) return [];
        const heading = plan.sections[owner.section].line;
        const name = short(owner.label);
        return [
          { title: vscode.l10n.t('Set the status of "{0}" to In Progress', name), edit: (text) => reopenPhaseStatusEdit(text, line, ctx.options) },
          { title: vscode.l10n.t('Tick the open tasks under "{0}"', name), edit: (text) => markSectionDoneEdit(text, heading, ctx.options) },
        ];
      }
      if (isTaskPhase(plan, phase)) {
        // A Kiro task ticked over open sub-tasks.
        return [
          { title: vscode.l10n.t('Reopen "{0}"', short(labelText(covered))), edit: (text) => setTasksStateEdit(text, [line], 'open', ctx.options) },
          { title: vscode.l10n.t('Tick the open sub-tasks of "{0}"', short(labelText(covered))), edit: (text) => tickPhaseTasksEdit(text, line, ctx.options) },
        ];
      }
      return [
        {
          // A Status Tracking item, or an item of a phase list (GSD's `## Phases`).
          title: phase && !isTracked(plan, phase) ? vscode.l10n.t('Reopen "{0}"', short(labelText(covered))) : vscode.l10n.t('Reopen "{0}" in Status Tracking', short(labelText(covered))),
          edit: (text) => setTasksStateEdit(text, [line], 'open', ctx.options),
        },
        { title: vscode.l10n.t('Tick the open tasks under "{0}"', short(labelText(covered))), edit: (text) => tickPhaseTasksEdit(text, line, ctx.options) },
      ];
    }
    default:
      return [];
  }
}

export class PlanCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  /** `models`: the plan index, whose model is used (for titles) when it matches the document. */
  constructor(private readonly models?: Pick<PlanModels, 'get'> & { readingOf?(uri: vscode.Uri): ParseOptions }) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    if (diagnostics.length === 0) return [];
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const settings = readSettings(document.uri);
    // Read as the index reads the file (its path, its folder's settings), so the fixes see its phases.
    const options = this.models?.readingOf?.(document.uri) ?? parseOptions(settings);
    const text = document.getText();
    const indexed = this.models?.get(document.uri);
    let plan: Plan | undefined = indexed && isCurrentFor(indexed, document) ? indexed.plan : undefined;
    const today = formatDate(new Date());
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const ctx: FixContext = { document, diagnostic, text, options, statuses: settings.statuses, plan: () => (plan ??= parsePlan(text, options)), today };
      for (const fix of fixesFor(diagnostic.code as FindingCode, ctx)) {
        const result = fix.edit(text);
        if (!result.ok || result.edits.length === 0) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred ?? false;
        const edit = new vscode.WorkspaceEdit();
        for (const e of result.edits) edit.replace(document.uri, toRange(e), e.newText);
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
