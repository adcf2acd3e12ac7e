/**
 * Plan health rules: template placeholders left in, a header that contradicts the boxes, a roadmap
 * and a Status Tracking list that disagree (`rules/structure.ts`), and key files that do not exist
 * (`rules/keyFiles.ts`, when the caller can tell). Every code is described in `rules/catalog.ts`.
 * Used by `plan-tracker check` (and by the editor's diagnostics).
 */
import { percent } from './progress';
import { splitLines } from './text';
import { DEFAULT_STATUSES, type Plan } from './types';
import { findKeyFilePaths, keyFileFindings } from './rules/keyFiles';
import { checkStructure } from './rules/structure';

export type FindingCode =
  | 'placeholder'
  | 'status-placeholder'
  | 'completed-with-open-items'
  | 'tracking-done-not-completed'
  | 'in-progress-nothing-started'
  | 'missing-status'
  | 'unknown-status'
  | 'missing-created'
  | 'invalid-date'
  | 'phase-not-tracked'
  | 'tracked-phase-missing'
  | 'duplicate-phase-number'
  | 'phase-done-with-open-tasks'
  | 'key-file-missing';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface Placeholder {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Placeholder shapes of the template: `YYYY-MM-DD`, `package==version`, `XXXX_name`, and bracketed
 * prose such as `[Feature/Task Name]`, `[Description]`, `[...]` — a `[` not after a word character,
 * holding text that starts with a capital letter (or `...`, `e.g.`), and not a link, a link
 * definition or a task mark. Code fences count: the template puts placeholders there too.
 */
const PLACEHOLDER = /\bYYYY-MM-DD\b|\b[\w.-]*package==version\b|\bXXXX_\w*|(?<![\w\]!\\])\[(?:[A-Z][^[\]\n]{0,200}|\.\.\.|…|e\.g\.[^[\]\n]{0,200})\](?![([:])/g;

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  const lines = splitLines(text);
  for (let line = 0; line < lines.length; line++) {
    const l = lines[line];
    if (l.length > 10_000 || (l.indexOf('[') < 0 && l.indexOf('YYYY') < 0 && l.indexOf('==') < 0 && l.indexOf('XXXX') < 0)) continue;
    PLACEHOLDER.lastIndex = 0;
    for (let m = PLACEHOLDER.exec(l); m; m = PLACEHOLDER.exec(l)) {
      found.push({ line, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return found;
}

export interface CheckOptions {
  /** Plan statuses in order; the first means planning, the last completed. Defaults to the template's. */
  readonly statuses?: readonly string[];
  /**
   * Whether a workspace-relative path exists. When given, paths in the Key Files / Files to Create /
   * Files to Modify lists are checked (`key-file-missing`); without it they are not.
   */
  readonly fileExists?: (path: string) => boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The codes of a header that contradicts the plan's boxes. */
export const CONTRADICTION_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['completed-with-open-items', 'tracking-done-not-completed']);

/** Every finding for a plan, in document order. `text` is the text the plan was parsed from. */
export function checkPlan(plan: Plan, text: string, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const p of findPlaceholders(text)) {
    findings.push({ code: 'placeholder', severity: 'warning', message: `Template placeholder ${p.text} is still in the plan.`, ...p });
  }
  findings.push(...headerFindings(plan, options));
  findings.push(...checkStructure(plan, text));
  if (options.fileExists) {
    const exists = options.fileExists;
    findings.push(...keyFileFindings(findKeyFilePaths(text), (p) => !exists(p.path)));
  }
  return findings.sort((a, b) => a.line - b.line || a.start - b.start);
}

/** A header that contradicts the boxes: "Completed" with open items, or every tracking item done but not "Completed". */
export function headerContradictions(plan: Plan, options: Pick<CheckOptions, 'statuses'> = {}): Finding[] {
  return headerFindings(plan, options).filter((f) => CONTRADICTION_CODES.has(f.code));
}

/** The header rules (status and created date): they read the model alone, not the text. */
export function headerFindings(plan: Plan, options: Pick<CheckOptions, 'statuses'> = {}): Finding[] {
  const statuses = options.statuses?.length ? options.statuses : DEFAULT_STATUSES;
  const completed = statuses[statuses.length - 1].toLowerCase();
  const findings: Finding[] = [];
  const statusField = plan.fields.find((f) => f.key.toLowerCase() === 'status');
  const statusRange = statusField
    ? { line: statusField.line, start: statusField.valueStart, end: statusField.valueEnd }
    : { line: Math.max(plan.titleLine, 0), start: 0, end: 0 };

  const status = plan.status?.trim();
  const open = plan.progress.open + plan.progress.inProgress;
  if (status === undefined) {
    findings.push({ code: 'missing-status', severity: 'warning', message: 'The plan has no **Status:** field.', ...statusRange });
  } else if (/\s\/\s/.test(status) && statuses.filter((s) => status.toLowerCase().includes(s.toLowerCase())).length > 1) {
    findings.push({ code: 'status-placeholder', severity: 'warning', message: `**Status:** still lists every choice ("${status}"); pick one.`, ...statusRange });
  } else {
    const lower = status.toLowerCase();
    const known = statuses.findIndex((s) => s.toLowerCase() === lower);
    if (known < 0) {
      findings.push({ code: 'unknown-status', severity: 'info', message: `**Status:** "${status}" is not one of: ${statuses.join(', ')}.`, ...statusRange });
    }
    if (lower === completed && open > 0) {
      const first = plan.tasks.find((t) => t.state === 'open' || t.state === 'inProgress');
      const where = first ? ` (first: line ${first.line + 1}, "${first.text}")` : '';
      findings.push({
        code: 'completed-with-open-items',
        severity: 'error',
        message: `**Status:** is "${status}" but ${open} item${open === 1 ? ' is' : 's are'} not done${where}.`,
        ...statusRange,
      });
    }
    const tracking = plan.phases.filter((p) => p.trackingTask >= 0);
    if (lower !== completed && tracking.length > 0 && tracking.every((p) => p.state === 'done' || p.state === 'skipped')) {
      findings.push({
        code: 'tracking-done-not-completed',
        severity: 'warning',
        message: `Every Status Tracking item is done but **Status:** is "${status}", not "${statuses[statuses.length - 1]}".`,
        ...statusRange,
      });
    }
    if (known > 0 && known < statuses.length - 1 && plan.progress.done === 0 && plan.progress.inProgress === 0 && plan.progress.total > 0) {
      findings.push({
        code: 'in-progress-nothing-started',
        severity: 'info',
        message: `**Status:** is "${status}" but nothing is ticked or in progress yet (0/${plan.progress.total}, ${percent(plan.progress)}%).`,
        ...statusRange,
      });
    }
  }

  const created = plan.fields.find((f) => f.key.toLowerCase() === 'created');
  if (!created) {
    if (plan.frontMatter?.created === undefined && plan.frontMatter?.date === undefined) {
      findings.push({ code: 'missing-created', severity: 'info', message: 'The plan has no **Created:** date.', ...statusRange });
    }
  } else if (!/^YYYY-MM-DD$/i.test(created.value) && !isRealDate(created.value)) {
    findings.push({
      code: 'invalid-date',
      severity: 'warning',
      message: `**Created:** "${created.value}" is not a date (YYYY-MM-DD).`,
      line: created.line,
      start: created.valueStart,
      end: created.valueEnd,
    });
  }
  return findings;
}
