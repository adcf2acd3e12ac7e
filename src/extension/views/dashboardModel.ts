/**
 * Builds what the dashboard shows from the index's plans: a plain-JSON `DashboardModel` that is
 * posted to the webview as it is. Pure (no `vscode` import): the panel hands in URIs as strings
 * and workspace-relative paths. Unit-tested in test/unit/extension/views/dashboardModel.test.ts.
 */
import { planName, isCompleted, nextTask, percent, planStanding, statusCategory, statusGroup, statusKey, statusLabel, TASK_STATE_WORDS, type Phase, type StatusCategory, type Plan, type Progress, type Task } from '../../core';
import { TASK_STATE_ICONS } from '../codicons';
import type { DashboardModel, DashboardPhase, DashboardPlan, DashboardTask, DashboardUpdate, StatusCount, StatusKind } from '../../shared/protocol';

export interface DashboardPlanInput {
  readonly uri: string;
  /** Workspace-relative path, shown under the title and used when the plan has no title. */
  readonly path: string;
  readonly plan: Plan;
  readonly unsaved: boolean;
}

export interface DashboardModelOptions {
  /** `planTracker.statuses`: the first is "planning", the last "completed". */
  readonly statuses: readonly string[];
  readonly scanning: boolean;
  readonly hasWorkspace: boolean;
}

const key = statusKey;

/** Where `status` sits among the configured statuses (core's `statusCategory`, named for the page). */
export function statusKind(status: string | undefined, statuses: readonly string[]): StatusKind {
  return kindOf(statusCategory(status, statuses));
}

function kindOf(category: StatusCategory): StatusKind {
  return category === 'unknown' ? 'other' : category;
}

/** The codicon of each status kind on the page. */
export const STATUS_KIND_ICONS: Readonly<Record<StatusKind, string>> = Object.freeze({
  planning: 'circle-large-outline',
  inProgress: 'play-circle',
  completed: 'pass-filled',
  other: 'question',
  none: 'dash',
});

/** A header field (`**Created:** …`) or, failing that, a front matter value, by case-insensitive name. */
function headerValue(plan: Plan, name: string): string | undefined {
  const field = plan.fields.find((f) => key(f.key) === name);
  if (field && field.value.trim() !== '') return field.value.trim();
  const fm = plan.frontMatter;
  if (fm) {
    for (const [k, v] of Object.entries(fm)) {
      if (key(k) !== name) continue;
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
      if (typeof v === 'number') return String(v);
      if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
    }
  }
  return undefined;
}

function toTask(t: Task): DashboardTask {
  return t.evidence ? { line: t.line, mark: t.mark, text: t.text, state: t.state, evidence: t.evidence } : { line: t.line, mark: t.mark, text: t.text, state: t.state };
}

function phaseLine(plan: Plan, phase: Phase): number {
  if (phase.headingLine >= 0) return phase.headingLine;
  if (phase.trackingTask >= 0 && plan.tasks[phase.trackingTask]) return plan.tasks[phase.trackingTask].line;
  return plan.titleLine;
}

export function dashboardPlan(input: DashboardPlanInput, statuses: readonly string[]): DashboardPlan {
  const { plan } = input;
  const phases: DashboardPhase[] = plan.phases.map((p, i) => ({
    label: p.label,
    state: p.state,
    stateLabel: TASK_STATE_WORDS[p.state],
    icon: TASK_STATE_ICONS[p.state],
    progress: p.progress,
    line: phaseLine(plan, p),
    current: i === plan.currentPhase,
    ...(p.trackingTask >= 0 && plan.tasks[p.trackingTask]?.evidence ? { evidence: plan.tasks[p.trackingTask].evidence } : {}),
  }));
  const next = nextTask(plan);
  // A card shows where its plan stands: for a kind without a header, what its boxes say (as its pill does).
  const kind = kindOf(planStanding(plan, statuses));
  return {
    uri: input.uri,
    title: planName(plan.title, input.path),
    titleLine: plan.titleLine,
    path: input.path,
    status: plan.status,
    statusLabel: statusLabel(plan),
    statusKind: kind,
    statusIcon: STATUS_KIND_ICONS[kind],
    completed: isCompleted(plan, statuses),
    created: headerValue(plan, 'created'),
    planner: headerValue(plan, 'planner'),
    implementer: headerValue(plan, 'implementer'),
    progress: plan.progress,
    percent: percent(plan.progress),
    phases,
    currentPhase: plan.currentPhase,
    nextTask: next ? toTask(next) : undefined,
    unsaved: input.unsaved,
  };
}

function addProgress(a: Progress, b: Progress): Progress {
  return {
    done: a.done + b.done,
    open: a.open + b.open,
    inProgress: a.inProgress + b.inProgress,
    skipped: a.skipped + b.skipped,
    total: a.total + b.total,
  };
}

/**
 * Remembers each plan's `DashboardPlan` by its parsed `Plan` (the index makes a new `Plan` only
 * when the text changes), so a model for 2,000 plans after one edit rebuilds one entry, and an
 * unchanged plan keeps the very same object: `dashboardUpdate` tells changed plans by identity.
 */
export class DashboardPlanCache {
  private readonly entries = new WeakMap<Plan, { key: string; value: DashboardPlan }>();

  get(input: DashboardPlanInput, statuses: readonly string[], statusesKey = statuses.join('\n')): DashboardPlan {
    const key = `${input.uri}\n${input.path}\n${input.unsaved ? 1 : 0}\n${statusesKey}`;
    const hit = this.entries.get(input.plan);
    if (hit?.key === key) return hit.value;
    const value = dashboardPlan(input, statuses);
    this.entries.set(input.plan, { key, value });
    return value;
  }
}

export function buildDashboardModel(inputs: readonly DashboardPlanInput[], options: DashboardModelOptions, cache?: DashboardPlanCache): DashboardModel {
  const statusesKey = options.statuses.join('\n');
  const plans = inputs.map((input) => (cache ? cache.get(input, options.statuses, statusesKey) : dashboardPlan(input, options.statuses)));

  // The tiles: the configured statuses (in their order, spelled as configured, even at 0), then
  // the groups of core's `statusGroup` that hold plans, in its order.
  const groups = new Map<string, { status?: string; statusKind: StatusKind; icon: string; count: number; order: number }>();
  options.statuses.forEach((status, order) => {
    if (groups.has(key(status))) return;
    const kind = statusKind(status, options.statuses);
    groups.set(key(status), { status, statusKind: kind, icon: STATUS_KIND_ICONS[kind], count: 0, order });
  });
  for (const input of inputs) {
    const group = statusGroup(input.plan, options.statuses);
    const tile = groups.get(group.key);
    if (tile) tile.count++;
    else {
      const kind = kindOf(group.category);
      groups.set(group.key, { ...(group.key ? { status: group.label } : {}), statusKind: kind, icon: STATUS_KIND_ICONS[kind], count: 1, order: group.order });
    }
  }
  const byStatus: StatusCount[] = [...groups.values()]
    .sort((a, b) => a.order - b.order || (a.status ?? '').localeCompare(b.status ?? ''))
    .map(({ order: _, ...tile }) => tile);

  const tasks = plans.reduce<Progress>((sum, p) => addProgress(sum, p.progress), { done: 0, open: 0, inProgress: 0, skipped: 0, total: 0 });
  return {
    scanning: options.scanning,
    hasWorkspace: options.hasWorkspace,
    plans,
    summary: {
      plans: plans.length,
      byStatus,
      tasks,
      percent: percent(tasks),
    },
  };
}

/**
 * `next` as a change to `previous`: the plans' order, and the plans that are not the same object
 * as the one with their URI in `previous` (build both with one `DashboardPlanCache`, or every
 * plan counts as changed).
 */
export function dashboardUpdate(previous: DashboardModel, next: DashboardModel): DashboardUpdate {
  const before = new Map(previous.plans.map((p) => [p.uri, p]));
  const sameOrder = previous.plans.length === next.plans.length && next.plans.every((p, i) => previous.plans[i].uri === p.uri);
  return {
    scanning: next.scanning,
    hasWorkspace: next.hasWorkspace,
    ...(sameOrder ? {} : { order: next.plans.map((p) => p.uri) }),
    changed: next.plans.filter((p) => before.get(p.uri) !== p),
    summary: next.summary,
  };
}
