/**
 * Which Markdown files are plans: a plan tracks work with task items (or says it is a plan), in
 * one of the shapes of the plan-kind table (`kinds.ts`).
 */
import { PLAN_KINDS, type PlanKindId, type Sign } from './kinds';
import { milestoneHeadings, roadmapHeadings, sectionLabels } from './rules/outline';
import { plainText } from './text';
import type { Plan, Section, Task } from './types';

/** The rule that makes a Markdown file a plan, in words (the README and `plan-tracker` quote it). */
export const PLAN_DETECTION_RULE =
  'A Markdown file is a plan when it tracks work with task items (`- [ ]` / `- [x]`) in one of the known plan shapes ' +
  '(the Plan Tracker template with its Status Tracking list or table, spec-kit, Kiro and OpenSpec tasks.md, ExecPlans (a `## Progress` checklist beside a `## Decision Log`), Cursor plans (`todos` in the front matter), Claude Code plan files, BMAD stories, ' +
  'a GSD `.planning/ROADMAP.md`, `Phase N` headings (`Fase N`, `阶段N`, `N단계`… in other languages; or `Milestone N`, `Checkpoint N`, `Stage N`, `Sprint N`, `Iteration N`, `Wave N`, `Task N`, `Week N` ones) with tasks under them, a file in a `plans` folder, named `PLAN.md` / `…-plan.md` / `…计划.md` or `tasks/todo.md`, with two task items or more), ' +
  'or when its YAML front matter says so ("type: plan", "kind: plan" or "plan: true"), ' +
  'or when its path matches `planTracker.alwaysPlans`. A template (in a `templates` folder, or named `…-template.md`) or a changelog is not a plan.';

/** What detection looks at, read once by the parser. */
export interface PlanEvidence {
  readonly text: string;
  /** The document's path or URI ('' when unknown). */
  readonly path: string;
  readonly title: string;
  readonly frontMatter?: Readonly<Record<string, unknown>>;
  readonly sections: readonly Section[];
  readonly tasks: readonly Task[];
  /** The Status Tracking section, -1 when none. */
  readonly trackingSection: number;
  /** Whether it tracks items of its own (tasks or table rows), not only prose. */
  readonly tracks: boolean;
  /** How many of its tasks are todos of its front matter (a Cursor plan's, core/todos.ts). */
  readonly todos?: number;
}

function frontMatterSaysPlan(fm: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!fm) return false;
  const kind = fm.type ?? fm.kind;
  return (typeof kind === 'string' && kind.toLowerCase() === 'plan') || fm.plan === true;
}

function holds(sign: Sign, e: PlanEvidence): boolean {
  switch (sign.on) {
    case 'front-matter':
      return frontMatterSaysPlan(e.frontMatter);
    case 'tracking':
      return e.tracks;
    case 'front-matter-todos':
      return (e.todos ?? 0) > 0;
    case 'title':
      return sign.match.test(plainText(e.title));
    case 'heading':
      return e.sections.some((s) => sign.match.test(plainText(s.text)));
    case 'path':
      return sign.match.test(e.path) !== (sign.not === true);
    case 'line':
      return sign.match.test(e.text);
    case 'task': {
      let n = 0;
      for (const t of e.tasks) if ((!sign.topLevel || t.parent === -1) && sign.match.test(t.text) && ++n >= sign.min) return true;
      return false;
    }
    case 'phase-heading-tasks':
      return roadmapHeadings(e.sections, e.trackingSection).filter((h) => h.kind === 'phase' && h.section.progress.total + h.section.progress.skipped > 0).length >= sign.min;
    case 'milestone-heading-tasks':
      return milestoneHeadings(e.sections, e.trackingSection).filter((h) => h.section.progress.total + h.section.progress.skipped > 0).length >= sign.min;
    case 'numbered-heading-tasks':
      return e.sections.filter((s) => s.level >= 2 && /^\d+\.\s+\S/.test(plainText(s.text)) && !sectionLabels(e.sections)[s.index] && s.progress.total + s.progress.skipped > 0).length >= sign.min;
  }
}

/**
 * A template by its path, not a plan: a file in a `templates` (or `template`) folder, as spec-kit's
 * `.specify/templates/tasks-template.md` and a skill's `templates/plan.md` are, or in GitHub's
 * `ISSUE_TEMPLATE` folder; or a file named `template.md`, `…-template.md`, `…_TEMPLATE.md` or
 * `….template.md`, or `TEMPLATE-…` / `TEMPLATE_…` in capitals (`TEMPLATE-feature-plan.md`). A plan
 * about templates (`template-migration-plan.md`, `specs/004-template-page/`) is not one.
 */
export function isTemplatePath(path: string): boolean {
  return TEMPLATE_PATH.test(path) || TEMPLATE_PREFIX.test(path);
}

const TEMPLATE_PATH = /(?:^|\/)(?:templates?|ISSUE_TEMPLATE)\/(?:[^/]+\/)*[^/]+$|(?:^|[/_.-])template\.[^/.]+$/i;
const TEMPLATE_PREFIX = /(?:^|\/)TEMPLATE[-_][^/]+$/;

/** A record of what was done, by its name: `CHANGELOG.md`, `CHANGES.md`, `HISTORY.md`, `RELEASE_NOTES.md`. */
export const RECORD_PATH = /(?:^|\/)(?:change-?logs?|changes|history|release[-_ ]?notes)\.[^/.]+$/i;

/**
 * The first row of the plan-kind table the document matches, undefined when it is not a plan (a
 * template or a changelog, by its path: `isTemplatePath`, `RECORD_PATH`). `assumePlan` (a path in
 * `planTracker.alwaysPlans`) makes any document a plan, of its own kind when it has one, else
 * `declared`.
 */
export function recognisePlan(e: PlanEvidence, assumePlan = false): PlanKindId | undefined {
  if (!assumePlan && (isTemplatePath(e.path) || RECORD_PATH.test(e.path))) return undefined;
  for (const kind of PLAN_KINDS) {
    if (kind.needsTasks && e.tasks.length === 0) continue;
    if (kind.when.some((group) => group.every((sign) => holds(sign, e)))) return kind.id;
  }
  return assumePlan ? 'declared' : undefined;
}

/** Why a document is not a plan, in one sentence (for `plan-tracker` when the user names the file). */
export function whyNotPlan(plan: Pick<Plan, 'isPlan' | 'tasks'>, path = ''): string | undefined {
  if (plan.isPlan) return undefined;
  const n = plan.tasks.length;
  if (n > 0 && isTemplatePath(path)) return 'not a plan: a template, by its path (in a `templates` folder, or named `…template.md`); `--always-plan` makes it one';
  if (n > 0 && RECORD_PATH.test(path)) return 'not a plan: a record of what was done, by its name (a changelog, release notes, a history); `--always-plan` makes it one';
  if (n === 0) return 'not a plan: it has no task items (`- [ ]`), and its front matter does not say "type: plan"';
  return `not a plan: its ${n} task item${n === 1 ? '' : 's'} follow none of the plan shapes (Status Tracking, Phase N or Milestone N headings, spec-kit, Kiro, OpenSpec, ExecPlan, Cursor plan, Claude Code plan, a GSD roadmap, a BMAD story, a plans folder)`;
}

/**
 * A cheap test that never says no to a plan: false means the text cannot meet the rule, so the
 * parse can be skipped (most Markdown in a workspace is READMEs and docs). Every plan has a task
 * item, a Status Tracking heading (over a table) or front matter.
 */
export function mightBePlan(text: string): boolean {
  return text.startsWith('---') || /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[^\]\n]\]/m.test(text) || /status[^\p{L}\p{N}\n]*tracking/iu.test(text);
}
