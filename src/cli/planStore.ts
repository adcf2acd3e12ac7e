/**
 * The plan service's port for the CLI and the MCP server: plans are Markdown files under the
 * current folder, named by their path relative to it; edits go through the core's atomic writer
 * (re-read just before the rename, recompute when the file changed) with one writer per file.
 */
import * as path from 'node:path';
import { DEFAULT_ALWAYS_PLANS, editFileAtomically, KeyedQueue, type EditResult, type PlanFile, type PlanStore, type WriteOutcome } from '../core';
import { alwaysPlanMatcher, describe, findMarkdownFiles } from './findPlans';
import { nodePlanFilePort } from './nodePlanFile';
import { readPlanFile } from './readPlanFile';

/** Which files the store reads: the folders searched, what they skip, and which paths are plans whatever they hold. */
export interface NodePlanStoreOptions {
  readonly roots?: readonly string[];
  /** `--exclude` globs. */
  readonly exclude?: readonly string[];
  /** `--always-plan` globs, matched against the path relative to the current folder. Default: DEFAULT_ALWAYS_PLANS. */
  readonly alwaysPlans?: readonly string[];
}

export class NodePlanStore implements PlanStore {
  private readonly queue = new KeyedQueue();
  private readonly roots: readonly string[];
  private readonly exclude: readonly string[];
  private readonly isAlwaysPlan: (relative: string) => boolean;

  constructor(
    private readonly cwd: string,
    options: NodePlanStoreOptions = {},
  ) {
    this.roots = options.roots ?? ['.'];
    this.exclude = options.exclude ?? [];
    this.isAlwaysPlan = alwaysPlanMatcher(options.alwaysPlans ?? DEFAULT_ALWAYS_PLANS);
  }

  async list(): Promise<readonly PlanFile[]> {
    const { candidates } = findMarkdownFiles(this.roots, this.exclude, this.cwd);
    const files = await Promise.all(candidates.map((c) => this.readFile(c.file)));
    return files.filter((f): f is PlanFile => f !== undefined);
  }

  async read(ref: string): Promise<PlanFile | undefined> {
    if (!/\.(md|markdown)$/i.test(ref)) return undefined;
    return this.readFile(path.resolve(this.cwd, ref));
  }

  async edit(id: string, compute: (text: string) => EditResult): Promise<WriteOutcome> {
    const file = path.resolve(this.cwd, id);
    return this.queue.run(file, async () => {
      try {
        const outcome = await editFileAtomically(nodePlanFilePort(file), compute);
        switch (outcome.kind) {
          case 'written':
            return { ok: true, changed: true };
          case 'unchanged':
            return { ok: true, changed: false };
          case 'refused':
            return { ok: false, reason: outcome.reason };
          case 'notUtf8':
            return { ok: false, reason: `${id} is not UTF-8 text; Plan Tracker does not rewrite it.` };
          case 'busy':
            return { ok: false, reason: `${id} kept changing while Plan Tracker tried to write it (${outcome.attempts} times); nothing was written. Try again.` };
        }
      } catch (error) {
        return { ok: false, reason: `Could not write ${id}: ${describe(error)}.` };
      }
    });
  }

  /** By the one read policy (src/core/readPolicy.ts): a file it skips is no plan here. */
  private async readFile(file: string): Promise<PlanFile | undefined> {
    try {
      const read = await readPlanFile(file);
      if (!('text' in read)) return undefined;
      const id = this.idOf(file);
      return this.isAlwaysPlan(id) ? { id, text: read.text, alwaysPlan: true } : { id, text: read.text };
    } catch {
      return undefined;
    }
  }

  private idOf(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  }
}
