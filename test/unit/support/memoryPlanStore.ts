import { applyEdits, type EditResult, type PlanFile, type PlanStore, type WriteOutcome } from '../../../src/core';

/**
 * The plan service's port over a map of texts, for unit tests. `beforeWrite` runs between the
 * compute and the write (once), so a test can play another writer; the store then does what a
 * safe writer does: re-reads, and recomputes when the text changed.
 */
export class MemoryPlanStore implements PlanStore {
  readonly files: Map<string, string>;
  writes = 0;
  beforeWrite?: (id: string) => void;

  /** `alwaysPlan`: the host's always-plan setting (a file it names is a plan whatever it holds). */
  constructor(
    files: Record<string, string>,
    private readonly alwaysPlan: (id: string) => boolean = () => false,
  ) {
    this.files = new Map(Object.entries(files));
  }

  async list(): Promise<readonly PlanFile[]> {
    return [...this.files].map(([id, text]) => this.file(id, text));
  }

  async read(ref: string): Promise<PlanFile | undefined> {
    const text = this.files.get(ref);
    return text === undefined ? undefined : this.file(ref, text);
  }

  private file(id: string, text: string): PlanFile {
    return this.alwaysPlan(id) ? { id, text, alwaysPlan: true } : { id, text };
  }

  async edit(id: string, compute: (text: string) => EditResult): Promise<WriteOutcome> {
    let text = this.files.get(id);
    if (text === undefined) return { ok: false, reason: `${id} does not exist.` };
    for (;;) {
      const result = compute(text);
      if (!result.ok) return { ok: false, reason: result.reason };
      const hook = this.beforeWrite;
      this.beforeWrite = undefined;
      hook?.(id);
      const now = this.files.get(id)!;
      if (now !== text) {
        text = now;
        continue;
      }
      if (result.edits.length === 0) return { ok: true, changed: false };
      this.files.set(id, applyEdits(text, result.edits));
      this.writes++;
      return { ok: true, changed: true };
    }
  }
}
