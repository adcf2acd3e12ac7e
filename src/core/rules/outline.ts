/**
 * Small readings of a parsed plan shared by the structure rules and their quick fixes: which
 * headings and Status Tracking items are numbered phases or steps, and where things sit on a line.
 */
import { taskSection } from '../compactTasks';
import { hasDoneMarker, withoutDoneMarker } from '../kinds';
import { lineAt, lineStarts, normalizeName, plainText } from '../text';
import type { Phase, Plan, Section, Task } from '../types';

/**
 * `Phase 2: Name`, `Step 3 - Name`, `**Phase 1**: Name`, `4.1 Phase 4 — Name`, `Phase 2a`, `Phase 1.2.1`,
 * `Phase 3.D.2` (a letter for a part), `✅ Phase 1`. Not "Phase 1 tests pass": a number followed by a lower-case word only mentions a phase.
 */
const NUMBERED = /^(?:\d+(?:\.\d+)*\.?\s+)?(phase|step)\s+(\d+)((?:\.(?:\d+|[a-z](?![\p{L}])))*[a-z]?)(?![\p{L}\p{N}])\s*([:.)\-–—]?)\s*(.*)$/iu;

export interface NumberedLabel {
  readonly kind: 'phase' | 'step';
  /** N of `Phase N`; of `Phase 2a` and `Phase 1.2.1`, the 2 and the 1. */
  readonly number: number;
  /** What follows the number: `a` of `Phase 2a`, `.2.1` of `Phase 1.2.1`, `.d.2` of `Phase 3.D.2`, '' for most. */
  readonly sub: string;
  /** The name after `Phase N:` ('' when none). */
  readonly name: string;
}

/** `1. Title` of a top-level Kiro task (its number and title), which is also the label of its phase. */
export const NUMBERED_TASK = /^(\d+)\.\s+(\S.*)$/;

/**
 * A phase in the words of plans written in other languages: `Fase 1: …` (Spanish, Portuguese,
 * Italian), `Etapa 2`, `Étape 3`, `Этап 1`, `Фаза 2`, `Etap 1`, `Faza 1`, `Tahap 1`, `Aşama 1`; `阶段一：…`,
 * `阶段 1：…`, `第一阶段：…`, `第2階段`, `フェーズ1: …`, `第1段階`, `1단계: …`, `단계 2`. The number in digits
 * or Chinese numerals (`一`…`九十九`); the name after a colon, full-width too.
 */
const LOCAL_PHASE =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:fase|etapa|etap|faza|étape|etape|этап|фаза|tahap|aşama)\s+(\d+)|(?:阶段|階段|フェーズ|단계)\s*(\d+|[〇零一二三四五六七八九十]+)|第\s*(\d+|[〇零一二三四五六七八九十]+)\s*(?:阶段|階段|段階|フェーズ)|(\d+)\s*단계)((?:\.(?:\d+|[a-z](?![\p{L}])))*[a-z]?)(?![\p{L}\p{N}])\s*([:.)\-–—：]?)\s*(.*)$/iu;

/** The words NUMBERED and LOCAL_PHASE need, with their flags: most headings and labels have none, and stop here. */
const PHASE_OR_STEP = /phase|step|fase|etap|faza|étape|этап|фаза|tahap|aşama|阶段|階段|段階|フェーズ|단계/iu;

export function numberedLabel(text: string): NumberedLabel | undefined {
  const plain = plainText(text);
  if (!PHASE_OR_STEP.test(plain)) return undefined;
  // Most labels start with a letter or digit: nothing to cut before the match.
  const label = startsAlphanumeric(plain) ? plain : plain.replace(/^[^\p{L}\p{N}]+/u, '');
  const m = NUMBERED.exec(label);
  if (m) {
    if (!m[4] && /^\p{Ll}/u.test(m[5])) return undefined;
    // The kind is one of two shared strings, not a new one for every heading of every plan an index holds.
    return { kind: m[1].toLowerCase() === 'phase' ? 'phase' : 'step', number: Number(m[2]), sub: m[3].toLowerCase(), name: m[5].trim() };
  }
  const l = LOCAL_PHASE.exec(label);
  if (!l || (!l[6] && /^\p{Ll}/u.test(l[7]))) return undefined;
  const number = l[1] ?? l[4] ?? chineseNumber(l[2] ?? l[3]);
  return { kind: 'phase', number: Number(number), sub: l[5].toLowerCase(), name: l[7].trim() };
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** `三` → 3, `十二` → 12, `二十` → 20, `零` → 0; digits as they are. */
function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const digit = (c: string | undefined): number => (c === undefined ? 0 : c === '零' ? 0 : CHINESE_DIGITS.indexOf(c));
  const ten = s.indexOf('十');
  if (ten < 0) return [...s].reduce((n, c) => n * 10 + digit(c), 0);
  return (ten === 0 ? 1 : digit(s[ten - 1])) * 10 + digit(s[ten + 1]);
}

/**
 * `Milestone 2: Core Features`, `Milestone 3 (In Progress)`, `4. Milestone 4 — API`, `Wave 0.5`,
 * and the other words plans use for their phases: `Checkpoint 1: …`, `Stage 2`, `Sprint 3`,
 * `Iteration 1`, `Wave 2`, `Task 3: …` (Superpowers' plans), `Week 1: …`.
 */
const MILESTONE_WORDS = /milestone|checkpoint|stage|sprint|iteration|wave|task|week/i;
const MILESTONE = /^(?:\d+(?:\.\d+)*\.?\s+)?(milestone|checkpoint|stage|sprint|iteration|wave|task|week)\s+(\d+(?:\.\d+)?)(?![\p{L}\p{N}]|\.\d)\s*[:.)\-–—]?\s*(.*)$/iu;

/** A `Milestone N` (or `Checkpoint N`, `Stage N`, `Sprint N`, `Iteration N`, `Wave N`, `Task N`) heading's word, number and name: what a plan without `Phase N` headings may call its phases. */
export function milestoneLabel(text: string): { readonly word: string; readonly number: number; readonly name: string } | undefined {
  // Most headings are no milestone: tested before plainText allocates.
  if (!MILESTONE_WORDS.test(text)) return undefined;
  const plain = plainText(text);
  const m = MILESTONE.exec(startsAlphanumeric(plain) ? plain : plain.replace(/^[^\p{L}\p{N}]+/u, ''));
  return m ? { word: m[1].toLowerCase(), number: Number(m[2]), name: m[3].trim() } : undefined;
}

/** Whether `s` starts with an ASCII letter or digit (a test that skips a Unicode replace for most labels). */
function startsAlphanumeric(s: string): boolean {
  const c = s.charCodeAt(0) | 32;
  return (c >= 97 && c <= 122) || (s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57);
}

/**
 * `numberedLabel` of each section's heading, by section index. The parser asks for these from
 * several places (the roadmap, the phases' links by name, plan detection); they are read once a
 * list of sections.
 */
export function sectionLabels(sections: readonly Section[]): readonly (NumberedLabel | undefined)[] {
  if (lastLabels?.sections !== sections) lastLabels = { sections, labels: sections.map((s) => numberedLabel(s.text)) };
  return lastLabels.labels;
}

let lastLabels: { sections: readonly Section[]; labels: readonly (NumberedLabel | undefined)[] } | undefined;

/** `Phase 2a` → `phase 2a`: what two labels share when they name the same phase. */
export function numberedKey(n: NumberedLabel): string {
  return `${n.kind} ${n.number}${n.sub}`;
}

/**
 * Whether section `index` is the Status Tracking section. Its subsections are not: when
 * `## Status Tracking` is followed by `### Phase …` bodies, those bodies are the roadmap.
 */
export function inTracking(plan: Plan, index: number): boolean {
  return plan.trackingSection >= 0 && index === plan.trackingSection;
}

/**
 * Whether `task` is under `section` (its subsections included): within its lines, or a todo of the
 * front matter the parser placed in it (a Cursor plan's `phase2-…` todo under `## Phase 2`). The
 * one answer to "the tasks of a section" for the edits, `next` and the phase quick pick.
 */
export function isInSection(plan: Plan, task: Task, section: Section): boolean {
  if (task.line >= plan.bodyStartLine) return task.line > section.line && task.line < section.endLine;
  for (let s = task.section; s >= 0; s = plan.sections[s].parent) if (s === section.index) return true;
  return false;
}

/** Whether a phase has an item (task or table row) in the Status Tracking section. */
export function isTracked(plan: Plan, phase: Pick<Phase, 'trackingTask' | 'trackingRow'>): boolean {
  if (phase.trackingRow !== undefined) return true;
  // The task's section from the packed numbers: `plan.tasks` would unpack every task, for each plan of a view.
  return phase.trackingTask >= 0 && plan.trackingSection >= 0 && taskSection(plan, phase.trackingTask) === plan.trackingSection;
}

/**
 * Whether a phase is a top-level numbered task of its own (Kiro's `- [ ] 2. Title`), its sub-tasks
 * its progress; not an item of a phase list that names no heading (GSD's `**Phase 14-22: …**`).
 */
export function isTaskPhase(plan: Plan, phase: Pick<Phase, 'trackingTask' | 'trackingRow' | 'section' | 'label'>): boolean {
  return phase.trackingTask >= 0 && phase.section < 0 && NUMBERED_TASK.test(phase.label) && !isTracked(plan, phase);
}

export interface NumberedHeading extends NumberedLabel {
  readonly section: Section;
}

/** Words of a section that holds a roadmap: its `Phase N` subsections are the plan's phases. */
const ROADMAP = /\b(?:roadmap|implementation|plan|planning|phases?|milestones?|tasks?|rollout|timeline|schedule|breakdown|steps?|progress|status|work|delivery|execution|migration)\b/;

/**
 * The roadmap's `Phase N` / `Step N` headings, in document order: level 2 or deeper, outside the
 * Status Tracking section, and either holding tasks, marked done (`✅`), at the top of the document
 * or inside a section (not the title) whose name says roadmap (Implementation Roadmap, Phases, Rollout Plan…). Not
 * an H1 ("Phase 1 Completion Guide"), not the phases of an algorithm in a design section, and not a
 * sub-phase (`Phase 1.2`) inside its own phase's section. Of headings that share a number and a
 * name, those with something to count win over prose (details, then a checklist of the same phases).
 */
export function roadmapHeadings(sections: readonly Section[], trackingSection: number): readonly NumberedHeading[] {
  // The parser asks twice in a row (plan detection, then the phases): the second time is free.
  if (lastRoadmap?.sections === sections && lastRoadmap.trackingSection === trackingSection) return lastRoadmap.found;
  let found: NumberedHeading[] = [];
  /** Which of `found` hold something to count; `someUncounted`: not all of them do. */
  const counts: boolean[] = [];
  let someUncounted = false;
  // Each section's reading once, not once more for every subsection under it.
  const labels = sectionLabels(sections);
  const roadmapWords: (boolean | undefined)[] = [];
  for (const section of sections) {
    const n = labels[section.index];
    if (!n || section.level < 2 || section.index === trackingSection) continue;
    const counted = section.progress.total + section.progress.skipped > 0 || hasDoneMarker(section.text);
    let roadmap = false;
    let nested = false;
    let top = true;
    for (let p = section.parent; p >= 0; p = sections[p].parent) {
      const ancestor = sections[p];
      const outer = labels[p];
      if (outer && outer.kind === n.kind && ancestor.level >= 2) nested = true;
      if (ancestor.level >= 2) top = false;
      // The title's words say what the whole document is ("Tasks: Login", "Implementation Plan: X"),
      // not that every Phase heading in it is the roadmap's (an appendix's "Phase 1: Setup" is not).
      if (!roadmap && (p === trackingSection || (ancestor.level >= 2 && (roadmapWords[p] ??= ROADMAP.test(normalizeName(ancestor.text)))))) roadmap = true;
    }
    if (nested || !(counted || roadmap || top)) continue;
    found.push({ kind: n.kind, number: n.number, sub: n.sub, name: n.name, section });
    counts.push(counted);
    if (!counted) someUncounted = true;
  }
  // A phase described in prose and listed again, same number and name, with its tasks (details
  // first, then a checklist of the same headings): the headings with something to count are the
  // roadmap's. A heading of the same number and another name is a numbering slip, and stays.
  // (Only when some heading has nothing to count: the keys are not built for the plans that have none such.)
  if (someUncounted && counts.includes(true)) {
    const keys = new Set(found.filter((_, i) => counts[i]).map(sameHeading));
    found = found.filter((h, i) => counts[i] || !keys.has(sameHeading(h)));
  }
  lastRoadmap = { sections, trackingSection, found: Object.freeze(found) };
  return lastRoadmap.found;
}

/** A `Milestone N` heading of the roadmap (or `Checkpoint N`…): its word, number, name and section. */
export interface MilestoneHeading {
  /** `milestone`, `checkpoint`, `stage`, `sprint`, `iteration`, `wave`, `task` or `week`, in lower case. */
  readonly word: string;
  readonly number: number;
  readonly name: string;
  readonly section: Section;
}

/**
 * The `Milestone N` headings that hold tasks or are marked done, in document order: level 2 or
 * deeper, outside the Status Tracking section, not inside another milestone's section. Of the
 * words (`Milestone`, `Checkpoint`, `Stage`…), only the first heading's counts: a `## Milestone 1`
 * and a later `## Stage 1` are not two phases 1.
 */
export function milestoneHeadings(sections: readonly Section[], trackingSection: number): readonly MilestoneHeading[] {
  const found: MilestoneHeading[] = [];
  const isMilestone: boolean[] = [];
  for (const section of sections) {
    const m = section.level >= 2 && section.index !== trackingSection ? milestoneLabel(section.text) : undefined;
    isMilestone[section.index] = m !== undefined;
    if (!m) continue;
    let nested = false;
    for (let p = section.parent; p >= 0 && !nested; p = sections[p].parent) nested = isMilestone[p] === true;
    if (nested || !(section.progress.total + section.progress.skipped > 0 || hasDoneMarker(section.text))) continue;
    if (found.length > 0 && m.word !== found[0].word) continue;
    found.push({ word: m.word, number: m.number, name: m.name, section });
  }
  return found;
}

/** Headings that say the same: number, sub-label and name. */
function sameHeading(n: NumberedLabel): string {
  return `${numberedKey(n)}\n${normalizeName(withoutDoneMarker(n.name))}`;
}

let lastRoadmap: { sections: readonly Section[]; trackingSection: number; found: readonly NumberedHeading[] } | undefined;

/** Roadmap headings of a parsed plan (see `roadmapHeadings`). */
export function numberedHeadings(plan: Plan): readonly NumberedHeading[] {
  return roadmapHeadings(plan.sections, plan.trackingSection);
}

export interface NumberedItem extends NumberedLabel {
  readonly task: Task;
}

/** Whether a task is a Status Tracking item: a top-level task of the Status Tracking section. */
export function isTrackingItem(plan: Plan, task: Task): boolean {
  return task.parent === -1 && task.section >= 0 && inTracking(plan, task.section);
}

/** Top-level Status Tracking items, each with its `Phase N` / `Step N` reading when it has one. */
export function trackingItems(plan: Plan): { task: Task; label?: NumberedLabel }[] {
  if (plan.trackingSection < 0) return [];
  return plan.tasks
    .filter((t) => isTrackingItem(plan, t))
    .map((task) => ({ task, label: numberedLabel(task.text) }));
}

/** A range on one line: `[start, end)`. */
export interface LineRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Reads lines of one text, computing line starts once. */
export class Lines {
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Where line `line` starts in the text. */
  startOf(line: number): number {
    return this.starts[line];
  }

  /** The line that holds the character at `offset` of the text. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  at(line: number): string {
    return lineAt(this.text, this.starts, line) ?? '';
  }

  /** The heading's text on its line (after the `#` marks), or the whole line. */
  headingRange(section: Section): LineRange {
    const l = this.at(section.line);
    const m = /^\s{0,3}#{1,6}\s+/.exec(l);
    const start = m ? m[0].length : 0;
    const end = l.replace(/\s+#*\s*$/, '').length;
    return { line: section.line, start, end: Math.max(start, end) };
  }

  /** The task's text on its line (after `[x] `). */
  taskRange(task: Task): LineRange {
    const l = this.at(task.line);
    let start = task.column + 3;
    while (start < l.length && (l[start] === ' ' || l[start] === '\t')) start++;
    const end = l.trimEnd().length;
    return { line: task.line, start: Math.min(start, end), end };
  }

  /**
   * The last line of the list item that starts on `line`: its continuation lines and sub-items
   * (anything indented deeper, with blank lines between), not trailing blank lines.
   */
  itemEnd(line: number): number {
    const indent = indentOf(this.at(line));
    let last = line;
    for (let l = line + 1; l < this.count; l++) {
      const t = this.at(l);
      if (!t.trim()) continue;
      if (indentOf(t) <= indent) break;
      last = l;
    }
    return last;
  }

  /** The last line in `[from, to)` that is neither blank nor a thematic break, or `from - 1`. */
  lastContentLine(from: number, to: number): number {
    for (let l = to - 1; l >= from; l--) {
      const t = this.at(l);
      if (t.trim() && !/^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/.test(t)) return l;
    }
    return from - 1;
  }
}

export function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}
