/**
 * The rows of the paint-first snapshot (snapshot.ts): a plan's head, phases, sections and tasks as
 * JSON arrays rather than objects. Painting parses every plan's head at once, so its bytes are
 * time: as rows, the head of a seed-shaped plan is about a third of its JSON as objects, and parses
 * in about a third of the time. Keys a row does not name (optional ones such as a plan's status or
 * a phase's number, and any added later) ride along in an object at the row's end.
 */
import { progressOf, type HeaderField, type Phase, type PhaseKind, type Plan, type Progress, type Section, type Task, type TaskState } from '../../core';

export type Outline = Pick<Plan, 'sections' | 'steps'>;

/** What painting needs of a plan: all of it but the parts a line keeps apart, parsed when first read. */
export type Eager = Omit<Plan, 'sections' | 'steps' | 'tasks'>;

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

function sectionRow(s: Section): SectionRow {
  const p = s.progress;
  return [s.level, s.text, s.line, s.endLine, s.parent, p.done, p.open, p.inProgress, p.skipped];
}

/** A plan's sections and steps as JSON: `[section rows, step rows]`. */
export function outlineJson(sections: readonly Section[], steps: readonly Phase[]): string {
  return JSON.stringify([sections.map(sectionRow), steps.map(phaseRow)]);
}

export function outlineFrom(json: string): Outline {
  try {
    const value = JSON.parse(json) as unknown;
    if (Array.isArray(value) && value.length === 2 && Array.isArray(value[0]) && Array.isArray(value[1])) {
      const sections = (value[0] as SectionRow[]).map(
        ([level, text, line, endLine, parent, done, open, inProgress, skipped], index): Section => ({ index, level, text, line, endLine, parent, progress: progressOf(done, open, inProgress, skipped) }),
      );
      return { sections, steps: (value[1] as PhaseRow[]).map(phaseOf) };
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


type Rest = Record<string, unknown>;
/** Whether `rest` holds a key with a value (the parser writes optional keys as undefined). */
const hasValues = (rest: Rest): boolean => Object.values(rest).some((v) => v !== undefined);
const progressRow = (p: Progress): [number, number, number, number] => [p.done, p.open, p.inProgress, p.skipped];

// The decoders read rows by index, not with array patterns (painting runs them once, before V8
// optimises them, and a pattern then walks an iterator), and write every optional key, undefined
// when absent, as the parser does: each object gets one hidden class.

/**
 * A phase (or a rollout step) as a row: kind, label, name (0: the same as the label), tracking
 * task, section, heading line, state (index in STATES), done, open, in progress, skipped,
 * measurable (1 or 0), number, tracking row (null when absent)[, any other key].
 */
type PhaseRow = [PhaseKind, string, string | 0, number, number, number, number, number, number, number, number, number, number | null, number | null, Rest?];

function phaseRow(phase: Phase): PhaseRow {
  const { kind, label, name, trackingTask, section, headingLine, state, progress, measurable, number, trackingRow, ...rest } = phase;
  const row: PhaseRow = [kind, label, name === label ? 0 : name, trackingTask, section, headingLine, STATES.indexOf(state), ...progressRow(progress), measurable ? 1 : 0, number ?? null, trackingRow ?? null];
  if (hasValues(rest)) row.push(rest);
  return row;
}

function phaseOf(row: PhaseRow): Phase {
  const label = row[1];
  const name = row[2];
  const phase: Phase = {
    kind: row[0],
    number: row[12] ?? undefined,
    label,
    name: name === 0 ? label : name,
    trackingTask: row[3],
    trackingRow: row[13] ?? undefined,
    section: row[4],
    headingLine: row[5],
    state: STATES[row[6]] ?? 'open',
    progress: progressOf(row[7], row[8], row[9], row[10]),
    measurable: row[11] === 1,
  };
  const rest = row[14];
  return rest ? Object.assign(phase, rest) : phase;
}

/** A plan's header fields, five values each: key, value, line, value start, value end. */
type FieldValues = (string | number)[];

/**
 * What painting parses of a plan: uri, text hash and length (null when not known), the bytes of
 * the line's two other parts (how the reader finds the line's end without scanning them), then
 * title, title line, header fields, body start line, tracking section, phase rows, current phase,
 * done, open, in progress, skipped, line count, CRLF (1 or 0), is a plan (1 or 0), then the
 * optional keys (null when absent): the plan's uri, version, status, kind and front matter[, any
 * other key].
 */
type HeadRow = [string, number | null, number | null, number, number, string, number, FieldValues, number, number, PhaseRow[], number, number, number, number, number, number, number, number, string | null, number | null, string | null, string | null, Rest | null, Rest?];

/** The head of a line: `plan` but its sections, steps and tasks, which take `outlineBytes` and `tasksBytes` after it. */
export function headJson(uri: string, plan: Eager, text: { readonly hash: number; readonly length: number } | undefined, outlineBytes: number, tasksBytes: number): string {
  const { title, titleLine, fields, bodyStartLine, trackingSection, phases, currentPhase, progress, lineCount, eol, isPlan, uri: planUri, version, status, kind, frontMatter, ...rest } = plan;
  const fieldValues: FieldValues = [];
  for (const f of fields) fieldValues.push(f.key, f.value, f.line, f.valueStart, f.valueEnd);
  const row: HeadRow = [
    uri,
    text?.hash ?? null,
    text?.length ?? null,
    outlineBytes,
    tasksBytes,
    title,
    titleLine,
    fieldValues,
    bodyStartLine,
    trackingSection,
    phases.map(phaseRow),
    currentPhase,
    ...progressRow(progress),
    lineCount,
    eol === '\r\n' ? 1 : 0,
    isPlan ? 1 : 0,
    planUri ?? null,
    version ?? null,
    status ?? null,
    kind ?? null,
    (frontMatter as Rest | undefined) ?? null,
  ];
  if (hasValues(rest)) row.push(rest);
  return JSON.stringify(row);
}

/** Where a painted plan's sections, steps and tasks come from when first read. */
export interface LazyParts {
  outline(): Outline;
  tasks(): readonly Task[];
}

/** A head decoded: the plan (its lazy parts from `parts`), its uri, fingerprint and the bytes of the other parts. */
export interface Head {
  readonly uri: string;
  readonly plan: Plan;
  readonly text?: { readonly hash: number; readonly length: number };
  readonly outlineBytes: number;
  readonly tasksBytes: number;
}

/** Throws when `json` is no head. */
export function headOf(json: string, parts: LazyParts): Head {
  const row = JSON.parse(json) as HeadRow;
  if (!Array.isArray(row) || row.length < 24 || typeof row[0] !== 'string' || !Array.isArray(row[7]) || !Array.isArray(row[10])) throw new Error('not a plan');
  const fieldValues = row[7];
  const fields: HeaderField[] = [];
  for (let i = 0; i + 4 < fieldValues.length; i += 5) {
    fields.push({ key: fieldValues[i] as string, value: fieldValues[i + 1] as string, line: fieldValues[i + 2] as number, valueStart: fieldValues[i + 3] as number, valueEnd: fieldValues[i + 4] as number });
  }
  const phaseRows = row[10];
  const phases: Phase[] = [];
  for (let i = 0; i < phaseRows.length; i++) phases.push(phaseOf(phaseRows[i]));
  // One literal, getters included: accessors added one by one (defineProperty) would turn each plan into a dictionary.
  const plan: Plan = {
    uri: row[19] ?? undefined,
    version: row[20] ?? undefined,
    title: row[5],
    titleLine: row[6],
    fields,
    frontMatter: row[23] ?? undefined,
    bodyStartLine: row[8],
    status: row[21] ?? undefined,
    get sections() {
      return parts.outline().sections;
    },
    get tasks() {
      return parts.tasks();
    },
    trackingSection: row[9],
    phases,
    get steps() {
      return parts.outline().steps;
    },
    currentPhase: row[11],
    progress: progressOf(row[12], row[13], row[14], row[15]),
    lineCount: row[16],
    eol: row[17] === 1 ? '\r\n' : '\n',
    isPlan: row[18] === 1,
    kind: (row[22] ?? undefined) as Plan['kind'],
  };
  const rest = row[24];
  if (rest) Object.assign(plan, rest);
  const hash = row[1];
  const length = row[2];
  const text = Number.isInteger(hash) && Number.isInteger(length) ? { hash: hash!, length: length! } : undefined;
  return { uri: row[0], plan, text, outlineBytes: row[3], tasksBytes: row[4] };
}
