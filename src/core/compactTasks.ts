/**
 * Compact storage for a plan's tasks. An index holds thousands of plans but shows a few at a
 * time, so each plan keeps its tasks packed in one byte array (six numbers a task, as 16-bit
 * values when they all fit, then the texts as UTF-8: ~60 bytes a task instead of ~180 as objects
 * and strings) and `plan.tasks` materializes plain Task objects on demand (core/packedProperty.ts:
 * the last few lists cached, the parser's own list for the reads that follow the parse).
 */
import { allocateRows, deflateTexts, joinedText, packedProperty, readRows, rowsFit, type PackedProperty, type PackedRows } from './packedProperty';
import { TASK_STATES, type Task, type TaskState } from './types';

const FIELDS = 6; // line, column, depth, parent + 1, section + 1, state | mark << 2

/** FIELDS numbers a task (4 bytes each past 65,535: a line, a wide mark), then the texts joined by `\n`. */
export interface PackedTasks extends PackedRows {
  /** Evidence of the few tasks that have it: task index, text, line. */
  readonly evidence?: readonly (readonly [number, string, number])[];
}

const oneLine = (s: string): string => (s.indexOf('\n') < 0 ? s : s.replace(/\n/g, ' '));

/** A plan's tasks packed (what `plan.tasks` keeps; the paint-first snapshot saves it as it is). */
export function packTasks(tasks: readonly Task[]): PackedTasks {
  const count = tasks.length;
  let wide = false;
  for (let i = 0; i < count && !wide; i++) {
    const t = tasks[i];
    wide = (t.line | t.column | t.depth | (t.parent + 1) | (t.section + 1) | (t.mark.charCodeAt(0) << 2)) > 0xffff;
  }
  // Task texts never hold a line break (the parser joins continuation lines), so `\n` separates them.
  let text = '';
  for (let i = 0; i < count; i++) text = i === 0 ? oneLine(tasks[i].text) : `${text}\n${oneLine(tasks[i].text)}`;
  // No pass in JavaScript to size the texts first.
  const { bytes, nums } = allocateRows(count, FIELDS, wide, text);
  let evidence: [number, string, number][] | undefined;
  for (let i = 0, o = 0; i < count; i++, o += FIELDS) {
    const t = tasks[i];
    nums[o] = t.line;
    nums[o + 1] = t.column;
    nums[o + 2] = t.depth;
    nums[o + 3] = t.parent + 1;
    nums[o + 4] = t.section + 1;
    nums[o + 5] = TASK_STATES.indexOf(t.state) | (t.mark.charCodeAt(0) << 2);
    if (t.evidence !== undefined) (evidence ??= []).push([i, t.evidence, t.evidenceLine ?? t.line]);
  }
  return evidence ? { bytes, count, wide, evidence } : { bytes, count, wide };
}

/** Task `i` of the packed numbers, with its text. */
function taskOf(nums: Uint16Array | Int32Array, i: number, text: string): Task {
  const o = i * FIELDS;
  return {
    index: i,
    line: nums[o],
    column: nums[o + 1],
    mark: String.fromCharCode(nums[o + 5] >>> 2),
    state: TASK_STATES[nums[o + 5] & 3],
    text,
    depth: nums[o + 2],
    parent: nums[o + 3] - 1,
    section: nums[o + 4] - 1,
  };
}

function withEvidence(task: Task, evidence: string, evidenceLine: number): Task {
  return { ...task, evidence, evidenceLine };
}

function unpack(p: PackedTasks): readonly Task[] {
  const { count } = p;
  const { nums, text } = readRows(p, FIELDS);
  const texts = count > 0 ? text.split('\n') : [];
  const tasks: Task[] = new Array(count);
  // `?? ''`: texts that did not inflate (packedProperty.ts) are none, not undefined.
  for (let i = 0; i < count; i++) tasks[i] = taskOf(nums, i, texts[i] ?? '');
  for (const [i, evidence, evidenceLine] of p.evidence ?? []) tasks[i] = withEvidence(tasks[i], evidence, evidenceLine);
  return Object.freeze(tasks);
}

/**
 * The plan's first task whose state is one of `states`, unpacking that one only: for what reads
 * every plan on each change (the Plans view's rows check each plan's header against its tasks).
 */
export function firstTaskIn(plan: { readonly tasks: readonly Task[] }, states: readonly TaskState[]): Task | undefined {
  const packed = taskStorage.packedOf(plan);
  if (!packed) return plan.tasks.find((t) => states.includes(t.state));
  const { nums } = readRows(packed, FIELDS, false);
  for (let i = 0; i < packed.count; i++) {
    if (!states.includes(TASK_STATES[nums[i * FIELDS + 5] & 3])) continue;
    const task = taskOf(nums, i, joinedText(packed, FIELDS, i));
    const evidence = packed.evidence?.find(([index]) => index === i);
    return evidence ? withEvidence(task, evidence[1], evidence[2]) : task;
  }
  return undefined;
}

/** `plan.tasks` over its packed form: `packedOf(plan)` hands the form out, `adopt` defines it on another object (the paint-first snapshot). */
export const taskStorage: PackedProperty<PackedTasks, Task> = packedProperty<PackedTasks, Task>('tasks', unpack, packTasks);

/**
 * The section of the plan's task at `index` (undefined when there is no such task), read from the
 * packed numbers without unpacking the tasks: for what reads every plan on each change (the Plans
 * view's rows check each plan's header against its Status Tracking items).
 */
export function taskSection(plan: { readonly tasks: readonly Task[] }, index: number): number | undefined {
  const packed = taskStorage.packedOf(plan);
  if (!packed) return plan.tasks[index]?.section;
  if (!Number.isInteger(index) || index < 0 || index >= packed.count) return undefined;
  return numbersOf(packed)[index * FIELDS + 4] - 1;
}

/**
 * The numbers of the tasks read last: a plan's phases ask for their tracking tasks' sections one
 * after the other, and a view over the bytes per question cost more than the rest of the header
 * check (a copy, for bytes read back from a file at an odd offset). Holds one plan's tasks at most.
 */
let lastRead: { readonly packed: PackedTasks; readonly nums: Uint16Array | Int32Array } | undefined;
function numbersOf(packed: PackedTasks): Uint16Array | Int32Array {
  if (lastRead?.packed !== packed) lastRead = { packed, nums: readRows(packed, FIELDS, false).nums };
  return lastRead.nums;
}

/**
 * Defines `target.tasks` as an enumerable getter over packed storage (so JSON.stringify and
 * postMessage still see it), primed with the list the parser just built.
 */
export function defineCompactTasks<T extends object>(target: T, tasks: readonly Task[]): T & { readonly tasks: readonly Task[] } {
  taskStorage.define(target, packTasks(tasks), Object.freeze(tasks.slice()));
  return target as T & { readonly tasks: readonly Task[] };
}

/** Whether tasks packed elsewhere (a file) are whole: rows for their count, evidence for tasks that exist. */
export function packedTasksFit(packed: PackedTasks): boolean {
  return rowsFit(packed, FIELDS) && (packed.evidence ?? []).every(([i, text, line]) => Number.isInteger(i) && i >= 0 && i < packed.count && typeof text === 'string' && Number.isInteger(line));
}

/**
 * The plan's packed task texts deflated in place, where that saves a fifth of their bytes
 * (`deflateTexts`): for an index, once it is idle. The texts are most of what an index keeps of
 * a plan (~3.3 of ~6.6 KB for a plan of the template); a plan's section headings, a few hundred
 * bytes, cost more time to deflate than they would save. A plan whose tasks are a plain list (a
 * transient parse) is left as it is. Returns the bytes saved.
 */
export function deflateTaskTexts(plan: object): number {
  const packed = taskStorage.packedOf(plan);
  return packed ? deflateTexts(packed, FIELDS) : 0;
}
