/**
 * What `plan-tracker check` reports for one plan, by its options: the health rules (`checkPlan`),
 * or with `--gate` only what fails the completion gate (`gateFindings`); with `--since REV` also
 * the drift against the plan's text at REV (`checkDrift`; a plan not in REV has none).
 *
 * The rules are synchronous and depend only on the plan's text, so the CLI's cache can keep their
 * findings; the drift depends on git and is read after the plans are loaded, never cached.
 */
import { checkDrift, checkPlan, gateFindings, type CheckOptions, type Finding, type Plan } from '../core';
import { fileAtCommit, findRepo, resolveCommit } from './git';

export interface CheckRunOptions extends CheckOptions {
  readonly gate: boolean;
  /** `--since`: the revision to compare with. */
  readonly since?: string;
}

export interface PlanCheckRun {
  /** The health rules (or the gate) of one plan. */
  readonly rules: (plan: Plan, text: string) => Finding[];
  /** With `--since`: the drift of one plan's text (its file absolute) against the revision. */
  readonly drift?: (text: string, file: string) => Promise<Finding[]>;
}

/**
 * The check for these options, or a one-line reason it cannot run (no repository for `--since`,
 * a revision that names no commit): the CLI prints it and exits 2.
 */
export async function planCheckRun(options: CheckRunOptions, cwd: string): Promise<PlanCheckRun | { readonly error: string }> {
  const rules = (plan: Plan, text: string): Finding[] => (options.gate ? gateFindings(plan, text, options) : checkPlan(plan, text, options));
  if (options.since === undefined) return { rules };
  const since = options.since;
  const repo = await findRepo(cwd);
  if (!repo) return { error: `--since ${since} compares plans with git, but ${cwd} is not inside a git repository (or git is not installed).` };
  const commit = await resolveCommit(repo, since);
  if (!commit) return { error: `--since: "${since}" is not a commit of the repository at ${repo.root}.` };
  return {
    rules,
    drift: async (text, file) => {
      const before = await fileAtCommit(repo, commit, file);
      return before === undefined ? [] : checkDrift(before, text, { statuses: options.statuses, since });
    },
  };
}
