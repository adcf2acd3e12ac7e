/**
 * What a plan's header says about where it stands, measured against the configured statuses.
 * Pure (no `vscode`): shared by the tree, the status bar and the commands, and unit-tested.
 */
import { headerContradictions, type Finding } from './check';
import type { Plan } from './types';

/**
 * - `planning`: the first configured status (a new plan's);
 * - `inProgress`: any configured status between the first and the last;
 * - `completed`: the last configured status;
 * - `unknown`: a status that is not configured; `none`: no status at all.
 */
export type StatusCategory = 'planning' | 'inProgress' | 'completed' | 'unknown' | 'none';

export function statusCategory(status: string | undefined, statuses: readonly string[]): StatusCategory {
  const value = status?.trim().toLowerCase();
  if (!value) return 'none';
  const index = statuses.findIndex((s) => s.trim().toLowerCase() === value);
  if (index < 0) return 'unknown';
  if (index === statuses.length - 1) return 'completed';
  return index === 0 ? 'planning' : 'inProgress';
}

export function isCompleted(plan: Plan, statuses: readonly string[]): boolean {
  return statusCategory(plan.status, statuses) === 'completed';
}

/**
 * A plan is in progress when its status is a configured one between the first and the last, or,
 * when its status is missing or not configured, when some but not all of its tasks are done.
 */
export function isInProgress(plan: Plan, statuses: readonly string[]): boolean {
  const category = statusCategory(plan.status, statuses);
  if (category === 'inProgress') return true;
  if (category !== 'unknown' && category !== 'none') return false;
  const { done, inProgress, total } = plan.progress;
  return (done > 0 || inProgress > 0) && done < total;
}

/**
 * The header/box contradictions (status "Completed" with open items; every Status Tracking item
 * done but the status is not "Completed"): from the model alone.
 */
export function contradictions(plan: Plan, statuses: readonly string[]): Finding[] {
  return headerContradictions(plan, { statuses });
}

/** Task text as plain text for a label: emphasis, code ticks and link targets left out. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
