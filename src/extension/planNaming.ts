/**
 * Rules for naming a new plan and placing it in the workspace. Plain TypeScript (no `vscode`),
 * so the rules are unit-tested in Node; `commands/newPlan.ts` maps the problems to messages.
 */

/** Why a title cannot name a plan. */
export type TitleProblem = 'empty' | 'pathSeparator' | 'onlyPunctuation' | 'tooLong';

export const MAX_TITLE_LENGTH = 200;

/** `undefined` when `title` can name a plan. */
export function checkPlanTitle(title: string): TitleProblem | undefined {
  const trimmed = title.trim();
  if (trimmed.length === 0) {
    return 'empty';
  }
  if (/[\\/]/.test(trimmed)) {
    return 'pathSeparator';
  }
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return 'onlyPunctuation';
  }
  if (trimmed.length > MAX_TITLE_LENGTH) {
    return 'tooLong';
  }
  return undefined;
}

/**
 * The path segments of a workspace-relative folder setting such as `docs/plans`, or `undefined`
 * when the value is absolute or climbs out of the folder (`..`). `''` and `.` give `[]` (the folder itself).
 */
export function relativeSegments(value: string): string[] | undefined {
  const normalized = value.trim().replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized) || normalized.startsWith('~')) {
    return undefined;
  }
  const segments = normalized.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    return undefined;
  }
  return segments;
}

/** The file name of a plan: `<slug>.md`. */
export function planFileName(slug: string): string {
  return `${slug}.md`;
}
