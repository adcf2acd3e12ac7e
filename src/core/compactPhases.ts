/**
 * Compact storage for a plan's phases and rollout steps, as core/compactSections.ts does for its
 * sections. A phase as an object (ten fields, its label and name) is about 180 bytes, and a plan
 * of the template has eight phases and four steps: for an index of 2,000 plans, 3.9 MB of the
 * 15.7 MB it kept. Packed, each is twelve numbers (16-bit when they all fit) and its label,
 * name and number as UTF-8, both lists in one byte array. `plan.phases` and `plan.steps`
 * materialize plain Phase objects on demand (core/packedProperty.ts), in the parser's key order;
 * what reads every plan on each change (the Plans view's rows, the plan at hand's signature, the
 * header check) reads the packed numbers through `phaseCount`, `phaseAt` and `visitPhases`.
 */
import { allocateRows, packedProperty, readProgress, readRows, rowsFit, writeProgress, type PackedProperty, type PackedRows } from './packedProperty';
import { TASK_STATES, type Phase, type PhaseKind, type Plan, type TaskState } from './types';

/** The kinds, stored as their index (the one list: PhaseKind's members). */
const KINDS: readonly PhaseKind[] = ['phase', 'step', 'milestone'];

// flags (kind | state << 2 | measurable << 4 | has trackingRow << 5 | name is the label's end << 6),
// trackingTask + 1, trackingRow, section + 1, headingLine + 1, done, open, in progress, skipped,
// label length, name length, number's length as text (0: no number).
const FIELDS = 12;
const MEASURABLE = 16;
const TRACKING_ROW = 32;
const NAME_IN_LABEL = 64;

/**
 * A plan's phases, then its steps, as rows: FIELDS numbers a row (4 bytes each past 65,535), then
 * each row's label, name (unless it is the label's end, as `Core` of `Phase 1: Core`) and number
 * (as decimal text: any number round-trips through it). One byte array for both lists.
 */
export interface PackedPhases extends PackedRows {
  /** How many of the rows are phases; the rest are steps. */
  readonly phases: number;
}

/** A plan's phases and steps packed: what `plan.phases` and `plan.steps` keep. */
export function packPhases(phases: readonly Phase[], steps: readonly Phase[]): PackedPhases {
  const count = phases.length + steps.length;
  const at = (i: number): Phase => (i < phases.length ? phases[i] : steps[i - phases.length]);
  let wide = false;
  let text = '';
  for (let i = 0; i < count; i++) {
    const p = at(i);
    const g = p.progress;
    if (!wide) wide = ((p.trackingTask + 1) | (p.trackingRow ?? 0) | (p.section + 1) | (p.headingLine + 1) | g.done | g.open | g.inProgress | g.skipped | p.label.length | p.name.length) > 0xffff;
    // By their lengths, not a separator: a label may hold any character.
    text += p.label;
    if (!p.label.endsWith(p.name)) text += p.name;
    if (p.number !== undefined) text += String(p.number);
  }
  // A lone surrogate does not survive UTF-8: it comes back as U+FFFD, one unit as before, so the lengths still hold.
  const { bytes, nums } = allocateRows(count, FIELDS, wide, text);
  for (let i = 0, o = 0; i < count; i++, o += FIELDS) {
    const p = at(i);
    nums[o] =
      KINDS.indexOf(p.kind) |
      (TASK_STATES.indexOf(p.state) << 2) |
      (p.measurable ? MEASURABLE : 0) |
      (p.trackingRow !== undefined ? TRACKING_ROW : 0) |
      (p.label.endsWith(p.name) ? NAME_IN_LABEL : 0);
    nums[o + 1] = p.trackingTask + 1;
    nums[o + 2] = p.trackingRow ?? 0;
    nums[o + 3] = p.section + 1;
    nums[o + 4] = p.headingLine + 1;
    writeProgress(nums, o + 5, p.progress);
    nums[o + 9] = p.label.length;
    nums[o + 10] = p.name.length;
    nums[o + 11] = p.number === undefined ? 0 : String(p.number).length;
  }
  return { bytes, count, wide, phases: phases.length };
}

/** The text a row takes after the rows' numbers. */
function rowText(nums: Uint16Array | Int32Array, o: number): number {
  return nums[o + 9] + (nums[o] & NAME_IN_LABEL ? 0 : nums[o + 10]) + nums[o + 11];
}

/** Rows `from` to `to` (end excluded) as Phase objects, in the parser's key order (one hidden class, the same JSON). */
function unpackRows(packed: PackedPhases, from: number, to: number): readonly Phase[] {
  const { nums, text } = readRows(packed, FIELDS);
  let at = 0;
  for (let o = 0; o < from * FIELDS; o += FIELDS) at += rowText(nums, o);
  const phases: Phase[] = new Array(Math.max(0, to - from));
  for (let i = from, o = from * FIELDS; i < to; i++, o += FIELDS) {
    const flags = nums[o];
    const label = text.slice(at, (at += nums[o + 9]));
    const name = flags & NAME_IN_LABEL ? label.slice(label.length - nums[o + 10]) : text.slice(at, (at += nums[o + 10]));
    const digits = nums[o + 11];
    const phase: Phase = {
      kind: KINDS[flags & 3],
      number: digits === 0 ? undefined : Number(text.slice(at, (at += digits))),
      label,
      name,
      trackingTask: nums[o + 1] - 1,
      section: nums[o + 3] - 1,
      headingLine: nums[o + 4] - 1,
      state: TASK_STATES[(flags >> 2) & 3],
      progress: readProgress(nums, o + 5),
      measurable: (flags & MEASURABLE) !== 0,
    };
    phases[i - from] = flags & TRACKING_ROW ? { ...phase, trackingRow: nums[o + 2] } : phase;
  }
  return Object.freeze(phases);
}

/** `plan.phases` over the packed form (`packedOf`, `packedFrom`, `adopt`: core/packedProperty.ts). */
export const phaseStorage: PackedProperty<PackedPhases, Phase> = packedProperty<PackedPhases, Phase>(
  'phases',
  (packed) => unpackRows(packed, 0, packed.phases),
  (phases) => packPhases(phases, []),
);
/** `plan.steps` over the same packed form (its rows after the phases). */
export const stepStorage: PackedProperty<PackedPhases, Phase> = packedProperty<PackedPhases, Phase>(
  'steps',
  (packed) => unpackRows(packed, packed.phases, packed.count),
  (steps) => packPhases([], steps),
);

/** Defines `target.phases` and `target.steps` over one packed form of both (`packPhases`). */
export function adoptPhases(target: object, packed: PackedPhases): void {
  phaseStorage.adopt(target, packed);
  stepStorage.adopt(target, packed);
}

/**
 * The packed form of both of a plan's lists: the one it keeps, or (a transient parse's plain lists)
 * packed now. `phaseStorage.packedFrom` would pack the phases alone.
 */
export function packedPhasesOf(plan: Plan): PackedPhases {
  const packed = phaseStorage.packedOf(plan);
  return packed && stepStorage.packedOf(plan) === packed ? packed : packPhases(plan.phases, plan.steps);
}

/**
 * Defines `target.phases` and `target.steps` as enumerable getters over one packed form, primed
 * with the lists the parser just built (frozen in place: the caller hands them over).
 */
export function defineCompactPhases<T extends object>(target: T, phases: Phase[], steps: Phase[]): T & { readonly phases: readonly Phase[]; readonly steps: readonly Phase[] } {
  const packed = packPhases(phases, steps);
  phaseStorage.define(target, packed, Object.freeze(phases));
  stepStorage.define(target, packed, Object.freeze(steps));
  return target as T & { readonly phases: readonly Phase[]; readonly steps: readonly Phase[] };
}

// What reads every plan on each change (the Plans view's rows, the plan-at-hand signature) reads
// these instead of `plan.phases`, which unpacks every phase of the plan: 5–45 ms for 2,000 plans.

/** How many phases the plan has, without unpacking them. */
export function phaseCount(plan: Plan): number {
  const packed = phaseStorage.packedOf(plan);
  return packed ? packed.phases : plan.phases.length;
}

/** The plan's phase at `index` (undefined when there is none), unpacking that one only. */
export function phaseAt(plan: Plan, index: number): Phase | undefined {
  const packed = phaseStorage.packedOf(plan);
  if (!packed) return plan.phases[index];
  return Number.isInteger(index) && index >= 0 && index < packed.phases ? unpackRows(packed, index, index + 1)[0] : undefined;
}

/** What `visitPhases` hands out of each phase: its numbers, without its label and name. */
export interface PhaseFigures {
  section: number;
  trackingTask: number;
  trackingRow: number | undefined;
  state: TaskState;
  done: number;
  open: number;
  inProgress: number;
  skipped: number;
}

/**
 * Calls `visit` with each phase's figures, in order, without unpacking the phases. The object is
 * the same for every call, overwritten: read it, do not keep it.
 */
export function visitPhases(plan: Plan, visit: (figures: Readonly<PhaseFigures>) => void): void {
  const f: PhaseFigures = { section: -1, trackingTask: -1, trackingRow: undefined, state: 'open', done: 0, open: 0, inProgress: 0, skipped: 0 };
  const packed = phaseStorage.packedOf(plan);
  if (!packed) {
    for (const p of plan.phases) {
      f.section = p.section;
      f.trackingTask = p.trackingTask;
      f.trackingRow = p.trackingRow;
      f.state = p.state;
      f.done = p.progress.done;
      f.open = p.progress.open;
      f.inProgress = p.progress.inProgress;
      f.skipped = p.progress.skipped;
      visit(f);
    }
    return;
  }
  const { nums } = readRows(packed, FIELDS, false);
  for (let i = 0, o = 0; i < packed.phases; i++, o += FIELDS) {
    const flags = nums[o];
    f.section = nums[o + 3] - 1;
    f.trackingTask = nums[o + 1] - 1;
    f.trackingRow = flags & TRACKING_ROW ? nums[o + 2] : undefined;
    f.state = TASK_STATES[(flags >> 2) & 3];
    f.done = nums[o + 5];
    f.open = nums[o + 6];
    f.inProgress = nums[o + 7];
    f.skipped = nums[o + 8];
    visit(f);
  }
}

/** Whether phases packed elsewhere (a file) are whole: rows for their count, phases among them. */
export function packedPhasesFit(packed: PackedPhases): boolean {
  return rowsFit(packed, FIELDS) && Number.isInteger(packed.phases) && packed.phases >= 0 && packed.phases <= packed.count;
}
