/**
 * Paint first: the plans the index held when the window closed, kept in the extension's workspace
 * storage, so the Plans view, the status bar and the badge fill at once on the next activation.
 * The first scan then reads every file as before and confirms or corrects each plan (a plan
 * changed or deleted while the editor was closed is corrected by it); a snapshot only decides
 * what shows in the moments before that. Each plan carries the hash and length of the text it was
 * parsed from: a file the scan finds with that same text is not parsed again (store.ts).
 *
 * One JSON line per plan after a header line (format and key), so reading and writing go a line at
 * a time with a yield to the event loop between slices: no slice of it blocks the extension host.
 * A line is three JSON texts separated by tabs (JSON never holds a raw tab or newline):
 * `[uri, plan without its tasks, sections and steps, text hash, text length]`, then `{sections, steps}` (sections as rows),
 * then the tasks as rows. Painting parses only the first (a quarter of a plan's bytes: what the
 * Plans view, the status bar and the badge show); the sections and steps, and the tasks, are
 * parsed when first read (a plan expanded, its tooltip, the dashboard). Painting is mostly the
 * read: on a machine where each fresh page of memory costs a fault, bytes are time.
 * A snapshot of another format or key (other parse options, another build), or one that does not
 * decode, is dropped with one log line.
 */
import { cacheKey, errorText, type Plan, type Task } from '../../core';
import { yieldToEventLoop } from '../util/debounce';
import type { IndexFolder, IndexLogger, IndexUri } from './port';
import { headJson, headOf, outlineFrom, outlineJson, taskRows, tasksOrNone, type LazyParts, type Outline } from './snapshotRows';
import type { TextFingerprint } from './store';
import type { PlanIndexSettings, SnapshotStore } from './types';

export type { SnapshotStore };

/** Bump when the layout changes. */
export const SNAPSHOT_FORMAT = 5;

const fromUtf8 = new TextDecoder();

/**
 * A painted plan's sections and steps, parsed from `outlineBytes`, and its tasks, from
 * `rowsBytes`, when first read. Both are views on the snapshot's bytes, which stay in memory until
 * the scan has replaced every plan painted from them (a few seconds). A part that does not parse
 * reads as empty: the scan that follows corrects the plan anyway.
 */
class LineParts implements LazyParts {
  outlineBytes: Uint8Array = new Uint8Array(0);
  rowsBytes: Uint8Array = new Uint8Array(0);
  private parsedOutline: Outline | undefined;
  private parsedTasks: readonly Task[] | undefined;

  outline(): Outline {
    return (this.parsedOutline ??= outlineFrom(fromUtf8.decode(this.outlineBytes)));
  }

  tasks(): readonly Task[] {
    return (this.parsedTasks ??= tasksOrNone(fromUtf8.decode(this.rowsBytes)));
  }
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
  const parts = [encoder.encode(JSON.stringify({ format: SNAPSHOT_FORMAT, key })), NEWLINE];
  let sliceStart = now();
  for (const { uri, plan, text } of plans) {
    const { tasks, sections, steps, ...eager } = plan;
    const outline = encoder.encode(outlineJson(sections, steps));
    const rows = encoder.encode(taskRows(tasks));
    parts.push(encoder.encode(headJson(uri.toString(), eager, text, outline.length, rows.length)), TAB, outline, TAB, rows, NEWLINE);
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
 * The plans of a snapshot, decoded a line at a time in slices of about `budgetMs`. Undefined (and
 * one log line) when it is of another format or key, or does not decode.
 */
export async function decodeSnapshot<U>(bytes: Uint8Array, key: string, uriOf: (s: string) => U, budgetMs: number, logger?: IndexLogger): Promise<SnapshotPlan<U>[] | undefined> {
  const decoder = new TextDecoder();
  const plans: SnapshotPlan<U>[] = [];
  let start = 0;
  let sliceStart = now();
  let header = true;
  try {
    while (start < bytes.length) {
      const lineStart = start;
      if (header) {
        let end = bytes.indexOf(10, start);
        if (end < 0) end = bytes.length;
        start = end + 1;
        const line = decoder.decode(bytes.subarray(lineStart, end));
        const head = JSON.parse(line) as { format?: unknown; key?: unknown };
        if (head.format !== SNAPSHOT_FORMAT || head.key !== key) {
          logger?.info(`Plan index: the saved plans are of ${head.format !== SNAPSHOT_FORMAT ? `format ${String(head.format)}` : 'other settings or another build'}; dropped, the scan rebuilds them.`);
          return undefined;
        }
        header = false;
      } else if (bytes[lineStart] === 10) {
        start = lineStart + 1;
      } else {
        // Only the head is decoded now; the other parts stay bytes until read. Its end is the line's first tab (UTF-8 never holds a tab byte inside a character).
        const outlineAt = bytes.indexOf(9, lineStart);
        if (outlineAt < 0) throw new Error('not a plan');
        const parts = new LineParts();
        const head = headOf(decoder.decode(bytes.subarray(lineStart, outlineAt)), parts);
        // The head gives the other parts' sizes, so the line's end is found without scanning them; a line whose sizes do not fit is scanned.
        let tasksAt = outlineAt + 1 + head.outlineBytes;
        let end = tasksAt + 1 + head.tasksBytes;
        if (bytes[tasksAt] !== 9 || end > bytes.length || (end < bytes.length && bytes[end] !== 10)) {
          end = bytes.indexOf(10, outlineAt);
          if (end < 0) end = bytes.length;
          tasksAt = bytes.indexOf(9, outlineAt + 1);
          if (tasksAt < 0 || tasksAt >= end) throw new Error('not a plan');
        }
        start = end + 1;
        parts.outlineBytes = bytes.subarray(outlineAt + 1, tasksAt);
        parts.rowsBytes = bytes.subarray(tasksAt + 1, end);
        plans.push({ uri: uriOf(head.uri), plan: head.plan, text: head.text });
      }
      if (now() - sliceStart >= budgetMs) {
        await yieldToEventLoop();
        sliceStart = now();
      }
    }
  } catch (error) {
    logger?.info(`Plan index: the saved plans could not be read (${errorText(error)}); dropped, the scan rebuilds them.`);
    return undefined;
  }
  return header ? undefined : plans;
}
