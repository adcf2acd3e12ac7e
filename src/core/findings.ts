/**
 * Every plan health rule: its code, default severity and what it means in one sentence. The
 * editor's per-rule settings and the README's table are built from this list.
 */
import type { FindingCode, Severity } from './check';

export interface RuleInfo {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly description: string;
}

export const RULES: readonly RuleInfo[] = Object.freeze([
  { code: 'placeholder', severity: 'warning', description: 'A template placeholder (`YYYY-MM-DD`, `[Feature/Task Name]`, `package==version`, `XXXX_…`) is still in the plan.' },
  { code: 'status-placeholder', severity: 'warning', description: '`**Status:**` still lists every choice of the template.' },
  { code: 'completed-with-open-items', severity: 'error', description: '`**Status:**` says Completed while items are open.' },
  { code: 'tracking-done-not-completed', severity: 'warning', description: 'Every Status Tracking item is done but `**Status:**` is not Completed.' },
  { code: 'in-progress-nothing-started', severity: 'info', description: '`**Status:**` says in progress while nothing is ticked or in progress.' },
  { code: 'missing-status', severity: 'warning', description: 'The plan has no `**Status:**` field.' },
  { code: 'unknown-status', severity: 'info', description: '`**Status:**` is not one of the configured statuses.' },
  { code: 'missing-created', severity: 'info', description: 'The plan has no `**Created:**` date.' },
  { code: 'invalid-date', severity: 'warning', description: '`**Created:**` is not a real YYYY-MM-DD date.' },
  { code: 'phase-not-tracked', severity: 'warning', description: 'A roadmap `### Phase N` has no Status Tracking item.' },
  { code: 'tracked-phase-missing', severity: 'warning', description: 'A Status Tracking `Phase N` item has no roadmap heading.' },
  { code: 'duplicate-phase-number', severity: 'warning', description: 'Two roadmap headings, or two Status Tracking items, have the same Phase/Step number.' },
  { code: 'phase-done-with-open-tasks', severity: 'warning', description: 'A phase is ticked in Status Tracking while tasks under its section are open.' },
  { code: 'key-file-missing', severity: 'info', description: 'A path in Key Files / Files to Create / Files to Modify does not exist in the workspace.' },
  { code: 'task-removed', severity: 'warning', description: 'An open task is gone since the version compared with (git `HEAD`, `--since REV`) instead of being ticked.' },
  { code: 'task-reworded', severity: 'warning', description: 'An open task was reworded since the version compared with instead of being ticked.' },
  { code: 'task-unticked', severity: 'info', description: 'A task that was done is open again since the version compared with.' },
  { code: 'tracking-item-removed', severity: 'warning', description: 'A Status Tracking item is gone since the version compared with.' },
  { code: 'tracking-done-without-evidence', severity: 'warning', description: 'A Status Tracking item is ticked without an `- Evidence: …` item under it (only when `planTracker.requireEvidence` is on).' },
  { code: 'status-moved-back', severity: 'info', description: '`**Status:**` moved back to an earlier status since the version compared with.' },
] satisfies RuleInfo[]);

export function ruleInfo(code: FindingCode): RuleInfo | undefined {
  return RULES.find((r) => r.code === code);
}
