/**
 * Quick-fix edits for the plan health rules. Like the other core edits, each takes the
 * document's current text and returns the smallest edits, or a refusal with a reason.
 */
import { doneStatusLines, parsePlan } from './parse';
import { markFor, taskStateEdit, withLegend } from './edits';
import { hasDoneMarker, withoutDoneMarker } from './kinds';
import { DEFAULT_MARKS, DEFAULT_STATUSES, type EditResult, type HeaderField, type ParseOptions, type Phase, type Plan, type TaskState, type TextEdit } from './types';
import { isInSection, isTaskPhase, Lines, numberedHeadings, trackingItems, type LineRange } from './rules/outline';
import { openSubTasks } from './rules/structure';

const refuse = (reason: string): EditResult => ({ ok: false, reason });
const ok = (edits: TextEdit[]): EditResult => ({ ok: true, edits });
const insertAt = (line: number, character: number, newText: string): TextEdit => ({ range: { start: { line, character }, end: { line, character } }, newText });

/**
 * The status the boxes say, from the configured statuses (first = planning, last = completed):
 * every task done → the last; nothing done or in progress → the first; otherwise the second
 * (the template's "Implementation In Progress").
 */
export function statusFromBoxes(plan: Plan, statuses: readonly string[] = DEFAULT_STATUSES): string {
  const list = statuses.length ? statuses : DEFAULT_STATUSES;
  const { done, inProgress, total } = plan.progress;
  if (total > 0 && done === total) return list[list.length - 1];
  if (done === 0 && inProgress === 0) return list[0];
  return list.length >= 3 ? list[1] : list[0];
}

/** Replaces the text at `range` (which must still read `expected`) by `date`. */
export function insertDateEdit(text: string, range: LineRange, date: string, expected = 'YYYY-MM-DD'): EditResult {
  const lines = new Lines(text);
  if (range.line >= lines.count) return refuse(`Line ${range.line + 1} is past the end of the document; the plan changed.`);
  const current = lines.at(range.line).slice(range.start, range.end);
  if (current !== expected) return refuse(`Line ${range.line + 1} no longer reads "${expected}" there; the plan changed.`);
  return ok([{ range: { start: { line: range.line, character: range.start }, end: { line: range.line, character: range.end } }, newText: date }]);
}

/** Sets the `**Created:**` header value, adding the field (first among the header fields) when missing. */
export function setCreatedEdit(text: string, date: string, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const lines = new Lines(text);
  const field = plan.fields.find((f) => f.key.toLowerCase() === 'created');
  if (field) {
    if (field.value === date) return ok([]);
    return ok([{ range: { start: { line: field.line, character: field.valueStart }, end: { line: field.line, character: field.valueEnd } }, newText: date }]);
  }
  const first = plan.fields[0];
  if (first) {
    const prefix = /^\s*(?:[-*+]\s+)?/.exec(lines.at(first.line))?.[0] ?? '';
    return ok([insertAt(first.line, 0, `${prefix}**Created:** ${date}${plan.eol}`)]);
  }
  if (plan.titleLine >= 0) {
    return ok([insertAt(plan.titleLine, lines.at(plan.titleLine).length, `${plan.eol}${plan.eol}**Created:** ${date}`)]);
  }
  return ok([insertAt(plan.bodyStartLine, 0, `**Created:** ${date}${plan.eol}${plan.eol}`)]);
}

/** Sets every task on `lines` (tasks not in that state) to `state`, in one edit per task. */
export function setTasksStateEdit(text: string, lines: readonly number[], state: TaskState, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  return setTasksStateInPlan(plan, text, lines, state, withLegend(text, options));
}

/** `setTasksStateEdit` on an already parsed plan of `text`. */
export function setTasksStateInPlan(plan: Plan, text: string, lines: readonly number[], state: TaskState, options: ParseOptions): EditResult {
  const marks = options.marks ?? DEFAULT_MARKS;
  const mark = markFor(state, plan, marks);
  if (mark === undefined) return refuse(`No task mark is configured for the state "${state}".`);
  const byLine = new Map(plan.tasks.map((t) => [t.line, t]));
  const edits: TextEdit[] = [];
  for (const line of new Set(lines)) {
    const task = byLine.get(line);
    if (!task) return refuse(`Line ${line + 1} no longer holds a task; the plan changed since it was read.`);
    if (task.state === state) continue;
    edits.push(taskStateEdit(text, plan, task, state, mark));
  }
  return ok(edits);
}

/** Ticks every task that is open or in progress (to match a `Completed` header). */
export function tickAllOpenTasksEdit(text: string, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const open = plan.tasks.filter((t) => t.state === 'open' || t.state === 'inProgress').map((t) => t.line);
  if (open.length === 0) return ok([]);
  return setTasksStateInPlan(plan, text, open, 'done', options);
}

function phaseTitle(n: number, name: string): string {
  return name ? `Phase ${n}: ${name}` : `Phase ${n}`;
}

/** Adds `- [ ] Phase N: Name` to Status Tracking for the roadmap's `### Phase N`, in number order. */
export function addTrackingItemEdit(text: string, phaseNumber: number, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  if (plan.trackingSection < 0) return refuse('This plan has no Status Tracking section.');
  const heading = numberedHeadings(plan).find((h) => h.kind === 'phase' && h.number === phaseNumber);
  if (!heading) return refuse(`The roadmap has no "Phase ${phaseNumber}" heading.`);
  const items = trackingItems(plan);
  if (items.some((i) => i.label?.kind === 'phase' && i.label.number === phaseNumber)) return ok([]);
  const lines = new Lines(text);
  const eol = plan.eol;
  const { progress } = heading.section;
  const mark = progress.total > 0 && progress.done === progress.total ? (markFor('done', plan, options.marks ?? DEFAULT_MARKS) ?? 'x') : ' ';
  const label = phaseTitle(phaseNumber, heading.name);
  const prefixOf = (line: number, column: number): string => lines.at(line).slice(0, column);

  const phases = items.filter((i) => i.label?.kind === 'phase');
  const after = phases.filter((i) => i.label!.number < phaseNumber).pop();
  if (after) {
    const end = lines.itemEnd(after.task.line);
    return ok([insertAt(end, lines.at(end).length, `${eol}${prefixOf(after.task.line, after.task.column)}[${mark}] ${label}`)]);
  }
  const before = phases.find((i) => i.label!.number > phaseNumber) ?? items[0];
  if (before) {
    return ok([insertAt(before.task.line, 0, `${prefixOf(before.task.line, before.task.column)}[${mark}] ${label}${eol}`)]);
  }
  const section = plan.sections[plan.trackingSection];
  return ok([insertAt(section.line, lines.at(section.line).length, `${eol}${eol}- [${mark}] ${label}`)]);
}

/** Adds a `### Phase N: Name` heading to the roadmap for the Status Tracking item `Phase N`, in number order. */
export function addRoadmapPhaseEdit(text: string, phaseNumber: number, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const item = trackingItems(plan).find((i) => i.label?.kind === 'phase' && i.label.number === phaseNumber);
  if (!item) return refuse(`Status Tracking has no "Phase ${phaseNumber}" item.`);
  const phases = numberedHeadings(plan).filter((h) => h.kind === 'phase');
  if (phases.some((h) => h.number === phaseNumber)) return ok([]);
  if (phases.length === 0) return refuse('This plan has no roadmap of "Phase N" headings to add to.');
  const lines = new Lines(text);
  const eol = plan.eol;
  const heading = `${'#'.repeat(phases[0].section.level)} ${phaseTitle(phaseNumber, item.label!.name)}`;

  const after = phases.filter((h) => h.number < phaseNumber).pop();
  if (after) {
    const last = lines.lastContentLine(after.section.line, after.section.endLine);
    return ok([insertAt(last, lines.at(last).length, `${eol}${eol}${heading}`)]);
  }
  const before = phases.find((h) => h.number > phaseNumber) ?? phases[0];
  return ok([insertAt(before.section.line, 0, `${heading}${eol}${eol}`)]);
}

/**
 * Toggles the tasks on `lines` together (the keyboard toggle, with several cursors): when every
 * one is done they are reopened, otherwise they are all ticked. Lines without a task are ignored;
 * refuses when none of them holds one.
 */
export function toggleTasksEdit(text: string, lines: readonly number[], options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const wanted = new Set(lines);
  const tasks = plan.tasks.filter((t) => wanted.has(t.line));
  if (tasks.length === 0) {
    return refuse(lines.length === 1 ? `Line ${lines[0] + 1} is not a task.` : 'None of the selected lines is a task.');
  }
  const state: TaskState = tasks.every((t) => t.state === 'done') ? 'open' : 'done';
  return setTasksStateInPlan(plan, text, tasks.map((t) => t.line), state, options);
}

/** Ticks every open task under the heading on `headingLine` (a rollout step, a phase section). */
export function markSectionDoneEdit(text: string, headingLine: number, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const section = plan.sections.find((s) => s.line === headingLine);
  if (!section) return refuse(`Line ${headingLine + 1} is no longer a heading; the plan changed since it was read.`);
  const open = plan.tasks.filter((t) => (t.state === 'open' || t.state === 'inProgress') && isInSection(plan, t, section));
  return setTasksStateInPlan(plan, text, open.map((t) => t.line), 'done', options);
}

/**
 * Takes the done marker off the heading on `headingLine` (`## Phase 2: API ✅` → `## Phase 2: API`),
 * for a phase whose tasks are not all done. Refuses when the marker is not at the heading's end or
 * start as written (inside emphasis, say): there is no edit that surely removes only it.
 */
export function removeDoneMarkerEdit(text: string, headingLine: number, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const section = plan.sections.find((s) => s.line === headingLine);
  if (!section || !hasDoneMarker(section.text)) return refuse(`Line ${headingLine + 1} is no longer a heading marked done; the plan changed since it was read.`);
  const lines = new Lines(text);
  const range = lines.headingRange(section);
  const written = lines.at(headingLine).slice(range.start, range.end);
  const without = withoutDoneMarker(written);
  if (without === written.trim() || without === '') return refuse(`The done marker of "${section.text}" is not at the start or end of the heading as written; edit the heading.`);
  return ok([{ range: { start: { line: headingLine, character: range.start }, end: { line: headingLine, character: range.end } }, newText: without }]);
}

/**
 * Rewrites the status line on `statusLine` that marks its phase done (`**Status:** ✅ Completed`
 * under the heading) to `In Progress`, for a phase whose tasks are not all done. Refuses when that
 * line no longer holds such a status.
 */
export function reopenPhaseStatusEdit(text: string, statusLine: number, options: ParseOptions = {}): EditResult {
  const found = statusLinePhase(text, parsePlan(text, options), statusLine);
  if (!found) return refuse(`Line ${statusLine + 1} is no longer a phase's status line that says it is done; the plan changed since it was read.`);
  const { field } = found;
  return ok([{ range: { start: { line: statusLine, character: field.valueStart }, end: { line: statusLine, character: field.valueEnd } }, newText: 'In Progress' }]);
}

/**
 * The phase (of `plan`, parsed from `text`) whose own status line, on `statusLine`, says it is
 * done, with that line's field; undefined when there is none. A status line is its section's own
 * (before any sub-heading), so one phase at most has it.
 */
export function statusLinePhase(text: string, plan: Plan, statusLine: number): { readonly phase: Phase; readonly field: HeaderField } | undefined {
  const doneStatusLine = doneStatusLines(text, plan);
  for (const phase of plan.phases) {
    if (phase.trackingTask >= 0 || phase.section < 0) continue;
    const section = plan.sections[phase.section];
    if (statusLine <= section.line || statusLine >= section.endLine) continue;
    const field = doneStatusLine(section);
    if (field?.line === statusLine) return { phase, field };
  }
  return undefined;
}

/**
 * Ticks the open tasks of the phase whose Status Tracking item (or, in a Kiro task list, whose own
 * top-level task) is on `trackingLine`: the tasks under its section, or its open sub-tasks but the
 * optional ones.
 */
export function tickPhaseTasksEdit(text: string, trackingLine: number, options: ParseOptions = {}): EditResult {
  const plan = parsePlan(text, options);
  const phase = plan.phases.find((p) => p.trackingTask >= 0 && plan.tasks[p.trackingTask].line === trackingLine);
  if (!phase) return refuse(`Line ${trackingLine + 1} is no longer a Status Tracking item; the plan changed since it was read.`);
  if (isTaskPhase(plan, phase)) {
    const open = openSubTasks(plan, new Lines(text), phase);
    if (open.length === 0) return refuse(`"${phase.label}" has no open sub-tasks.`);
    return setTasksStateInPlan(plan, text, open.map((t) => t.line), 'done', options);
  }
  if (phase.section < 0) return refuse(`"${phase.label}" has no section with tasks.`);
  return markSectionDoneEdit(text, plan.sections[phase.section].line, options);
}
