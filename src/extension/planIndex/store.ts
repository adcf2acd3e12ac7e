/**
 * The index's store: the plans held, keyed by URI, and what one batch changed.
 *
 * - A text is parsed only when it differs from the one held (its hashText and its length), or
 *   the parse options changed; the same text keeps the same `IndexedPlan` object (no event), with
 *   only its origin (document or disk) and document version kept current.
 * - Most Markdown is not a plan: `mightBePlan` spares it the parse; `alwaysPlans` files skip that test.
 * - One real file, one plan: a path reached through a symbolic link that is the same file as a
 *   path held without one (see `FileIdentity`) is not held twice.
 * - A plan painted from the last session's snapshot (`seed`) carries the hash and length of the
 *   text it was parsed from: when the scan reads that same text, the plan is not parsed again,
 *   only made whole (its packed phases and steps, sections and tasks taken over, their bytes copied).
 */
import { adoptPhases, hashText, mightBePlan, ownRows, PACKED_PLAN_KEYS, packedPhasesOf, parsePlan, planWith, sectionStorage, taskStorage, type Plan } from '../../core';
import type { IndexFolder, IndexLogger, IndexUri, WorkspacePort } from './port';
import { compare, type FileIdentity, type Loaded } from './reader';
import type { IndexScope } from './scope';
import { errorText } from '../../core';
import type { IndexedPlan } from './types';

/** What tells one text from another here: its hashText (core/text.ts) and its length. */
export interface TextFingerprint {
  readonly hash: number;
  readonly length: number;
}

/** What one batch changed, by key: the index fires it as one event. */
export interface Batch<U> {
  readonly changed: Map<string, U>;
  readonly removed: Map<string, U>;
}

export function newBatch<U>(): Batch<U> {
  return { changed: new Map(), removed: new Map() };
}

interface Entry<U extends IndexUri, F extends IndexFolder<U>> {
  /** What `get`/`getPlans` hand out: the same object until the entry changes. */
  readonly view: IndexedPlan<U, F>;
  /** Set for files read from disk. */
  readonly file?: FileIdentity;
  readonly hash: number;
  readonly length: number;
  readonly optionsGeneration: number;
  /** Painted from the snapshot, not yet confirmed by a read of the file. */
  readonly seeded?: boolean;
}

export class PlanStore<U extends IndexUri, F extends IndexFolder<U>> {
  private readonly plans = new Map<string, Entry<U, F>>();
  /** Plans by file identity: the keys of paths that may be one real file (see `FileIdentity`). */
  private readonly byIdentity = new Map<string, Set<string>>();
  private sorted: IndexedPlan<U, F>[] | undefined;
  /** Key → position in `sorted`, made with it: one plan changed is replaced in place, not sorted again. */
  private positions: Map<string, number> | undefined;
  /** `sorted` was handed out (and frozen): the next replacement copies it first. */
  private sortedShared = false;
  /** Texts parsed since start. */
  parsedCount = 0;

  constructor(
    private readonly port: WorkspacePort<U, F>,
    private readonly scope: IndexScope<U, F>,
    private readonly logger: IndexLogger | undefined,
  ) {}

  get size(): number {
    return this.plans.size;
  }

  has(key: string): boolean {
    return this.plans.has(key);
  }

  get(key: string): IndexedPlan<U, F> | undefined {
    return this.plans.get(key)?.view;
  }

  /** The keys held. */
  keys(): IterableIterator<string> {
    return this.plans.keys();
  }

  /** The URIs held. */
  *uris(): Iterable<U> {
    for (const entry of this.plans.values()) yield entry.view.uri;
  }

  /**
   * Every plan, sorted by path: the same array until something changes. A plan added or removed
   * sorts them again (when next asked); one changed in place is replaced in a copy, made once
   * between two calls however many plans change (a batch of 2,000 copies the list once, not 2,000 times).
   */
  all(): readonly IndexedPlan<U, F>[] {
    if (!this.sorted) {
      const views = [...this.plans.values()]
        .map((entry) => entry.view)
        .sort((a, b) => compare(a.uri.path, b.uri.path) || compare(a.uri.toString(), b.uri.toString()));
      this.positions = new Map(views.map((view, i) => [view.uri.toString(), i]));
      this.sorted = views;
    }
    if (!this.sortedShared) {
      Object.freeze(this.sorted);
      this.sortedShared = true;
    }
    return this.sorted;
  }

  clear(): void {
    this.plans.clear();
    this.byIdentity.clear();
    this.unsort();
  }

  /** The set of plans changed: sorted again when next asked. */
  private unsort(): void {
    this.sorted = undefined;
    this.positions = undefined;
    this.sortedShared = false;
  }

  /** The plan at `key` (held before, and still) has a new view. */
  private replaced(key: string, view: IndexedPlan<U, F>): void {
    const at = this.positions?.get(key);
    if (!this.sorted || at === undefined) return this.unsort();
    if (this.sortedShared) {
      this.sorted = [...this.sorted];
      this.sortedShared = false;
    }
    this.sorted[at] = view;
  }

  /**
   * Holds `plan` as it was when the window last closed (the paint-first snapshot, snapshot.ts),
   * until the scan reads the file. With `text`, the fingerprint of the text it was parsed from
   * (the snapshot is keyed by the parse settings): the same text read again keeps the plan,
   * made whole, without a parse. Without, its hash matches no text and the scan parses the file
   * again. Either way the scan reports it (or drops it when the file is gone or no longer a plan).
   * `folder`: the workspace folder of `uri`, as the scope found it.
   */
  seed(uri: U, folder: F, plan: Plan, batch: Batch<U>, text?: TextFingerprint): void {
    const key = uri.toString();
    if (this.plans.has(key)) return;
    const view: IndexedPlan<U, F> = Object.freeze({ uri, plan, folder, fromDocument: false });
    this.plans.set(key, { view, hash: text?.hash ?? Number.NaN, length: text?.length ?? -1, optionsGeneration: text ? this.scope.optionsGeneration : -1, seeded: true });
    this.unsort();
    batch.changed.set(key, uri);
  }

  /** The hash and length of the text the plan at `key` was parsed from (for the snapshot); undefined when not known. */
  fingerprintOf(key: string): TextFingerprint | undefined {
    const entry = this.plans.get(key);
    return entry && !Number.isNaN(entry.hash) ? { hash: entry.hash, length: entry.length } : undefined;
  }

  /** Parses and stores (or drops) one file's result into `batch`. */
  apply(uri: U, loaded: Loaded, batch: Batch<U>): void {
    const key = uri.toString();
    const existing = this.plans.get(key);
    if (loaded.kind === 'gone') {
      if (existing) this.remove(key, batch);
      return;
    }
    const folder = this.port.folderOf(uri);
    const hash = loaded.hash ?? hashText(loaded.text);
    const generation = this.scope.optionsGeneration;
    if (
      existing &&
      existing.hash === hash &&
      existing.length === loaded.text.length &&
      existing.optionsGeneration === generation &&
      existing.view.folder?.uri.toString() === folder?.uri.toString()
    ) {
      this.keepCurrent(key, existing, loaded, hash, batch);
      return;
    }
    this.parsedCount++;
    const reading = this.scope.readingOf(folder, uri);
    if (!reading.assumePlan && !mightBePlan(loaded.text)) {
      // Most Markdown is not a plan; the cheap test spares it the parse.
      if (existing) this.remove(key, batch);
      return;
    }
    let plan: Plan;
    try {
      // Recognised by its place below the workspace folder, not by the folders above it.
      plan = parsePlan({ text: loaded.text, uri: key, version: loaded.version }, reading);
    } catch (error) {
      this.logger?.error(`Plan index: parsing ${uri.fsPath} failed: ${errorText(error)}`);
      if (existing) this.remove(key, batch);
      return;
    }
    if (!plan.isPlan) {
      if (existing) this.remove(key, batch);
      return;
    }
    const file = loaded.file && identify(loaded.file, hash, loaded.text.length);
    if (file && this.isTwinOfAnother(key, file)) {
      // The same real file as a plan already held, reached through a link: counted once.
      if (existing) this.remove(key, batch);
      return;
    }
    const view: IndexedPlan<U, F> = Object.freeze({ uri: existing?.view.uri ?? uri, plan, folder, fromDocument: loaded.fromDocument });
    if (existing) this.forgetIdentity(key, existing.file);
    this.plans.set(key, { view, file, hash, length: loaded.text.length, optionsGeneration: generation });
    if (file) {
      this.rememberIdentity(key, file);
      // Twins held so far through a link give way to this path.
      for (const other of [...(this.byIdentity.get(file.identity) ?? [])]) {
        const entry = this.plans.get(other);
        if (other !== key && entry?.file?.viaLink && this.isTwinOfAnother(other, entry.file)) this.remove(other, batch);
      }
    }
    if (existing) this.replaced(key, view);
    else this.unsort();
    batch.removed.delete(key);
    batch.changed.set(key, view.uri);
  }

  /** Drops the plan at `key` (if held) into `batch.removed`. */
  remove(key: string, batch: Batch<U>): void {
    const entry = this.plans.get(key);
    if (!entry) return;
    this.forgetIdentity(key, entry.file);
    this.plans.delete(key);
    this.unsort();
    batch.changed.delete(key);
    batch.removed.set(key, entry.view.uri);
  }

  /**
   * Same text: no event. Only where it came from (saved, closed) and the version (typed, then
   * undone) may differ; they are kept current without a reparse.
   */
  private keepCurrent(key: string, existing: Entry<U, F>, loaded: Extract<Loaded, { kind: 'text' }>, hash: number, batch: Batch<U>): void {
    if (existing.seeded) {
      // Painted, and now confirmed by the file's text: made whole, and reported once as the parse
      // would have been.
      const whole: IndexedPlan<U, F> = Object.freeze({ ...existing.view, plan: wholePlan(existing.view.plan) });
      existing = { ...existing, view: whole, seeded: false };
      this.plans.set(key, existing);
      this.replaced(key, whole);
      batch.removed.delete(key);
      batch.changed.set(key, whole.uri);
    }
    const { view } = existing;
    const file = loaded.file && identify(loaded.file, hash, loaded.text.length);
    if (file && file.identity !== existing.file?.identity) {
      // Touched, not changed: the stat moved on; keep the identity current so a link still finds its twin.
      this.forgetIdentity(key, existing.file);
      this.plans.set(key, { ...existing, file });
      this.rememberIdentity(key, file);
    }
    if (view.fromDocument !== loaded.fromDocument || view.plan.version !== loaded.version) {
      // Not a spread: it would unpack every list of the plan (core/planWith.ts).
      const plan = view.plan.version === loaded.version ? view.plan : Object.freeze(planWith(view.plan, { version: loaded.version }));
      const updated = Object.freeze({ ...view, plan, fromDocument: loaded.fromDocument });
      this.plans.set(key, { ...this.plans.get(key)!, view: updated });
      this.replaced(key, updated);
    }
  }

  /**
   * Whether `key` (with `file`) is a path through a link to a real file another held path stands
   * for: one reached without a link, or else the link path that sorts first.
   */
  private isTwinOfAnother(key: string, file: FileIdentity): boolean {
    if (!file.viaLink) return false;
    for (const other of this.byIdentity.get(file.identity) ?? []) {
      if (other === key) continue;
      const entry = this.plans.get(other);
      if (entry?.file && (!entry.file.viaLink || other < key)) return true;
    }
    return false;
  }

  private rememberIdentity(key: string, file: FileIdentity): void {
    let keys = this.byIdentity.get(file.identity);
    if (!keys) this.byIdentity.set(file.identity, (keys = new Set()));
    keys.add(key);
  }

  private forgetIdentity(key: string, file: FileIdentity | undefined): void {
    const keys = file && this.byIdentity.get(file.identity);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byIdentity.delete(file.identity);
  }
}

function identify(file: FileIdentity, hash: number, length: number): FileIdentity {
  return { identity: `${file.identity}:${hash}:${length}`, viaLink: file.viaLink };
}

/**
 * A plan painted from the snapshot, as a parse would have made it: its packed phases and steps,
 * sections and tasks taken over with bytes of their own (a painted plan's are views on the
 * snapshot's, which can then go), not unpacked and packed again.
 */
function wholePlan(painted: Plan): Plan {
  const whole: Record<string, unknown> = {};
  for (const key of Object.keys(painted)) if (!PACKED_PLAN_KEYS.has(key)) whole[key] = painted[key as keyof Plan];
  // A painted plan's packed bytes are views on the snapshot's: copied, so the snapshot can go.
  adoptPhases(whole, ownRows(packedPhasesOf(painted)));
  sectionStorage.adopt(whole, ownRows(sectionStorage.packedFrom(painted)));
  taskStorage.adopt(whole, ownRows(taskStorage.packedFrom(painted)));
  return whole as unknown as Plan;
}
