import type * as JsYaml from 'js-yaml';
import { recognisePlan, type PlanEvidence } from './detect';
import { defineCompactPhases } from './compactPhases';
import { defineCompactSections } from './compactSections';
import { defineCompactTasks } from './compactTasks';
import { isPartlyDone } from './execPlan';
import { readTodos, type TodoTask } from './todos';
import { cellState, DEFAULT_PHASE_SOURCES, hasDoneMarker, hasInProgressMarker, IN_PROGRESS_WORDS, PHASE_ITEM, planKind, withoutDoneMarker, type PhaseSource } from './kinds';
import { Counter, emptyProgress, isFinished, stateOf } from './progress';
import { milestoneHeadings, milestoneLabel, NUMBERED_TASK, numberedKey, numberedLabel, roadmapHeadings, sectionLabels, type NumberedLabel } from './rules/outline';
import { scanBlocks, type OutlineTable } from './scan';
import { isStatusKey, STATUS_COLUMN, STATUS_KEYS } from './status';
import { detach, detachAll, detachTogether, detectEol, lineAt, lineStarts, LineStartsScratch, normalizeName, plainText } from './text';
import {
  DEFAULT_MARKS,
  type HeaderField,
  type ParseOptions,
  type Phase,
  type PhaseKind,
  type Plan,
  type PlanSource,
  type Progress,
  type Section,
  type Task,
  type TaskMarkAlphabet,
  type TaskState,
} from './types';

/**
 * An open task whose text is struck through, alone or before a note (`- [ ] ~~Graph DSL~~ —
 * abandoned`), was dropped: it counts as skipped, as `[~]` does. A done one stays done.
 */
const STRUCK_THROUGH = /^~~(?!~)\S(?:.*?\S)?~~(?!~)(?:\s*$|\s*[-–—:(,;|])/;

/**
 * Where a task's text starts in its list item's content (`[ ] text`): after the mark, or after
 * Kiro's optional-task star (`[ ]* 2.3 …`, and `[ ]\* 2.3 …` as Prettier escapes it), which
 * makes a task like any other. A star not followed by a space belongs to the text.
 */
function taskTextStart(content: string): number {
  let at = 3;
  if (content.charCodeAt(at) === 92 /* backslash */ && content.charCodeAt(at + 1) === 42 /* * */) at += 2;
  else if (content.charCodeAt(at) === 42 /* * */) at += 1;
  else return 3;
  return at === content.length || isWhiteSpace(content.charCodeAt(at)) ? at : 3;
}

/**
 * A legend that says `[~]` is work in progress (`` `[~]` In progress ``, `[~] partly done`, `[~]
 * in_progress`, `[~] — в процессе`, `` `[~]` en progreso ``), as most plans that use `[~]` state it.
 */
const TILDE_IN_PROGRESS = new RegExp(`\\[~\\]\`?\\s*(?:[:=–—-]\\s*)?(?:${IN_PROGRESS_WORDS}|partly|doing|working)`, 'i');

/**
 * The marks a plan is read with: `marks`, but `~` in progress rather than skipped when the plan's
 * legend says so (a plan that writes `[~] Won't do` keeps it skipped). The parser and the edits
 * both ask here, so a plan is written in the marks it is read in.
 */
export function legendMarks(text: string, marks: TaskMarkAlphabet): TaskMarkAlphabet {
  if (marks['~'] !== 'skipped' || !text.includes('[~]') || !TILDE_IN_PROGRESS.test(text)) return marks;
  return { ...marks, '~': 'inProgress' };
}

/** Whether the task whose box starts at `column` of `line` (its source line) is a Kiro optional task (`[ ]*`). */
export function isOptionalTask(line: string, column: number): boolean {
  return taskTextStart(line.slice(column)) > 3;
}

/** `**Key:** value` or `**Key**: value` (a full-width `：` too), optionally as a list item or in a block quote. */
const FIELD = /^(\s*(?:>\s*)*(?:[-*+]\s+)?)\*\*([^*\n]{1,60}?)(?:[:：]\*\*|\*\*\s*[:：])[ \t]*(.*?)[ \t]*$/;
/** `Status: review` without bold, as a BMAD story writes it under its title (the status's names only: `STATUS_KEYS`). */
const PLAIN_STATUS = new RegExp(`^(\\s*(?:>\\s*)*(?:[-*+]\\s+)?)(${STATUS_KEYS})\\s*[:：][ \\t]*(\\S.*?)[ \\t]*$`, 'i');
/**
 * `Status Tracking`, `📋 Implementation Status Tracking`, `Test Status Tracking`, `Status Tracking
 * (as of May 2)`: a heading that ends so, not one that goes on (`### Status Tracking System`, a
 * group of tasks that build one).
 */
const TRACKING = /\bstatus tracking$/;
/** A note in brackets at the end of a heading, which does not change what it names. */
const TRAILING_NOTE = /\s*\([^()]*\)\s*$/;
/**
 * What a heading that TRACKING matches holds: normalizeName drops only `*_\`~` inside a word, so
 * the word is there as written (in any case) unless one of those splits it. A test on the heading
 * as it is, before normalizeName (most headings fail it).
 */
const MAY_TRACK = /tracking|[*_`~]/iu;
/** `## 1. Group` (OpenSpec), `### 2. Add the endpoint`, `## 4a. Command palette` (one inserted later). */
const NUMBERED_HEADING = /^(\d+)[a-z]?\.\s+(\S.*)$/;
/** A sub-task's number (`2.1 …`, `2.1. …`): its first part names the numbered task it belongs to. */
const SUB_NUMBERED_TASK = /^(\d+)\.\d+(?:\.\d+)*\.?\s+\S/;
/** The text of a task's evidence item: `Evidence: ran npm test (2026-01-02)`, `**Evidence:** …`. */
export const EVIDENCE_ITEM = /^(?:\*\*evidence:\*\*|\*\*evidence\*\*\s*:|evidence:)[ \t]*([\s\S]*)$/i;

/**
 * Parses a Markdown document into a Plan. Never throws: any string (empty, binary, huge) gives
 * a model, possibly empty.
 */
export function parsePlan(source: PlanSource | string, options: ParseOptions = {}): Plan {
  const src: PlanSource = typeof source === 'string' ? { text: source } : source;
  const text = typeof src.text === 'string' ? src.text : '';
  // The legend can change only what `[~]` means: read once a `[~]` task is met (most plans have none).
  let marks = options.marks ?? DEFAULT_MARKS;
  let legendRead = false;
  const starts = startsScratch.of(text);
  const lineCount = starts.length;

  // Front matter: read it; the scan sees its lines as blank (lines stay put).
  const fm = readFrontMatter(text, starts);
  let outline;
  try {
    outline = scanBlocks(text, fm ? fm.endLine : 0, starts);
  } catch {
    outline = { blocks: [], opaque: [] }; // the scanner has no known throw; stay total anyway.
  }

  // Sections and tasks, in one pass over the outline.
  const sections: MutableSection[] = [];
  const sectionStack: number[] = [];
  const tasks: (Task & { evidence?: string; evidenceLine?: number })[] = [];
  // The task each block is, plus one (0: none), in scratch space this parse has to itself.
  const taskOfBlock = blockScratch(outline.blocks.length);
  const tables: { table: OutlineTable; section: number }[] = [];
  let title = '';
  let titleLine = -1;
  let firstH2 = lineCount;
  // A Cursor plan's todos (front matter `todos:`) are its first tasks, before any heading.
  const todos = fm?.data?.todos === undefined ? [] : readTodos((line) => lineAt(text, starts, line) ?? '', 1, fm.endLine - 1, fm.data.todos);
  for (const { line, column, mark, state, text: label } of todos) tasks.push({ index: tasks.length, line, column, mark, state, text: label, depth: 0, parent: -1, section: -1 });
  for (let b = 0; b < outline.blocks.length; b++) {
    const block = outline.blocks[b];
    if (block.kind === 'heading') {
      while (sectionStack.length && sections[sectionStack[sectionStack.length - 1]].level >= block.level) {
        sections[sectionStack.pop()!].endLine = block.line;
      }
      const index = sections.length;
      sections.push({
        index,
        level: block.level,
        text: block.text.trim(), // a slice of the document: packed, or owned (ownStrings) where kept
        line: block.line,
        endLine: lineCount,
        parent: sectionStack.length ? sectionStack[sectionStack.length - 1] : -1,
        counter: new Counter(),
      });
      sectionStack.push(index);
      if (block.level === 1 && titleLine < 0) titleLine = block.line;
      if (block.level >= 2 && firstH2 === lineCount) firstH2 = block.line;
      continue;
    }
    if (block.kind === 'table') {
      tables.push({ table: block, section: sectionStack.length ? sectionStack[sectionStack.length - 1] : -1 });
      continue;
    }
    const content = block.content;
    if (content === undefined) continue;
    if (content.charCodeAt(0) !== 91 /* [ */) {
      // `- Evidence: …` directly under a task is that task's evidence (the first one), not a task.
      const owner = block.parent >= 0 ? taskOfBlock[block.parent] - 1 : -1;
      if (owner >= 0 && tasks[owner].evidence === undefined) {
        const m = EVIDENCE_ITEM.exec(content);
        if (m) {
          tasks[owner].evidence = detach(m[1].trim().replace(/\s*\n\s*/g, ' '));
          tasks[owner].evidenceLine = block.line;
        }
      }
      continue;
    }
    if (content.length < 3 || content.charCodeAt(2) !== 93 /* ] */) continue;
    const mark = content[1];
    if (mark === '~' && !legendRead) {
      marks = legendMarks(text, marks);
      legendRead = true;
    }
    const state: TaskState | undefined = Object.prototype.hasOwnProperty.call(marks, mark) ? marks[mark] : undefined;
    const after = taskTextStart(content);
    if (!state || (content.length > after && !isWhiteSpace(content.charCodeAt(after)))) continue;
    const column = markColumn(text, starts, block.line, mark);
    if (column < 0) continue;
    let parent = -1;
    for (let p = block.parent; p >= 0; p = (outline.blocks[p] as { parent: number }).parent) {
      const t = taskOfBlock[p] - 1;
      if (t >= 0) {
        parent = t;
        break;
      }
    }
    const section = sectionStack.length ? sectionStack[sectionStack.length - 1] : -1;
    const index = tasks.length;
    taskOfBlock[b] = index + 1;
    // Not detached: compactTasks packs the text, so this string does not outlive the parse.
    const label = content.indexOf('\n') < 0 ? taskText(content, after) : content.slice(after).trim().replace(/\s*\n\s*/g, ' ');
    // Open work that is not to be done counts as skipped: Kiro's optional task (`[ ]*`, which a
    // spec finishes without), or a task struck through.
    // An open step whose note says it is done in part (an ExecPlan's `(completed: X; remaining: Y)`) is under way.
    const taskState =
      state !== 'open' ? state : after > 3 || (label.charCodeAt(0) === 126 /* ~ */ && STRUCK_THROUGH.test(label)) ? 'skipped' : isPartlyDone(label) ? 'inProgress' : state;
    tasks.push({
      index,
      line: block.line,
      column,
      mark,
      state: taskState,
      text: label,
      depth: block.depth,
      parent,
      section,
    });
    for (let s = section; s >= 0; s = sections[s].parent) sections[s].counter.add(taskState);
  }

  placeTodos(todos, tasks, sections);
  const planCounter = new Counter();
  for (const t of tasks) planCounter.add(t.state);
  const frozenSections: Section[] = sections.map((s) => ({
    index: s.index,
    level: s.level,
    text: s.text,
    line: s.line,
    endLine: s.endLine,
    parent: s.parent,
    progress: s.counter.toProgress(),
  }));
  if (titleLine >= 0) title = frozenSections.find((s) => s.line === titleLine)!.text;

  // The status field: in the header, else under a subtitle, else in a closing block, else (with no
  // front matter status) a `## Status` section. Each place is read only when the ones before have none.
  const fields = readHeaderFields(text, starts, fm ? fm.endLine : 0, firstH2, outline.opaque);
  let statusField = fields.find((f) => isStatusKey(f.key));
  for (const more of [() => readSubtitleFields(text, starts, firstH2, outline.opaque), () => readClosingFields(text, starts, frozenSections, outline.opaque)]) {
    if (statusField) break;
    const found = more();
    fields.push(...found);
    statusField = found.find((f) => isStatusKey(f.key));
  }
  const fmStatus = fm?.data?.status;
  if (!statusField && typeof fmStatus !== 'string') {
    statusField = readStatusSection(text, starts, frozenSections, outline.opaque);
    if (statusField) fields.push(statusField);
  }
  let status = statusField ? statusText(statusField.value) : typeof fmStatus === 'string' ? fmStatus.trim() : undefined;
  if (!title && typeof fm?.data?.title === 'string') title = fm.data.title;

  const tracking = findTracking(frozenSections, tasks, tables);
  const { rows, tracks } = tracking;
  let { trackingSection } = tracking;
  const evidence: PlanEvidence = {
    text,
    path: src.path ?? options.path ?? src.uri ?? '',
    title,
    frontMatter: fm?.data,
    sections: frozenSections,
    tasks,
    todos: todos.length,
    trackingSection,
    tracks,
  };
  const kind = recognisePlan(evidence, options.assumePlan === true);
  const sources = kind ? planKind(kind).phasesFrom : DEFAULT_PHASE_SOURCES;
  // A Status Tracking list that tracks items, in a plan of a kind that takes no phases from one
  // (a Kiro or OpenSpec tasks.md), is one more group of tasks. (An empty one still gets items.)
  if (tracks && !sources.includes('tracking')) trackingSection = -1;
  // A phase heading's own status line (`**Status:** ✅ Completed` under it), read as it builds the phases.
  sectionStatus = ownStatusReader(text, starts, frozenSections, outline.opaque);
  let built: ReturnType<typeof buildPhases>;
  try {
    built = buildPhases(frozenSections, tasks, trackingSection, rows, sources, tables, todos.length);
  } finally {
    sectionStatus = NO_STATUS;
  }
  const { phases, steps } = built;
  const currentPhase = phases.findIndex((p) => p.measurable && !isFinished(p.state));
  // Owned even in a transient plan: what a caller keeps of it (a title, a phase's name) must not keep the document.
  [title, status] = ownStrings(title, status, fields, phases, steps);

  // One literal (not a spread) and the shared getters of the packed parts: every plan has the same hidden class.
  const model: Omit<Plan, 'tasks' | 'sections' | 'phases' | 'steps'> = {
    uri: src.uri,
    version: src.version,
    title,
    titleLine,
    // A copy of exactly its length: the list grew by pushes, with room to spare that an index of thousands keeps.
    fields: fields.slice(),
    frontMatter: fm?.data,
    bodyStartLine: fm ? fm.endLine : 0,
    status,
    trackingSection,
    currentPhase,
    progress: planCounter.toProgress(),
    lineCount,
    eol: detectEol(text),
    isPlan: kind !== undefined,
    kind,
  };
  if (options.transient === true) {
    return Object.assign(model, { phases: Object.freeze(phases), steps: Object.freeze(steps), sections: Object.freeze(frozenSections), tasks: Object.freeze(tasks) });
  }
  return defineCompactTasks(defineCompactSections(defineCompactPhases(model, phases, steps), frozenSections), tasks);
}

/**
 * Puts each todo whose id names a phase (`phase2-gui`) under the body's `Phase 2` heading (the
 * first one, level 2 or deeper): it counts in that section, so the phase built from the heading
 * has it as its work (a Cursor plan's body says what each phase is, its todos what is done).
 * `todos` are the first tasks; a todo no heading matches stays outside every section.
 */
function placeTodos(todos: readonly TodoTask[], tasks: Task[], sections: readonly { readonly level: number; readonly text: string; readonly parent: number; readonly counter: Counter }[]): void {
  if (!todos.some((t) => t.phase !== undefined)) return;
  const byNumber = new Map<number, number>();
  sections.forEach((section, index) => {
    const label = section.level >= 2 ? numberedLabel(section.text) : undefined;
    if (label?.kind === 'phase' && !label.sub && !byNumber.has(label.number)) byNumber.set(label.number, index);
  });
  todos.forEach((todo, i) => {
    // A todo that is a phase itself (`Phase 2: Sync queue`) is one of the phase list's items, not its work.
    const section = todo.phase === undefined || PHASE_ITEM.test(todo.text) ? undefined : byNumber.get(todo.phase);
    if (section === undefined) return;
    (tasks[i] as { section: number }).section = section;
    for (let s = section; s >= 0; s = sections[s].parent) sections[s].counter.add(todo.state);
  });
}

// Scratch space kept from one parse to the next (a parse runs to its end before another starts,
// and nothing it returns holds these): a Map or a growing array a plan cost a measurable share of
// the model. A plan larger than most (tens of thousands of lines or blocks) gets arrays of its own.
const SCRATCH_MAX = 16384;
let blocksScratch = new Int32Array(1024);

/** `count` zeroed numbers, valid until the next parse. */
function blockScratch(count: number): Int32Array {
  if (count > SCRATCH_MAX) return new Int32Array(count);
  if (count > blocksScratch.length) blocksScratch = new Int32Array(SCRATCH_MAX);
  blocksScratch.fill(0, 0, count);
  return blocksScratch;
}

/** `lineStarts(text)`, valid until the next parse. */
const startsScratch = new LineStartsScratch();

/**
 * Makes the strings a plan keeps its own, and returns the title and status so made. Each may be a
 * slice of the whole document (V8 keeps a substring as a view of its parent), and an index of
 * thousands of plans must not keep their texts. Section headings and task texts are kept packed
 * (compactSections.ts, compactTasks.ts), so what is left is the title, the status, the header
 * fields and the phases' labels and names: the first in one JSON round trip (detachAll), which
 * costs less than a round trip for each, the phases' in one join and split (detachTogether),
 * cheaper still (the phases and fields are this parse's own objects, not yet handed out).
 * Phases are kept packed too (compactPhases.ts), but the parser's own lists serve
 * the reads right after the parse, and a transient plan keeps them: what a caller keeps of a
 * phase (its name in a status bar item) must not keep the document.
 */
function ownStrings(title: string, status: string | undefined, fields: HeaderField[], phases: Phase[], steps: Phase[]): [string, string | undefined] {
  const all = phases.concat(steps.filter((step) => !phases.includes(step)));
  // What the plan keeps as strings, each its own; the phases' together (they are packed, and go
  // once the parser's own lists are let go).
  const kept: string[] = [title, status ?? ''];
  for (const f of fields) kept.push(f.key, f.value);
  const ownKept = detachAll(kept);
  let at = 2;
  for (const f of fields as { key: string; value: string }[]) {
    f.key = ownKept[at++];
    f.value = ownKept[at++];
  }
  const named: string[] = [];
  for (const p of all) named.push(p.label, p.name);
  const ownNamed = detachTogether(named);
  at = 0;
  for (const p of all as { label: string; name: string }[]) {
    p.label = ownNamed[at++];
    p.name = ownNamed[at++];
  }
  return [ownKept[0], status === undefined ? undefined : ownKept[1]];
}

interface MutableSection {
  index: number;
  level: number;
  text: string;
  line: number;
  endLine: number;
  parent: number;
  counter: Counter;
}

/** Column of the `[` of the task mark on its line, -1 when the line does not hold it. */
function markColumn(text: string, starts: ArrayLike<number>, line: number, mark: string): number {
  const start = starts[line];
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  // Skip indentation, block quote markers and list markers (`- `, `1. `, `- - `…).
  let at = skipQuoteIndent(text, start, end);
  for (;;) {
    let p = at;
    const c = text.charCodeAt(p);
    if (c === 45 || c === 42 || c === 43) p++;
    else {
      while (p < end && p - at < 10 && text.charCodeAt(p) >= 48 && text.charCodeAt(p) <= 57) p++;
      if (p === at || p - at > 9 || (text.charCodeAt(p) !== 46 && text.charCodeAt(p) !== 41)) break;
      p++;
    }
    if (p >= end || (text.charCodeAt(p) !== 32 && text.charCodeAt(p) !== 9)) break;
    at = skipQuoteIndent(text, p, end);
  }
  const code = mark.charCodeAt(0);
  if (at + 2 < end && text.charCodeAt(at) === 91 && text.charCodeAt(at + 1) === code && text.charCodeAt(at + 2) === 93) return at - start;
  const fallback = text.indexOf(`[${mark}]`, start);
  return fallback >= 0 && fallback + 3 <= end ? fallback - start : -1;
}

/** Past spaces, tabs and `>` from `pos`. */
function skipQuoteIndent(text: string, pos: number, end: number): number {
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 62) break;
    pos++;
  }
  return pos;
}

/** `content.slice(from).trim()`, the text after a task's `[x]` (or `[x]*`): one slice when only spaces and tabs lead it (most tasks). */
function taskText(content: string, from: number): string {
  let start = from;
  while (start < content.length && (content.charCodeAt(start) === 32 || content.charCodeAt(start) === 9)) start++;
  if (start === content.length) return '';
  return isWhiteSpace(content.charCodeAt(start)) || isWhiteSpace(content.charCodeAt(content.length - 1)) ? content.slice(start).trim() : content.slice(start);
}

/** JavaScript's `\s`: ASCII and Unicode white space. */
function isWhiteSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

interface FrontMatter {
  /** First line after the closing fence. */
  endLine: number;
  data?: Record<string, unknown>;
}

/**
 * js-yaml's `load`, loaded when a plan first has front matter: its schemas are built when it
 * loads, 5–13 ms at every start of the CLI, the MCP server and the extension, and most plans have
 * no front matter. A require() that the bundles include and run on first call.
 */
let yamlLoad: typeof JsYaml.load | undefined;
function loadYaml(yaml: string, options: JsYaml.LoadOptions): unknown {
  // Not Node's require: every bundle (the web worker's too) includes js-yaml and turns this call into its own loader.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, no-restricted-globals
  yamlLoad ??= (require('js-yaml') as typeof JsYaml).load;
  return yamlLoad(yaml, options);
}

/**
 * How large front matter data may be with its YAML aliases expanded: values plus the characters
 * of its keys and strings. Aliases let a few lines stand for billions of values, or for a value
 * that holds itself, and the model's front matter is written out whole (the CLI's JSON, the
 * editor's snapshot): such front matter has no data, as invalid YAML has none.
 */
const FRONT_MATTER_BUDGET = 1_000_000;
const FRONT_MATTER_DEPTH = 64;

/** Whether `value`, its aliases expanded, stays within `budget` and `FRONT_MATTER_DEPTH` levels (a cycle never does). */
function expandsWithin(value: unknown, budget: number): boolean {
  let left = budget;
  const fits = (v: unknown, depth: number): boolean => {
    left--;
    if (typeof v === 'string') left -= v.length;
    if (left < 0) return false;
    if (v === null || typeof v !== 'object') return true;
    if (depth >= FRONT_MATTER_DEPTH) return false;
    for (const [key, item] of Object.entries(v)) {
      left -= key.length;
      if (!fits(item, depth + 1)) return false;
    }
    return true;
  };
  return fits(value, 0);
}

function readFrontMatter(text: string, starts: ArrayLike<number>): FrontMatter | undefined {
  if (!text.startsWith('---')) return undefined;
  if ((lineAt(text, starts, 0) ?? '').trimEnd() !== '---') return undefined;
  const limit = Math.min(starts.length, 500);
  for (let line = 1; line < limit; line++) {
    const l = (lineAt(text, starts, line) ?? '').trimEnd();
    if (l === '---' || l === '...') {
      const yaml = text.slice(starts[1], starts[line]);
      let data: Record<string, unknown> | undefined;
      try {
        const loaded = loadYaml(yaml, { json: true });
        if (loaded && typeof loaded === 'object' && !Array.isArray(loaded) && expandsWithin(loaded, FRONT_MATTER_BUDGET)) data = loaded as Record<string, unknown>;
      } catch {
        data = undefined; // invalid YAML: the block is still front matter, with no data.
      }
      return { endLine: line + 1, data };
    }
  }
  return undefined;
}

function readHeaderFields(
  text: string,
  starts: ArrayLike<number>,
  from: number,
  to: number,
  opaque: readonly (readonly [number, number])[],
  indented = true,
): HeaderField[] {
  const fields: HeaderField[] = [];
  const limit = Math.min(to, from + 200);
  for (let line = from; line < limit; line++) {
    if (opaque.some(([s, e]) => line >= s && line < e)) continue;
    const lineText = lineAt(text, starts, line) ?? '';
    const m = FIELD.exec(lineText) ?? PLAIN_STATUS.exec(lineText);
    // `indented` false: only at the start of a line or of a top-level list item, not a task's own note.
    if (!m || (!indented && /^\s{2}/.test(m[1]))) continue;
    const valueStart = lineText.length - m[3].length - (lineText.length - lineText.trimEnd().length);
    fields.push({
      key: m[2].trim(),
      value: m[3],
      line,
      valueStart,
      valueEnd: valueStart + m[3].length,
    });
  }
  return fields;
}

/**
 * A status as it reads: `**Completed**`, `_Draft_` and `` `Done` `` are Completed, Draft and Done; a
 * struck-through part was replaced (`~~Planning Complete~~ Implementation In Progress`).
 */
function statusText(value: string): string {
  if (!/[*_`~]/.test(value)) return value;
  const read = plainText(value.replace(/~~[^~]+~~/g, ' ')).replace(/\s+/g, ' ').trim();
  return read || value;
}

/**
 * The header of a plan whose title has a subtitle (`# Title`, `## Subtitle`, then `**Status:** …`):
 * the fields that open the first level-2 section, up to its first line of anything else. Not
 * those of a phase or a task (`## Task 1: …` over its own `**Status**: Pending`).
 */
function readSubtitleFields(text: string, starts: ArrayLike<number>, firstH2: number, opaque: readonly (readonly [number, number])[]): HeaderField[] {
  const heading = (lineAt(text, starts, firstH2) ?? '').replace(/^\s*#+\s*/, '');
  if (numberedLabel(heading) || milestoneLabel(heading)) return [];
  let end = firstH2 + 1;
  for (const limit = Math.min(starts.length, firstH2 + 16); end < limit; end++) {
    const line = lineAt(text, starts, end) ?? '';
    if (line.trim() !== '' && !FIELD.test(line) && !PLAIN_STATUS.test(line)) break;
  }
  const fields = readHeaderFields(text, starts, firstH2 + 1, end, opaque);
  return fields.some((f) => isStatusKey(f.key)) ? fields : [];
}

/**
 * A `## Status` section that holds one short line (`Done`, `Ready for Review`), as a BMAD story
 * keeps its status: that line, as the `Status` field (so Set Status edits it where it is). Or a
 * `## Status: Not Started` heading: the value after its colon.
 */
function readStatusSection(
  text: string,
  starts: ArrayLike<number>,
  sections: readonly Section[],
  opaque: readonly (readonly [number, number])[],
): HeaderField | undefined {
  // Most headings are not it: tested for the word before plainText allocates.
  const section = sections.find((s) => s.level === 2 && /status/i.test(s.text) && /^status(?:\s*[:：]\s*\S.*)?$/i.test(plainText(s.text)));
  if (!section) return undefined;
  const heading = lineAt(text, starts, section.line) ?? '';
  const inHeading = /^\s{0,3}##\s+status\s*[:：]\s*(\S.*?)(?:\s+#+)?\s*$/i.exec(heading);
  if (inHeading) {
    const valueStart = heading.indexOf(inHeading[1], heading.search(/[:：]/));
    return { key: 'Status', value: inHeading[1], line: section.line, valueStart, valueEnd: valueStart + inHeading[1].length };
  }
  if (/[:：]/.test(plainText(section.text))) return undefined;
  const end = Math.min(section.endLine, starts.length);
  let line = section.line + 1;
  while (line < end && (lineAt(text, starts, line) ?? '').trim() === '') line++;
  if (line >= end || opaque.some(([s, e]) => line >= s && line < e)) return undefined;
  const lineText = lineAt(text, starts, line) ?? '';
  const value = lineText.trim();
  // One short line, then a blank line or the section's end; not a list, a table, a quote or a field.
  const next = line + 1 < end ? (lineAt(text, starts, line + 1) ?? '').trim() : '';
  if (value.length > 60 || next !== '' || /^(?:[-*+>|#]|\d+[.)]\s|\*\*[^*]+:\*\*)/.test(value)) return undefined;
  const valueStart = lineText.indexOf(value);
  return { key: 'Status', value, line, valueStart, valueEnd: valueStart + value.length };
}

/**
 * `**Key:** value` fields of a closing metadata block: the lines after the document's last
 * thematic break (`---`), when no heading follows it and the block is short.
 */
function readClosingFields(
  text: string,
  starts: ArrayLike<number>,
  sections: readonly Section[],
  opaque: readonly (readonly [number, number])[],
): HeaderField[] {
  const lastHeading = sections.length ? sections[sections.length - 1].line : -1;
  for (let line = starts.length - 1; line > lastHeading && line >= starts.length - 25; line--) {
    if (opaque.some(([s, e]) => line >= s && line < e)) continue;
    if (/^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/.test(lineAt(text, starts, line) ?? '')) {
      return readHeaderFields(text, starts, line + 1, starts.length, opaque);
    }
  }
  return [];
}

interface TrackingRow {
  readonly line: number;
  readonly label: string;
  readonly state: TaskState;
}

/**
 * The Status Tracking section: the first heading that ends in "Status Tracking" and tracks items of
 * its own (top-level tasks directly under it, or the rows of a table with a status column), else
 * the first such heading; -1 when there is none. `tracks` says whether it tracks anything: a
 * heading alone, over prose, does not make a plan.
 */
function findTracking(
  sections: readonly Section[],
  tasks: readonly Task[],
  tables: readonly { table: OutlineTable; section: number }[],
): { trackingSection: number; rows: TrackingRow[]; tracks: boolean } {
  let first = -1;
  for (const s of sections) {
    if (!MAY_TRACK.test(s.text) || !TRACKING.test(normalizeName(s.text.replace(TRAILING_NOTE, '')))) continue;
    if (first < 0) first = s.index;
    const rows = tables.filter((t) => t.section === s.index).flatMap((t) => trackingRows(t.table));
    if (rows.length > 0 || tasks.some((t) => t.section === s.index && t.parent === -1)) return { trackingSection: s.index, rows, tracks: true };
  }
  return { trackingSection: first, rows: [], tracks: false };
}

/** The rows of a `| Item | Status |` table, each with the state its status cell says. */
function trackingRows(table: OutlineTable): TrackingRow[] {
  const status = table.header.findIndex((h) => STATUS_COLUMN.test(plainText(h)));
  if (status < 0) return [];
  const labelColumn = status === 0 ? 1 : 0;
  const rows: TrackingRow[] = [];
  for (const row of table.rows) {
    const label = plainText(row.cells[labelColumn] ?? '');
    if (!label) continue;
    rows.push({ line: row.line, label, state: cellState(row.cells[status] ?? '') });
  }
  return rows;
}

const STOP = new Set(['the', 'and', 'of', 'a', 'an', 'to', 'for', 'e', 'g']);

function stems(s: string): readonly string[] {
  let found = stemsMemo.get(s);
  if (found === undefined) {
    if (stemsMemo.size >= STEMS_MEMO_MAX) stemsMemo.clear();
    found = Object.freeze(
      normalizeName(s)
        .split(' ')
        .filter((w) => w && !STOP.has(w))
        .map((w) => (w.length > 5 ? w.slice(0, 5) : w.replace(/s$/, ''))),
    );
    stemsMemo.set(detach(s), found);
  }
  return found;
}

/**
 * `stems` remembered, of headings and of the tracking items linked by name: plans made from one
 * template share most headings ("Executive Summary", "Quality Checks") and items ("Quality Checks
 * Passed"), and every plan with a Status Tracking list reads the stems of all its headings. Keys
 * are copies (a heading may be a slice of its whole document), and the memo is emptied when
 * full, so it stays small.
 */
const stemsMemo = new Map<string, readonly string[]>();
const STEMS_MEMO_MAX = 1024;

const isCounted = (p: Progress): boolean => p.total + p.skipped > 0;

function buildPhases(
  sections: readonly Section[],
  tasks: readonly Task[],
  tracking: number,
  rows: readonly TrackingRow[],
  sources: readonly PhaseSource[],
  tables: readonly { table: OutlineTable; section: number }[],
  todos = 0,
): { phases: Phase[]; steps: Phase[] } {
  const headings = roadmapHeadings(sections, tracking);
  let phases: Phase[] = [];
  let linkedRollout = new Map<number, number>();
  for (const source of sources) {
    if (source === 'tracking') {
      if (tracking < 0) continue;
      ({ phases, linkedRollout } = trackingPhases(sections, tasks, tracking, rows, headings));
    } else if (source === 'phase-headings') {
      phases = oneOfEachNumber(
        headings.filter((h) => h.kind === 'phase'),
        numberedKey,
      ).map((h) => sectionPhase('phase', h, sections[h.section.index]));
    } else if (source === 'phase-list') {
      ({ phases, linkedRollout } = phaseListPhases(sections, tasks, headings, tables, todos));
    } else if (source === 'milestone-headings') {
      phases = milestoneHeadingPhases(sections, tracking);
    } else if (source === 'numbered-headings') {
      phases = numberedHeadingPhases(sections, tracking);
    } else if (source === 'task-headings') {
      phases = taskHeadingPhases(sections, tracking);
    } else if (source === 'parent-tasks') {
      phases = parentTaskPhases(tasks);
    } else {
      phases = numberedTaskPhases(tasks);
    }
    if (phases.length) break;
  }
  const rollout = new Map<number, (typeof headings)[number]>();
  for (const h of headings) if (h.kind === 'step' && !rollout.has(h.number)) rollout.set(h.number, h);
  const steps: Phase[] = [...rollout]
    .sort((a, b) => a[0] - b[0])
    .map(([number, h]) => {
      const viaTracking = linkedRollout.get(number);
      return viaTracking !== undefined ? phases[viaTracking] : sectionPhase('step', h, h.section);
    });
  return { phases, steps };
}

/** A list item that stands for a phase: where it is, its label and state, and its task (-1: a table row). */
interface PhaseItem {
  readonly line: number;
  readonly label: string;
  readonly state: TaskState;
  readonly task: number;
}

/**
 * Status Tracking items first, in order, each linked to the roadmap heading of its number (`Phase
 * 2a` to `Phase 2a`, else to the first `Phase 2…`) or by name ("Quality Checks Passed" → "6.
 * Quality Checks"); the roadmap phases no item tracks go in by their number. A roadmap `Phase 2`
 * whose number an item tracks (`Phase 2a`, `Phase 2b`) is tracked.
 */
function trackingPhases(
  sections: readonly Section[],
  tasks: readonly Task[],
  tracking: number,
  rows: readonly TrackingRow[],
  headings: ReturnType<typeof roadmapHeadings>,
): { phases: Phase[]; linkedRollout: Map<number, number> } {
  // Labels and names are slices of the document here; ownStrings makes those kept the plan's own.
  const tracked = tasks.filter((t) => t.parent === -1 && t.section === tracking);
  const items: PhaseItem[] = tracked.map((t) => ({ line: t.line, label: plainText(t.text), state: t.state, task: t.index }));
  if (rows.length) {
    items.push(...rows.map((r) => ({ line: r.line, label: r.label, state: r.state, task: -1 })));
    items.sort((a, b) => a.line - b.line);
  }
  return linkedPhases(sections, items, tracking, headings);
}

/**
 * The level-2 headings of a list of the plan's phases: GSD's `## Phases`, spec-kit's `## Progress
 * Tracking`, and the same in other languages (`## 进度跟踪`, `## Progreso`, `## Fortschritt`, `## 進捗`).
 */
const PHASE_LIST_HEADING =
  /^(?:phases|progress|progress tracking|progress tracker|fases|phasen|étapes|etapes|этапы|progreso|progresso|fortschritt|avancement|progression|прогресс|seguimiento|acompanhamento|进度|进度跟踪|进度追踪|进展|進捗|進捗状況|진행 상황|진행상황)$/;

/**
 * A list of the plan's phases with a box each, under a `## Phases` or `## Progress Tracking`
 * heading (or a heading below it: GSD's milestones), or its front matter's todos: its top-level `Phase N` items, two or more,
 * in order, linked as Status Tracking items are. GSD's roadmap ticks its phases there, spec-kit's
 * `plan.md` its workflow's. An item's label is its bold part (`**Phase 2: Auth** - Login` →
 * `Phase 2: Auth`), else what comes before ` - ` or ` — `.
 */
function phaseListPhases(
  sections: readonly Section[],
  tasks: readonly Task[],
  headings: ReturnType<typeof roadmapHeadings>,
  tables: readonly { table: OutlineTable; section: number }[],
  todos: number,
): { phases: Phase[]; linkedRollout: Map<number, number> } {
  // A Cursor plan's todos (its first `todos` tasks) when they name its phases (`content: "Phase 1:
  // Setup"`): a phase list of their own, each linked to the body's `Phase N` heading.
  const todoItems: PhaseItem[] = [];
  for (let i = 0; i < todos; i++) {
    const t = tasks[i];
    if (PHASE_ITEM.test(t.text)) todoItems.push({ line: t.line, label: phaseItemLabel(t.text), state: t.state, task: t.index });
  }
  if (todoItems.length >= 2) return linkedPhases(sections, todoItems, -1, headings, true);
  for (const list of sections) {
    if (list.level !== 2 || !PHASE_LIST_HEADING.test(normalizeName(list.text))) continue;
    const items: PhaseItem[] = [];
    for (const t of tasks) {
      if (t.parent !== -1 || t.line <= list.line || t.line >= list.endLine || !PHASE_ITEM.test(t.text)) continue;
      items.push({ line: t.line, label: phaseItemLabel(t.text), state: t.state, task: t.index });
    }
    // Or a table of them with a status column: `| Phase 2: Auth | ✅ Complete |`.
    if (items.length === 0) {
      for (const { table } of tables) {
        if (table.line <= list.line || table.line >= list.endLine) continue;
        for (const row of trackingRows(table)) if (PHASE_ITEM.test(row.label)) items.push({ line: row.line, label: phaseItemLabel(row.label), state: row.state, task: -1 });
      }
    }
    // A phase is ticked once it is finished: an open item whose tasks have started is in progress.
    if (items.length >= 2) return linkedPhases(sections, items, list.index, headings, true);
  }
  return { phases: [], linkedRollout: new Map() };
}

/**
 * `**Phase 2: Auth** - Login` → `Phase 2: Auth`; `Phase 1: Validation (2/2 plans) — completed
 * 2026-03-30` → `Phase 1: Validation`.
 */
function phaseItemLabel(text: string): string {
  const bold = /^(?:~~)?(?:\*\*|__)(.+?)(?:\*\*|__)/.exec(text);
  const plain = plainText(bold ? bold[1] : text);
  const cut = separatorOutsideBrackets(plain);
  return (cut > 0 ? plain.slice(0, cut) : plain).replace(/\s*\(\d+\/\d+ plans?\)$/i, '').trim();
}

/** Where the first ` - `, ` – ` or ` — ` outside brackets starts (`Phase 2: Plan (/plan - approach) - notes`), -1 when none. */
function separatorOutsideBrackets(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && (c === '-' || c === '–' || c === '—') && i > 0 && /\s/.test(s[i - 1]) && /\s/.test(s[i + 1] ?? '')) return i - 1;
  }
  return -1;
}

/**
 * Phases from `items`, in order, each linked to the roadmap heading of its number or by name (not
 * to section `exclude`, the list's own); the roadmap phases no item names go in by their number.
 * An item's mark is its phase's state. For a `phaseList` (items that are all `Phase N`): an open item whose section
 * has work done (or in progress) is in progress, and an item links by its number only (`Phase
 * 147: Backlog Drain` is not the `## Backlog` section).
 */
function linkedPhases(
  sections: readonly Section[],
  items: readonly PhaseItem[],
  exclude: number,
  headings: ReturnType<typeof roadmapHeadings>,
  phaseList = false,
): { phases: Phase[]; linkedRollout: Map<number, number> } {
  const headingLabels = sectionLabels(sections);
  let named: { index: number; stems: readonly string[] }[] | undefined;
  const linkByName = (label: string): number => {
    named ??= sections
      .filter((s) => s.level >= 2 && s.index !== exclude && !headingLabels[s.index])
      .map((s) => ({ index: s.index, stems: stems(s.text) }))
      .filter((s) => s.stems.length > 0);
    const words = stems(label);
    return named.find((s) => s.stems.every((w) => words.includes(w)))?.index ?? -1;
  };
  const linkByNumber = (n: NumberedLabel): number => {
    // The first heading of that kind and number with the same sub-label; else, for a label without one, the first of that number.
    let first: (typeof headings)[number] | undefined;
    for (const h of headings) {
      if (h.kind !== n.kind || h.number !== n.number) continue;
      if (h.sub === n.sub) return h.section.index;
      first ??= h;
    }
    return !n.sub && first ? first.section.index : -1;
  };

  const phases: Phase[] = [];
  const linkedSections = new Set<number>();
  const trackedNumbers = new Set<number>();
  const linkedRollout = new Map<number, number>();
  for (const item of items) {
    const label = item.label;
    const n = numberedLabel(label);
    let section = n ? linkByNumber(n) : -1;
    if (section < 0 && !(phaseList && n)) section = linkByName(n ? n.name || label : label);
    if (n?.kind === 'phase') trackedNumbers.add(n.number);
    if (n?.kind === 'step' && section >= 0) linkedRollout.set(n.number, phases.length);
    if (section >= 0) linkedSections.add(section);
    const progress = section >= 0 ? sections[section].progress : emptyProgress();
    const started = phaseList && item.state === 'open' && progress.done + progress.inProgress > 0;
    // A phase list's table row that only says `Phase 5` goes by its heading's words.
    const heading = item.task < 0 && phaseList && n && !n.name && section >= 0 ? headingLabels[section] : undefined;
    const phase: Phase = {
      kind: n ? n.kind : 'milestone',
      number: n?.number,
      label: heading ? withoutDoneMarker(plainText(sections[section].text)) : label,
      name: withoutDoneMarker(heading?.name || n?.name || label),
      trackingTask: item.task,
      section,
      headingLine: section >= 0 ? sections[section].line : -1,
      state: started ? 'inProgress' : item.state,
      progress,
      measurable: true,
    };
    // A literal and one property more for a Status Tracking table row (a spread into the literal
    // was a slow path a phase). A phase list's table is not the plan's Status Tracking.
    phases.push(item.task < 0 && !phaseList ? { ...phase, trackingRow: item.line } : phase);
  }
  // The roadmap phases no item names go in by their number: before the first item of a higher
  // phase number, else after the last phase item (the list's other items, Quality Checks, close it).
  const seen = new Set<string>();
  const rolloutPhases = [...linkedRollout].map(([step, index]) => [step, phases[index]] as const);
  let inserted = false;
  for (const h of headings) {
    if (h.kind !== 'phase' || linkedSections.has(h.section.index) || trackedNumbers.has(h.number) || seen.has(numberedKey(h))) continue;
    seen.add(numberedKey(h));
    let at = phases.findIndex((p) => p.kind === 'phase' && p.number !== undefined && p.number > h.number);
    if (at < 0) {
      at = phases.length;
      while (at > 0 && phases[at - 1].kind !== 'phase') at--;
      if (at === 0) at = phases.length;
    }
    if (at < phases.length) inserted = true;
    phases.splice(at, 0, sectionPhase('phase', h, h.section));
  }
  if (inserted) {
    // The rollout steps linked to phases point at them by index.
    for (const [step, phase] of rolloutPhases) linkedRollout.set(step, phases.indexOf(phase));
  }
  return { phases, linkedRollout };
}

// Labels and names cut from a heading are slices of the document; ownStrings makes them the plan's own.
/**
 * What a section's own status line says (`**Status:** ✅ Completed`, `- **Status:** in_progress`,
 * `Status: pending`): a field of a status key in the section's own lines (before its first
 * sub-heading), at the start of a line or of a top-level list item, read as a table cell's status
 * is (`cellState`); the first one counts. Undefined when it has none. Set by `parsePlan` around
 * `buildPhases` (the phases of a heading read it in `sectionPhase`), else none.
 */
type SectionStatus = (section: Section) => TaskState | undefined;
const NO_STATUS: SectionStatus = () => undefined;
let sectionStatus: SectionStatus = NO_STATUS;

/** What a status line holds, to skip the others at once: a status key (`STATUS_KEYS`), then a colon within a few characters. */
const MAY_BE_STATUS = new RegExp(`(?:${STATUS_KEYS})[^\\n]{0,3}[:：]`, 'i');

function ownStatusReader(text: string, starts: ArrayLike<number>, sections: readonly Section[], opaque: readonly (readonly [number, number])[]): SectionStatus {
  return (section) => {
    const field = ownStatusField(text, starts, sections, section, opaque);
    return field && cellState(statusText(field.value));
  };
}

/** A section's own status line (`SectionStatus`), as a field; `opaque`: the code and HTML blocks, which hold none. */
function ownStatusField(text: string, starts: ArrayLike<number>, sections: readonly Section[], section: Section, opaque: readonly (readonly [number, number])[]): HeaderField | undefined {
  const next = sections[section.index + 1];
  const end = Math.min(next && next.parent === section.index ? next.line : section.endLine, starts.length);
  // Most sections hold no status line: one test over their own lines, without cutting each one.
  if (end <= section.line + 1 || !MAY_BE_STATUS.test(text.slice(starts[section.line + 1], end < starts.length ? starts[end] : text.length))) return undefined;
  return readHeaderFields(text, starts, section.line + 1, end, opaque, false).find((f) => isStatusKey(f.key));
}

/**
 * Reads the status line of a section (of `plan`, parsed from `text`) when it says the section's
 * work is done (`**Status:** ✅ Completed` under a phase heading): what the check of a phase done
 * over open tasks points at, and what its quick fix rewrites. The document is scanned again for its
 * code blocks, once, on the first call: a rare case (a phase read done with open tasks), not one
 * of every parse.
 */
export function doneStatusLines(text: string, plan: Pick<Plan, 'sections' | 'bodyStartLine'>): (section: Section) => HeaderField | undefined {
  let read: { starts: Int32Array; opaque: readonly (readonly [number, number])[] } | undefined;
  return (section) => {
    if (!read) {
      const starts = lineStarts(text);
      read = { starts, opaque: scanBlocks(text, plan.bodyStartLine, starts).opaque };
    }
    const field = ownStatusField(text, read.starts, plan.sections, section, read.opaque);
    return field && cellState(statusText(field.value)) === 'done' ? field : undefined;
  };
}

/** A rule drawn at either end of a heading (`## ── PHASE 1: Core ──────────`): decoration, not its label. */
const RULE_ENDS = /^[\s\u2500-\u257F═=~—–-]{2,}(?=\S)|(?<=\S)[\s\u2500-\u257F═=~—–-]{2,}$/gu;
const RULE_CHAR = /[\u2500-\u257F═=~—–-]/u;
const withoutRules = (s: string): string => (s.length > 2 && (RULE_CHAR.test(s[0]) || RULE_CHAR.test(s[s.length - 1])) ? s.replace(RULE_ENDS, '') : s);

function sectionPhase(kind: PhaseKind, n: { readonly number: number | undefined; readonly name: string }, section: Section): Phase {
  const label = withoutRules(plainText(section.text)).replace(/^\d+(?:\.\d+)*\.?\s+(?=(phase|step)\b)/i, '');
  const progress: Progress = section.progress;
  // Its own status line says as much as a mark on the heading.
  const own = sectionStatus(section);
  const marked = own === 'done' || hasDoneMarker(section.text);
  // A heading that says its work is under way is in progress, and can be the current phase with no box under it.
  const underWay = !marked && (own === 'inProgress' || hasInProgressMarker(section.text));
  const counted = stateOf(progress);
  return {
    kind,
    number: n.number,
    label,
    name: withoutDoneMarker(withoutRules(n.name) || label),
    trackingTask: -1,
    section: section.index,
    headingLine: section.line,
    state: marked ? 'done' : underWay && counted === 'open' ? 'inProgress' : counted,
    progress,
    measurable: marked || underWay || isCounted(progress),
  };
}

/** `Milestone N` headings with tasks (or marked done), one of each number (`oneOfEachNumber`): a plan's phases by another name. */
function milestoneHeadingPhases(sections: readonly Section[], tracking: number): Phase[] {
  return oneOfEachNumber(milestoneHeadings(sections, tracking), (m) => String(m.number)).map((m) => sectionPhase('milestone', m, m.section));
}

/**
 * The headings that are phases among numbered ones, in order: the first of each number (`key`),
 * and a later heading of that number when both hold tasks at the same heading level: the
 * parallel tracks of one plan (`## Backend` and `## Frontend`, each with its `### Phase 1…N`),
 * or a numbering slip whose tasks are still a phase's (the check reports the number). A repeat
 * without tasks, or at another level (`### Phase 1 Complete When:` under a `## Phase
 * Checkpoints` of a plan whose phases are `## Phase N`), is about the first.
 */
function oneOfEachNumber<H extends { readonly section: Section }>(headings: readonly H[], key: (h: H) => string): H[] {
  const first = new Map<string, H>();
  return headings.filter((h) => {
    const k = key(h);
    const f = first.get(k);
    if (!f) return first.set(k, h);
    return f.section.level === h.section.level && isCounted(f.section.progress) && isCounted(h.section.progress);
  });
}

/**
 * Headings that group the tasks, numbered or not: those of the first level (2 or deeper) with two
 * headings or more that hold tasks (`## Setup`, `## Build`; under one `## Tasks` heading, its
 * `### Group`s). None when no level has two.
 */
function taskHeadingPhases(sections: readonly Section[], tracking: number): Phase[] {
  const holding = (s: Section, level: number) => s.level === level && s.index !== tracking && isCounted(s.progress) && !sectionInside(sections, s, tracking);
  for (let level = 2; level <= 6; level++) {
    const groups = sections.filter((s) => holding(s, level));
    if (groups.length < 2) continue;
    return groups.map((s) => sectionPhase('phase', { number: undefined, name: '' }, s));
  }
  return [];
}

/** Whether `s` lies inside section `outer` (-1: none). */
function sectionInside(sections: readonly Section[], s: Section, outer: number): boolean {
  for (let p = s.parent; p >= 0; p = sections[p].parent) if (p === outer) return true;
  return false;
}

/** `## 1. Group` headings that hold tasks (not one inside another). */
function numberedHeadingPhases(sections: readonly Section[], tracking: number): Phase[] {
  const phases: Phase[] = [];
  let inside = -1;
  for (const s of sections) {
    if (inside >= 0 && s.line < sections[inside].endLine) continue;
    if (s.level < 2 || s.index === tracking || !isCounted(s.progress)) continue;
    const m = NUMBERED_HEADING.exec(plainText(s.text));
    if (!m) continue;
    inside = s.index;
    phases.push(sectionPhase('phase', { number: Number(m[1]), name: m[2] }, s));
  }
  return phases;
}

/**
 * For each task, the top-level `1. Title` task whose phase it counts in (Kiro), or -1: the tasks
 * nested under it, and the top-level `1.1 …` tasks that follow it at the same indent (Kiro writes
 * both). A phase's own task is its own owner.
 */
export function numberedTaskOwners(tasks: readonly Task[]): Int32Array {
  const owners = new Int32Array(tasks.length).fill(-1);
  // The last top-level numbered task, and its number: `2.1` after `2. …` belongs to it.
  let last = -1;
  let lastNumber = '';
  for (const t of tasks) {
    if (t.parent >= 0) {
      owners[t.index] = owners[t.parent]; // a parent comes before its sub-tasks
      continue;
    }
    const text = plainText(t.text);
    const m = NUMBERED_TASK.exec(text);
    if (m) {
      owners[t.index] = t.index;
      last = t.index;
      lastNumber = m[1];
    } else if (last >= 0 && SUB_NUMBERED_TASK.exec(text)?.[1] === lastNumber) {
      owners[t.index] = last;
    } else {
      last = -1;
    }
  }
  return owners;
}

/** An open numbered task's state by its sub-tasks: finished ones leave its own box, so it is in progress (or open, when none was done). */
function subTasksState(progress: Progress): TaskState {
  const state = stateOf(progress);
  if (!isFinished(state)) return state;
  return progress.done > 0 ? 'inProgress' : 'open';
}

/**
 * Top-level tasks that have sub-tasks (two or more such), each a phase whose progress is its
 * sub-tasks at any depth; its state as for a numbered task (`subTasksState`). Top-level tasks
 * without sub-tasks (a checklist after the work) are not phases.
 */
function parentTaskPhases(tasks: readonly Task[]): Phase[] {
  const counters = new Map<number, Counter>();
  const top = new Int32Array(tasks.length).fill(-1);
  for (const t of tasks) {
    if (t.parent < 0) continue;
    const owner = (top[t.index] = top[t.parent] >= 0 ? top[t.parent] : t.parent);
    let counter = counters.get(owner);
    if (!counter) counters.set(owner, (counter = new Counter()));
    counter.add(t.state);
  }
  if (counters.size < 2) return [];
  const phases: Phase[] = [];
  for (const [index, counter] of counters) {
    const t = tasks[index];
    const progress = counter.toProgress();
    const label = plainText(t.text);
    phases.push({
      kind: 'phase',
      number: undefined,
      label,
      name: label,
      trackingTask: index,
      section: -1,
      headingLine: -1,
      state: t.state !== 'open' || !isCounted(progress) ? t.state : subTasksState(progress),
      progress,
      measurable: true,
    });
  }
  return phases;
}

/** Top-level `1. Title` tasks, each a phase whose progress is its sub-tasks (see `numberedTaskOwners`). */
function numberedTaskPhases(tasks: readonly Task[]): Phase[] {
  const owners = numberedTaskOwners(tasks);
  const top = new Map<number, Counter>();
  const phases: Phase[] = [];
  for (const t of tasks) {
    const owner = owners[t.index];
    if (owner === t.index) top.set(t.index, new Counter());
    else if (owner >= 0) top.get(owner)!.add(t.state);
  }
  for (const [index, counter] of top) {
    const t = tasks[index];
    const m = NUMBERED_TASK.exec(plainText(t.text))!;
    const progress = counter.toProgress();
    // The task's own mark decides, unless it is open: Kiro ticks a task once its sub-tasks are
    // done, and an open one's sub-tasks say how far it got, but not past its own box: with every
    // sub-task done (or optional), ticking it is what is left. A task marked in progress is,
    // until it is ticked, however many of its sub-tasks are done.
    const state: TaskState = t.state !== 'open' || !isCounted(progress) ? t.state : subTasksState(progress);
    phases.push({
      kind: 'phase',
      number: Number(m[1]),
      label: plainText(t.text),
      name: m[2],
      trackingTask: index,
      section: -1,
      headingLine: -1,
      state,
      progress,
      measurable: true,
    });
  }
  return phases;
}
