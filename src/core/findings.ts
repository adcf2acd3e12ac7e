/**
 * Plan health findings: the one table of rules (code, default severity, what it means in one
 * sentence), the `FindingCode` type derived from it, and the `Finding` the checks report. The
 * checks (`check.ts`, `rules/`) take their severities from here; the editor's per-rule settings
 * and the README's table are built from this list.
 */

export type Severity = 'error' | 'warning' | 'info';

const TABLE = [
  { code: 'placeholder', severity: 'warning', description: 'A template placeholder (`YYYY-MM-DD`, `[Feature/Task Name]`, `package==version`, `XXXX_…`) is still in the plan.' },
  { code: 'status-placeholder', severity: 'warning', description: '`**Status:**` still lists every choice of the template.' },
  { code: 'completed-with-open-items', severity: 'error', description: '`**Status:**` says Completed while items are open.' },
  { code: 'tracking-done-not-completed', severity: 'warning', description: 'Every Status Tracking item is done but `**Status:**` is not Completed.' },
  { code: 'in-progress-nothing-started', severity: 'info', description: '`**Status:**` says in progress while nothing is ticked or in progress.' },
  { code: 'missing-status', severity: 'warning', description: 'The plan has no `**Status:**` field.' },
  { code: 'unknown-status', severity: 'info', description: '`**Status:**` is not one of the configured statuses.' },
  { code: 'missing-created', severity: 'info', description: 'The plan has no `**Created:**` date.' },
  { code: 'invalid-date', severity: 'warning', description: '`**Created:**` is not a real date (YYYY-MM-DD, or with the month in words: `December 8, 2025`).' },
  { code: 'phase-not-tracked', severity: 'warning', description: 'A roadmap `### Phase N` has no Status Tracking item.' },
  { code: 'tracked-phase-missing', severity: 'warning', description: 'A Status Tracking `Phase N` item has no roadmap heading.' },
  { code: 'duplicate-phase-number', severity: 'warning', description: 'Two roadmap headings in the same section, or two Status Tracking items, have the same Phase/Step number.' },
  { code: 'phase-done-with-open-tasks', severity: 'warning', description: 'A phase is ticked in Status Tracking, its heading is marked done (`✅`, `DONE`), or a Kiro task is ticked, while tasks under it are open.' },
  { code: 'key-file-missing', severity: 'info', description: 'A path in Key Files / Files to Create / Files to Modify does not exist in the workspace.' },
  { code: 'task-removed', severity: 'warning', description: 'An open task is gone since the version compared with (git `HEAD`, `--since REV`) instead of being ticked.' },
  { code: 'task-reworded', severity: 'warning', description: 'An open task was reworded since the version compared with instead of being ticked.' },
  { code: 'task-unticked', severity: 'info', description: 'A task that was done is open again since the version compared with.' },
  { code: 'tracking-item-removed', severity: 'warning', description: 'A Status Tracking item is gone since the version compared with.' },
  { code: 'tracking-done-without-evidence', severity: 'warning', description: 'A Status Tracking item is ticked without an `- Evidence: …` item under it (only when `planTracker.requireEvidence` is on).' },
  { code: 'status-moved-back', severity: 'info', description: '`**Status:**` moved back to an earlier status since the version compared with.' },
] as const satisfies readonly { readonly code: string; readonly severity: Severity; readonly description: string }[];

/** The code of a rule: one of the table's. */
export type FindingCode = (typeof TABLE)[number]['code'];

export interface RuleInfo {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly description: string;
}

export const RULES: readonly RuleInfo[] = Object.freeze(TABLE);

const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: FindingCode): RuleInfo | undefined {
  return RULES_BY_CODE.get(code);
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Where a finding sits: a line and a `[start, end)` column range. */
export interface FindingRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** A finding with the rule's default severity from the table (or `severity` when a check chooses). */
export function finding(code: FindingCode, message: string, at: FindingRange, severity: Severity = defaultSeverity(code)): Finding {
  return { code, severity, message, line: at.line, start: at.start, end: at.end };
}

function defaultSeverity(code: FindingCode): Severity {
  const rule = ruleInfo(code);
  if (!rule) throw new Error(`No rule ${code} in the findings table`);
  return rule.severity;
}
