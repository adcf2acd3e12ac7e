/**
 * Copying a plan. A plan keeps its tasks, sections, phases and steps packed behind getters
 * (core/packedProperty.ts), so a spread (`{ ...plan, version }`) would call every getter: the copy
 * would hold all four lists unpacked, and making it would unpack them. `planWith` shares the packed
 * forms instead; the copy has the same keys, in the same order, as the spread.
 */

import { phaseStorage, stepStorage } from './compactPhases';
import { sectionStorage } from './compactSections';
import { taskStorage } from './compactTasks';
import type { PackedProperty } from './packedProperty';
import type { Plan } from './types';

/** The plan's lists that may be packed, each with the property that keeps it. */
const STORAGES: Readonly<Record<string, PackedProperty<object, unknown>>> = {
  phases: phaseStorage,
  steps: stepStorage,
  sections: sectionStorage,
  tasks: taskStorage,
};

/** The keys of a plan's lists that may be packed: `tasks`, `sections`, `phases`, `steps`. */
export const PACKED_PLAN_KEYS: ReadonlySet<string> = new Set(Object.keys(STORAGES));

export type PackedPlanKey = 'tasks' | 'sections' | 'phases' | 'steps';

/**
 * A copy of `plan` with `fields` set, as `{ ...plan, ...fields }` would be, its packed lists shared
 * with `plan` (not unpacked); a list that is plain in `plan` (a transient parse's) is plain in the
 * copy. Not frozen: the caller decides.
 */
export function planWith(plan: Plan, fields: Partial<Omit<Plan, PackedPlanKey>>): Plan {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(plan)) {
    const storage = STORAGES[key];
    const packed = storage?.packedOf(plan);
    if (storage && packed) storage.adopt(copy, packed);
    else copy[key] = plan[key as keyof Plan];
  }
  return Object.assign(copy, fields) as unknown as Plan;
}
