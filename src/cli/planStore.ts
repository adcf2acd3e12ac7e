/**
 * The plan service's port for the CLI and the MCP server: plans are Markdown files under the
 * current folder, named by their path relative to it; edits go through the core's atomic writer
 * (re-read just before the rename, recompute when the file changed) with one writer per file.
 */
import * as path from 'node:path';
import { editFileAtomically, KeyedQueue, mightBePlan, type EditResult, type PlanFile, type PlanStore, type WriteOutcome } from '../core';
import { describe, findMarkdownFiles } from './findPlans';
import { nodePlanFilePort } from './nodePlanFile';
import { readPlanFile } from './readPlanFile';

export class NodePlanStore implements PlanStore {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly cwd: string,
    private readonly roots: readonly string[] = ['.'],
    private readonly exclude: readonly string[] = [],
  ) {}

  async list(): Promise<readonly PlanFile[]> {
    const { candidates } = findMarkdownFiles(this.roots, this.exclude, this.cwd);
    const files = await Promise.all(candidates.map((c) => this.readFile(c.file)));
    return files.filter((f): f is PlanFile => f !== undefined && mightBePlan(f.text));
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
      return 'text' in read ? { id: this.idOf(file), text: read.text } : undefined;
    } catch {
      return undefined;
    }
  }

  private idOf(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  }
}
