/**
 * Paint first: the plans the index held when the window closed, kept in the extension's workspace
 * storage, so the Plans view, the status bar and the badge fill at once on the next activation.
 * The first scan then reads every file as before and confirms or corrects each plan (a plan
 * changed or deleted while the editor was closed is corrected by it); a snapshot only decides
 * what shows in the moments before that.
 *
 * One JSON line per plan after a header line (format and key), so reading and writing go a line at
 * a time with a yield to the event loop between slices: no slice of it blocks the extension host.
 * A line is `[uri, plan without its tasks, tasks]`, the tasks packed as one JSON string of rows
 * (two thirds of a plan's bytes): painting decodes only what the rows of the Plans view show, and
 * a plan's tasks are decoded when first read (a plan expanded, its tooltip).
 * A snapshot of another format or key (other parse options, another build), or one that does not
 * decode, is dropped with one log line.
 */
import { cacheKey, errorText, type Plan, type Task, type TaskState } from '../../core';
import { yieldToEventLoop } from '../util/debounce';
import type { IndexFolder, IndexLogger, IndexUri } from './port';
import type { PlanIndexSettings, SnapshotStore } from './types';

export type { SnapshotStore };

/** Bump when the layout changes. */
export const SNAPSHOT_FORMAT = 2;

const STATES: readonly TaskState[] = ['open', 'done', 'inProgress', 'skipped'];

/** A task as a row: line, column, mark, state (index in STATES), text, depth, parent, section[, evidence, evidence line]. */
type TaskRow = [number, number, string, number, string, number, number, number, string?, number?];

function taskRows(tasks: readonly Task[]): string {
  return JSON.stringify(
    tasks.map((t): TaskRow => {
      const row: TaskRow = [t.line, t.column, t.mark, STATES.indexOf(t.state), t.text, t.depth, t.parent, t.section];
      if (t.evidence !== undefined) row.push(t.evidence, t.evidenceLine ?? t.line);
      return row;
    }),
  );
}

function tasksOf(rows: string): readonly Task[] {
  return Object.freeze(
    (JSON.parse(rows) as TaskRow[]).map(([line, column, mark, state, text, depth, parent, section, evidence, evidenceLine], index): Task => {
      const task: Task = { index, line, column, mark, state: STATES[state] ?? 'open', text, depth, parent, section };
      return evidence === undefined ? task : { ...task, evidence, evidenceLine };
    }),
  );
}

/** `plan` with `tasks` decoded from `rows` when first read. */
function withLazyTasks(plan: Omit<Plan, 'tasks'>, rows: string): Plan {
  let tasks: readonly Task[] | undefined;
  Object.defineProperty(plan, 'tasks', { enumerable: true, configurable: false, get: () => (tasks ??= tasksOf(rows)) });
  return plan as Plan;
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

/** The snapshot of `plans` as bytes, made in slices of about `budgetMs`. */
export async function encodeSnapshot(key: string, plans: readonly { readonly uri: IndexUri; readonly plan: Plan }[], budgetMs: number): Promise<Uint8Array> {
  const lines = [JSON.stringify({ format: SNAPSHOT_FORMAT, key })];
  let sliceStart = now();
  for (const { uri, plan } of plans) {
    const { tasks, ...rest } = plan;
    lines.push(JSON.stringify([uri.toString(), rest, taskRows(tasks)]));
    if (now() - sliceStart >= budgetMs) {
      await yieldToEventLoop();
      sliceStart = now();
    }
  }
  const encoder = new TextEncoder();
  const parts = lines.map((l) => encoder.encode(`${l}\n`));
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
export async function decodeSnapshot<U>(bytes: Uint8Array, key: string, uriOf: (s: string) => U, budgetMs: number, logger?: IndexLogger): Promise<{ uri: U; plan: Plan }[] | undefined> {
  const decoder = new TextDecoder();
  const plans: { uri: U; plan: Plan }[] = [];
  let start = 0;
  let sliceStart = now();
  let header = true;
  try {
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      const line = decoder.decode(bytes.subarray(start, end));
      start = end + 1;
      if (header) {
        const head = JSON.parse(line) as { format?: unknown; key?: unknown };
        if (head.format !== SNAPSHOT_FORMAT || head.key !== key) {
          logger?.info(`Plan index: the saved plans are of ${head.format !== SNAPSHOT_FORMAT ? `format ${String(head.format)}` : 'other settings or another build'}; dropped, the scan rebuilds them.`);
          return undefined;
        }
        header = false;
      } else if (line) {
        const [uri, plan, tasks] = JSON.parse(line) as [string, Omit<Plan, 'tasks'>, string];
        if (typeof uri !== 'string' || !plan || typeof plan !== 'object' || !Array.isArray(plan.phases) || typeof tasks !== 'string') throw new Error('not a plan');
        plans.push({ uri: uriOf(uri), plan: withLazyTasks(plan, tasks) });
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
