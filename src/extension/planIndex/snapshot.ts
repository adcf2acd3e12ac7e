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
 * and the badge show, and the sizes of the rest), a tab, then its phases and steps, its sections
 * and its tasks packed as the index keeps them (core/compactPhases.ts, compactSections.ts,
 * compactTasks.ts; task texts deflated once the index was idle), each from a multiple of 4 bytes,
 * and a newline. Painting parses only the heads; a painted plan keeps views on its packed bytes
 * (nothing is unpacked until read, as for any plan), and the scan confirming it copies them.
 * Painting is mostly the read: on a machine where each fresh page of memory costs a fault, bytes
 * are time. A snapshot of another format or key (other parse options, another build), or one that
 * does not decode, is dropped with one log line.
 */
import {
  adoptPhases,
  cacheKey,
  errorText,
  packedPhasesFit,
  packedPhasesOf,
  packedSectionsFit,
  packedTasksFit,
  sectionStorage,
  taskStorage,
  type PackedPhases,
  type PackedRows,
  type PackedSections,
  type PackedTasks,
  type Plan,
} from '../../core';
import { yieldToEventLoop } from '../util/debounce';
import type { IndexFolder, IndexLogger, IndexUri } from './port';
import { headJson, headOf, type PartSizes } from './snapshotRows';
import type { TextFingerprint } from './store';
import type { PlanIndexSettings, SnapshotStore } from './types';

export type { SnapshotStore };

/** Bump when the layout changes. */
export const SNAPSHOT_FORMAT = 8;

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

/**
 * How many zero bytes go before a packed part that would start at `at` (from the snapshot's first
 * byte): each part starts at a multiple of 4, so that its numbers (2 or 4 bytes each) can be read in place
 * when the snapshot's bytes start at such an offset of their buffer (a file read whole does). A
 * part that is not aligned all the same (a snapshot in a shared buffer) is copied when read.
 */
const padding = (at: number): number => -at & 3;
const aligned = (at: number): number => at + padding(at);
const PADS = [0, 1, 2, 3].map((n) => new Uint8Array(n));

/** How a packed part is laid out, as one number of its head: 1 its numbers are 4 bytes wide, 2 its texts are deflated. */
const layoutOf = (rows: PackedRows): number => (rows.wide ? 1 : 0) | (rows.deflated ? 2 : 0);
const layout = (n: number): Pick<PackedRows, 'wide' | 'deflated'> => (n & 2 ? { wide: (n & 1) === 1, deflated: true } : { wide: (n & 1) === 1 });

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
  /** Where the next part starts, from the snapshot's first byte. */
  let at = parts[0].length + 1;
  let sliceStart = now();
  for (const { uri, plan, text } of plans) {
    // As the index holds them: a plan's packed forms are written as they are, not unpacked.
    const phases: PackedPhases = packedPhasesOf(plan);
    const sections: PackedSections = sectionStorage.packedFrom(plan);
    const tasks: PackedTasks = taskStorage.packedFrom(plan);
    const sizes: PartSizes = [
      phases.count,
      phases.phases,
      layoutOf(phases),
      phases.bytes.length,
      sections.count,
      layoutOf(sections),
      sections.bytes.length,
      tasks.count,
      layoutOf(tasks),
      tasks.bytes.length,
    ];
    const head = encoder.encode(headJson(uri.toString(), plan, text, sizes, tasks.evidence));
    parts.push(head, TAB);
    at += head.length + 1;
    for (const packed of [phases.bytes, sections.bytes, tasks.bytes]) {
      const pad = padding(at);
      if (pad > 0) parts.push(PADS[pad]);
      parts.push(packed);
      at += pad + packed.length;
    }
    parts.push(NEWLINE);
    at++;
    if (now() - sliceStart >= budgetMs) {
      await yieldToEventLoop();
      sliceStart = now();
    }
  }
  const bytes = new Uint8Array(at);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
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
      const [phaseRows, phaseCount, phasesLayout, phasesLength, sectionCount, sectionsLayout, sectionsLength, taskCount, tasksLayout, tasksLength] = head.parts;
      const phasesStart = aligned(headEnd + 1);
      const sectionsStart = aligned(phasesStart + phasesLength);
      const tasksStart = aligned(sectionsStart + sectionsLength);
      const end = tasksStart + tasksLength;
      if (end >= bytes.length || bytes[end] !== 10) throw new Error('a plan of another size than its head says');
      // Views on the snapshot's bytes, which stay in memory until the scan has confirmed or replaced
      // every plan painted from them (a few seconds): confirming a plan copies its packed bytes (store.ts).
      const phases: PackedPhases = { bytes: bytes.subarray(phasesStart, phasesStart + phasesLength), count: phaseRows, ...layout(phasesLayout), phases: phaseCount };
      const sections: PackedSections = { bytes: bytes.subarray(sectionsStart, sectionsStart + sectionsLength), count: sectionCount, ...layout(sectionsLayout) };
      const tasks: PackedTasks = { bytes: bytes.subarray(tasksStart, end), count: taskCount, ...layout(tasksLayout), ...(head.evidence ? { evidence: head.evidence } : {}) };
      if (!packedPhasesFit(phases) || !packedSectionsFit(sections) || !packedTasksFit(tasks)) throw new Error('a plan whose phases, sections or tasks do not fit their count');
      const plan = head.plan;
      adoptPhases(plan, phases);
      sectionStorage.adopt(plan, sections);
      taskStorage.adopt(plan, tasks);
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
