/**
 * The completion gate (`plan-tracker check --gate`, the Claude Code `Stop` hook): the findings that
 * mean a plan claims more than was done. A header that says Completed while items are open, a
 * Status Tracking item ticked while tasks of its phase are open, and, when evidence is required, a
 * Status Tracking item ticked without an `Evidence:` item. The first two are the health rules of
 * `check.ts` and `rules/structure.ts`, the last `rules/evidence.ts`, asked again here.
 */
import { headerFindings } from './check';
import type { Finding, FindingCode } from './findings';
import { missingEvidenceFindings } from './rules/evidence';
import { Lines } from './rules/outline';
import { checkStructure } from './rules/structure';
import type { Plan } from './types';

export interface GateOptions {
  /** Plan statuses in order; the last means completed. */
  readonly statuses?: readonly string[];
  /** `planTracker.requireEvidence`: a ticked Status Tracking item needs evidence. */
  readonly requireEvidence?: boolean;
}

/** The codes that fail the gate. */
export const GATE_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['completed-with-open-items', 'phase-done-with-open-tasks', 'tracking-done-without-evidence']);

/** Why a plan fails the gate, in document order; empty when it passes. */
export function gateFindings(plan: Plan, text: string, options: GateOptions = {}): Finding[] {
  const lines = new Lines(text);
  const findings = [...headerFindings(plan, options), ...checkStructure(plan, lines)].filter((f) => GATE_CODES.has(f.code));
  if (options.requireEvidence) findings.push(...missingEvidenceFindings(plan, lines));
  return findings.sort((a, b) => a.line - b.line || a.start - b.start);
}
