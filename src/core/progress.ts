import type { Progress, TaskState } from './types';

export function emptyProgress(): Progress {
  return progressOf(0, 0, 0, 0);
}

/** Whether a task or phase in this state needs nothing more: done, or skipped. */
export function isFinished(state: TaskState): boolean {
  return state === 'done' || state === 'skipped';
}

/** How many of the plan's phases are finished (`isFinished`): what "3/5 phases done" counts. */
export function finishedPhases(plan: { readonly phases: readonly { readonly state: TaskState }[] }): number {
  let n = 0;
  for (const p of plan.phases) if (isFinished(p.state)) n++;
  return n;
}

/** Whole percent done, 0 when there is nothing to do. */
export function percent(p: Progress): number {
  return p.total === 0 ? 0 : Math.floor((p.done * 100) / p.total);
}

/**
 * Progress values are immutable, and most are small and repeated (0/0, 1/3, 4/4…), so those with
 * every count under 64 are shared: an index of thousands of plans holds a few hundred of them.
 */
const shared = new Map<number, Progress>();

export function progressOf(done: number, open: number, inProgress: number, skipped: number): Progress {
  const small = (done | open | inProgress | skipped) < 64;
  const key = small ? (done << 18) | (open << 12) | (inProgress << 6) | skipped : -1;
  const hit = small ? shared.get(key) : undefined;
  if (hit) return hit;
  const progress: Progress = Object.freeze({ done, open, inProgress, skipped, total: done + open + inProgress });
  if (small) shared.set(key, progress);
  return progress;
}

/** Mutable counters used while parsing; frozen into a `Progress` at the end. */
export class Counter {
  done = 0;
  open = 0;
  inProgress = 0;
  skipped = 0;

  add(state: TaskState): void {
    // A store to a named field each (a computed key is a keyed store: several times slower, and
    // this runs for every task and each of its sections).
    if (state === 'done') this.done++;
    else if (state === 'open') this.open++;
    else if (state === 'inProgress') this.inProgress++;
    else this.skipped++;
  }

  toProgress(): Progress {
    return progressOf(this.done, this.open, this.inProgress, this.skipped);
  }
}

/** A state for a group of tasks: done when all countable tasks are done, in progress when any started. */
export function stateOf(p: Progress): TaskState {
  if (p.total === 0) return p.skipped > 0 ? 'skipped' : 'open';
  if (p.done === p.total) return 'done';
  if (p.done > 0 || p.inProgress > 0) return 'inProgress';
  return 'open';
}
