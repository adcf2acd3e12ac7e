/**
 * Compact storage for a plan's sections, as core/compactTasks.ts does for its tasks. A section as
 * an object (seven fields, its heading text) is about 140 bytes, and a plan of the template has
 * twenty: for an index of 2,000 plans, 5.4 MB of the 19 MB it keeps. Packed, each is nine
 * numbers (16-bit when they all fit) and its heading as UTF-8, about 40 bytes; `plan.sections`
 * materializes plain Section objects on demand (core/packedProperty.ts). Progress values are
 * shared (core/progress.ts).
 */
import { allocateRows, packedProperty, readProgress, readRows, rowsFit, writeProgress, type PackedProperty, type PackedRows } from './packedProperty';
import type { Section } from './types';

const FIELDS = 9; // level, line, end line, parent + 1, done, open, in progress, skipped, text length

/** FIELDS numbers a section (4 bytes each past 65,535: a line, a count, a heading's length), then the headings one after another. */
export type PackedSections = PackedRows;

/** A plan's sections packed (what `plan.sections` keeps; the paint-first snapshot saves it as it is). */
export function packSections(sections: readonly Section[]): PackedSections {
  const count = sections.length;
  let wide = false;
  let text = '';
  for (let i = 0; i < count; i++) {
    const s = sections[i];
    const p = s.progress;
    if (!wide) wide = (s.level | s.line | s.endLine | (s.parent + 1) | p.done | p.open | p.inProgress | p.skipped | s.text.length) > 0xffff;
    // By their lengths, not a separator: a setext heading's text may span lines.
    text += s.text;
  }
  // A lone surrogate does not survive UTF-8: it comes back as U+FFFD, one unit as before, so the lengths still hold.
  const { bytes, nums } = allocateRows(count, FIELDS, wide, text);
  for (let i = 0, o = 0; i < count; i++, o += FIELDS) {
    const s = sections[i];
    const p = s.progress;
    nums[o] = s.level;
    nums[o + 1] = s.line;
    nums[o + 2] = s.endLine;
    nums[o + 3] = s.parent + 1;
    writeProgress(nums, o + 4, p);
    nums[o + 8] = s.text.length;
  }
  return { bytes, count, wide };
}

function unpack(p: PackedSections): readonly Section[] {
  const { count } = p;
  const { nums, text: texts } = readRows(p, FIELDS);
  const sections: Section[] = new Array(count);
  for (let i = 0, o = 0, at = 0; i < count; i++, o += FIELDS) {
    const end = at + nums[o + 8];
    sections[i] = {
      index: i,
      level: nums[o],
      text: texts.slice(at, end),
      line: nums[o + 1],
      endLine: nums[o + 2],
      parent: nums[o + 3] - 1,
      progress: readProgress(nums, o + 4),
    };
    at = end;
  }
  return Object.freeze(sections);
}

/** `plan.sections` over its packed form: `packedOf(plan)` hands the form out, `adopt` defines it on another object (the paint-first snapshot). */
export const sectionStorage: PackedProperty<PackedSections, Section> = packedProperty<PackedSections, Section>('sections', unpack, packSections);

/**
 * Defines `target.sections` as an enumerable getter over packed storage (so JSON.stringify and
 * postMessage still see it), primed with the list the parser just built. That list is frozen in
 * place (a copy cost a measurable share of the packing): the caller hands it over.
 */
export function defineCompactSections<T extends object>(target: T, sections: readonly Section[]): T & { readonly sections: readonly Section[] } {
  sectionStorage.define(target, packSections(sections), Object.freeze(sections));
  return target as T & { readonly sections: readonly Section[] };
}

/** Whether sections packed elsewhere (a file) are whole: rows for their count. */
export function packedSectionsFit(packed: PackedSections): boolean {
  return rowsFit(packed, FIELDS);
}
