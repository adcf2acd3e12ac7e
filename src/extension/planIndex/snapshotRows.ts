/**
 * The rows of the paint-first snapshot (snapshot.ts): a plan's head as a JSON array rather than
 * an object. Painting parses every plan's head at once, so its bytes are time: as rows, the head
 * of a seed-shaped plan is about a third of its JSON as objects, and parses in about a third of
 * the time. Keys a row does not name (optional ones such as a plan's front matter, and
 * any added later) ride along in an object at the row's end. A plan's phases, steps, sections and
 * tasks are not in the head: the snapshot keeps them packed, as the index does
 * (core/compactPhases.ts, compactSections.ts, compactTasks.ts).
 */
import { progressOf, type HeaderField, type Plan, type Progress } from '../../core';
import type { TextFingerprint } from './store';

/** What the head keeps of a plan: all of it but its phases, steps, sections and tasks, the record's other parts. */
export type Eager = Omit<Plan, 'phases' | 'sections' | 'steps' | 'tasks'>;

type Rest = Record<string, unknown>;
const progressRow = (p: Progress): [number, number, number, number] => [p.done, p.open, p.inProgress, p.skipped];

// The decoder reads rows by index, not with array patterns (painting runs it once, before V8
// optimises it, and a pattern then walks an iterator), and writes every optional key, undefined
// when absent, as the parser does: each object gets one hidden class.

/** The keys of a plan the head row names, or that the record keeps apart. */
const HEAD_KEYS = new Set(['title', 'titleLine', 'fields', 'bodyStartLine', 'trackingSection', 'phases', 'currentPhase', 'progress', 'lineCount', 'eol', 'isPlan', 'uri', 'version', 'status', 'kind', 'frontMatter', 'sections', 'steps', 'tasks']);

/** A plan's header fields, five values each: key, value, line, value start, value end. */
type FieldValues = (string | number)[];

/**
 * The sizes of a record's other parts, and what the packed forms need besides their bytes: the
 * phases' and steps' row count, how many of them are phases, wide (1 or 0) and bytes, then the
 * sections' count, wide and bytes, then the tasks' count, wide and bytes.
 */
export type PartSizes = [number, number, number, number, number, number, number, number, number, number];

/** The evidence of the tasks that have it, as the packed tasks keep it: task index, text, line. */
export type EvidenceRows = readonly (readonly [number, string, number])[];

/**
 * What painting parses of a plan: uri, text hash and length (null when not known), the sizes of
 * the record's other parts (how the reader finds them without scanning), the tasks' evidence (null
 * when none), then title, title line, header fields, body start line, tracking section, current
 * phase, done, open, in progress, skipped, line count, CRLF (1 or 0), is a plan (1 or 0), then
 * the optional keys (null when absent): the plan's uri, version, status, kind and front
 * matter[, any other key].
 */
type HeadRow = [string, number | null, number | null, PartSizes, EvidenceRows | null, string, number, FieldValues, number, number, number, number, number, number, number, number, number, number, string | null, number | null, string | null, string | null, Rest | null, Rest?];

/** The head of a record: `plan` but its phases, steps, sections and tasks, which follow it with the sizes `parts`. */
export function headJson(uri: string, plan: Plan, text: TextFingerprint | undefined, parts: PartSizes, evidence: EvidenceRows | undefined): string {
  const { title, titleLine, fields, bodyStartLine, trackingSection, currentPhase, progress, lineCount, eol, isPlan, uri: planUri, version, status, kind, frontMatter } = plan;
  // Any other key, by name: a rest pattern would read the packed lists (and unpack them).
  let rest: Rest | undefined;
  for (const key of Object.keys(plan)) {
    const value = HEAD_KEYS.has(key) ? undefined : (plan as unknown as Rest)[key];
    if (value !== undefined) (rest ??= {})[key] = value;
  }
  const fieldValues: FieldValues = [];
  for (const f of fields) fieldValues.push(f.key, f.value, f.line, f.valueStart, f.valueEnd);
  const row: HeadRow = [
    uri,
    text?.hash ?? null,
    text?.length ?? null,
    parts,
    evidence ?? null,
    title,
    titleLine,
    fieldValues,
    bodyStartLine,
    trackingSection,
    currentPhase,
    ...progressRow(progress),
    lineCount,
    eol === '\r\n' ? 1 : 0,
    isPlan ? 1 : 0,
    planUri ?? null,
    version ?? null,
    status ?? null,
    kind ?? null,
    (frontMatter as Rest | undefined) ?? null,
  ];
  if (rest) row.push(rest);
  return JSON.stringify(row);
}

/** A head decoded: the plan without its phases, steps, sections and tasks, its uri, fingerprint, and what the record's other parts hold. */
export interface Head {
  readonly uri: string;
  readonly plan: Eager;
  readonly text?: TextFingerprint;
  readonly parts: PartSizes;
  readonly evidence?: EvidenceRows;
}

/** Throws when `json` is no head. */
export function headOf(json: string): Head {
  const row = JSON.parse(json) as HeadRow;
  if (!Array.isArray(row) || row.length < 23 || typeof row[0] !== 'string' || !Array.isArray(row[3]) || row[3].length !== 10 || !Array.isArray(row[7])) throw new Error('not a plan');
  const fieldValues = row[7];
  const fields: HeaderField[] = [];
  for (let i = 0; i + 4 < fieldValues.length; i += 5) {
    fields.push({ key: fieldValues[i] as string, value: fieldValues[i + 1] as string, line: fieldValues[i + 2] as number, valueStart: fieldValues[i + 3] as number, valueEnd: fieldValues[i + 4] as number });
  }
  const plan: Eager = {
    uri: row[18] ?? undefined,
    version: row[19] ?? undefined,
    title: row[5],
    titleLine: row[6],
    fields,
    frontMatter: row[22] ?? undefined,
    bodyStartLine: row[8],
    status: row[20] ?? undefined,
    trackingSection: row[9],
    currentPhase: row[10],
    progress: progressOf(row[11], row[12], row[13], row[14]),
    lineCount: row[15],
    eol: row[16] === 1 ? '\r\n' : '\n',
    isPlan: row[17] === 1,
    kind: (row[21] ?? undefined) as Plan['kind'],
  };
  const rest = row[23];
  if (rest) Object.assign(plan, rest);
  const hash = row[1];
  const length = row[2];
  const text = Number.isInteger(hash) && Number.isInteger(length) ? { hash: hash!, length: length! } : undefined;
  return { uri: row[0], plan, text, parts: row[3], evidence: row[4] ?? undefined };
}
