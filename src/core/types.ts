/**
 * The Plan model: what the core reads out of a Markdown implementation plan.
 *
 * Everything here is plain data (no classes, no methods, no source text retained) so that a
 * workspace index of thousands of plans stays small and the model can be posted to a webview
 * or printed as JSON as it is. Lines and columns are 0-based, columns in UTF-16 code units
 * (the same as VS Code's `Position`).
 */
import type { PlanKindId } from './kinds';


/** The state a task mark stands for. */
export type TaskState = 'open' | 'done' | 'inProgress' | 'skipped';

/**
 * Every task state, in a fixed order: packed tasks and the snapshot's rows store a state as its
 * index here, so new states go at the end.
 */
export const TASK_STATES: readonly TaskState[] = Object.freeze(['open', 'done', 'inProgress', 'skipped']);

/** The word for each task state: in messages, and (through `vscode.l10n.t`) in the editor's labels and the dashboard. */
export const TASK_STATE_WORDS: Readonly<Record<TaskState, string>> = Object.freeze({
  done: 'done',
  inProgress: 'in progress',
  open: 'open',
  skipped: 'skipped',
});

/** Whether a value (an argument from a command or an agent) names a task state. */
export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && (TASK_STATES as readonly string[]).includes(value);
}

export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** A minimal replacement of `range` by `newText`: what every core edit returns. */
export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/** The document the parser reads. `uri` and `version` are carried into the model untouched. */
export interface PlanSource {
  readonly text: string;
  readonly uri?: string;
  readonly version?: number;
  /**
   * The file's path below its workspace folder, for the shapes recognised by place (a Kiro
   * `.kiro/specs/…`, a `plans` folder): what is above the workspace (a checkout in `~/plans/`)
   * says nothing. Defaults to `uri`.
   */
  readonly path?: string;
}

/** Done / open counts. `total` excludes skipped items; in-progress items count in `total` but not in `done`. */
export interface Progress {
  readonly done: number;
  readonly open: number;
  readonly inProgress: number;
  readonly skipped: number;
  /** done + open + inProgress */
  readonly total: number;
}

/** A `**Key:** value` line of the header (before the first `##`). */
export interface HeaderField {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  /** Columns of the value on its line: `[valueStart, valueEnd)`. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface Section {
  readonly index: number;
  readonly level: number;
  /** Heading text as written, without the `#` marks. */
  readonly text: string;
  readonly line: number;
  /** First line after the section (exclusive): the next heading of the same or a higher level, or the line count. */
  readonly endLine: number;
  /** Index of the enclosing section, -1 at top level. */
  readonly parent: number;
  /** Tasks in this section and its subsections. */
  readonly progress: Progress;
}

export interface Task {
  readonly index: number;
  /** Line of the task mark. */
  readonly line: number;
  /** Column of the `[` of the mark on that line. */
  readonly column: number;
  /** The character between the brackets, as written (` `, `x`, `X`, `-`, …). */
  readonly mark: string;
  readonly state: TaskState;
  /** Task text as raw Markdown, after the mark (continuation lines joined by a space). */
  readonly text: string;
  /** Number of enclosing list items (0 for a top-level item). */
  readonly depth: number;
  /** Index of the nearest enclosing task, -1 if none. */
  readonly parent: number;
  /** Index of the innermost enclosing section, -1 before the first heading. */
  readonly section: number;
  /**
   * What shows the task is done, from its `- Evidence: <text> (YYYY-MM-DD)` child item (the text
   * after `Evidence:`, date included; `**Evidence:**` too). Absent when the task has none.
   */
  readonly evidence?: string;
  /** Line of that evidence item; set exactly when `evidence` is. */
  readonly evidenceLine?: number;
}

export type PhaseKind = 'phase' | 'step' | 'milestone';

/**
 * A phase of the plan. Status Tracking items come first, in order, each linked (by number or
 * name) to the roadmap `### Phase N` heading or section it tracks; roadmap phases without a
 * tracking item follow. Rollout `### Step N` groups are in `Plan.steps`.
 */
export interface Phase {
  readonly kind: PhaseKind;
  /** N of `Phase N` / `Step N`, when there is one. */
  readonly number?: number;
  /** Label as written: `Phase 2: Module Implementation`, `Quality Checks Passed`. */
  readonly label: string;
  /** Name without the `Phase N:` prefix: `Module Implementation`. */
  readonly name: string;
  /**
   * Index of the Status Tracking task, -1 when the phase has none. For a plan whose phases are
   * top-level numbered tasks (Kiro), the phase's own task; its sub-tasks are its progress.
   */
  readonly trackingTask: number;
  /** Line of the Status Tracking table row that tracks the phase, when a table does. */
  readonly trackingRow?: number;
  /** Index of the linked section (roadmap phase, rollout step or named section), -1 when none. */
  readonly section: number;
  /**
   * Line of that section's heading (`sections[section].line`), -1 when none: what needs a
   * phase's line reads it here, without materializing `plan.sections` (core/compactSections.ts).
   */
  readonly headingLine: number;
  /** The tracking item's state; without one, derived from the section's tasks. */
  readonly state: TaskState;
  /** Tasks inside the linked section (the tracking item itself excluded), or the phase task's sub-tasks. */
  readonly progress: Progress;
  /**
   * Whether anything decides the phase's state: a tracking item or row, tasks, or a done marker on
   * its heading (`✅`). A phase with nothing to count does not decide the current phase and gets no
   * `0/0 done` CodeLens.
   */
  readonly measurable: boolean;
}

export interface Plan {
  readonly uri?: string;
  readonly version?: number;
  /** Text of the first `#` heading ('' when none). */
  readonly title: string;
  readonly titleLine: number;
  readonly fields: readonly HeaderField[];
  /** YAML front matter as parsed (plain values only), undefined when absent or invalid. */
  readonly frontMatter?: Readonly<Record<string, unknown>>;
  /** Line after the closing `---` of front matter, 0 when none. */
  readonly bodyStartLine: number;
  /** `**Status:**` value (or front matter `status`), trimmed; undefined when missing. */
  readonly status?: string;
  readonly sections: readonly Section[];
  readonly tasks: readonly Task[];
  /** Index of the `Status Tracking` section, -1 when none. */
  readonly trackingSection: number;
  readonly phases: readonly Phase[];
  readonly steps: readonly Phase[];
  /** Index into `phases` of the first measurable phase not done, -1 when all are done or there are none. */
  readonly currentPhase: number;
  readonly progress: Progress;
  readonly lineCount: number;
  readonly eol: '\n' | '\r\n';
  /** Whether the document meets the plan detection rule (see `detect.ts`). */
  readonly isPlan: boolean;
  /** Which row of the plan-kind table recognised it (`kinds.ts`); undefined when it is not a plan. */
  readonly kind?: PlanKindId;
}

/** Which mark characters mean which state. Keys are single characters. */
export type TaskMarkAlphabet = Readonly<Record<string, TaskState>>;

export interface ParseOptions {
  /** Defaults to DEFAULT_MARKS: ` ` open, `x`/`X` done, `-` and `/` in progress, `~` skipped. */
  readonly marks?: TaskMarkAlphabet;
  /** The caller knows this document is a plan (a path in `planTracker.alwaysPlans`): it is one whatever it holds. */
  readonly assumePlan?: boolean;
  /**
   * The file's path below its workspace folder, as `PlanSource.path` (which wins when both are
   * given): for a caller that parses text alone, as an edit does, so that it reads the plan its
   * place makes it (a Kiro spec, a plans folder, a GSD roadmap) as the index did.
   */
  readonly path?: string;
  /**
   * The caller reads the plan and drops it (a CLI run describing each file once): the plan keeps
   * its phases, steps, sections and tasks as the parser built them, not packed (the headings' and
   * tasks' texts are slices of the document). The same model, without the work that only pays for
   * a plan kept among thousands.
   */
  readonly transient?: boolean;
}

export const DEFAULT_MARKS: TaskMarkAlphabet = Object.freeze({
  ' ': 'open',
  x: 'done',
  X: 'done',
  '-': 'inProgress',
  '/': 'inProgress',
  '~': 'skipped',
});

/** The plan statuses of the template, in order; the last one means "completed". */
export const DEFAULT_STATUSES: readonly string[] = Object.freeze([
  'Planning Complete',
  'Implementation In Progress',
  'Completed',
]);

/** An edit that may be refused: the reason is a sentence a person understands. */
export type EditResult =
  | { readonly ok: true; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly reason: string };
