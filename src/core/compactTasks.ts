/**
 * Compact storage for a plan's tasks. An index holds thousands of plans but shows a few at a
 * time, so each plan keeps its tasks packed in one byte array (six numbers a task, as 16-bit
 * values when they all fit, then the texts as UTF-8: ~60 bytes a task instead of ~180 as objects
 * and strings) and `plan.tasks` materializes plain Task objects on demand. The last few
 * materialized lists are cached, so repeated reads of the same plan return the very same objects
 * (and the list the parser built serves the reads of the plan parsed last).
 */
import type { Task, TaskState } from './types';

const FIELDS = 6; // line, column, depth, parent + 1, section + 1, state | mark << 2
const STATES: readonly TaskState[] = ['open', 'done', 'inProgress', 'skipped'];
const CACHE_SIZE = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Packed {
  /** The numbers (FIELDS a task, 2 or 4 bytes each), then the task texts as UTF-8, joined by `\n`. */
  readonly bytes: Uint8Array;
  readonly count: number;
  /** Whether the numbers take 4 bytes each (a number over 65,535: a line past 65,535, a wide mark). */
  readonly wide: boolean;
  /** Evidence of the few tasks that have it: task index, text, line. */
  readonly evidence?: readonly (readonly [number, string, number])[];
}

/** Where a plan keeps its packed tasks: a non-enumerable own property, invisible to JSON and clones. */
const PACKED = Symbol('packedTasks');

const cache = new Map<Packed, readonly Task[]>();

const oneLine = (s: string): string => (s.indexOf('\n') < 0 ? s : s.replace(/\n/g, ' '));

function pack(tasks: readonly Task[]): Packed {
  const count = tasks.length;
  let wide = false;
  for (let i = 0; i < count && !wide; i++) {
    const t = tasks[i];
    wide = (t.line | t.column | t.depth | (t.parent + 1) | (t.section + 1) | (t.mark.charCodeAt(0) << 2)) > 0xffff;
  }
  // Task texts never hold a line break (the parser joins continuation lines), so `\n` separates them.
  let text = '';
  for (let i = 0; i < count; i++) text = i === 0 ? oneLine(tasks[i].text) : `${text}\n${oneLine(tasks[i].text)}`;
  const numberBytes = count * FIELDS * (wide ? 4 : 2);
  // One native call for all texts (a call per task costs more than the rest of the packing), and
  // no pass in JavaScript to size them first.
  const utf8 = encoder.encode(text);
  const bytes = new Uint8Array(numberBytes + utf8.length);
  const nums = wide ? new Int32Array(bytes.buffer, 0, count * FIELDS) : new Uint16Array(bytes.buffer, 0, count * FIELDS);
  let evidence: [number, string, number][] | undefined;
  for (let i = 0, o = 0; i < count; i++, o += FIELDS) {
    const t = tasks[i];
    nums[o] = t.line;
    nums[o + 1] = t.column;
    nums[o + 2] = t.depth;
    nums[o + 3] = t.parent + 1;
    nums[o + 4] = t.section + 1;
    nums[o + 5] = STATES.indexOf(t.state) | (t.mark.charCodeAt(0) << 2);
    if (t.evidence !== undefined) (evidence ??= []).push([i, t.evidence, t.evidenceLine ?? t.line]);
  }
  bytes.set(utf8, numberBytes);
  return evidence ? { bytes, count, wide, evidence } : { bytes, count, wide };
}

function unpack(p: Packed): readonly Task[] {
  const { bytes, count } = p;
  const nums = p.wide ? new Int32Array(bytes.buffer, bytes.byteOffset, count * FIELDS) : new Uint16Array(bytes.buffer, bytes.byteOffset, count * FIELDS);
  const texts = count > 0 ? decoder.decode(bytes.subarray(count * FIELDS * (p.wide ? 4 : 2))).split('\n') : [];
  const tasks: Task[] = new Array(count);
  for (let i = 0, o = 0; i < count; i++, o += FIELDS) {
    tasks[i] = {
      index: i,
      line: nums[o],
      column: nums[o + 1],
      mark: String.fromCharCode(nums[o + 5] >>> 2),
      state: STATES[nums[o + 5] & 3],
      text: texts[i],
      depth: nums[o + 2],
      parent: nums[o + 3] - 1,
      section: nums[o + 4] - 1,
    };
  }
  for (const [i, evidence, evidenceLine] of p.evidence ?? []) tasks[i] = { ...tasks[i], evidence, evidenceLine };
  return Object.freeze(tasks);
}

function remember(p: Packed, tasks: readonly Task[]): readonly Task[] {
  cache.delete(p);
  cache.set(p, tasks);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as Packed);
  return tasks;
}

/**
 * The list the parser built for the plan it parsed last, for the reads that follow at once (the
 * rest of the parse, a command's checks). Its texts are cut from the plan's whole text and would
 * keep it alive, so it is one plan's and never enters `cache`: an index of thousands of plans
 * does not keep the texts of the last ones parsed.
 */
let fresh: { readonly packed: Packed; readonly tasks: readonly Task[] } | undefined;

/**
 * The getter of every plan's `tasks`: one function for all plans, so that plans share their
 * hidden class (a closure per plan would give each its own, hundreds of bytes apiece).
 */
function packedTasks(this: { readonly [PACKED]: Packed }): readonly Task[] {
  const packed = this[PACKED];
  if (fresh?.packed === packed) return fresh.tasks;
  return cache.get(packed) ?? remember(packed, unpack(packed));
}

/**
 * Defines `target.tasks` as an enumerable getter over packed storage (so JSON.stringify and
 * postMessage still see it), primed with the list the parser just built.
 */
export function defineCompactTasks<T extends object>(target: T, tasks: readonly Task[]): T & { readonly tasks: readonly Task[] } {
  const packed = pack(tasks);
  fresh = { packed, tasks: Object.freeze(tasks.slice()) };
  Object.defineProperty(target, PACKED, { value: packed });
  Object.defineProperty(target, 'tasks', { enumerable: true, configurable: false, get: packedTasks });
  return target as T & { readonly tasks: readonly Task[] };
}
