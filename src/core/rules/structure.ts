/**
 * Structure rules: the roadmap's `### Phase N` headings and the Status Tracking list should tell
 * the same story. Each finding sits on the heading or tracking item it is about.
 */
import { finding, type Finding } from '../findings';
import { hasDoneMarker } from '../kinds';
import { doneStatusLines, isOptionalTask, numberedTaskOwners } from '../parse';
import type { Phase, Plan, Task } from '../types';
import { isTaskPhase, isTracked, Lines, numberedHeadings, numberedKey, trackingItems, type NumberedLabel } from './outline';

const title = (kind: 'phase' | 'step', n: number, sub = ''): string => `${kind === 'phase' ? 'Phase' : 'Step'} ${n}${sub}`;
const titleOf = (n: NumberedLabel): string => title(n.kind, n.number, n.sub);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `text`: the plan's text, or its lines when the caller has found them. */
export function checkStructure(plan: Plan, text: string | Lines): Finding[] {
  const findings: Finding[] = [];
  const lines = typeof text === 'string' ? new Lines(text) : text;
  const headings = numberedHeadings(plan);
  const items = trackingItems(plan);

  // Two roadmap headings, or two tracking items, with the same Phase/Step number. Headings count
  // as a pair when they sit in the same section (the same list of phases): a `### Phase 4
  // Highlights` in a later session's notes, or `### Phase 1-8 Improvements` in an analysis, is
  // about a phase, not a second one.
  const seenHeadings = new Map<string, number>();
  for (const h of headings) {
    const key = `${numberedKey(h)}@${h.section.parent}`;
    const first = seenHeadings.get(key);
    if (first === undefined) {
      seenHeadings.set(key, h.section.line);
      continue;
    }
    findings.push(finding('duplicate-phase-number', `${titleOf(h)} is used twice in the roadmap (line ${first + 1} and here); renumber one of them.`, lines.headingRange(h.section)));
  }
  const seenItems = new Map<string, number>();
  for (const { task, label } of items) {
    if (!label) continue;
    const key = numberedKey(label);
    const first = seenItems.get(key);
    if (first === undefined) {
      seenItems.set(key, task.line);
      continue;
    }
    findings.push(finding('duplicate-phase-number', `Status Tracking lists ${titleOf(label)} twice (line ${first + 1} and here).`, lines.taskRange(task)));
  }

  if (plan.trackingSection >= 0) {
    // A roadmap phase the Status Tracking list (or table) does not mention. `Phase 2a` and
    // `Phase 2b` items track `Phase 2`.
    const tracked = new Set(plan.phases.filter((p) => p.kind === 'phase' && p.number !== undefined && isTracked(plan, p)).map((p) => p.number!));
    const reported = new Set<number>();
    for (const h of headings) {
      if (h.kind !== 'phase' || tracked.has(h.number) || reported.has(h.number)) continue;
      reported.add(h.number);
      findings.push(finding('phase-not-tracked', `${title('phase', h.number)} has no item in Status Tracking; its progress is not tracked.`, lines.headingRange(h.section)));
    }

    // The reverse: a tracking item for a phase the roadmap does not have. Only when the plan has
    // a roadmap of numbered phases at all; a Status Tracking list on its own is fine.
    const roadmap = new Set(headings.filter((h) => h.kind === 'phase').map((h) => h.number));
    if (roadmap.size > 0) {
      for (const { task, label } of items) {
        if (label?.kind !== 'phase' || roadmap.has(label.number)) continue;
        const phase = plan.phases.find((p) => p.trackingTask === task.index);
        if (phase && phase.section >= 0) continue; // linked to a section by name
        findings.push(finding('tracked-phase-missing', `Status Tracking lists ${title('phase', label.number)} but the roadmap has no "${title('phase', label.number)}" heading.`, lines.taskRange(task)));
      }
    }
  }

  // A phase ticked in Status Tracking while tasks under its section are still open.
  for (const phase of plan.phases) {
    if (phase.trackingTask < 0 || phase.section < 0) continue;
    const task = plan.tasks[phase.trackingTask];
    if (task.state !== 'done') continue;
    const open = phase.progress.open + phase.progress.inProgress;
    if (open === 0) continue;
    const section = plan.sections[phase.section];
    const where = isTracked(plan, phase) ? 'in Status Tracking' : 'in the phase list';
    findings.push(finding('phase-done-with-open-tasks', `"${phase.label}" is ticked ${where} but ${plural(open, 'task')} under "${section.text}" (line ${section.line + 1}) ${open === 1 ? 'is' : 'are'} not done.`, lines.taskRange(task)));
  }

  // A phase whose heading says it is done (`## Phase 2: API ✅`), or its own status line (`**Status:**
  // ✅ Completed` under the heading), while tasks under it are open.
  const doneStatusLine = doneStatusLines(lines.text, plan);
  for (const phase of plan.phases) {
    if (phase.trackingTask >= 0 || phase.section < 0 || phase.state !== 'done') continue;
    const section = plan.sections[phase.section];
    const open = phase.progress.open + phase.progress.inProgress;
    if (open === 0) continue;
    const notDone = `${plural(open, 'task')} under it ${open === 1 ? 'is' : 'are'} not done`;
    if (hasDoneMarker(section.text)) {
      findings.push(finding('phase-done-with-open-tasks', `"${phase.label}" is marked done in its heading but ${notDone}.`, lines.headingRange(section)));
      continue;
    }
    const status = doneStatusLine(section);
    if (status) {
      findings.push(finding('phase-done-with-open-tasks', `"${phase.label}" is marked done by its status line ("${status.value.trim()}") but ${notDone}.`, { line: status.line, start: status.valueStart, end: status.valueEnd }));
    }
  }

  // A Kiro task ticked, so its phase is done, while sub-tasks of it are open.
  for (const phase of plan.phases) {
    if (!isTaskPhase(plan, phase) || phase.progress.open + phase.progress.inProgress === 0) continue;
    const task = plan.tasks[phase.trackingTask];
    if (task.state !== 'done') continue;
    const open = openSubTasks(plan, lines, phase).length;
    if (open === 0) continue;
    findings.push(finding('phase-done-with-open-tasks', `"${phase.label}" is ticked but ${open} of its sub-tasks ${open === 1 ? 'is' : 'are'} not done.`, lines.taskRange(task)));
  }
  return findings;
}

/**
 * The open (or in progress) sub-tasks of a phase that is a top-level numbered task (Kiro), in
 * document order; not its optional ones (`- [ ]* 2.3 …`), which Kiro leaves open on purpose.
 */
export function openSubTasks(plan: Plan, lines: Lines, phase: Phase): Task[] {
  if (!isTaskPhase(plan, phase)) return [];
  const owners = numberedTaskOwners(plan.tasks);
  return plan.tasks.filter((t) => owners[t.index] === phase.trackingTask && t.index !== phase.trackingTask && (t.state === 'open' || t.state === 'inProgress') && !isOptionalTask(lines.at(t.line), t.column));
}
