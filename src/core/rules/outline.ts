/**
 * Small readings of a parsed plan shared by the structure rules and their quick fixes: which
 * headings and Status Tracking items are numbered phases or steps, and where things sit on a line.
 */
import { lineAt, lineStarts } from '../text';
import type { Plan, Section, Task } from '../types';

/** `Phase 2: Name`, `Step 3 - Name`, `**Phase 1**: Name`, `4.1 Phase 4 — Name` (as the parser reads them). */
const NUMBERED = /^(?:\d+(?:\.\d+)*\.?\s+)?(phase|step)\s+(\d+)\b\s*[:.)\-–—]?\s*(.*)$/i;

export interface NumberedLabel {
  readonly kind: 'phase' | 'step';
  readonly number: number;
  /** The name after `Phase N:` ('' when none). */
  readonly name: string;
}

export function numberedLabel(text: string): NumberedLabel | undefined {
  const m = NUMBERED.exec(text.replace(/[*_`~]/g, '').trim());
  if (!m) return undefined;
  return { kind: m[1].toLowerCase() as 'phase' | 'step', number: Number(m[2]), name: m[3].trim() };
}

/** Whether section `index` is the Status Tracking section or inside it. */
export function inTracking(plan: Plan, index: number): boolean {
  if (plan.trackingSection < 0) return false;
  for (let i = index; i >= 0; i = plan.sections[i].parent) if (i === plan.trackingSection) return true;
  return false;
}

export interface NumberedHeading extends NumberedLabel {
  readonly section: Section;
}

/** Roadmap headings (outside Status Tracking) that are `Phase N` / `Step N`, in document order. */
export function numberedHeadings(plan: Plan): NumberedHeading[] {
  const found: NumberedHeading[] = [];
  for (const section of plan.sections) {
    if (inTracking(plan, section.index)) continue;
    const n = numberedLabel(section.text);
    if (n) found.push({ ...n, section });
  }
  return found;
}

export interface NumberedItem extends NumberedLabel {
  readonly task: Task;
}

/** Top-level Status Tracking items, each with its `Phase N` / `Step N` reading when it has one. */
export function trackingItems(plan: Plan): { task: Task; label?: NumberedLabel }[] {
  if (plan.trackingSection < 0) return [];
  return plan.tasks
    .filter((t) => t.parent === -1 && t.section >= 0 && inTracking(plan, t.section))
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
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  get count(): number {
    return this.starts.length;
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
