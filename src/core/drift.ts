/**
 * Drift: what changed in a plan between two versions of its text (a commit and the working copy,
 * the file before and after an agent's edit). Tasks are aligned first by their normalised text
 * (the k-th task with a text pairs with the k-th task with that text), then, between tasks that
 * kept their text and their order, by position (most similar first). What is left is added or
 * removed. `driftFindings` turns the diff into findings: an open task that disappeared or was
 * reworded instead of being ticked, a Status Tracking item removed, a done task opened again, a
 * status moved back.
 */
import { finding, type Finding, type FindingCode } from './findings';
import { normalizeTaskText } from './findTask';
import { parsePlan } from './parse';
import { isTrackingItem } from './rules/outline';
import { isStatusKey } from './status';
import { lineAt, lineStarts, normalizeName } from './text';
import { DEFAULT_STATUSES, type ParseOptions, type Plan, type TaskState } from './types';

/** A task as one side of the diff saw it. Lines and columns are 0-based, in that side's text. */
export interface DiffTask {
  readonly line: number;
  readonly column: number;
  /** End column of the task's line (for a finding's range). */
  readonly end: number;
  readonly text: string;
  readonly state: TaskState;
  /** Whether it is a Status Tracking item (a top-level task of the Status Tracking section). */
  readonly tracking: boolean;
  /** Its section's heading, normalised ('' before the first heading): tells apart tasks of one text. */
  readonly sectionName: string;
}

export interface TaskPair {
  readonly before: DiffTask;
  readonly after: DiffTask;
}

export interface RemovedTask extends DiffTask {
  /** The line in the after text nearest to where the task was: the task now in its place. */
  readonly nearLine: number;
}

export interface PlanDiff {
  /** Not done before, done after (reworded ones too). */
  readonly ticked: readonly TaskPair[];
  /** Done before, open or in progress after. */
  readonly unticked: readonly TaskPair[];
  /** Any other change of state (open → in progress, → skipped, skipped → open). */
  readonly restated: readonly TaskPair[];
  readonly added: readonly DiffTask[];
  /** Tasks that are gone, Status Tracking items excepted (they are in `trackingRemoved`). */
  readonly removed: readonly RemovedTask[];
  /** Pairs whose normalised text changed. */
  readonly reworded: readonly TaskPair[];
  readonly trackingRemoved: readonly RemovedTask[];
  /** `**Status:**` moved to an earlier status of the list; `line` in the after text. */
  readonly statusBackwards?: { readonly from: string; readonly to: string; readonly line: number };
}

export interface DiffOptions extends ParseOptions {
  /** Plan statuses in order (the last means completed). Defaults to the template's. */
  readonly statuses?: readonly string[];
}

/** Whether nothing changed that the diff reports. */
export function isEmptyDiff(diff: PlanDiff): boolean {
  return (
    diff.ticked.length + diff.unticked.length + diff.restated.length + diff.added.length + diff.removed.length + diff.reworded.length + diff.trackingRemoved.length === 0 &&
    diff.statusBackwards === undefined
  );
}

/** The larger a gap between anchors may be for the similarity alignment; past it, tasks pair by position alone. */
const MAX_GAP_CELLS = 250_000;

/** Compares two versions of a plan's text. Never throws. */
export function diffPlans(before: string, after: string, options: DiffOptions = {}): PlanDiff {
  const a = parsePlan(before, options);
  const b = parsePlan(after, options);
  const aTasks = diffTasks(a, before);
  const bTasks = diffTasks(b, after);
  const aKeys = a.tasks.map((t) => normalizeTaskText(t.text));
  const bKeys = b.tasks.map((t) => normalizeTaskText(t.text));

  // 1. Same normalised text. When a text occurs as often on both sides, the k-th pairs with the
  // k-th; otherwise the occurrences pair in order by what they share (section, then state).
  const partner = new Int32Array(aTasks.length).fill(-1);
  const taken = new Uint8Array(bTasks.length);
  const occurrences = (keys: readonly string[]): Map<string, number[]> => {
    const map = new Map<string, number[]>();
    keys.forEach((k, i) => {
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    });
    return map;
  };
  const inB = occurrences(bKeys);
  for (const [key, listA] of occurrences(aKeys)) {
    const listB = inB.get(key);
    if (!listB) continue;
    const context = (x: number, y: number): number =>
      (aTasks[listA[x]].sectionName === bTasks[listB[y]].sectionName ? 2 : 0) + (aTasks[listA[x]].state === bTasks[listB[y]].state ? 1 : 0);
    for (const [x, y] of align(listA.length, listB.length, context)) {
      partner[listA[x]] = listB[y];
      taken[listB[y]] = 1;
    }
  }

  // 2. Anchors: the longest run of those pairs that keeps its order (the rest moved, text intact).
  const anchors = increasingPairs(partner);

  // 3. Between consecutive anchors, unpaired tasks pair by position, most similar first.
  const pairs: [number, number][] = [];
  const removedAt: { index: number; nearLine: number }[] = [];
  const added: number[] = [];
  let prevA = -1;
  let prevB = -1;
  for (const [ai, bi] of [...anchors, [aTasks.length, bTasks.length] as [number, number]]) {
    if (ai === prevA + 1 && bi === prevB + 1) {
      // Adjacent anchors on both sides: nothing between them (the common case).
      prevA = ai;
      prevB = bi;
      continue;
    }
    const gapA: number[] = [];
    const gapB: number[] = [];
    for (let i = prevA + 1; i < ai; i++) if (partner[i] < 0) gapA.push(i);
    for (let j = prevB + 1; j < bi; j++) if (!taken[j]) gapB.push(j);
    const wa = gapA.map((i) => words(aKeys[i]));
    const wb = gapB.map((j) => words(bKeys[j]));
    const matched = align(gapA.length, gapB.length, (x, y) => similarity(wa[x], wb[y]));
    const pairedA = new Set<number>();
    const pairedB = new Set<number>();
    for (const [x, y] of matched) {
      pairs.push([gapA[x], gapB[y]]);
      pairedA.add(x);
      pairedB.add(y);
    }
    const nearLine = bi < bTasks.length ? bTasks[bi].line : prevB >= 0 ? Math.min(bTasks[prevB].line + 1, b.lineCount - 1) : Math.max(0, b.lineCount - 1);
    gapA.forEach((i, x) => pairedA.has(x) || removedAt.push({ index: i, nearLine }));
    gapB.forEach((j, y) => pairedB.has(y) || added.push(j));
    prevA = ai;
    prevB = bi;
  }
  // Anchors, and tasks that moved with their text intact.
  partner.forEach((j, i) => j >= 0 && pairs.push([i, j]));
  pairs.sort((x, y) => x[1] - y[1]);

  const ticked: TaskPair[] = [];
  const unticked: TaskPair[] = [];
  const restated: TaskPair[] = [];
  const reworded: TaskPair[] = [];
  for (const [i, j] of pairs) {
    const pair = { before: aTasks[i], after: bTasks[j] };
    if (aKeys[i] !== bKeys[j]) reworded.push(pair);
    const from = pair.before.state;
    const to = pair.after.state;
    if (from === to) continue;
    if (to === 'done') ticked.push(pair);
    else if (from === 'done' && (to === 'open' || to === 'inProgress')) unticked.push(pair);
    else restated.push(pair);
  }
  const removed: RemovedTask[] = [];
  const trackingRemoved: RemovedTask[] = [];
  for (const r of removedAt.sort((x, y) => x.index - y.index)) {
    const task = { ...aTasks[r.index], nearLine: r.nearLine };
    (task.tracking ? trackingRemoved : removed).push(task);
  }
  const statusBackwards = statusMovedBack(a, b, options.statuses);
  return {
    ticked,
    unticked,
    restated,
    added: added.sort((x, y) => x - y).map((j) => bTasks[j]),
    removed,
    reworded,
    trackingRemoved,
    ...(statusBackwards ? { statusBackwards } : {}),
  };
}

function diffTasks(plan: Plan, text: string): DiffTask[] {
  const starts = lineStarts(text);
  return plan.tasks.map((t) => ({
    sectionName: t.section >= 0 ? normalizeName(plan.sections[t.section].text) : '',
    line: t.line,
    column: t.column,
    end: (lineAt(text, starts, t.line) ?? '').length,
    text: t.text,
    state: t.state,
    tracking: isTrackingItem(plan, t),
  }));
}

/** The pairs `(i, partner[i])` of a longest subsequence increasing in both (patience sorting, O(n log n)). */
function increasingPairs(partner: Int32Array): [number, number][] {
  const tailIndex: number[] = [];
  const previous = new Int32Array(partner.length).fill(-1);
  for (let i = 0; i < partner.length; i++) {
    const j = partner[i];
    if (j < 0) continue;
    let lo = 0;
    let hi = tailIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (partner[tailIndex[mid]] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tailIndex[lo - 1];
    tailIndex[lo] = i;
  }
  const result: [number, number][] = [];
  for (let i = tailIndex.length ? tailIndex[tailIndex.length - 1] : -1; i >= 0; i = previous[i]) result.push([i, partner[i]]);
  return result.reverse();
}

/**
 * Pairs two lists of lengths m and n in order: as many pairs as the shorter list has, choosing the
 * pairs with the largest summed `score` when one list is longer. Returns index pairs.
 */
function align(m: number, n: number, score: (x: number, y: number) => number): [number, number][] {
  if (!m || !n) return [];
  if (m === n || m * n > MAX_GAP_CELLS) return Array.from({ length: Math.min(m, n) }, (_, k) => [k, k] as [number, number]);
  // best[i][j]: the best summed score pairing [i..m) with [j..n) so that every element of the
  // shorter list is paired (-Infinity when that is no longer possible).
  const shorterA = m <= n;
  const best: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  const memo: number[][] = Array.from({ length: m }, () => new Array<number>(n));
  const pairScore = (i: number, j: number): number => (memo[i][j] ??= score(i, j));
  for (let i = m; i >= 0; i--) {
    for (let j = n; j >= 0; j--) {
      if (i === m || j === n) {
        const leftOver = i === m ? j < n && !shorterA : i < m && shorterA;
        best[i][j] = leftOver ? Number.NEGATIVE_INFINITY : 0;
        continue;
      }
      const skip = shorterA ? best[i][j + 1] : best[i + 1][j];
      best[i][j] = Math.max(pairScore(i, j) + best[i + 1][j + 1], skip);
    }
  }
  const result: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (pairScore(i, j) + best[i + 1][j + 1] >= best[i][j]) result.push([i++, j++]);
    else if (shorterA) j++;
    else i++;
  }
  return result;
}

function words(s: string): Set<string> {
  return new Set(s.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

/** Dice coefficient of two word sets. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function statusMovedBack(a: Plan, b: Plan, statuses: readonly string[] = DEFAULT_STATUSES): PlanDiff['statusBackwards'] {
  const list = (statuses.length ? statuses : DEFAULT_STATUSES).map((s) => s.toLowerCase());
  const from = list.indexOf(a.status?.trim().toLowerCase() ?? '');
  const to = list.indexOf(b.status?.trim().toLowerCase() ?? '');
  if (from < 0 || to < 0 || to >= from) return undefined;
  const field = b.fields.find((f) => isStatusKey(f.key));
  return { from: a.status!.trim(), to: b.status!.trim(), line: field?.line ?? Math.max(0, b.titleLine) };
}

/** The drift codes (their severities and descriptions are in the findings table, `findings.ts`). */
export const DRIFT_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['task-removed', 'task-reworded', 'task-unticked', 'tracking-item-removed', 'status-moved-back']);

export interface DriftFindingOptions {
  /** What the plan is compared with, for the messages: `HEAD`, `origin/main`. */
  readonly since?: string;
}

const isOpen = (t: DiffTask): boolean => t.state === 'open' || t.state === 'inProgress';

function quoted(s: string): string {
  return s.length > 80 ? `"${s.slice(0, 77)}…"` : `"${s}"`;
}

/**
 * The findings of a diff, in the after text's line order: `task-removed` and `task-reworded` for an
 * open task that disappeared or was reworded instead of being ticked, `tracking-item-removed`,
 * `task-unticked`, `status-moved-back`. A done task removed or reworded is tidying, not drift.
 */
export function driftFindings(diff: PlanDiff, options: DriftFindingOptions = {}): Finding[] {
  const since = options.since ? ` since ${options.since}` : '';
  const findings: Finding[] = [];
  const add = (code: FindingCode, message: string, line: number, start: number, end: number): void => {
    findings.push(finding(code, message, { line, start, end }));
  };
  for (const t of diff.removed) {
    if (!isOpen(t)) continue;
    add('task-removed', `Open task ${quoted(t.text)} was removed${since} instead of being ticked. Restore it, and tick it when it is done (or mark it skipped, with a note saying why).`, t.nearLine, 0, 0);
  }
  for (const t of diff.trackingRemoved) {
    add('tracking-item-removed', `Status Tracking item ${quoted(t.text)} was removed${since}.`, t.nearLine, 0, 0);
  }
  for (const { before, after } of diff.reworded) {
    if (!isOpen(before)) continue;
    add('task-reworded', `Open task ${quoted(before.text)} was reworded${since} to ${quoted(after.text)} instead of being ticked.`, after.line, after.column, after.end);
  }
  for (const { after } of diff.unticked) {
    add('task-unticked', `Task ${quoted(after.text)} was done${since} and is ${after.state === 'inProgress' ? 'in progress' : 'open'} again.`, after.line, after.column, after.end);
  }
  if (diff.statusBackwards) {
    const s = diff.statusBackwards;
    add('status-moved-back', `**Status:** moved back${since} from "${s.from}" to "${s.to}".`, s.line, 0, 0);
  }
  return findings.sort((x, y) => x.line - y.line || x.start - y.start);
}

/** `diffPlans` then `driftFindings`: the drift findings of `after` against `before`. */
export function checkDrift(before: string, after: string, options: DiffOptions & DriftFindingOptions = {}): Finding[] {
  return driftFindings(diffPlans(before, after, options), options);
}
