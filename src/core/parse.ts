import { load as loadYaml } from 'js-yaml';
import { isPlanDocument } from './detect';
import { defineCompactTasks } from './compactTasks';
import { Counter, emptyProgress, stateOf } from './progress';
import { scanBlocks } from './scan';
import { detach, detectEol, lineAt, lineStarts } from './text';
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
  type TaskState,
} from './types';

/** `Phase 2: Name`, `Step 3 - Name`, `**Phase 1**: Name`, `4.1 Phase 4 — Name` */
const NUMBERED = /^(?:\d+(?:\.\d+)*\.?\s+)?(phase|step)\s+(\d+)\b\s*[:.)\-–—]?\s*(.*)$/i;
/** `**Key:** value` or `**Key**: value`, optionally as a list item. */
const FIELD = /^(\s*(?:[-*+]\s+)?)\*\*([^*\n]{1,60}?)(?::\*\*|\*\*\s*:)[ \t]*(.*?)[ \t]*$/;
const TRACKING = /^status tracking\b/;

/**
 * Parses a Markdown document into a Plan. Never throws: any string (empty, binary, huge) gives
 * a model, possibly empty.
 */
export function parsePlan(source: PlanSource | string, options: ParseOptions = {}): Plan {
  const src: PlanSource = typeof source === 'string' ? { text: source } : source;
  const text = typeof src.text === 'string' ? src.text : '';
  const marks = options.marks ?? DEFAULT_MARKS;
  const starts = lineStarts(text);
  const lineCount = starts.length;

  // Front matter: read it, then blank it out so markdown-it does not see it (lines stay put).
  const fm = readFrontMatter(text, starts);
  const body = fm ? '\n'.repeat(fm.endLine) + text.slice(fm.endLine < lineCount ? starts[fm.endLine] : text.length) : text;
  let outline;
  try {
    outline = scanBlocks(body);
  } catch {
    outline = { blocks: [], opaque: [] }; // markdown-it has no known throw; stay total anyway.
  }

  // Sections and tasks, in one pass over the outline.
  const sections: MutableSection[] = [];
  const sectionStack: number[] = [];
  const tasks: Task[] = [];
  const taskOfBlock = new Map<number, number>();
  let title = '';
  let titleLine = -1;
  let firstH2 = lineCount;
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
        text: detach(block.text.trim()),
        line: block.line,
        endLine: lineCount,
        parent: sectionStack.length ? sectionStack[sectionStack.length - 1] : -1,
        counter: new Counter(),
      });
      sectionStack.push(index);
      if (block.level === 1 && titleLine < 0) {
        title = sections[index].text;
        titleLine = block.line;
      }
      if (block.level >= 2 && firstH2 === lineCount) firstH2 = block.line;
      continue;
    }
    const content = block.content;
    if (content === undefined || content.length < 3 || content.charCodeAt(0) !== 91 /* [ */ || content.charCodeAt(2) !== 93 /* ] */) continue;
    const mark = content[1];
    const state: TaskState | undefined = Object.prototype.hasOwnProperty.call(marks, mark) ? marks[mark] : undefined;
    if (!state || (content.length > 3 && !/\s/.test(content[3]))) continue;
    const lineText = lineAt(text, starts, block.line) ?? '';
    const column = markColumn(lineText, mark);
    if (column < 0) continue;
    let parent = -1;
    for (let p = block.parent; p >= 0; p = (outline.blocks[p] as { parent: number }).parent) {
      const t = taskOfBlock.get(p);
      if (t !== undefined) {
        parent = t;
        break;
      }
    }
    const section = sectionStack.length ? sectionStack[sectionStack.length - 1] : -1;
    const index = tasks.length;
    taskOfBlock.set(b, index);
    tasks.push({
      index,
      line: block.line,
      column,
      mark,
      state,
      // Not detached: compactTasks packs the text, so this string does not outlive the parse.
      text: content.indexOf('\n') < 0 ? content.slice(3).trim() : content.slice(3).trim().replace(/\s*\n\s*/g, ' '),
      depth: block.depth,
      parent,
      section,
    });
    for (let s = section; s >= 0; s = sections[s].parent) sections[s].counter.add(state);
  }

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

  const fields = readHeaderFields(text, starts, fm ? fm.endLine : 0, firstH2, outline.opaque);
  const statusField = fields.find((f) => f.key.toLowerCase() === 'status');
  const fmStatus = fm?.data?.status;
  const status = statusField ? statusField.value : typeof fmStatus === 'string' ? detach(fmStatus.trim()) : undefined;
  if (!title && typeof fm?.data?.title === 'string') title = detach(fm.data.title);

  const trackingSection = frozenSections.findIndex((s) => TRACKING.test(normalizeName(s.text)));
  const { phases, steps } = buildPhases(frozenSections, tasks, trackingSection);
  const currentPhase = phases.findIndex((p) => p.state !== 'done' && p.state !== 'skipped');

  const model: Omit<Plan, 'isPlan' | 'tasks'> = {
    uri: src.uri,
    version: src.version,
    title,
    titleLine,
    fields,
    frontMatter: fm?.data,
    bodyStartLine: fm ? fm.endLine : 0,
    status,
    sections: frozenSections,
    trackingSection,
    phases,
    steps,
    currentPhase,
    progress: planCounter.toProgress(),
    lineCount,
    eol: detectEol(text),
  };
  const isPlan = isPlanDocument({ ...model, tasks });
  return defineCompactTasks({ ...model, isPlan }, tasks);
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
function markColumn(lineText: string, mark: string): number {
  // Skip indentation, block quote markers and list markers (`- `, `1. `, `- - `…).
  const m = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*/.exec(lineText);
  const at = m ? m[0].length : 0;
  if (lineText[at] === '[' && lineText[at + 1] === mark && lineText[at + 2] === ']') return at;
  const fallback = lineText.indexOf(`[${mark}]`);
  return fallback;
}

interface FrontMatter {
  /** First line after the closing fence. */
  endLine: number;
  data?: Record<string, unknown>;
}

function readFrontMatter(text: string, starts: readonly number[]): FrontMatter | undefined {
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
        if (loaded && typeof loaded === 'object' && !Array.isArray(loaded)) data = loaded as Record<string, unknown>;
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
  starts: readonly number[],
  from: number,
  to: number,
  opaque: readonly (readonly [number, number])[],
): HeaderField[] {
  const fields: HeaderField[] = [];
  const limit = Math.min(to, from + 200);
  for (let line = from; line < limit; line++) {
    if (opaque.some(([s, e]) => line >= s && line < e)) continue;
    const lineText = lineAt(text, starts, line) ?? '';
    const m = FIELD.exec(lineText);
    if (!m) continue;
    const valueStart = lineText.length - m[3].length - (lineText.length - lineText.trimEnd().length);
    fields.push({
      key: detach(m[2].trim()),
      value: detach(m[3]),
      line,
      valueStart,
      valueEnd: valueStart + m[3].length,
    });
  }
  return fields;
}

/** Lower-case words of a heading or label, without numbering, emoji, Markdown or punctuation. */
export function normalizeName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/^[\s\d.]+(?=[a-z])/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STOP = new Set(['the', 'and', 'of', 'a', 'an', 'to', 'for', 'e', 'g']);

function stems(s: string): string[] {
  return normalizeName(s)
    .split(' ')
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w.length > 5 ? w.slice(0, 5) : w.replace(/s$/, '')));
}

function plainLabel(text: string): string {
  return text.replace(/[*_`~]/g, '').trim();
}

interface Numbered {
  kind: 'phase' | 'step';
  number: number;
  name: string;
}

function numbered(text: string): Numbered | undefined {
  const m = NUMBERED.exec(plainLabel(text));
  if (!m) return undefined;
  return { kind: m[1].toLowerCase() as 'phase' | 'step', number: Number(m[2]), name: m[3].trim() };
}

function buildPhases(sections: readonly Section[], tasks: readonly Task[], tracking: number): { phases: Phase[]; steps: Phase[] } {
  const inTracking = (s: number): boolean => {
    for (let i = s; i >= 0; i = sections[i].parent) if (i === tracking) return true;
    return false;
  };
  const roadmap = new Map<number, number>();
  const rollout = new Map<number, number>();
  for (const s of sections) {
    if (tracking >= 0 && inTracking(s.index)) continue;
    const n = numbered(s.text);
    const map = n?.kind === 'phase' ? roadmap : n?.kind === 'step' ? rollout : undefined;
    if (map && n && !map.has(n.number)) map.set(n.number, s.index);
  }

  // Sections a milestone may name ("Quality Checks Passed" → "6. Quality Checks"), with their word stems.
  let named: { index: number; stems: string[] }[] | undefined;
  const linkByName = (label: string): number => {
    named ??= sections
      .filter((s) => s.level >= 2 && !(tracking >= 0 && inTracking(s.index)) && !numbered(s.text))
      .map((s) => ({ index: s.index, stems: stems(s.text) }))
      .filter((s) => s.stems.length > 0);
    const words = stems(label);
    return named.find((s) => s.stems.every((w) => words.includes(w)))?.index ?? -1;
  };

  const phases: Phase[] = [];
  const linkedRoadmap = new Set<number>();
  const linkedRollout = new Map<number, number>();
  if (tracking >= 0) {
    for (const t of tasks) {
      if (t.parent !== -1 || t.section < 0 || !inTracking(t.section)) continue;
      const label = detach(plainLabel(t.text));
      const n = numbered(label);
      let section = -1;
      let kind: PhaseKind = 'milestone';
      if (n) {
        kind = n.kind;
        const found = (n.kind === 'phase' ? roadmap : rollout).get(n.number);
        if (found !== undefined) section = found;
      }
      if (section < 0) section = linkByName(n ? n.name || label : label);
      if (n?.kind === 'phase' && section >= 0 && roadmap.get(n.number) === section) linkedRoadmap.add(n.number);
      if (n?.kind === 'step' && section >= 0) linkedRollout.set(n.number, phases.length);
      const progress = section >= 0 ? sections[section].progress : emptyProgress();
      phases.push({
        kind,
        number: n?.number,
        label,
        name: detach(n?.name || label),
        trackingTask: t.index,
        section,
        state: t.state,
        progress,
      });
    }
  }
  for (const [number, section] of [...roadmap].sort((a, b) => a[0] - b[0])) {
    if (linkedRoadmap.has(number)) continue;
    phases.push(sectionPhase('phase', number, sections[section]));
  }
  const steps: Phase[] = [...rollout]
    .sort((a, b) => a[0] - b[0])
    .map(([number, section]) => {
      const viaTracking = linkedRollout.get(number);
      return viaTracking !== undefined ? phases[viaTracking] : sectionPhase('step', number, sections[section]);
    });
  return { phases, steps };
}

function sectionPhase(kind: 'phase' | 'step', number: number, section: Section): Phase {
  const label = detach(plainLabel(section.text).replace(/^\d+(?:\.\d+)*\.?\s+(?=(phase|step)\b)/i, ''));
  const n = numbered(label);
  const progress: Progress = section.progress;
  return {
    kind,
    number,
    label,
    name: detach(n?.name || label),
    trackingTask: -1,
    section: section.index,
    state: stateOf(progress),
    progress,
  };
}

