import type { Progress, TaskState } from './types';

export function emptyProgress(): Progress {
  return { done: 0, open: 0, inProgress: 0, skipped: 0, total: 0 };
}

/** Whole percent done, 0 when there is nothing to do. */
export function percent(p: Progress): number {
  return p.total === 0 ? 0 : Math.floor((p.done * 100) / p.total);
}

/** Mutable counters used while parsing; frozen into a `Progress` at the end. */
export class Counter {
  done = 0;
  open = 0;
  inProgress = 0;
  skipped = 0;

  add(state: TaskState): void {
    this[state === 'done' ? 'done' : state === 'open' ? 'open' : state === 'inProgress' ? 'inProgress' : 'skipped']++;
  }

  toProgress(): Progress {
    return { done: this.done, open: this.open, inProgress: this.inProgress, skipped: this.skipped, total: this.done + this.open + this.inProgress };
  }
}

/** A state for a group of tasks: done when all countable tasks are done, in progress when any started. */
export function stateOf(p: Progress): TaskState {
  if (p.total === 0) return p.skipped > 0 ? 'skipped' : 'open';
  if (p.done === p.total) return 'done';
  if (p.done > 0 || p.inProgress > 0) return 'inProgress';
  return 'open';
}
