/**
 * What a plan's header says about where it stands, measured against the configured statuses
 * (`planTracker.statuses`, the CLI's `--statuses`): the one home of the status rules. The tree,
 * the dashboard, the status bar, the commands and the health checks all ask here.
 */
import { FINISHED_WORDS, planKind } from './kinds';
import { DEFAULT_STATUSES, type Plan } from './types';

/**
 * The names of the header field that holds a plan's status: `Status` (`Current Status`, `Plan
 * Status`), and its names in other languages (`Estado`, `État`, `Статус`, `状态`, `ステータス`, `상태`…).
 */
export const STATUS_KEYS = '(?:(?:current|overall|plan|project)\\s+)?status|estado|estatus|état|etat|stato|situação|статус|状态|狀態|状態|ステータス|상태';

const STATUS_KEY = new RegExp(`^(?:${STATUS_KEYS})$`, 'i');

/** A table header that names its status column: `Status`, `State`, `Done`, `Progress`, and the status field's names (`状态`, `Estado`). */
export const STATUS_COLUMN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${STATUS_KEYS}|state|done|progress|complete)(?![\\p{L}\\p{N}])`, 'iu');

/** Whether a header field's key names the plan's status (`STATUS_KEYS`); the parser, the edits and the checks all ask here. */
export function isStatusKey(key: string): boolean {
  return STATUS_KEY.test(key.trim());
}

/**
 * - `planning`: the first configured status (a new plan's);
 * - `inProgress`: any configured status between the first and the last;
 * - `completed`: the last configured status;
 * - `unknown`: a status that is not configured; `none`: no status at all.
 */
export type StatusCategory = 'planning' | 'inProgress' | 'completed' | 'unknown' | 'none';

/** How statuses are compared: trimmed, case-insensitive. */
export function statusKey(status: string): string {
  return status.trim().toLowerCase();
}

/** Where `status` sits among the configured statuses (0-based), or -1 when it is not one of them. */
export function statusIndex(status: string | undefined, statuses: readonly string[]): number {
  const value = status === undefined ? '' : statusKey(status);
  if (!value) return -1;
  return statuses.findIndex((s) => statusKey(s) === value);
}

/**
 * A status that says the plan is finished in other words than the template's `Completed`:
 * `Complete`, `✅ Done`, `FINISHED`, and the same in other languages (`Abgeschlossen`, `Terminé`,
 * `Completado`, `Concluído`, `Завершено`, `已完成`, `完了`, `완료`): the whole status, so not "Planning
 * Complete" nor "Not done".
 */
const FINISHED = new RegExp(`^(?:${FINISHED_WORDS})$`);

/** Whether `statuses` are the template's own (`DEFAULT_STATUSES`), not a team's list. */
function areDefault(statuses: readonly string[]): boolean {
  return statuses === DEFAULT_STATUSES || (statuses.length === DEFAULT_STATUSES.length && statuses.every((s, i) => statusKey(s) === statusKey(DEFAULT_STATUSES[i])));
}

/**
 * Where a plan's status stands. With the template's statuses, a status that only says finished
 * (`Complete`, `✅ Done`) is completed too, though not one of them; a team's own list
 * (`planTracker.statuses`) is taken as it is.
 */
export function statusCategory(status: string | undefined, statuses: readonly string[]): StatusCategory {
  if (status === undefined || statusKey(status) === '') return 'none';
  const index = statusIndex(status, statuses);
  if (index < 0) return areDefault(statuses) && FINISHED.test(statusKey(status).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()) ? 'completed' : 'unknown';
  if (index === statuses.length - 1) return 'completed';
  return index === 0 ? 'planning' : 'inProgress';
}

/** Every task is done (and there is at least one). */
function allTicked(plan: Pick<Plan, 'progress'>): boolean {
  const { done, total } = plan.progress;
  return total > 0 && done === total;
}

/**
 * Whether a plan is completed, for "Hide completed" in the tree and the dashboard alike. A
 * configured status decides: the last one is completed, any other is not, however many boxes
 * are ticked (a plan with every box ticked whose status still says "In Progress" has not been
 * closed, and the `tracking-done-not-completed` finding asks for it: hiding it would hide that).
 * When the status is missing or not a configured one (a spec-kit `tasks.md`, a Kiro `tasks.md`,
 * "Blocked"; "Done" and "Complete" say completed, see `statusCategory`), the boxes decide: every
 * task done.
 */
export function isCompleted(plan: Plan, statuses: readonly string[]): boolean {
  const category = statusCategory(plan.status, statuses);
  if (category === 'completed') return true;
  if (category !== 'unknown' && category !== 'none') return false;
  return allTicked(plan);
}

/**
 * A plan is in progress when its status is a configured one between the first and the last, or,
 * when its status is missing or not configured, when some but not all of its tasks are done.
 */
export function isInProgress(plan: Pick<Plan, 'status' | 'progress'>, statuses: readonly string[]): boolean {
  const category = statusCategory(plan.status, statuses);
  if (category === 'inProgress') return true;
  if (category !== 'unknown' && category !== 'none') return false;
  const { done, inProgress, total } = plan.progress;
  return (done > 0 || inProgress > 0) && done < total;
}

/**
 * Where a plan stands, for its icon: its status's category; for a plan of a kind without a header
 * (a spec-kit, Kiro or OpenSpec `tasks.md`, a GSD roadmap: they never say; a BMAD story says it in
 * its tool's words, `InProgress`, `Review`) that has no configured status, where its boxes stand,
 * as `isCompleted` and `isInProgress` judge them: `completed`, `inProgress`, or `planning`.
 */
export function planStanding(plan: Pick<Plan, 'status' | 'kind' | 'progress'>, statuses: readonly string[]): StatusCategory {
  const category = statusCategory(plan.status, statuses);
  if ((category !== 'none' && category !== 'unknown') || !plan.kind || planKind(plan.kind).header) return category;
  return allTicked(plan) ? 'completed' : isInProgress(plan, statuses) ? 'inProgress' : 'planning';
}

// In the order their groups take.
const STANDING_WORDS: Readonly<Partial<Record<StatusCategory, string>>> = { planning: 'Not started', inProgress: 'In progress', completed: 'Done' };

/**
 * What a plan's status pill says: its status; for a plan of a kind without a header, where its
 * boxes stand (`planStanding`): "Done", "In progress" or "Not started"; else "No status" (the plan
 * should say, and `missing-status` asks it to).
 */
export function statusLabel(plan: Pick<Plan, 'status' | 'kind' | 'progress'>): string {
  const status = plan.status?.trim();
  return status || labelOf('', planStanding(plan, DEFAULT_STATUSES));
}

/** `statusLabel` from the status (trimmed, '' for none) and where the plan stands. */
function labelOf(status: string, category: StatusCategory): string {
  return status || (STANDING_WORDS[category] ?? 'No status');
}

/** A group of plans by status: a tile of the dashboard's summary, a group of the Plans view's "Group by Status". */
export interface StatusGroup {
  /** Plans with equal keys share the group. */
  readonly key: string;
  /** What the group is called: what its plans' status pills say (`statusLabel`). */
  readonly label: string;
  /** Its icon's category (`planStanding`). */
  readonly category: StatusCategory;
  /**
   * Where it goes: the configured statuses in their order, then the plans placed by their boxes
   * (Not started, In progress, Done), then other statuses (by label), then "No status".
   */
  readonly order: number;
}

/**
 * The group a plan counts in by status: the one its pill names. A plan of a kind without a
 * header and no status of its own counts where its boxes stand ("In progress"), not under "No
 * status", which is for the plans whose header should say and does not.
 */
export function statusGroup(plan: Pick<Plan, 'status' | 'kind' | 'progress'>, statuses: readonly string[]): StatusGroup {
  const status = plan.status?.trim() ?? '';
  const category = planStanding(plan, statuses);
  const label = labelOf(status, category);
  const configured = statusIndex(status, statuses);
  if (configured >= 0) return { key: statusKey(status), label, category, order: configured };
  if (status) return { key: statusKey(status), label, category, order: 2000 };
  // Upper case: no status's key (lower case) can be it.
  if (STANDING_WORDS[category]) return { key: `Boxes:${category}`, label, category, order: 1000 + Object.keys(STANDING_WORDS).indexOf(category) };
  return { key: '', label, category, order: Number.MAX_SAFE_INTEGER };
}
