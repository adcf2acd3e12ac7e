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
 * A numbered phase whose number is not its position (`Phase 4.1` inserted, `Phase 0`, a GSD
 * roadmap's `Phase 5` as the seventh phase) is named by its own number, which is what the file
 * calls it: `$(checklist) Phase 4.1 · Pairing Hotfix · 60%`.
 *
 * With no current phase (every phase with something to count is done or skipped), how many
 * phases are: `$(checklist) 5/5 phases done · 100%`, or `0/2 phases done · 0%` for phases of prose
 * over a checklist of their own. A plan without phases: `$(checklist) 7/12 tasks · 58%`.
 */
import { finishedPhases, numberedLabel, percent, type Phase, type Plan } from '../../core';
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
  /** A phase by its own number (`4.1`, `0`), when that is not its position. */
  numberedPhase(number: string, name: string, percent: number): string;
  phasesDone(done: number, count: number, percent: number): string;
  tasks(done: number, total: number, percent: number): string;
}

export const ENGLISH: PhaseSummaryWords = {
  phase: (position, count, name, pct) => `Phase ${position}/${count} · ${name} · ${pct}%`,
  numberedPhase: (number, name, pct) => `Phase ${number} · ${name} · ${pct}%`,
  phasesDone: (done, count, pct) => `${done}/${count} phases done · ${pct}%`,
  tasks: (done, total, pct) => `${done}/${total} tasks · ${pct}%`,
};

export function phaseSummary(plan: Plan, words: PhaseSummaryWords = ENGLISH): PhaseSummary {
  const pct = percent(plan.progress);
  const count = plan.phases.length;
  let body: string;
  if (count === 0) body = words.tasks(plan.progress.done, plan.progress.total, pct);
  else if (plan.currentPhase < 0) body = words.phasesDone(finishedPhases(plan), count, pct);
  else {
    const phase = plan.phases[plan.currentPhase];
    const name = shorten(phase.name, MAX_NAME_LENGTH);
    const own = ownNumber(phase);
    body = own !== undefined && own !== String(plan.currentPhase + 1) ? words.numberedPhase(own, name, pct) : words.phase(plan.currentPhase + 1, count, name, pct);
  }
  return { text: `$(checklist) ${escapeIcons(body)}`, phase: plan.currentPhase, percent: pct };
}

/** The number a phase goes by in its file (`4.1` of `Phase 4.1: …`, `3` of Kiro's `3. …`); undefined for a milestone or a step. */
function ownNumber(phase: Phase): string | undefined {
  if (phase.kind !== 'phase' || phase.number === undefined) return undefined;
  const n = numberedLabel(phase.label);
  return n ? `${n.number}${n.sub}` : String(phase.number);
}

function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
