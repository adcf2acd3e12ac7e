import type { Plan } from './types';

/**
 * The rule that makes a Markdown file a plan, in words (the README quotes it).
 */
export const PLAN_DETECTION_RULE =
  'A Markdown file is a plan when (1) it has a "Status Tracking" heading (any level, numbering and emoji ignored), ' +
  'or (2) its YAML front matter says so ("type: plan", "kind: plan" or "plan: true"), ' +
  'or (3) it has a **Status:** header field and a Phase/Step structure: a "Phase N" or "Step N" heading, ' +
  'or a task whose text starts with "Phase N" or "Step N".';

type PlanShape = Pick<Plan, 'trackingSection' | 'frontMatter' | 'fields' | 'phases' | 'steps' | 'tasks'>;

export function isPlanDocument(plan: PlanShape): boolean {
  if (plan.trackingSection >= 0) return true;
  const fm = plan.frontMatter;
  if (fm) {
    const kind = fm.type ?? fm.kind;
    if ((typeof kind === 'string' && kind.toLowerCase() === 'plan') || fm.plan === true) return true;
  }
  if (!plan.fields.some((f) => f.key.toLowerCase() === 'status')) return false;
  if (plan.phases.some((p) => p.kind !== 'milestone') || plan.steps.length > 0) return true;
  return plan.tasks.some((t) => /^[*_`~]*(phase|step)\s+\d+/i.test(t.text));
}

/**
 * A cheap test that never says no to a plan: false means the text cannot meet the rule, so the
 * parse can be skipped (most Markdown in a workspace is READMEs and docs). Every condition of the
 * rule needs a "status…tracking" heading, front matter, or a `**Status` field.
 */
export function mightBePlan(text: string): boolean {
  return text.startsWith('---') || /status[^\p{L}\p{N}\n]*tracking/iu.test(text) || /\*\*\s*status\s*(?::\s*\*\*|\*\*\s*:)/i.test(text);
}
