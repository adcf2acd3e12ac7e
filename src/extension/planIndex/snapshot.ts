/**
 * Paint first: the plans the index held when the window closed, kept in the extension's workspace
 * storage, so the Plans view, the status bar and the badge fill at once on the next activation.
 * The first scan then reads every file as before and confirms or corrects each plan (a plan
 * changed or deleted while the editor was closed is corrected by it); a snapshot only decides
 * what shows in the moments before that. Each plan carries the hash and length of the text it was
 * parsed from: a file the scan finds with that same text is not parsed again (store.ts).
 *
 * A header line (format and key), then one record per plan, so reading and writing go a record at
 * a time with a yield to the event loop between slices: no slice of it blocks the extension host.
 * A record is the plan's head (a JSON row, snapshotRows.ts: what the Plans view, the status bar
 * and the badge show, and the sizes of the rest), a tab, its rollout steps (JSON), a tab, then its
 * sections and its tasks packed as the index keeps them (core/compactSections.ts,
 * compactTasks.ts), and a newline. Painting parses only the heads; a painted plan keeps views on
 * its packed bytes (nothing is unpacked until read, as for any plan) and on its steps, parsed
 * when first read. Painting is mostly the read: on a machine where each fresh page of memory
 * costs a fault, bytes are time. A snapshot of another format or key (other parse options,
 * another build), or one that does not decode, is dropped with one log line.
 */
import { cacheKey, errorText, packedSectionsFit, packedTasksFit, sectionStorage, taskStorage, type Phase, type Plan, type PackedSections, type PackedTasks } from '../../core';
import { yieldToEventLoop } from '../util/debounce';
import type { IndexFolder, IndexLogger, IndexUri } from './port';
import { headJson, headOf, stepsFrom, stepsJson, type PartSizes } from './snapshotRows';
import type { TextFingerprint } from './store';
import type { PlanIndexSettings, SnapshotStore } from './types';

export type { SnapshotStore };

/** Bump when the layout changes. */
export const SNAPSHOT_FORMAT = 6;

/** Where a painted plan keeps its steps' JSON (bytes of the snapshot) until first read, then the steps. */
const STEPS = Symbol('steps');

const fromUtf8 = new TextDecoder();

/** One getter for every painted plan (a closure each would give each plan a hidden class of its own). */
function paintedSteps(this: { [STEPS]: Uint8Array | readonly Phase[] }): readonly Phase[] {
  const saved = this[STEPS];
  if (!(saved instanceof Uint8Array)) return saved;
  const steps = stepsFrom(fromUtf8.decode(saved));
  this[STEPS] = steps;
  return steps;
}

/** Declared by the bundler (esbuild.js): the sources' hash. */
declare const PLAN_TRACKER_BUILD: string | undefined;

/** What a snapshot's plans depend on besides the files: the build and each folder's parse settings. */
export function snapshotKey<U extends IndexUri, F extends IndexFolder<U>>(folders: readonly F[], settings: PlanIndexSettings<F>): string {
  return cacheKey({
    build: typeof PLAN_TRACKER_BUILD === 'string' ? PLAN_TRACKER_BUILD : 'dev',
    folders: folders.map((f) => ({ uri: f.uri.toString(), parse: settings.getParseOptions(f), alwaysPlans: settings.getAlwaysPlans?.(f) ?? [] })),
  });
}

const now = (): number => performance.now();

/** A plan of a snapshot: with the fingerprint of the text it was parsed from, when known. */
export interface SnapshotPlan<U> {
  readonly uri: U;
  readonly plan: Plan;
  readonly text?: TextFingerprint;
}

/** The snapshot of `plans` as bytes, made in slices of about `budgetMs`. */
export async function encodeSnapshot(key: string, plans: readonly SnapshotPlan<IndexUri>[], budgetMs: number): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const TAB = encoder.encode('\t');
  const NEWLINE = encoder.encode('\n');
  const parts: Uint8Array[] = [encoder.encode(JSON.stringify({ format: SNAPSHOT_FORMAT, key })), NEWLINE];
  let sliceStart = now();
  for (const { uri, plan, text } of plans) {
    // As the index holds them: a plan's packed forms are written as they are, not unpacked.
    const sections: PackedSections = sectionStorage.packedFrom(plan);
    const tasks: PackedTasks = taskStorage.packedFrom(plan);
    const steps = encoder.encode(stepsJson(plan.steps));
    const sizes: PartSizes = [steps.length, sections.count, sections.wide ? 1 : 0, sections.bytes.length, tasks.count, tasks.wide ? 1 : 0, tasks.bytes.length];
    parts.push(encoder.encode(headJson(uri.toString(), plan, text, sizes, tasks.evidence)), TAB, steps, TAB, sections.bytes, tasks.bytes, NEWLINE);
    if (now() - sliceStart >= budgetMs) {
      await yieldToEventLoop();
      sliceStart = now();
    }
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/**
 * The plans of a snapshot, decoded a record at a time in slices of about `budgetMs`. Undefined
 * (and one log line) when it is of another format or key, or does not decode: a record whose
 * parts do not fit the sizes its head gives drops the whole snapshot.
 */
export async function decodeSnapshot<U>(bytes: Uint8Array, key: string, uriOf: (s: string) => U, budgetMs: number, logger?: IndexLogger): Promise<SnapshotPlan<U>[] | undefined> {
  const decoder = new TextDecoder();
  const plans: SnapshotPlan<U>[] = [];
  let sliceStart = now();
  try {
    let start = bytes.indexOf(10);
    const header = JSON.parse(decoder.decode(bytes.subarray(0, start < 0 ? bytes.length : start))) as { format?: unknown; key?: unknown };
    if (header.format !== SNAPSHOT_FORMAT || header.key !== key) {
      logger?.info(`Plan index: the saved plans are of ${header.format !== SNAPSHOT_FORMAT ? `format ${String(header.format)}` : 'other settings or another build'}; dropped, the scan rebuilds them.`);
      return undefined;
    }
    if (start < 0) return undefined;
    start++;
    while (start < bytes.length) {
      // The head ends at the record's first tab (JSON holds no raw tab); it gives the other parts' sizes.
      const headEnd = bytes.indexOf(9, start);
      if (headEnd < 0) throw new Error('not a plan');
      const head = headOf(decoder.decode(bytes.subarray(start, headEnd)));
      const [stepsLength, sectionCount, sectionsWide, sectionsLength, taskCount, tasksWide, tasksLength] = head.parts;
      const stepsEnd = headEnd + 1 + stepsLength;
      const tasksStart = stepsEnd + 1 + sectionsLength;
      const end = tasksStart + tasksLength;
      if (bytes[stepsEnd] !== 9 || end >= bytes.length || bytes[end] !== 10) throw new Error('a plan of another size than its head says');
      // Views on the snapshot's bytes, which stay in memory until the scan has confirmed or replaced
      // every plan painted from them (a few seconds): confirming a plan copies its packed bytes (store.ts).
      const sections: PackedSections = { bytes: bytes.subarray(stepsEnd + 1, tasksStart), count: sectionCount, wide: sectionsWide === 1 };
      const tasks: PackedTasks = { bytes: bytes.subarray(tasksStart, end), count: taskCount, wide: tasksWide === 1, ...(head.evidence ? { evidence: head.evidence } : {}) };
      if (!packedSectionsFit(sections) || !packedTasksFit(tasks)) throw new Error('a plan whose sections or tasks do not fit their count');
      const plan = head.plan;
      sectionStorage.adopt(plan, sections);
      taskStorage.adopt(plan, tasks);
      Object.defineProperty(plan, STEPS, { value: bytes.subarray(headEnd + 1, stepsEnd), writable: true });
      Object.defineProperty(plan, 'steps', { enumerable: true, configurable: false, get: paintedSteps });
      plans.push({ uri: uriOf(head.uri), plan: plan as Plan, text: head.text });
      start = end + 1;
      if (now() - sliceStart >= budgetMs) {
        await yieldToEventLoop();
        sliceStart = now();
      }
    }
  } catch (error) {
    logger?.info(`Plan index: the saved plans could not be read (${errorText(error)}); dropped, the scan rebuilds them.`);
    return undefined;
  }
  return plans;
}
