/**
 * Compact storage for a plan's tasks. An index holds thousands of plans but shows a few at a
 * time, so each plan keeps its tasks packed (numbers in one Int32Array, texts as UTF-8 in one
 * Uint8Array: ~90 bytes a task instead of ~180 as objects and strings) and `plan.tasks`
 * materializes plain Task objects on demand. The last few materialized lists are cached, so
 * repeated reads of the same plan return the very same objects.
 */
import type { Task, TaskState } from './types';

const FIELDS = 7; // line, column, depth, parent, section, state, mark
const STATES: readonly TaskState[] = ['open', 'done', 'inProgress', 'skipped'];
const CACHE_SIZE = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Packed {
  readonly nums: Int32Array;
  readonly offsets: Uint32Array;
  readonly text: Uint8Array;
  /** Evidence of the few tasks that have it: task index, text, line. */
  readonly evidence?: readonly (readonly [number, string, number])[];
}

const cache = new Map<Packed, readonly Task[]>();

function pack(tasks: readonly Task[]): Packed {
  const nums = new Int32Array(tasks.length * FIELDS);
  const offsets = new Uint32Array(tasks.length + 1);
  tasks.forEach((t, i) => {
    const o = i * FIELDS;
    nums[o] = t.line;
    nums[o + 1] = t.column;
    nums[o + 2] = t.depth;
    nums[o + 3] = t.parent;
    nums[o + 4] = t.section;
    nums[o + 5] = STATES.indexOf(t.state);
    nums[o + 6] = t.mark.charCodeAt(0);
  });
  // One encode for all texts (a native call per task costs more than the rest of the packing).
  // Task texts never hold a line break (the parser joins continuation lines), so `\n` separates
  // them, and its byte positions are the offsets.
  const text = encoder.encode(tasks.map((t) => t.text.replace(/\n/g, ' ')).join('\n'));
  let task = 1;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) offsets[task++] = at + 1;
  if (tasks.length > 0) offsets[tasks.length] = text.length + 1;
  const evidence: [number, string, number][] = [];
  tasks.forEach((t, i) => {
    if (t.evidence !== undefined) evidence.push([i, t.evidence, t.evidenceLine ?? t.line]);
  });
  return evidence.length ? { nums, offsets, text, evidence } : { nums, offsets, text };
}

function unpack(p: Packed): readonly Task[] {
  const count = p.offsets.length - 1;
  const tasks: Task[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * FIELDS;
    tasks[i] = {
      index: i,
      line: p.nums[o],
      column: p.nums[o + 1],
      mark: String.fromCharCode(p.nums[o + 6]),
      state: STATES[p.nums[o + 5]],
      text: decoder.decode(p.text.subarray(p.offsets[i], p.offsets[i + 1] - 1)),
      depth: p.nums[o + 2],
      parent: p.nums[o + 3],
      section: p.nums[o + 4],
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
 * Defines `target.tasks` as an enumerable getter over packed storage (so JSON.stringify and
 * postMessage still see it), primed with the list the parser just built.
 */
export function defineCompactTasks<T extends object>(target: T, tasks: readonly Task[]): T & { readonly tasks: readonly Task[] } {
  const packed = pack(tasks);
  remember(packed, Object.freeze(tasks.slice()));
  Object.defineProperty(target, 'tasks', {
    enumerable: true,
    configurable: false,
    get: () => cache.get(packed) ?? remember(packed, unpack(packed)),
  });
  return target as T & { readonly tasks: readonly Task[] };
}
