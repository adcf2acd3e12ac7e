/**
 * What to do next and how far along a plan is, in words: the task the "Next:" CodeLens and
 * `Mark Next Task Done` point at, and the Markdown progress summary for PRs and chat.
 */
import { parsePlan } from '../parse';
import { percent } from '../progress';
import type { EditResult, ParseOptions, Phase, Plan, Progress, Task } from '../types';
import { setTasksStateInPlan } from '../fixes';
import { inTracking, isInSection } from './outline';

const isOpen = (t: Task): boolean => t.state === 'open' || t.state === 'inProgress';

/** The first open or in-progress task in section `index` (its subsections included), outside Status Tracking. */
export function nextTaskIn(plan: Plan, index: number): Task | undefined {
  const section = plan.sections[index];
  if (!section) return undefined;
  return plan.tasks.find((t) => isOpen(t) && isInSection(plan, t, section));
}

/** The first open task nested under task `index` (a Kiro phase's sub-tasks). */
function nextSubTask(plan: Plan, index: number): Task | undefined {
  const tasks = plan.tasks;
  const under = (t: Task): boolean => {
    for (let p = t.parent; p >= 0; p = tasks[p].parent) if (p === index) return true;
    return false;
  };
  return tasks.find((t) => t.index > index && isOpen(t) && under(t));
}

/**
 * The task to do next: the first open task under the current phase's section (or, for a phase
 * that is a task with sub-tasks, its first open sub-task); when there is none, the phase's own item; in a plan without
 * phases, the first open task outside Status Tracking, else the first open task.
 */
export function nextTask(plan: Plan): Task | undefined {
  const phase = plan.phases[plan.currentPhase];
  if (phase) {
    const inSection = phase.section >= 0 ? nextTaskIn(plan, phase.section) : phase.trackingTask >= 0 ? nextSubTask(plan, phase.trackingTask) : undefined;
    if (inSection) return inSection;
    if (phase.trackingTask >= 0 && isOpen(plan.tasks[phase.trackingTask])) return plan.tasks[phase.trackingTask];
  }
  const tasks = plan.tasks;
  return tasks.find((t) => isOpen(t) && !(t.section >= 0 && inTracking(plan, t.section))) ?? tasks.find(isOpen);
}

/** Marks `nextTask` done. Refuses when every task is done. */
export function markNextTaskDoneEdit(text: string, options: ParseOptions = {}): { result: EditResult; task?: Task } {
  const plan = parsePlan(text, options);
  const task = nextTask(plan);
  if (!task) return { result: { ok: false, reason: 'Every task in this plan is done.' } };
  return { result: setTasksStateInPlan(plan, text, [task.line], 'done', options), task };
}

function counts(p: Progress): string {
  return `${p.done}/${p.total}`;
}

function phaseLine(plan: Plan, phase: Phase, index: number): string {
  const done = phase.state === 'done';
  const mark = done ? 'x' : phase.state === 'skipped' ? '~' : ' ';
  const parts: string[] = [];
  if (phase.progress.total > 0) parts.push(`${counts(phase.progress)} tasks`);
  if (phase.state === 'inProgress') parts.push('in progress');
  if (phase.state === 'skipped') parts.push('skipped');
  if (index === plan.currentPhase) parts.push('**current**');
  return `- [${mark}] ${phase.label}${parts.length ? ` — ${parts.join(', ')}` : ''}`;
}

/**
 * A Markdown summary of a plan's phases: title, status, overall progress, one task-list line per
 * phase (GitHub renders them as checkboxes in PRs and issues), and the next task.
 */
export function progressSummary(plan: Plan, options: { readonly name?: string } = {}): string {
  const title = plan.title || options.name || 'Plan';
  const lines: string[] = [];
  lines.push(`**${title}** — ${plan.status ?? 'no status'} · ${counts(plan.progress)} tasks done (${percent(plan.progress)}%)`);
  if (plan.phases.length) {
    lines.push('');
    plan.phases.forEach((phase, i) => lines.push(phaseLine(plan, phase, i)));
  }
  const next = nextTask(plan);
  lines.push('');
  lines.push(next ? `Next: ${next.text}` : 'All tasks are done.');
  return `${lines.join('\n')}\n`;
}
