/**
 * An ExecPlan's own conventions for its `## Progress` steps (OpenAI's `PLANS.md` for Codex), in one
 * place: a step done carries the time it was done before its text (`- [x] (2025-10-01 13:00Z)
 * Step.`), and a step stopped halfway says so in a note (`- [ ] Step (completed: X; remaining: Y)`).
 * The parser reads the note (a step in progress); the one edit that sets a task's state writes the
 * time when it ticks a step and takes it out when it reopens one.
 */
import { EXECPLAN_PROGRESS } from './kinds';
import { lineAt, lineStarts, plainText, withoutDoneAt } from './text';
import type { Plan, Task, TextEdit } from './types';

/**
 * The note of a step done in part, as the ExecPlan guide splits one at a stopping point: `(completed:
 * X; remaining: Y)`, `(done: …, remaining: …)`, `(partially completed: …; remaining: …)`.
 */
const PARTLY_DONE = /\((?:partially\s+|partly\s+)?(?:completed?|done)\s*:[^()]*?[;,]\s*remaining\s*:/i;

/** Whether an open step's text says it is done in part (`PARTLY_DONE`): it is in progress. */
export function isPartlyDone(text: string): boolean {
  return text.includes('emaining') && PARTLY_DONE.test(text);
}

/** The `## Progress` section of an ExecPlan, or undefined (another kind of plan, or none). */
function progressSection(plan: Plan): Plan['sections'][number] | undefined {
  if (plan.kind !== 'execplan') return undefined;
  return plan.sections.find((s) => s.level <= 3 && EXECPLAN_PROGRESS.test(plainText(s.text)));
}

/** Whether `task` is a step of an ExecPlan's `## Progress` checklist (at any depth). */
export function isProgressStep(plan: Plan, task: Task): boolean {
  const progress = progressSection(plan);
  return progress !== undefined && task.line > progress.line && task.line < progress.endLine;
}

/** A step's time as the ExecPlan guide writes it: the UTC date and minute, `2025-10-01 13:00Z`. */
export function stepTime(now: Date): string {
  return `${now.toISOString().slice(0, 10)} ${now.toISOString().slice(11, 16)}Z`;
}

/**
 * The edit that sets an ExecPlan step's box to `mark` and keeps its time right: ticked (`done`),
 * the time is written in after the box when the step has none; reopened, a time it has is taken
 * out (it said when the step was done). `time`: as `stepTime` writes it. Undefined for any other
 * task, or when the time is right as it is: the caller's plain mark edit does.
 */
export function stepTimeEdit(text: string, plan: Plan, task: Task, done: boolean, mark: string, time: string): TextEdit | undefined {
  if (!isProgressStep(plan, task)) return undefined;
  const { at } = withoutDoneAt(task.text);
  if (done === (at !== undefined)) return undefined;
  const line = lineAt(text, lineStarts(text), task.line) ?? '';
  const from = { line: task.line, character: task.column + 1 };
  if (done) {
    // After a box followed by a space only: not into an optional task's `[ ]*`.
    if (!/^\s/.test(line.slice(task.column + 3))) return undefined;
    return { range: { start: from, end: { line: task.line, character: task.column + 3 } }, newText: `${mark}] (${time})` };
  }
  // The time as written on the line: after the box, with the space before the text.
  const written = /^\s*\([^()\n]*\)\s*/.exec(line.slice(task.column + 3));
  if (!written) return undefined;
  return { range: { start: from, end: { line: task.line, character: task.column + 3 + written[0].length } }, newText: `${mark}] ` };
}
