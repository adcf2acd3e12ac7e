/**
 * Plan health rules: template placeholders left in, a header that contradicts the boxes, a roadmap
 * and a Status Tracking list that disagree (`rules/structure.ts`), and key files that do not exist
 * (`rules/keyFiles.ts`, when the caller can tell). Every code is described in `findings.ts`.
 * Used by `plan-tracker check` (and by the editor's diagnostics).
 */
import { visitPhases } from './compactPhases';
import { firstTaskIn } from './compactTasks';
import { planKind } from './kinds';
import { isFinished, percent } from './progress';
import { isTracked, Lines } from './rules/outline';
import { scanBlocks } from './scan';
import { isStatusKey, statusCategory, statusIndex, statusKey } from './status';
import { plainText } from './text';
import { DEFAULT_STATUSES, type HeaderField, type Plan, type Task, type TaskState } from './types';
import { findKeyFilePaths, keyFileFindings, type KeyFilePath } from './rules/keyFiles';
import { missingEvidenceFindings } from './rules/evidence';
import { checkStructure } from './rules/structure';
import { finding, type Finding, type FindingCode, type Severity } from './findings';

export interface Placeholder {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Placeholder shapes: `YYYY-MM-DD`, `package==version`, `XXXX_name`, `{{variable}}`, `<<NAME>>`,
 * and bracketed prose such as `[Feature/Task Name]`, `[Description]`, `[...]` — a `[` not after a
 * word character, holding text that starts with a capital letter (or `...`, `e.g.`), and not a
 * link, a link definition or a task mark. A template's placeholders are the strings of these shapes it holds.
 */
const PLACEHOLDER = /\bYYYY-MM-DD\b|\b[\w.-]*package==version\b|\bXXXX_\w*|\{\{\s*\w+\s*\}\}|<<\s*[A-Za-z][\w .-]{0,60}?\s*>>|(?<![\w\]!\\])\[(?:[A-Z][^[\]\n]{0,200}|\.\.\.|…|e\.g\.[^[\]\n]{0,200})\](?![([:])/g;
/** A task mark (`[X]`), a one-letter tag (`[P]`) or an id tag (`[US1]`, `[FR-001]`, spec-kit's) is never a placeholder. */
const TAG = /^\[(?:.|[A-Z]{1,6}-?\d{1,6})\]$/;
/** A placeholder date in a header date field. */
const PLACEHOLDER_DATE = /^(?:Y{2,4}-MM-DD|\{\{\s*date\s*\}\}|DD[./]MM[./]Y{2,4}|MM\/DD\/Y{2,4})$/i;
const DATE_FIELD = /\b(?:created|date|updated|due|started|finished|completed)\b/i;

/** The placeholders of a template: the strings it holds in prose, and those it holds inside code. */
export interface TemplatePlaceholders {
  readonly prose: ReadonlySet<string>;
  readonly code: ReadonlySet<string>;
}

interface Match extends Placeholder {
  readonly inCode: boolean;
  /** Between quotes (`"[...]"`, `“[Name]”`): prose that quotes the shape, not a blank left to fill. */
  readonly quoted: boolean;
}

/** The closing quote of each opening one. */
const QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»' };

/** Every placeholder-shaped string of a text, each with whether it sits in a code block or span. */
function placeholderShapes(text: string, lines?: Lines): Match[] {
  if (!/[[{]|YYYY|==|XXXX|<</.test(text)) return [];
  const all = lines ?? new Lines(text);
  const hits: Placeholder[] = [];
  // Only the lines that may hold one are cut out of the text and searched (MAY_HOLD finds them).
  MAY_HOLD.lastIndex = 0;
  for (let may = MAY_HOLD.exec(text); may; may = MAY_HOLD.exec(text)) {
    const line = all.lineOf(may.index);
    const l = all.at(line);
    if (l.length <= 10_000) {
      PLACEHOLDER.lastIndex = 0;
      for (let m = PLACEHOLDER.exec(l); m; m = PLACEHOLDER.exec(l)) {
        if (!TAG.test(m[0])) hits.push({ line, start: m.index, end: m.index + m[0].length, text: m[0] });
      }
    }
    if (line + 1 >= all.count) break;
    MAY_HOLD.lastIndex = all.startOf(line + 1);
  }
  // Whether each sits in code, only when there is one: most plans (any with task items gets this
  // far) hold none, and the block scan for it is another pass over the whole text.
  if (hits.length === 0) return [];
  const opaque = scanBlocks(text).opaque;
  let block = 0;
  let spansLine = -1;
  let spans: [number, number][] = [];
  return hits.map((hit) => {
    while (block < opaque.length && opaque[block][1] <= hit.line) block++;
    const inBlock = block < opaque.length && opaque[block][0] <= hit.line;
    const l = all.at(hit.line);
    if (!inBlock && spansLine !== hit.line) {
      spansLine = hit.line;
      spans = codeSpans(l);
    }
    const close = QUOTES[l.charAt(hit.start - 1)];
    return { ...hit, inCode: inBlock || spans.some(([s, e]) => hit.start >= s && hit.start < e), quoted: close !== undefined && l.charAt(hit.end) === close };
  });
}

/**
 * What every PLACEHOLDER shape needs: `YYYY`, `==`, `XXXX`, `{{`, `<<`, or a `[` before a capital
 * letter, `.`, `…` or `e`. A task's `[ ]` or `[x]` alone does not: most lines with a `[` in a plan
 * are tasks, and PLACEHOLDER costs more than this search. None of them spans a line break.
 */
const MAY_HOLD = /\{\{|YYYY|==|XXXX|<<|\[[A-Z.\u2026e]/g;

/** `[start, end)` columns of the inline code spans of a line. */
function codeSpans(line: string): [number, number][] {
  if (line.indexOf('`') < 0) return [];
  const spans: [number, number][] = [];
  const code = /(`+)(?:[^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  for (let m = code.exec(line); m; m = code.exec(line)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** What a plan made from `template` must not keep (see `findPlaceholders`). */
export function templatePlaceholders(template: string): TemplatePlaceholders {
  const prose = new Set<string>();
  const code = new Set<string>();
  for (const m of placeholderShapes(template)) (m.inCode ? code : prose).add(m.text);
  return { prose, code };
}

/**
 * The placeholders a plan still shares with its template: strings the template holds (in prose, or
 * inside code when the template has them inside code), never a task mark, nor one quoted in prose
 * (`append "[...]"`). Without a template, any placeholder-shaped string outside code.
 */
export function findPlaceholders(text: string, template?: string | TemplatePlaceholders, lines?: Lines): Placeholder[] {
  const known = typeof template === 'string' ? templatePlaceholders(template) : template;
  const found: Placeholder[] = [];
  for (const m of placeholderShapes(text, lines)) {
    if (m.quoted && !m.inCode) continue;
    const keep = known ? (m.inCode ? known.code.has(m.text) : known.prose.has(m.text) || known.code.has(m.text)) : !m.inCode;
    if (keep) found.push({ line: m.line, start: m.start, end: m.end, text: m.text });
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
  /**
   * The template the plan was made from (the workspace's or the bundled one), as text or as its
   * `templatePlaceholders`: placeholders are the strings the plan still shares with it. Without it,
   * any placeholder-shaped string outside code is one.
   */
  readonly template?: string | TemplatePlaceholders;
  /** `planTracker.requireEvidence`: report Status Tracking items ticked without evidence. */
  readonly requireEvidence?: boolean;
}

/** `2026-02-03`, with a time or a note after it (`2026-02-03 14:05`, `2026-02-03T09:00Z`, `2026-02-03 (revised)`). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s(,;])/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** A month written out, which no reader takes the wrong way: `December 8, 2025`, `8 December 2025`, `Dec 8 2025`. */
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/i;

function isDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 1–12 for a month's name or its first three letters (`Sept` too); 0 for any other word. */
function monthOf(name: string): number {
  const key = name.toLowerCase();
  const i = MONTHS.findIndex((month) => month === key || month.slice(0, 3) === key);
  return i >= 0 ? i + 1 : key === 'sept' ? 9 : 0;
}

/** A real day, written as the template asks (YYYY-MM-DD) or with its month in words. */
function isRealDate(value: string): boolean {
  const s = value.trim();
  let m = DATE.exec(s);
  if (m) return isDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return isDay(Number(m[3]), monthOf(m[1]), Number(m[2]));
  m = DAY_MONTH_YEAR.exec(s);
  return m ? isDay(Number(m[3]), monthOf(m[2]), Number(m[1])) : false;
}

/**
 * Whether implementation has started: a task is done or in progress, or **Status:** is past the
 * first (planning) status. Before that, template placeholders are information, not warnings.
 */
export function implementationStarted(plan: Plan, statuses: readonly string[] = DEFAULT_STATUSES): boolean {
  if (plan.progress.done + plan.progress.inProgress > 0) return true;
  return statusIndex(plan.status, statuses.length ? statuses : DEFAULT_STATUSES) > 0;
}

/** The codes of a header that contradicts the plan's boxes. */
export const CONTRADICTION_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['completed-with-open-items', 'tracking-done-not-completed']);

/** Every finding for a plan, in document order. `text` is the text the plan was parsed from. */
export function checkPlan(plan: Plan, text: string, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  // While the plan is still being planned, what is left of the template is information.
  const severity: Severity | undefined = implementationStarted(plan, options.statuses) ? undefined : 'info';
  // The text's lines, found once for every rule that reads them.
  const lines = new Lines(text);
  const placeholders = findPlaceholders(text, options.template, lines);
  for (const p of placeholders) {
    findings.push(finding('placeholder', `Template placeholder ${p.text} is still in the plan.`, p, severity));
  }
  for (const f of plan.fields) {
    if (!DATE_FIELD.test(f.key) || !PLACEHOLDER_DATE.test(f.value.trim())) continue;
    if (placeholders.some((p) => p.line === f.line && p.start < f.valueEnd && p.end > f.valueStart)) continue;
    findings.push(finding('placeholder', `**${f.key}:** still holds the placeholder date ${f.value.trim()}.`, { line: f.line, start: f.valueStart, end: f.valueEnd }, severity));
  }
  findings.push(...headerFindings(plan, options));
  findings.push(...checkStructure(plan, lines));
  if (options.requireEvidence) findings.push(...missingEvidenceFindings(plan, lines));
  return options.fileExists ? withKeyFileFindings(findings, findKeyFilePaths(text), options.fileExists) : inDocumentOrder(findings);
}

/**
 * `findings` (of `checkPlan` without `fileExists`) with the key-file findings of `paths` added, in
 * document order: what `checkPlan` gives with `fileExists`, for a caller that kept the paths of a
 * plan (the CLI's cache) instead of its text.
 */
export function withKeyFileFindings(findings: readonly Finding[], paths: readonly KeyFilePath[], fileExists: (path: string) => boolean): Finding[] {
  return inDocumentOrder([...findings, ...keyFileFindings(paths, (p) => !fileExists(p.path))]);
}

function inDocumentOrder(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.line - b.line || a.start - b.start);
}

/** A header that contradicts the boxes: "Completed" with open items, or every tracking item done but not "Completed". */
export function headerContradictions(plan: Plan, options: Pick<CheckOptions, 'statuses'> = {}): Finding[] {
  // The status rules alone: a contradiction is never about the date.
  return statusFindings(plan, options).filter((f) => CONTRADICTION_CODES.has(f.code));
}

/**
 * Whether `headerContradictions` has anything to say, without its messages: what the Plans view
 * asks of every plan it draws (a message reads the first open task, and formats text no row shows).
 */
export function hasHeaderContradiction(plan: Plan, options: Pick<CheckOptions, 'statuses'> = {}): boolean {
  return brokenStatusRules(plan, statusesOf(options)).some((code) => CONTRADICTION_CODES.has(code));
}

const NOT_DONE: readonly TaskState[] = ['open', 'inProgress'];

/** The header rules (status and created date): they read the model alone, not the text. */
export function headerFindings(plan: Plan, options: Pick<CheckOptions, 'statuses'> = {}): Finding[] {
  return [...statusFindings(plan, options), ...createdFindings(plan)];
}

/** Where a header finding points: the status's value, or the title line when there is none. */
/** The header field that holds the plan's status, if any. */
const statusFieldOf = (plan: Plan): HeaderField | undefined => plan.fields.find((f) => isStatusKey(f.key));

function statusRangeOf(plan: Plan): { line: number; start: number; end: number } {
  const statusField = statusFieldOf(plan);
  return statusField ? { line: statusField.line, start: statusField.valueStart, end: statusField.valueEnd } : { line: Math.max(plan.titleLine, 0), start: 0, end: 0 };
}

/** Only kinds that carry a `**Status:**` header (the template's) are told that theirs is missing. */
function hasHeader(plan: Plan): boolean {
  return plan.kind === undefined || planKind(plan.kind).header;
}

const statusesOf = (options: Pick<CheckOptions, 'statuses'>): readonly string[] => (options.statuses?.length ? options.statuses : DEFAULT_STATUSES);

/** The status rules' codes. */
type StatusCode = 'missing-status' | 'status-placeholder' | 'unknown-status' | 'completed-with-open-items' | 'tracking-done-not-completed' | 'in-progress-nothing-started';

/** The status rules: which of them the plan breaks, in the order their findings are listed. `statusMessage` words them. */
function brokenStatusRules(plan: Plan, statuses: readonly string[]): StatusCode[] {
  const status = plan.status?.trim();
  if (status === undefined) return hasHeader(plan) ? ['missing-status'] : [];
  if ((/\s\/\s/.test(status) && statuses.filter((s) => statusKey(status).includes(statusKey(s))).length > 1) || /^(?:\{\{\s*\w+\s*\}\}|\[[^\]]*\])$/.test(status)) {
    return ['status-placeholder'];
  }
  const broken: StatusCode[] = [];
  const known = statusIndex(status, statuses);
  const category = statusCategory(status, statuses);
  const completed = category === 'completed';
  const { done, open, inProgress, total } = plan.progress;
  // Not for a status read as completed in other words (`✅ Complete`): the rules below judge it as
  // such; nor for a kind without a header, whose tool has statuses of its own (a BMAD story's Review).
  if (category === 'unknown' && hasHeader(plan)) broken.push('unknown-status');
  if (completed && open + inProgress > 0 && openWork(plan).count > 0) broken.push('completed-with-open-items');
  if (!completed && everyTrackedPhaseDone(plan)) broken.push('tracking-done-not-completed');
  if (known > 0 && known < statuses.length - 1 && done === 0 && inProgress === 0 && total > 0) broken.push('in-progress-nothing-started');
  return broken;
}

/** The open items a completed status contradicts: how many, and the first (found when asked). */
interface OpenWork {
  readonly count: number;
  readonly first: () => Task | undefined;
}

/**
 * Every open or in-progress item; for a kind whose documents hold checklists that are not its
 * work (`workHeading`: a BMAD story's QA results and dev notes), those of its work's section.
 */
function openWork(plan: Plan): OpenWork {
  const all: OpenWork = { count: plan.progress.open + plan.progress.inProgress, first: () => firstTaskIn(plan, NOT_DONE) };
  const heading = plan.kind && planKind(plan.kind).workHeading;
  if (!heading || all.count === 0) return all;
  const sections = plan.sections;
  const work = sections.find((s) => heading.test(plainText(s.text)));
  if (!work) return all;
  const inWork = (index: number): boolean => {
    for (let s = index; s >= 0; s = sections[s].parent) if (s === work.index) return true;
    return false;
  };
  const open = plan.tasks.filter((t) => NOT_DONE.includes(t.state) && inWork(t.section));
  return { count: open.length, first: () => open[0] };
}

/** Whether the plan has Status Tracking phases and every one is done or skipped (from the phases' figures: `plan.phases` unpacks them all). */
function everyTrackedPhaseDone(plan: Plan): boolean {
  let tracked = 0;
  let allDone = true;
  visitPhases(plan, (p) => {
    if (!allDone || !isTracked(plan, p)) return;
    tracked++;
    if (!isFinished(p.state)) allDone = false;
  });
  return tracked > 0 && allDone;
}

function statusFindings(plan: Plan, options: Pick<CheckOptions, 'statuses'>): Finding[] {
  const statuses = statusesOf(options);
  const broken = brokenStatusRules(plan, statuses);
  if (broken.length === 0) return [];
  const range = statusRangeOf(plan);
  return broken.map((code) => finding(code, statusMessage(code, plan, statuses), range));
}

/** What a broken status rule tells. */
function statusMessage(code: StatusCode, plan: Plan, statuses: readonly string[]): string {
  const status = plan.status?.trim() ?? '';
  const { progress } = plan;
  const field = statusFieldName(plan);
  switch (code) {
    case 'missing-status':
      return 'The plan has no **Status:** field.';
    case 'status-placeholder':
      return `${field} still lists every choice ("${status}"); pick one.`;
    case 'unknown-status':
      return `${field} "${status}" is not one of: ${statuses.join(', ')}.`;
    case 'completed-with-open-items': {
      const work = openWork(plan);
      const open = work.count;
      const first = work.first();
      const where = first ? ` (first: line ${first.line + 1}, "${first.text}")` : '';
      return `${field} is "${status}" but ${open} item${open === 1 ? ' is' : 's are'} not done${where}.`;
    }
    case 'tracking-done-not-completed':
      return `Every Status Tracking item is done but ${field} is "${status}", not "${statuses[statuses.length - 1]}".`;
    case 'in-progress-nothing-started':
      return `${field} is "${status}" but nothing is ticked or in progress yet (0/${progress.total}, ${percent(progress)}%).`;
  }
}

/** The status field as the plan names it (`**Estado:**`, `**Current Status:**`), for the messages about it. */
function statusFieldName(plan: Plan): string {
  const field = statusFieldOf(plan);
  if (field) return `**${field.key}:**`;
  return plan.frontMatter?.status !== undefined ? 'Front matter `status`' : '**Status:**';
}

function createdFindings(plan: Plan): Finding[] {
  const findings: Finding[] = [];
  const created = plan.fields.find((f) => f.key.toLowerCase() === 'created');
  if (!created) {
    if (hasHeader(plan) && plan.frontMatter?.created === undefined && plan.frontMatter?.date === undefined) {
      findings.push(finding('missing-created', 'The plan has no **Created:** date.', statusRangeOf(plan)));
    }
  } else if (!PLACEHOLDER_DATE.test(created.value.trim()) && !isRealDate(created.value)) {
    findings.push(finding('invalid-date', `**Created:** "${created.value}" is not a date (YYYY-MM-DD, or with the month in words).`, { line: created.line, start: created.valueStart, end: created.valueEnd }));
  }
  return findings;
}
