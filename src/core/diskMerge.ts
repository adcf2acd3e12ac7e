/**
 * A plan open with unsaved changes whose file another program (a coding agent) changed on disk:
 * can the disk-side change be carried into the unsaved text without losing either side?
 *
 * `classifyDiskChange(oldDisk, newDisk)` answers from the two disk texts alone. The change is
 * *replayable* when it is made only of what the plan tools do — task marks, `**Status:**`, dated
 * notes under **Notes:**, evidence items under tasks — and that is checked, not guessed: the steps
 * read off the two parses are replayed on the old text with the core's own edits, and must give
 * the new text exactly. Anything else (a task added, removed or reworded, a paragraph edited) is
 * `other`, and the caller shows both sides instead.
 *
 * `replayDiskChange(steps, buffer)` then applies those steps to the unsaved text, each through the
 * same core edit a tool would use, and returns the whole change as one edit (one undo step). A step
 * that no longer fits the buffer (the person deleted or reworded that task) refuses the replay.
 */
import { appendNoteEdit, setStatusEdit, setTaskStateEdit } from './edits';
import { normalizeTaskText } from './findTask';
import { parsePlan } from './parse';
import { applyEdits, lineStarts, withoutDoneAt } from './text';
import type { EditResult, ParseOptions, TaskState, TextEdit } from './types';

export type DiskChangeStep =
  /** A task's mark (and, when `evidence` is set, its evidence item; for an ExecPlan step ticked, `doneAt`: the time written in, or false for none). */
  | { readonly kind: 'task'; readonly line: number; readonly text: string; readonly state: TaskState; readonly evidence?: string; readonly date?: string; readonly doneAt?: string | false }
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'note'; readonly date: string; readonly note: string };

export type DiskChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'replayable'; readonly steps: readonly DiskChangeStep[] }
  | { readonly kind: 'other'; readonly reason: string };

const NOTE_LINE = /^[-*+] (\d{4}-\d{2}-\d{2}): (.+)$/;
const DATED_EVIDENCE = /^([\s\S]*\S) \((\d{4}-\d{2}-\d{2})\)$/;

const OTHER = 'the file changed in more than task marks, the status, notes and evidence';

/** What changed between two versions of a plan file on disk, as steps the plan tools would take (see the module comment). */
export function classifyDiskChange(oldDisk: string, newDisk: string, options: ParseOptions = {}): DiskChange {
  if (oldDisk === newDisk) return { kind: 'none' };
  const before = parsePlan(oldDisk, options);
  const after = parsePlan(newDisk, options);
  if (before.tasks.length !== after.tasks.length) {
    return { kind: 'other', reason: `tasks were ${after.tasks.length > before.tasks.length ? 'added' : 'removed'} (${before.tasks.length} → ${after.tasks.length})` };
  }
  const steps: DiskChangeStep[] = [];
  for (let i = 0; i < before.tasks.length; i++) {
    const a = before.tasks[i];
    const b = after.tasks[i];
    if (normalizeTaskText(a.text) !== normalizeTaskText(b.text)) return { kind: 'other', reason: `a task was reworded (line ${a.line + 1})` };
    if (b.evidence !== a.evidence && b.evidence === undefined) return { kind: 'other', reason: `a task's evidence was removed (line ${a.line + 1})` };
    const evidence = b.evidence !== a.evidence && b.evidence !== undefined ? DATED_EVIDENCE.exec(b.evidence) : undefined;
    if (b.evidence !== a.evidence && !evidence) return { kind: 'other', reason: `a task's evidence has no date (line ${b.line + 1})` };
    if (a.state !== b.state || evidence) {
      // A step ticked as the other side wrote it: with its time or without one.
      const doneAt = b.state === 'done' && a.state !== 'done' ? (withoutDoneAt(b.text).at ?? false) : undefined;
      steps.push({ kind: 'task', line: a.line, text: a.text, state: b.state, ...(evidence ? { evidence: evidence[1], date: evidence[2] } : {}), ...(doneAt !== undefined ? { doneAt } : {}) });
    }
  }
  if (before.status !== after.status) {
    if (after.status === undefined) return { kind: 'other', reason: 'the status was removed' };
    steps.push({ kind: 'status', status: after.status });
  }
  steps.push(...addedNotes(oldDisk, newDisk));
  // The proof: the steps, replayed on the old text, make the new text.
  const replayed = replayDiskChange(steps, oldDisk, options);
  if (!replayed.ok || applyEdits(oldDisk, replayed.edits) !== newDisk) return { kind: 'other', reason: OTHER };
  return steps.length === 0 ? { kind: 'none' } : { kind: 'replayable', steps };
}

/** Dated note lines the new text has more of than the old, in their order. */
function addedNotes(oldDisk: string, newDisk: string): DiskChangeStep[] {
  const count = new Map<string, number>();
  for (const line of oldDisk.split(/\r\n|\r|\n/)) if (NOTE_LINE.test(line)) count.set(line, (count.get(line) ?? 0) + 1);
  const notes: DiskChangeStep[] = [];
  for (const line of newDisk.split(/\r\n|\r|\n/)) {
    const m = NOTE_LINE.exec(line);
    if (!m) continue;
    const left = count.get(line) ?? 0;
    if (left > 0) count.set(line, left - 1);
    else notes.push({ kind: 'note', date: m[1], note: m[2] });
  }
  return notes;
}

/**
 * Applies `steps` to `text` (the unsaved buffer), each with the core edit a plan tool would use,
 * and returns the result as one edit, or the first step's refusal.
 */
export function replayDiskChange(steps: readonly DiskChangeStep[], text: string, options: ParseOptions = {}): EditResult {
  let current = text;
  for (const step of steps) {
    const result = stepEdit(step, current, options);
    if (!result.ok) return result;
    current = applyEdits(current, result.edits);
  }
  return { ok: true, edits: current === text ? [] : [textChangeEdit(text, current)] };
}

function stepEdit(step: DiskChangeStep, text: string, options: ParseOptions): EditResult {
  switch (step.kind) {
    case 'task':
      return setTaskStateEdit(text, { line: step.line, text: step.text }, step.state, { ...options, evidence: step.evidence, date: step.date, doneAt: step.doneAt });
    case 'status':
      return setStatusEdit(text, step.status, options);
    case 'note':
      return appendNoteEdit(text, step.note, step.date, options);
  }
}

/** One edit that turns `from` into `to`: the span between their common start and common end. */
export function textChangeEdit(from: string, to: string): TextEdit {
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  // Never split a CRLF pair: an edit boundary between \r and \n would not map to a position.
  if (start > 0 && from[start - 1] === '\r' && from[start] === '\n') start--;
  if (end > 0 && from[from.length - end - 1] === '\r' && from[from.length - end] === '\n') end--;
  const starts = lineStarts(from);
  const position = (offset: number): { line: number; character: number } => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
  return { range: { start: position(start), end: position(from.length - end) }, newText: to.slice(start, to.length - end) };
}

/** A few words on what the steps do ("2 task marks, a note"), for the prompt. */
export function describeDiskChange(steps: readonly DiskChangeStep[]): string {
  const tasks = steps.filter((s) => s.kind === 'task').length;
  const evidence = steps.filter((s) => s.kind === 'task' && s.evidence !== undefined).length;
  const notes = steps.filter((s) => s.kind === 'note').length;
  const parts: string[] = [];
  if (tasks) parts.push(tasks === 1 ? '1 task' : `${tasks} tasks`);
  if (evidence) parts.push(evidence === 1 ? '1 evidence item' : `${evidence} evidence items`);
  if (steps.some((s) => s.kind === 'status')) parts.push('the status');
  if (notes) parts.push(notes === 1 ? '1 note' : `${notes} notes`);
  return parts.join(', ');
}
