/**
 * Reads and parses the plans of a `status` or `check` run, one file after the other (synchronous
 * reads into one buffer: four system calls a file and no promise per call; the files usually come
 * from the page cache and the parse is the work, so reads in flight buy little on two cores). With
 * a cache, a file whose stamp (one `stat`) matches the cache's entry is not opened at all: its
 * record comes from there.
 *
 * What a run keeps of a plan is what `describe` makes of it: a small record (`meta`) and the plan's
 * part of the command's output already laid out (`slice`), never its text, so memory stays bounded
 * per file; both go to the cache as they are made.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { describeSkip, parsePlan, whyNotPlan, type CacheEntry, type Plan } from '../core';
import type { CacheWriter } from './cliCache';
import { alwaysPlanMatcher, describe, findMarkdownFiles, type Candidate } from './findPlans';
import { PlanFileReader, stampOf } from './readPlanFile';
import { terminalSafe } from './terminalText';

export type PathError = { path: string; message: string };

/** What the cache keeps of a file, besides its slice: the record of a plan, or why the file is not one. */
export type CachedFile<M> = { readonly plan: M } | { readonly notPlan: string };

/** What a run keeps of a plan: a small record, and bytes of output laid out (both cached). */
export interface Described<M> {
  readonly meta: M;
  readonly slice: Uint8Array;
}

export interface LoadOptions<M> {
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly alwaysPlans: readonly string[];
  readonly cwd: string;
  /** A line on stderr. */
  readonly err: (s: string) => void;
  /** What is kept of a plan, made from its model and text. */
  readonly describe: (plan: Plan, text: string) => Described<M>;
  /** Called with what is kept of each plan, in the order of the walk; the slice may be overwritten after the call. */
  readonly each: (path: string, meta: M, slice: Uint8Array) => void;
  readonly cache?: CacheWriter<CachedFile<M>>;
}

const NOTHING = new Uint8Array(0);

/** Reads every plan under `paths`; returns the paths that could not be read (errors of the walk or of a named file). */
export async function loadPlans<M>(options: LoadOptions<M>): Promise<PathError[]> {
  const { candidates, errors } = findMarkdownFiles(options.paths, options.exclude, options.cwd);
  let isAlwaysPlan: ((rel: string) => boolean) | undefined;
  const reader = new PlanFileReader();
  // Files written after this moment are not trusted to the cache by their stamp (see core/cache.ts).
  const startedAt = Date.now();
  // An empty cache (a cold run) has nothing to look up: no stat before the read.
  const lookUp = options.cache && options.cache.cache.stored > 0 ? options.cache.cache : undefined;
  for (const c of candidates) {
    let found = lookUp ? cached(c, lookUp) : undefined;
    if (!found) {
      isAlwaysPlan ??= alwaysPlanMatcher(options.alwaysPlans);
      found = readOne(c, reader, options, errors, isAlwaysPlan, startedAt);
    }
    if (!found) continue;
    const rel = c.path || c.file;
    if ('plan' in found.meta) options.each(rel, found.meta.plan, found.slice);
    // A file found by a folder walk that is not a plan is never checked; one named on the command
    // line gets a line saying why, and does not fail the run.
    else if (c.explicit) options.err(`plan-tracker: ${terminalSafe(rel)}: ${terminalSafe(found.meta.notPlan)}; skipped`);
  }
  return errors;
}

function cached<M>(c: Candidate, cache: CacheWriter<CachedFile<M>>['cache']): CacheEntry<CachedFile<M>> | undefined {
  try {
    const stat = statSync(c.file);
    return stat.isFile() ? cache.get(c.file, stampOf(stat)) : undefined;
  } catch {
    return undefined; // the read says what is wrong
  }
}

function readOne<M>(c: Candidate, reader: PlanFileReader, options: LoadOptions<M>, errors: PathError[], isAlwaysPlan: (rel: string) => boolean, startedAt: number): CacheEntry<CachedFile<M>> | undefined {
  const rel = c.path || c.file;
  let read;
  try {
    read = reader.read(c.file);
  } catch (error) {
    errors.push({ path: rel, message: describe(error) });
    return undefined;
  }
  if ('skip' in read) {
    // A file the user named is an error (exit 2); one found by the walk is a note.
    if (c.explicit) errors.push({ path: rel, message: describeSkip(read.skip) });
    else options.err(`plan-tracker: ${terminalSafe(rel)}: ${describeSkip(read.skip)}`);
    return undefined;
  }
  // The always-plan globs match the path relative to the current folder (as the editor's setting
  // matches the workspace-relative path) or as given.
  const fromCwd = path.relative(options.cwd, c.file).split(path.sep).join('/');
  // Described and dropped: not packed for keeping.
  const plan = parsePlan({ text: read.text, uri: rel }, { assumePlan: isAlwaysPlan(fromCwd) || isAlwaysPlan(rel), transient: true });
  let found: CacheEntry<CachedFile<M>>;
  if (plan.isPlan) {
    const { meta, slice } = options.describe(plan, read.text);
    found = { meta: { plan: meta }, slice };
  } else {
    found = { meta: { notPlan: whyNotPlan(plan, rel) ?? 'not a plan' }, slice: NOTHING };
  }
  options.cache?.set(c.file, read.stamp, found, startedAt);
  return found;
}
