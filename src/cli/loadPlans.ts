/**
 * Reads and parses the plans of a `status` or `check` run, one file after the other (synchronous
 * reads into one buffer: four system calls a file and no promise per call; the files usually come
 * from the page cache and the parse is the work, so reads in flight buy little on two cores; not
 * yet compared head to head with the 16 reads in flight it replaced). With a cache, a
 * file whose stamp matches the cache's entry is not opened at all: its record comes from there.
 *
 * What a run keeps of a plan is the record `describe` makes of it (the command's output for that
 * plan), never its text, so memory stays bounded per file.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { describeSkip, parsePlan, whyNotPlan, type PlanCache, type Plan } from '../core';
import { describe, findMarkdownFiles, type Candidate } from './findPlans';
import { PlanFileReader, stampOf } from './readPlanFile';
import { terminalSafe } from './terminalText';

export type PathError = { path: string; message: string };

/** What the cache keeps of a file: the record of a plan, or why the file is not one. */
export type CachedFile<V> = { readonly plan: V } | { readonly notPlan: string };

export interface LoadOptions<V> {
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly alwaysPlans: readonly string[];
  readonly cwd: string;
  /** A line on stderr. */
  readonly err: (s: string) => void;
  /** The record kept of a plan, made from its model and text. */
  readonly describe: (plan: Plan, text: string) => V;
  /** Called with each plan's record, in the order of the walk. */
  readonly each: (path: string, record: V) => void;
  readonly cache?: PlanCache<CachedFile<V>>;
}

/** Reads every plan under `paths`; returns the paths that could not be read (errors of the walk or of a named file). */
export async function loadPlans<V>(options: LoadOptions<V>): Promise<PathError[]> {
  const { candidates, errors } = await findMarkdownFiles(options.paths, options.exclude, options.cwd);
  const isAlwaysPlan = options.alwaysPlans.length ? picomatch(options.alwaysPlans as string[], { dot: true }) : () => false;
  const reader = new PlanFileReader();
  // Files written after this moment are not trusted to the cache by their stamp (see core/cache.ts).
  const startedAt = Date.now();
  for (const c of candidates) {
    const found = cached(c, options.cache) ?? readOne(c, reader, options, errors, isAlwaysPlan, startedAt);
    if (!found) continue;
    const rel = c.path || c.file;
    if ('plan' in found) options.each(rel, found.plan);
    // A file found by a folder walk that is not a plan is never checked; one named on the command
    // line gets a line saying why, and does not fail the run.
    else if (c.explicit) options.err(`plan-tracker: ${terminalSafe(rel)}: ${terminalSafe(found.notPlan)}; skipped`);
  }
  return errors;
}

function cached<V>(c: Candidate, cache: PlanCache<CachedFile<V>> | undefined): CachedFile<V> | undefined {
  if (!cache) return undefined;
  try {
    const stat = statSync(c.file);
    return stat.isFile() ? cache.get(c.file, stampOf(stat)) : undefined;
  } catch {
    return undefined; // the read says what is wrong
  }
}

function readOne<V>(c: Candidate, reader: PlanFileReader, options: LoadOptions<V>, errors: PathError[], isAlwaysPlan: (rel: string) => boolean, startedAt: number): CachedFile<V> | undefined {
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
  const plan = parsePlan({ text: read.text, uri: rel }, { assumePlan: isAlwaysPlan(fromCwd) || isAlwaysPlan(rel) });
  const found: CachedFile<V> = plan.isPlan ? { plan: options.describe(plan, read.text) } : { notPlan: whyNotPlan(plan) ?? 'not a plan' };
  options.cache?.set(c.file, read.stamp, found, startedAt);
  return found;
}
