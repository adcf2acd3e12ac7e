/**
 * The plan service's port for the CLI and the MCP server: plans are Markdown files under the
 * current folder, named by their path relative to it; edits go through the core's atomic writer
 * (re-read just before the rename, recompute when the file changed) with one writer per file.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { editFileAtomically, KeyedQueue, mightBePlan, type EditResult, type PlanFile, type PlanStore, type WriteOutcome } from '../core';
import { describe, findMarkdownFiles } from './findPlans';
import { nodePlanFilePort } from './nodePlanFile';

/** No plan is this large: larger files are not read. */
const MAX_PLAN_BYTES = 5 * 1024 * 1024;

export class NodePlanStore implements PlanStore {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly cwd: string,
    private readonly roots: readonly string[] = ['.'],
    private readonly exclude: readonly string[] = [],
  ) {}

  async list(): Promise<readonly PlanFile[]> {
    const { candidates } = await findMarkdownFiles(this.roots, this.exclude, this.cwd);
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

  private async readFile(file: string): Promise<PlanFile | undefined> {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_PLAN_BYTES) return undefined;
      const bytes = await fs.readFile(file);
      if (bytes.subarray(0, 8000).includes(0)) return undefined;
      return { id: this.idOf(file), text: new TextDecoder('utf-8').decode(bytes) };
    } catch {
      return undefined;
    }
  }

  private idOf(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  }
}
