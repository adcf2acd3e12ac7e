/**
 * The evidence rule: with `planTracker.requireEvidence`, a ticked Status Tracking item needs an
 * `- Evidence: …` child item (read by the parser as `Task.evidence`).
 */
import { finding, type Finding } from '../findings';
import type { Plan } from '../types';
import { isTrackingItem, Lines } from './outline';

/** Status Tracking items ticked done without an `Evidence:` child item. `text`: the plan's text, or its lines. */
export function missingEvidenceFindings(plan: Plan, text: string | Lines): Finding[] {
  const lines = typeof text === 'string' ? new Lines(text) : text;
  return plan.tasks
    .filter((t) => t.state === 'done' && t.evidence === undefined && isTrackingItem(plan, t))
    .map((t) =>
      finding('tracking-done-without-evidence', `Status Tracking item "${t.text}" is ticked without evidence; add an item "- Evidence: what was run, a commit or a test (YYYY-MM-DD)" under it.`, lines.taskRange(t)),
    );
}
