/**
 * Finding a task by what an agent knows about it: its text (as written, or loosely: case,
 * emphasis, code spans, links, trailing punctuation and an ExecPlan step's time ignored), an id the plan gives it (`T001`,
 * `1.2`, `Phase 2`, `Step 3`), or a line together with its text. A query that fits no task, or more
 * than one, is refused with the candidates (line and text), so the caller can pick one.
 */
import { withoutDoneAt } from './text';
import type { Plan, Task } from './types';

/** What the caller knows. `line` is 0-based, like every line in the model. */
export interface TaskQuery {
  /** The task's text, or an id the plan uses for it. */
  readonly text?: string;
  readonly line?: number;
}

export interface TaskCandidate {
  readonly line: number;
  readonly text: string;
}

export type FindTaskResult =
  | {
      readonly ok: true;
      readonly task: Task;
      /** How the task was found: `line` (the line alone), `exact`, `normalized` or `id`. */
      readonly by: 'line' | 'exact' | 'normalized' | 'id';
      /** Set when a line was given and the task has moved from it: a sentence saying so. */
      readonly relocated?: string;
    }
  | { readonly ok: false; readonly why: 'ambiguous' | 'not-found'; readonly reason: string; readonly candidates: readonly TaskCandidate[] };

/** At most this many candidates come back with a refusal. */
export const MAX_CANDIDATES = 10;

/**
 * An id at the start of a task's text: `T001`, `AUTH-12`, `1.2` / `1.2.3`, `3.` (Kiro's top-level
 * `3. Title`), `Phase 2`, `Step 3`, `Milestone 1`, after any emphasis or code-span marks and an
 * ExecPlan step's time (`(2026-03-03) P2 …`). Undefined when the task has none (`3 retries` has none).
 */
export function taskId(text: string): string | undefined {
  const m = /^[*_`~\s]*((?:phase|step|milestone)\s+\d+(?:\.\d+)*|[A-Z]{1,6}-?\d+|\d+(?:\.\d+)+|\d+(?=\.(?:\s|$)))(?=$|[\s:.)\]*_`,—–-])/i.exec(withoutDoneAt(text).text);
  return m ? m[1].replace(/\s+/g, ' ') : undefined;
}

/** Task text compared loosely: lower case, no emphasis, code-span or link marks, no ExecPlan time first, one space, no trailing punctuation. */
export function normalizeTaskText(text: string): string {
  return withoutDoneAt(text)
    .text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,:;!?…]+$/u, '')
    .toLowerCase();
}

function sameId(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  return norm(a) === norm(b);
}

const candidate = (t: Task): TaskCandidate => ({ line: t.line, text: t.text });

function quote(s: string): string {
  return s.length > 60 ? `"${s.slice(0, 57)}…"` : `"${s}"`;
}

/** The tasks `text` names: exact text first, then loose text, then an id. */
function byText(plan: Plan, text: string): { tasks: Task[]; by: 'exact' | 'normalized' | 'id' } {
  const exact = plan.tasks.filter((t) => t.text === text);
  if (exact.length) return { tasks: exact, by: 'exact' };
  const wanted = normalizeTaskText(text);
  const loose = wanted ? plan.tasks.filter((t) => normalizeTaskText(t.text) === wanted) : [];
  if (loose.length) return { tasks: loose, by: 'normalized' };
  // A bare number names a top-level numbered task (`tick plan.md 3` for `- [ ] 3. Title`).
  const id = taskId(text) ?? (/^\s*\d+\s*$/.test(text) ? text.trim() : undefined);
  const byId = id && id.length >= text.trim().replace(/[.:]$/, '').length ? plan.tasks.filter((t) => {
    const own = taskId(t.text);
    return own !== undefined && sameId(own, id);
  }) : [];
  return { tasks: byId, by: 'id' };
}

/** Tasks worth showing when nothing matched: those whose loose text contains the query's, else the open ones. */
function nearby(plan: Plan, text: string | undefined): TaskCandidate[] {
  const wanted = text ? normalizeTaskText(text) : '';
  const containing = wanted ? plan.tasks.filter((t) => normalizeTaskText(t.text).includes(wanted)) : [];
  const list = containing.length ? containing : plan.tasks.filter((t) => t.state === 'open' || t.state === 'inProgress');
  return list.slice(0, MAX_CANDIDATES).map(candidate);
}

function ambiguous(text: string, tasks: readonly Task[]): FindTaskResult {
  return {
    ok: false,
    why: 'ambiguous',
    reason: `${tasks.length} tasks match ${quote(text)}; name one by its line or its full text.`,
    candidates: tasks.slice(0, MAX_CANDIDATES).map(candidate),
  };
}

export function findTask(plan: Plan, query: TaskQuery | string): FindTaskResult {
  const q: TaskQuery = typeof query === 'string' ? { text: query } : query;
  const text = q.text?.trim() ? q.text.trim() : undefined;
  if (q.line === undefined && text === undefined) {
    return { ok: false, why: 'not-found', reason: 'Name the task by its text, its id or its line.', candidates: nearby(plan, undefined) };
  }
  if (q.line !== undefined) {
    const atLine = plan.tasks.find((t) => t.line === q.line);
    if (atLine && text === undefined) return { ok: true, task: atLine, by: 'line' };
    if (atLine && text !== undefined) {
      const { tasks } = byText(plan, text);
      if (tasks.includes(atLine)) return { ok: true, task: atLine, by: 'line' };
    }
    if (text === undefined) {
      return { ok: false, why: 'not-found', reason: `Line ${q.line + 1} holds no task; the plan may have changed.`, candidates: nearby(plan, undefined) };
    }
    const { tasks, by } = byText(plan, text);
    const was = atLine ? `line ${q.line + 1} now holds ${quote(atLine.text)}` : `line ${q.line + 1} holds no task`;
    if (tasks.length === 1) {
      return { ok: true, task: tasks[0], by, relocated: `The task ${quote(tasks[0].text)} moved from line ${q.line + 1} to line ${tasks[0].line + 1} (${was}).` };
    }
    if (tasks.length > 1) return ambiguous(text, tasks);
    return { ok: false, why: 'not-found', reason: `No task matches ${quote(text)} (${was}); the plan may have changed.`, candidates: nearby(plan, text) };
  }
  const { tasks, by } = byText(plan, text!);
  if (tasks.length === 1) return { ok: true, task: tasks[0], by };
  if (tasks.length > 1) return ambiguous(text!, tasks);
  return { ok: false, why: 'not-found', reason: `No task matches ${quote(text!)}.`, candidates: nearby(plan, text) };
}
