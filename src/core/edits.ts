/**
 * Edits as pure functions: each takes the document's current text and returns the smallest
 * text edits that do the job, or a refusal with a reason a person understands. Each re-reads the
 * text it is given, so an edit computed from a stale model is refused rather than misapplied.
 */
import { legendMarks, parsePlan } from './parse';
import { isInSection } from './rules/outline';
import { isStatusKey } from './status';
import { formatDate } from './template';
import { isPartlyDone, stepTime, stepTimeEdit } from './execPlan';
import { todoStatusEdit } from './todos';
import { lineAt, lineStarts } from './text';
import { DEFAULT_MARKS, TASK_STATE_WORDS, type EditResult, type ParseOptions, type Plan, type Task, type TaskState, type TextEdit } from './types';

/** What the caller knew about a task when it decided to edit it. */
export interface TaskRef {
  readonly line: number;
  /** Column of the `[`; when given it must still match. */
  readonly column?: number;
  /** The mark character as last seen; when given it must still match. */
  readonly mark?: string;
  /** The task text as last seen; when given it must still match. */
  readonly text?: string;
}

const refuse = (reason: string): EditResult => ({ ok: false, reason });
const ok = (edits: TextEdit[]): EditResult => ({ ok: true, edits });

function quote(s: string): string {
  return s.length > 60 ? `"${s.slice(0, 57)}…"` : `"${s}"`;
}

/** The mark to write for a state: the plan's own done mark (x or X) when it has one. */
export function markFor(state: TaskState, plan: Plan, marks: Readonly<Record<string, TaskState>>): string | undefined {
  if (state === 'done') {
    let lower = 0;
    let upper = 0;
    for (const t of plan.tasks) {
      if (t.mark === 'x') lower++;
      else if (t.mark === 'X') upper++;
    }
    const preferred = upper > lower ? 'X' : 'x';
    if (marks[preferred] === 'done') return preferred;
  }
  if (state === 'open' && marks[' '] === 'open') return ' ';
  return Object.keys(marks).find((m) => marks[m] === state);
}

export interface TaskStateEditOptions extends ParseOptions {
  /**
   * What shows the work is done (a command run, a commit, a test): written as the task's
   * `- Evidence: <text> (<date>)` child item, replacing the one it has. Blank: left as it is.
   */
  readonly evidence?: string;
  /** The evidence's date, YYYY-MM-DD. Default: today. */
  readonly date?: string;
  /**
   * An ExecPlan step ticked: the time written before its text, as it is to read
   * (`2025-10-01 13:00Z`, core/execPlan.ts), or false for none (a tick replayed as another
   * program wrote it). Default: now, to the minute, in UTC.
   */
  readonly doneAt?: string | false;
}

/**
 * Sets the state of the task at `task.line`, refusing if that line no longer holds that task;
 * with `options.evidence`, also writes the task's evidence item.
 */
export function setTaskStateEdit(text: string, task: TaskRef, state: TaskState, options: TaskStateEditOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const marked = setTaskStateInPlan(plan, text, task, state, withLegend(text, options));
  const evidence = options.evidence?.replace(/\s+/g, ' ').trim();
  if (!marked.ok || !evidence) return marked;
  const current = locateTask(plan, task) as Task; // found: the mark edit succeeded
  if (current.line < plan.bodyStartLine) {
    return refuse(`"${current.text}" is a todo in the plan's front matter (a Cursor plan), where there is no room for evidence; set its state without evidence, and add a note for what shows it is done.`);
  }
  return ok([...marked.edits, evidenceEdit(text, plan, current, `${evidence} (${options.date ?? formatDate(new Date())})`)]);
}

/** A continuation line of a list item's first paragraph: not blank, not a new item, heading, fence or quote. */
const STARTS_BLOCK = /^\s*(?:$|(?:>\s*)*(?:[-*+]|\d{1,9}[.)])(?:\s|$)|#{1,6}(?:\s|$)|```|~~~)/;

/** Writes `- Evidence: <evidence>` as the task's child item: replacing its evidence item, or right under its first paragraph. */
function evidenceEdit(text: string, plan: Plan, task: Task, evidence: string): TextEdit {
  const starts = lineStarts(text);
  const taskLine = lineAt(text, starts, task.line) ?? '';
  // The child's indent reaches the task text's column; block quote marks stay.
  const indent = taskLine.slice(0, task.column).replace(/[^>\t]/g, ' ');
  const item = `${indent}- Evidence: ${evidence}`;
  const paragraphEnd = (from: number): number => {
    let last = from;
    while (last + 1 < plan.lineCount && !STARTS_BLOCK.test(lineAt(text, starts, last + 1) ?? '')) last++;
    return last;
  };
  if (task.evidenceLine !== undefined) {
    const end = paragraphEnd(task.evidenceLine);
    const endText = lineAt(text, starts, end) ?? '';
    return { range: { start: { line: task.evidenceLine, character: 0 }, end: { line: end, character: endText.length } }, newText: item };
  }
  const last = paragraphEnd(task.line);
  const at = { line: last, character: (lineAt(text, starts, last) ?? '').length };
  return { range: { start: at, end: at }, newText: `${plan.eol}${item}` };
}

/** Toggles a task: done → open, anything else → done. */
export function toggleTaskEdit(text: string, task: TaskRef, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const current = locateTask(plan, task);
  if (typeof current === 'string') return refuse(current);
  return setTaskStateInPlan(plan, text, task, current.state === 'done' ? 'open' : 'done', withLegend(text, options));
}

/** `options` with the marks `text` is read in (`legendMarks`): a mark is written as the plan reads it. */
export function withLegend<O extends ParseOptions>(text: string, options: O): O {
  const marks = options.marks ?? DEFAULT_MARKS;
  const read = legendMarks(text, marks);
  return read === marks ? options : { ...options, marks: read };
}

/**
 * The task `ref` names in `plan`, or why there is none. A task is found on its line; when that
 * line no longer holds it and its text is known, it is re-located by its text (lines were
 * inserted or removed above it since it was read), provided exactly one task has that text.
 */
export function locateTask(plan: Plan, ref: TaskRef): Task | string {
  const line = ref.line + 1;
  const atLine = plan.tasks.find((t) => t.line === ref.line);
  if (atLine && (ref.text === undefined || atLine.text === ref.text)) {
    if ((ref.mark !== undefined && atLine.mark !== ref.mark) || (ref.column !== undefined && atLine.column !== ref.column)) {
      return `The task on line ${line} changed (its mark is now "[${atLine.mark}]"); the plan changed since it was read. Refresh and try again.`;
    }
    return atLine;
  }
  if (ref.text !== undefined) {
    const sameText = plan.tasks.filter((t) => t.text === ref.text);
    if (sameText.length === 1) {
      const moved = sameText[0];
      if (ref.mark !== undefined && moved.mark !== ref.mark) {
        return `The task ${quote(ref.text)} (now on line ${moved.line + 1}) changed (its mark is now "[${moved.mark}]"); the plan changed since it was read. Refresh and try again.`;
      }
      return moved;
    }
    if (sameText.length > 1) {
      return `Line ${line} no longer holds the task ${quote(ref.text)}, and ${sameText.length} tasks now read so; the plan changed since it was read. Refresh and try again.`;
    }
  }
  if (ref.line < 0 || ref.line >= plan.lineCount) {
    return `Line ${line} is past the end of the document (it has ${plan.lineCount} lines); the plan changed since it was read.`;
  }
  if (atLine && ref.text !== undefined) {
    return `The task on line ${line} is now ${quote(atLine.text)}, not ${quote(ref.text)}; the plan changed since it was read. Refresh and try again.`;
  }
  return `Line ${line} no longer holds a task; the plan changed since it was read. Refresh and try again.`;
}

function setTaskStateInPlan(plan: Plan, text: string, task: TaskRef, state: TaskState, options: TaskStateEditOptions): EditResult {
  const marks = options.marks ?? DEFAULT_MARKS;
  const current = locateTask(plan, task);
  if (typeof current === 'string') return refuse(current);
  if (current.state === state) return ok([]);
  const mark = markFor(state, plan, marks);
  if (mark === undefined) return refuse(`No task mark is configured for the state "${state}"${marks['~'] === 'inProgress' && state === 'skipped' ? ' (this plan’s legend makes [~] in progress)' : ''}.`);
  if (mark === current.mark && current.line >= plan.bodyStartLine) {
    // The box says `state` already; the text says otherwise, and only the text can change that.
    const why = isPartlyDone(current.text)
      ? 'its "(completed: …; remaining: …)" note says it is done in part'
      : current.text.startsWith('~~')
        ? 'it is struck through'
        : 'it is an optional task ("[ ]*")';
    return refuse(`The box of ${quote(current.text)} is already [${mark}], and the task reads ${TASK_STATE_WORDS[current.state]} because ${why}. Edit its text to change that.`);
  }
  return ok([taskStateEdit(text, plan, current, state, mark, options.doneAt)]);
}

/**
 * The edit that sets one task's state, for every path that does (a toggle, a quick fix, an agent's
 * call): its mark replaced by `mark`, or, for a todo of the front matter (a Cursor plan's), its
 * status word rewritten. An ExecPlan's Progress step ticked gets its time written in (`doneAt`,
 * default now), and one reopened loses it (core/execPlan.ts). `text`: the plan's text.
 */
export function taskStateEdit(text: string, plan: Plan, task: Task, state: TaskState, mark: string, doneAt?: string | false): TextEdit {
  if (task.line < plan.bodyStartLine) return todoStatusEdit(task, state);
  const timed = doneAt === false ? undefined : stepTimeEdit(text, plan, task, state === 'done', mark, doneAt ?? stepTime(new Date()));
  if (timed) return timed;
  const at = task.column + 1;
  return { range: { start: { line: task.line, character: at }, end: { line: task.line, character: at + 1 } }, newText: mark };
}

/** Sets the `**Status:**` header value, inserting the field when the plan has none. */
export function setStatusEdit(text: string, status: string, options: ParseOptions = {}): EditResult {
  const value = status.trim();
  if (!value || /[\r\n]/.test(value)) return refuse('A status is one line of text.');
  const plan = parsePlan(text, options);
  const field = plan.fields.find((f) => isStatusKey(f.key));
  if (field) {
    if (field.value === value) return ok([]);
    return ok([{ range: { start: { line: field.line, character: field.valueStart }, end: { line: field.line, character: field.valueEnd } }, newText: value }]);
  }
  const starts = lineStarts(text);
  if (plan.frontMatter && typeof plan.frontMatter.status === 'string') {
    for (let line = 1; line < plan.bodyStartLine - 1; line++) {
      const l = lineAt(text, starts, line) ?? '';
      const m = /^(status\s*:\s*)(.*?)\s*$/i.exec(l);
      if (m) {
        const yamlValue = /^[\w][\w .\-/]*$/.test(value) ? value : JSON.stringify(value);
        return ok([{ range: { start: { line, character: m[1].length }, end: { line, character: m[1].length + m[2].length } }, newText: yamlValue }]);
      }
    }
  }
  const eol = plan.eol;
  const newField = `**Status:** ${value}`;
  const lastField = plan.fields[plan.fields.length - 1];
  if (lastField) {
    const end = (lineAt(text, starts, lastField.line) ?? '').length;
    return ok([{ range: { start: { line: lastField.line, character: end }, end: { line: lastField.line, character: end } }, newText: `${eol}${newField}` }]);
  }
  if (plan.titleLine >= 0) {
    const end = (lineAt(text, starts, plan.titleLine) ?? '').length;
    return ok([{ range: { start: { line: plan.titleLine, character: end }, end: { line: plan.titleLine, character: end } }, newText: `${eol}${eol}${newField}` }]);
  }
  const at = { line: plan.bodyStartLine, character: 0 };
  return ok([{ range: { start: at, end: at }, newText: `${newField}${eol}${eol}` }]);
}

export interface MarkPhaseDoneOptions extends ParseOptions {
  /** Also tick every open task under the phase's section (always done when the phase has no tracking item). */
  readonly includeTasks?: boolean;
}

/** Marks a phase done: its Status Tracking item, and with `includeTasks` the tasks under it. */
export function markPhaseDoneEdit(text: string, phase: number | string, options: MarkPhaseDoneOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const index =
    typeof phase === 'number'
      ? phase
      : plan.phases.findIndex((p) => p.label === phase || p.name === phase || (p.number !== undefined && `${p.kind} ${p.number}` === phase.toLowerCase()));
  const target = plan.phases[index];
  if (!target) return refuse(`This plan has no phase ${typeof phase === 'number' ? `#${phase + 1}` : quote(phase)}.`);
  const edits: TextEdit[] = [];
  const lines = new Set<number>();
  const tick = (taskIndex: number): EditResult | undefined => {
    const t = plan.tasks[taskIndex];
    if (t.state === 'done' || t.state === 'skipped' || lines.has(t.line)) return undefined;
    lines.add(t.line);
    const r = setTaskStateInPlan(plan, text, t, 'done', options);
    if (!r.ok) return r;
    edits.push(...r.edits);
    return undefined;
  };
  if (target.trackingTask >= 0) {
    const failed = tick(target.trackingTask);
    if (failed) return failed;
  }
  if ((options.includeTasks || target.trackingTask < 0) && target.section >= 0) {
    const section = plan.sections[target.section];
    for (const t of plan.tasks) {
      if (!isInSection(plan, t, section)) continue;
      const failed = tick(t.index);
      if (failed) return failed;
    }
  }
  return ok(edits);
}

const NOTES = /^\s*(?:[-*+]\s+)?\*\*Notes(?::\*\*|\*\*:?)\s*$/i;

/**
 * Appends `- DATE: note` under the plan's `**Notes:**` line (the last one, preferring the one in
 * Status Tracking), creating the block at the end of Status Tracking (or of the document) if missing.
 */
export function appendNoteEdit(text: string, note: string, date: string, options: ParseOptions = {}): EditResult {
  const trimmed = note.trim();
  if (!trimmed) return refuse('The note is empty.');
  const plan = parsePlan(text, options);
  const starts = lineStarts(text);
  const eol = plan.eol;
  const entry = `- ${date}: ${trimmed.split(/\r\n|\r|\n/).map((l, i) => (i ? `  ${l.trim()}` : l)).join(eol)}`;
  const headingLines = new Set(plan.sections.map((s) => s.line));
  const tracking = plan.trackingSection >= 0 ? plan.sections[plan.trackingSection] : undefined;

  let notesLine = -1;
  for (let line = 0; line < plan.lineCount; line++) {
    if (!NOTES.test(lineAt(text, starts, line) ?? '')) continue;
    if (notesLine < 0 || !tracking || (line >= tracking.line && line < tracking.endLine)) notesLine = line;
  }
  if (notesLine >= 0) {
    let last = notesLine;
    for (let line = notesLine + 1; line < plan.lineCount; line++) {
      const l = lineAt(text, starts, line) ?? '';
      if (headingLines.has(line) || /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/.test(l)) break;
      if (l.trim()) last = line;
    }
    const end = (lineAt(text, starts, last) ?? '').length;
    return ok([{ range: { start: { line: last, character: end }, end: { line: last, character: end } }, newText: `${eol}${entry}` }]);
  }

  const block = `**Notes:**${eol}${entry}`;
  if (tracking && tracking.endLine < plan.lineCount) {
    const at = { line: tracking.endLine, character: 0 };
    return ok([{ range: { start: at, end: at }, newText: `${block}${eol}${eol}` }]);
  }
  const lastLine = plan.lineCount - 1;
  const lastText = lineAt(text, starts, lastLine) ?? '';
  const end = { line: lastLine, character: lastText.length };
  const prefix = text.length === 0 ? '' : lastText.trim() ? `${eol}${eol}` : lastLine > 0 && (lineAt(text, starts, lastLine - 1) ?? '').trim() ? eol : '';
  return ok([{ range: { start: end, end }, newText: `${prefix}${block}${eol}` }]);
}
