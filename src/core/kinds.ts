/**
 * The kinds of plan Plan Tracker knows, as data: how each is recognised, where its phases come
 * from, which marks mean done. Detection (`detect.ts`) and the phase builder (`parse.ts`) read
 * this table; supporting one more shape of plan is one more row. The README lists the rows.
 */

/** Where a plan's phases come from, tried in the order a kind lists them; the first that gives phases wins. */
export type PhaseSource =
  /** The `Status Tracking` list or table, each item linked to its roadmap `Phase N` heading; the untracked roadmap phases go in by number. */
  | 'tracking'
  /** `Phase N` headings (level 2 or deeper) with tasks, a done marker or a roadmap around them. */
  | 'phase-headings'
  /** Numbered headings with tasks under them: `## 1. Group`. */
  | 'numbered-headings'
  /** Headings with tasks under them, numbered or not, at the first level that has two or more: `## Setup`, `## Build`. */
  | 'task-headings'
  /** Top-level tasks with sub-tasks (two or more), numbered or not: a BMAD story's `- [ ] Task 1 (AC: 1)` over its sub-tasks. */
  | 'parent-tasks'
  /** `Milestone N` headings (or `Checkpoint N`, `Stage N`, `Sprint N`, `Iteration N`, `Wave N`, `Task N`; level 2 or deeper) with tasks under them, or marked done: a plan's phases by another name. */
  | 'milestone-headings'
  /** Top-level numbered tasks with sub-tasks: `- [ ] 1. Title` over `- [ ] 1.1 …`. */
  | 'numbered-tasks'
  /**
   * A list of two `Phase N` items or more under `## Phases` or `## Progress Tracking` (`- [x]
   * **Phase 1: Foundation** - …`, GSD's roadmap; spec-kit's `plan.md`), each linked to its `Phase
   * N` heading, whose tasks are its progress; the item's box is the phase's state. The roadmap
   * phases no item names go in by their number.
   */
  | 'phase-list';

/**
 * One piece of evidence. A kind is recognised when every sign of one of its `when` groups holds.
 * - `front-matter`: YAML front matter says `type: plan`, `kind: plan` or `plan: true`.
 * - `tracking`: a "… Status Tracking" heading whose own list or table tracks items.
 * - `front-matter-todos`: tasks read from the front matter's `todos` (a Cursor plan's, core/todos.ts).
 * - `title` / `heading` / `path` / `line`: the H1, any heading, the file path, any line matches
 *   (a `path` sign with `not`: the path does not).
 * - `task`: at least `min` task texts match (`topLevel`: only tasks not nested in another task).
 * - `phase-heading-tasks` / `numbered-heading-tasks` / `milestone-heading-tasks`: at least `min`
 *   `Phase N` / `N.` / `Milestone N` headings hold tasks.
 */
export type Sign =
  | { readonly on: 'front-matter' | 'tracking' | 'front-matter-todos' }
  | { readonly on: 'title' | 'heading' | 'line'; readonly match: RegExp }
  /** `not`: the path does not match. */
  | { readonly on: 'path'; readonly match: RegExp; readonly not?: true }
  | { readonly on: 'task'; readonly match: RegExp; readonly min: number; readonly topLevel?: boolean }
  | { readonly on: 'phase-heading-tasks' | 'numbered-heading-tasks' | 'milestone-heading-tasks'; readonly min: number };

export type PlanKindId = 'template' | 'spec-kit' | 'kiro' | 'openspec' | 'execplan' | 'cursor' | 'claude-code' | 'gsd' | 'bmad' | 'phased' | 'placed' | 'declared';

export interface PlanKind {
  readonly id: PlanKindId;
  /** What the README calls it. */
  readonly name: string;
  /** Recognised when all signs of any one group hold. */
  readonly when: readonly (readonly Sign[])[];
  /** Whether the kind needs at least one task item (every kind but a declared plan does). */
  readonly needsTasks: boolean;
  readonly phasesFrom: readonly PhaseSource[];
  /** Whether the kind carries a `**Status:**` / `**Created:**` header: only then is a missing one reported. */
  readonly header: boolean;
  /** Task marks that mean done (`[x]`, `[X]`); headings and table cells also read `DONE_MARKERS`. */
  readonly doneMarks: string;
  /**
   * The heading of the section that holds the plan's work, when the kind's documents also hold
   * checklists that are not (a BMAD story's QA results and dev notes): only its open items
   * contradict a status that says done. Every open item does for the other kinds.
   */
  readonly workHeading?: RegExp;
}

/** A task that names a phase first: `Phase 2: Auth`, `**Phase 2: Auth** - …`, `~~**Phase 3.4: DSL**~~ - ABANDONED`. */
export const PHASE_ITEM = /^(?:~~|\*\*|__)*phase\s+\d/i;

/** Kiro's and OpenSpec's own task lists, by their path: the tool's format, whatever headings a team adds. */
const KIRO_TASKS = /(?:^|\/)\.kiro\/specs\/[^/]+\/tasks\.md$/i;
// A change in progress, or one `openspec archive` moved to changes/archive/<date>-<id>/.
const OPENSPEC_TASKS = /(?:^|\/)openspec\/changes\/(?:archive\/)?[^/]+\/tasks\.md$/i;

/**
 * An ExecPlan's sections (OpenAI's `PLANS.md` for Codex): `## Progress`, its checklist of
 * timestamped steps and the plan's work, and the living sections kept beside it. A heading may be
 * numbered (`## 2. Progress`), and "Surprises" is often misspelt "Suprises".
 */
export const EXECPLAN_PROGRESS = /^(?:\d+[.)]?\s+)?progress$/i;
const EXECPLAN_LOG = /^(?:\d+[.)]?\s+)?(?:decision log|sur?prises\s*(?:&|and)\s*discoveries|outcomes\s*(?:&|and)\s*retrospective)$/i;

/** A BMAD story's `## Tasks / Subtasks` heading: its work. */
const BMAD_WORK_HEADING = /^tasks\s*\/\s*sub-?tasks$/i;

export const PLAN_KINDS: readonly PlanKind[] = Object.freeze([
  {
    id: 'template',
    name: 'Plan Tracker template: a "Status Tracking" list or table (any heading ending in "Status Tracking")',
    // Not a Kiro or OpenSpec tasks.md: there, a `## Status Tracking` heading is one more group of tasks.
    when: [[{ on: 'tracking' }, { on: 'path', match: KIRO_TASKS, not: true }, { on: 'path', match: OPENSPEC_TASKS, not: true }]],
    needsTasks: false,
    phasesFrom: ['tracking', 'phase-headings'],
    header: true,
    doneMarks: 'xX',
  },
  {
    id: 'spec-kit',
    name: 'spec-kit tasks.md: `# Tasks: …`, `- [ ] T001 [P] [US1] …`, `## Phase N: …`',
    when: [[{ on: 'task', match: /^T\d{3,}\b/, min: 2 }], [{ on: 'title', match: /^tasks\s*:/i }], [{ on: 'path', match: /(?:^|\/)specs\/\d{3,}-[^/]+\/tasks\.md$/i }]],
    needsTasks: true,
    // Numbered groups when there is no Phase heading: an OpenSpec tasks.md titled `# Tasks: <change>`.
    phasesFrom: ['phase-headings', 'numbered-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    id: 'kiro',
    name: 'Kiro `.kiro/specs/<name>/tasks.md`: `- [ ] 1. Title` over `- [ ] 1.1 …`, `_Requirements: …_`',
    when: [
      [{ on: 'path', match: KIRO_TASKS }],
      [{ on: 'task', match: /^\d+\.\s+\S/, min: 1, topLevel: true }, { on: 'line', match: /^\s*[-*]?\s*_Requirements?:/im }],
      [{ on: 'task', match: /^\d+\.\s+\S/, min: 2, topLevel: true }, { on: 'task', match: /^\d+\.\d+\.?\s+\S/, min: 2 }],
    ],
    needsTasks: true,
    // `## Phase N` headings when the author grouped the tasks so; else each numbered task; else numbered groups
    // when the tasks are not numbered so: `### 1. Setup` over `- [x] 1.1 …`.
    phasesFrom: ['phase-headings', 'numbered-tasks', 'numbered-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    id: 'openspec',
    name: 'OpenSpec `tasks.md`: `## 1. Group` over `- [ ] 1.1 …`',
    when: [
      [{ on: 'path', match: OPENSPEC_TASKS }],
      [{ on: 'numbered-heading-tasks', min: 1 }, { on: 'task', match: /^\d+\.\d+\.?\s+\S/, min: 2 }],
    ],
    needsTasks: true,
    // Groups whose headings a team did not number (`## Pre-Implementation`, `## Components`) last.
    phasesFrom: ['numbered-headings', 'phase-headings', 'task-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    // An ExecPlan (OpenAI's PLANS.md): a living design document whose `## Progress` checklist
    // (`- [x] (2025-10-01 13:00Z) Step.`) records the work, next to its Decision Log, Surprises &
    // Discoveries and Outcomes & Retrospective. It has no status header; milestones are prose.
    id: 'execplan',
    name: 'ExecPlan (OpenAI `PLANS.md`): a `## Progress` checklist beside `## Decision Log`, `## Surprises & Discoveries` or `## Outcomes & Retrospective`',
    when: [[{ on: 'heading', match: EXECPLAN_PROGRESS }, { on: 'heading', match: EXECPLAN_LOG }]],
    needsTasks: true,
    phasesFrom: ['phase-list', 'phase-headings', 'milestone-headings', 'numbered-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    // Cursor's Plan mode saves a plan as `.cursor/plans/<name>_<hash>.plan.md`: its todos in the
    // front matter (`- id: …`, `content: …`, `status: pending`), its body prose and headings.
    id: 'cursor',
    name: 'Cursor plan: `todos` in its front matter (`content: …`, `status: pending` / `in_progress` / `completed` / `cancelled`), or a `.cursor/plans/*.md` path, with tasks',
    when: [[{ on: 'front-matter-todos' }], [{ on: 'path', match: /(?:^|\/)\.cursor\/plans\/(?:[^/]+\/)*[^/]+\.md$/i }]],
    needsTasks: true,
    phasesFrom: ['phase-list', 'phase-headings', 'milestone-headings', 'numbered-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    id: 'claude-code',
    name: 'Claude Code plan file: `# Plan: …` or `# … Implementation Plan`, with tasks',
    when: [[{ on: 'path', match: /(?:^|\/)\.claude\/plans\/(?:[^/]+\/)*[^/]+\.md$/i }], [{ on: 'title', match: /^(?:plan\s*[:—–-]|.*\b(?:implementation|migration|refactor(?:ing)?|execution|development|rewrite|rollout|upgrade) plan\b)/i }]],
    needsTasks: true,
    phasesFrom: ['phase-list', 'phase-headings', 'milestone-headings', 'numbered-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    // GSD (Get Shit Done) keeps one roadmap per project: a `## Phases` list of `- [x] **Phase N:
    // Name** - …` items (its tool ticks them as phases finish), `### Phase N: Name` details with
    // each phase's plan files as tasks, and a progress table.
    id: 'gsd',
    name: 'GSD roadmap `.planning/ROADMAP.md`: a `## Phases` list of `- [x] **Phase N: …**` items over `### Phase N` details',
    when: [[{ on: 'path', match: /(?:^|\/)\.planning\/ROADMAP\.md$/i }, { on: 'task', match: PHASE_ITEM, min: 2, topLevel: true }]],
    needsTasks: true,
    phasesFrom: ['phase-list', 'phase-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    // BMAD's dev agent works a story file at a time (`docs/stories/1.2.story.md`): `## Status`
    // holds a line (Draft, Approved, InProgress, Review, Done), `## Tasks / Subtasks` the work.
    id: 'bmad',
    name: 'BMAD story: a `## Tasks / Subtasks` heading, with task items (`- [ ] Task 1 (AC: 1)` over its sub-tasks)',
    when: [[{ on: 'heading', match: BMAD_WORK_HEADING }]],
    needsTasks: true,
    phasesFrom: ['phase-headings', 'parent-tasks'],
    header: false,
    doneMarks: 'xX',
    workHeading: BMAD_WORK_HEADING,
  },
  {
    id: 'phased',
    name: 'Phased task list: `Phase N` headings with tasks under them (or two `Milestone N` headings or more, or `Checkpoint N`, `Stage N`, `Sprint N`, `Iteration N`, `Wave N`, `Task N` ones)',
    when: [[{ on: 'phase-heading-tasks', min: 1 }], [{ on: 'milestone-heading-tasks', min: 2 }]],
    needsTasks: true,
    phasesFrom: ['phase-list', 'phase-headings', 'milestone-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    // Teams keep plans in a plans folder or name them so (`docs/plans/0003-auth.md`, `PLAN.md`,
    // `IMPLEMENTATION_PLAN.md`, `47-01-PLAN.md`), often as a plain checklist with no phases; a
    // common agent workflow writes its plan to `tasks/todo.md` ("plan first, mark items complete").
    id: 'placed',
    name: 'Plan by its place: in a `plans` folder, named `PLAN.md` / `…-plan.md` (`…计划.md`, `…계획.md`, `PLAN_DE_…`), or `tasks/todo.md`, with two task items or more',
    when: [
      [{ on: 'path', match: /(?:^|\/)plans?\/(?:[^/]+\/)*(?!(?:readme|index)\.md$)[^/]+\.md$/i }, { on: 'task', match: /[^]/, min: 2 }],
      [{ on: 'path', match: /(?:^|[/_.-])plans?\.md$/i }, { on: 'task', match: /[^]/, min: 2 }],
      // `开发计划.md`, `実装計画.md`, `개발계획.md`, `PLAN_DE_IMPLEMENTACION.md`, `PLANO_EXECUCAO.md`.
      [{ on: 'path', match: /(?:(?:计划|計画|計劃|계획서?)\.md|(?:^|\/)plano?_[^/]*\.md)$/i }, { on: 'task', match: /[^]/, min: 2 }],
      [{ on: 'path', match: /(?:^|\/)tasks\/todo\.md$/i }, { on: 'task', match: /[^]/, min: 2 }],
    ],
    needsTasks: true,
    phasesFrom: ['phase-list', 'phase-headings', 'milestone-headings', 'numbered-headings'],
    header: false,
    doneMarks: 'xX',
  },
  {
    id: 'declared',
    name: 'Declared: front matter `type: plan` (or `kind: plan`, `plan: true`), or a path in `planTracker.alwaysPlans`',
    when: [[{ on: 'front-matter' }]],
    needsTasks: false,
    phasesFrom: ['tracking', 'phase-list', 'phase-headings', 'milestone-headings', 'numbered-tasks', 'numbered-headings'],
    header: true,
    doneMarks: 'xX',
  },
] satisfies PlanKind[]);

/** Paths that are plans whatever they hold (`planTracker.alwaysPlans`, `plan-tracker --always-plan`), by default. */
export const DEFAULT_ALWAYS_PLANS: readonly string[] = Object.freeze(['**/.kiro/specs/*/tasks.md', '**/openspec/changes/*/tasks.md']);

export function planKind(id: PlanKindId): PlanKind {
  return PLAN_KINDS.find((k) => k.id === id)!;
}

/** The phase sources tried for a document that is not a plan (its model still has phases). */
export const DEFAULT_PHASE_SOURCES: readonly PhaseSource[] = planKind('declared').phasesFrom;

/**
 * The words that say a piece of work is finished, in English and in other languages: a status
 * that is one of them alone (core/status.ts), a heading's `(Done)`, `（已完成）`, `— Erledigt`.
 */
export const FINISHED_WORDS =
  'complete|completed|done|finished|abgeschlossen|erledigt|fertig|terminé|termine|terminée|completado|completada|terminado|concluído|concluido|concluída|finalizado|завершено|выполнено|готово|已完成|完成|完了|완료';

/**
 * Words that say work is under way, in English and in other languages: a heading's `(In
 * Progress)`, `（进行中）`, a table cell's `En progreso`.
 */
export const IN_PROGRESS_WORDS = 'in[\\s_-]?progress|wip|ongoing|started|partial|partially|en progreso|en curso|em andamento|em progresso|en cours|in arbeit|in bearbeitung|в процессе|в работе|进行中|進行中|着手中|実装中|진행 중|진행중';

/**
 * Done markers on a heading: `✅`, `✔`, `☑` (at either end, or at the end before a note in
 * brackets: `✅ (core complete)`), `(DONE)`, `[Complete]`, `（已完成）`, `(erledigt)`, `— Done` at
 * the end, or a bare `DONE` / `COMPLETE` in capitals, so that "Make it complete" is not done; and
 * none when the heading ends by saying it is not ("NOT DONE", "PARTIALLY COMPLETED"; `(未完成)` is
 * no finished word in brackets).
 */
const MARKED_DONE = new RegExp(`(?:[✅✔☑]\\uFE0F?(?:\\s*\\([^()]*\\))?|[(（]\\s*(?:${FINISHED_WORDS})\\s*[)）]|\\[(?:${FINISHED_WORDS})\\]|\\s[-–—:|]\\s*(?:${FINISHED_WORDS}))\\s*[.!。]?\\s*$`, 'i');
const CAPS_DONE = /\b(?:DONE|COMPLETE|COMPLETED)\s*[.!]?\s*$/;
const DONE_AT_START = /^\s*[✅✔☑]\uFE0F?\s*/;
/** The words that say it is not: "— NOT DONE", "⚠️ PARTIALLY COMPLETED", "(not yet complete)". */
const NOT_DONE = /\b(?:not|partially|partly|partial|nearly|almost|mostly|half|never|to be)\s+(?:yet\s+)?(?:done|complete|completed|finished)\b[\s.!)\]]*$/i;

export function hasDoneMarker(heading: string): boolean {
  const s = heading.replace(/[*_]/g, '');
  return !NOT_DONE.test(s) && (DONE_AT_START.test(s) || MARKED_DONE.test(s) || CAPS_DONE.test(s));
}

/**
 * Marks on a heading that say its work is under way: `🚧` or `🔄` at either end, `(In Progress)`,
 * `[WIP]`, `(Current)`, `— In progress`, `IN PROGRESS` in capitals, `(75% complete)`, and the same
 * in a few other languages (`(EN PROGRESO)`, `(em andamento)`, `(en cours)`, `（进行中）`, `（着手中）`).
 */
const MARKED_IN_PROGRESS = new RegExp(
  `^\\s*[🚧🔄]|[🚧🔄]\\uFE0F?\\s*$|[(\\[（]\\s*(?:${IN_PROGRESS_WORDS}|current)\\s*[)\\]）]|\\s[-–—:|]\\s*(?:in[\\s-]progress|wip)\\s*$|\\bIN PROGRESS\\b|\\b[1-9]\\d?%\\s*(?:complete|completed|done)\\b`,
  'iu',
);

/** What every in-progress marker holds: most headings have none of it, and stop here. */
const MAY_BE_IN_PROGRESS = /[🚧🔄(\[（%]|progress|wip/i;

export function hasInProgressMarker(heading: string): boolean {
  return MAY_BE_IN_PROGRESS.test(heading) && MARKED_IN_PROGRESS.test(heading.replace(/[*_]/g, ''));
}

/** A heading's text without its done marker. */
export function withoutDoneMarker(heading: string): string {
  if (NOT_DONE.test(heading.replace(/[*_]/g, ''))) return heading.trim();
  // Markers may stack at the end ("✅ COMPLETED"): take them off until none is left.
  let s = heading.replace(DONE_AT_START, '');
  for (let before = ''; before !== s; ) {
    before = s;
    s = s.replace(MARKED_DONE, '').replace(CAPS_DONE, '');
  }
  return s.trim();
}

/** One of `words` as a whole word: `\b` would not see the edges of a word in Chinese, nor `未完成`'s 未. */
const wholeWord = (words: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])`, 'iu');
const CELL_DONE = wholeWord(`${FINISHED_WORDS}|shipped|merged`);
const CELL_IN_PROGRESS = wholeWord(IN_PROGRESS_WORDS);

/** The state a Status Tracking table cell says: `✅`, `Done`, `In progress`, `Skipped` (or `已完成`, `En progreso`), else open. */
export function cellState(cell: string): 'done' | 'inProgress' | 'skipped' | 'open' {
  const s = cell.replace(/[*_`]/g, '').trim();
  if (/\bnot\s+(?:yet\s+)?(?:done|complete|completed|started|finished)\b|\bincomplete\b|\btodo\b|\bpending\b|[⬜❌⏸]/i.test(s)) return 'open';
  if (/[✅✔☑]|\[x\]/i.test(s) || CELL_DONE.test(s)) return 'done';
  if (/[🚧🔄⏳🟡]/u.test(s) || CELL_IN_PROGRESS.test(s)) return 'inProgress';
  if (/\b(?:skipped|dropped|deferred|cancell?ed|n\/a|won't do)\b/i.test(s)) return 'skipped';
  return 'open';
}
