/**
 * What `plan-tracker check` reports for one plan, by its options: the health rules (`checkPlan`),
 * or with `--gate` only what fails the completion gate (`gateFindings`); with `--since REV` also
 * the drift against the plan's text at REV (`checkDrift`; a plan not in REV has none).
 */
import { checkDrift, checkPlan, gateFindings, type CheckOptions, type Finding, type Plan } from '../core';
import { fileAtCommit, findRepo, resolveCommit } from './git';

export interface CheckRunOptions extends CheckOptions {
  readonly gate: boolean;
  /** `--since`: the revision to compare with. */
  readonly since?: string;
}

/** The findings of one plan: its model, its text, and its file (absolute). */
export type PlanChecker = (plan: Plan, text: string, file: string) => Promise<Finding[]>;

/**
 * The checker for these options, or a one-line reason it cannot run (no repository for
 * `--since`, a revision that names no commit): the CLI prints it and exits 2.
 */
export async function planChecker(options: CheckRunOptions, cwd: string): Promise<PlanChecker | { readonly error: string }> {
  const rules = (plan: Plan, text: string): Finding[] => (options.gate ? gateFindings(plan, text, options) : checkPlan(plan, text, options));
  if (options.since === undefined) return async (plan, text) => rules(plan, text);
  const since = options.since;
  const repo = await findRepo(cwd);
  if (!repo) return { error: `--since ${since} compares plans with git, but ${cwd} is not inside a git repository (or git is not installed).` };
  const commit = await resolveCommit(repo, since);
  if (!commit) return { error: `--since: "${since}" is not a commit of the repository at ${repo.root}.` };
  return async (plan, text, file) => {
    const findings = rules(plan, text);
    const before = await fileAtCommit(repo, commit, file);
    if (before === undefined) return findings;
    const drift = checkDrift(before, text, { statuses: options.statuses, since });
    return [...findings, ...drift].sort((a, b) => a.line - b.line || a.start - b.start);
  };
}
