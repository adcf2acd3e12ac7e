/**
 * The status bar's one-line summary of a plan (pure, no `vscode`, unit-tested):
 *
 *   `$(checklist) Phase 2/5 · Module Implementation · 40%`
 *
 * - `2/5`: the position of the current phase (the first one not done, `plan.currentPhase`) among
 *   all of the plan's phases (`plan.phases`: the Status Tracking items, then roadmap phases that
 *   have no tracking item), counted from 1;
 * - `Module Implementation`: that phase's name (its label without the `Phase N:` prefix);
 * - `40%`: the whole plan's percent done (every task; skipped tasks left out).
 *
 * With no current phase (every phase with something to count is done or skipped), how many
 * phases are: `$(checklist) 5/5 phases done · 100%`, or `0/2 phases done · 0%` for phases of prose
 * over a checklist of their own. A plan without phases: `$(checklist) 7/12 tasks · 58%`.
 */
import { finishedPhases, percent, type Plan } from '../../core';
import { escapeIcons } from '../codicons';

/** Long phase names are shortened so the status bar stays one short item. */
export const MAX_NAME_LENGTH = 40;

export interface PhaseSummary {
  readonly text: string;
  /** Index into `plan.phases` of the current phase, -1 when none. */
  readonly phase: number;
  readonly percent: number;
}

export interface PhaseSummaryWords {
  phase(position: number, count: number, name: string, percent: number): string;
  phasesDone(done: number, count: number, percent: number): string;
  tasks(done: number, total: number, percent: number): string;
}

export const ENGLISH: PhaseSummaryWords = {
  phase: (position, count, name, pct) => `Phase ${position}/${count} · ${name} · ${pct}%`,
  phasesDone: (done, count, pct) => `${done}/${count} phases done · ${pct}%`,
  tasks: (done, total, pct) => `${done}/${total} tasks · ${pct}%`,
};

export function phaseSummary(plan: Plan, words: PhaseSummaryWords = ENGLISH): PhaseSummary {
  const pct = percent(plan.progress);
  const count = plan.phases.length;
  let body: string;
  if (count === 0) body = words.tasks(plan.progress.done, plan.progress.total, pct);
  else if (plan.currentPhase < 0) body = words.phasesDone(finishedPhases(plan), count, pct);
  else body = words.phase(plan.currentPhase + 1, count, shorten(plan.phases[plan.currentPhase].name, MAX_NAME_LENGTH), pct);
  return { text: `$(checklist) ${escapeIcons(body)}`, phase: plan.currentPhase, percent: pct };
}

function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
