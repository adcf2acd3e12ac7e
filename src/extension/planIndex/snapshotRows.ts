/**
 * The rows of the paint-first snapshot (snapshot.ts): a plan's tasks and sections as JSON arrays
 * rather than objects, to be read back when first asked for.
 */
import { progressOf, type Phase, type Plan, type Section, type Task, type TaskState } from '../../core';

export type Outline = Pick<Plan, 'sections' | 'steps'>;

const STATES: readonly TaskState[] = ['open', 'done', 'inProgress', 'skipped'];

/** A task as a row: line, column, mark, state (index in STATES), text, depth, parent, section[, evidence, evidence line]. */
type TaskRow = [number, number, string, number, string, number, number, number, string?, number?];

export function taskRows(tasks: readonly Task[]): string {
  return JSON.stringify(
    tasks.map((t): TaskRow => {
      const row: TaskRow = [t.line, t.column, t.mark, STATES.indexOf(t.state), t.text, t.depth, t.parent, t.section];
      if (t.evidence !== undefined) row.push(t.evidence, t.evidenceLine ?? t.line);
      return row;
    }),
  );
}

function tasksOf(rows: string): readonly Task[] {
  return Object.freeze(
    (JSON.parse(rows) as TaskRow[]).map(([line, column, mark, state, text, depth, parent, section, evidence, evidenceLine], index): Task => {
      const task: Task = { index, line, column, mark, state: STATES[state] ?? 'open', text, depth, parent, section };
      return evidence === undefined ? task : { ...task, evidence, evidenceLine };
    }),
  );
}

/** A section as a row (a third of its bytes as an object): level, text, line, end line, parent, then done, open, in progress and skipped. */
type SectionRow = [number, string, number, number, number, number, number, number, number];

export function sectionRow(s: Section): SectionRow {
  const p = s.progress;
  return [s.level, s.text, s.line, s.endLine, s.parent, p.done, p.open, p.inProgress, p.skipped];
}

export function outlineFrom(json: string): Outline {
  try {
    const value = JSON.parse(json) as { sections?: unknown; steps?: unknown };
    if (value && Array.isArray(value.sections) && Array.isArray(value.steps)) {
      const sections = (value.sections as SectionRow[]).map(
        ([level, text, line, endLine, parent, done, open, inProgress, skipped], index): Section => ({ index, level, text, line, endLine, parent, progress: progressOf(done, open, inProgress, skipped) }),
      );
      return { sections, steps: value.steps as Phase[] };
    }
  } catch {
    // damaged: read as empty, below
  }
  return { sections: [], steps: [] };
}

export function tasksOrNone(rows: string): readonly Task[] {
  try {
    return tasksOf(rows);
  } catch {
    return Object.freeze([]);
  }
}

