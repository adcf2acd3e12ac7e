/**
 * The plan index: the one source of truth about which files are plans and what they hold.
 *
 * Files on disk and open documents flow in; one batched `onDidChange` event flows out to every
 * view. Views never parse. A change travels: the workspace port's notification → the change queue
 * (changeQueue.ts) → the scope (scope.ts) → the reader (reader.ts) → the store (store.ts) → one event.
 *
 * - The first scan runs in the background (`start()`); `ready` resolves when it is done.
 * - Files are found per workspace folder with the folder's include glob and its exclude globs
 *   (`planTracker.exclude` and `files.exclude`) merged into one, and read by the core's read
 *   policy: large and binary files are skipped. Where the port can walk the folders itself (the
 *   Node host's local disk), a scan starts on what the walk found and shows it while
 *   `workspace.findFiles` runs; the listing stays the truth and corrects it (scanSources.ts).
 * - Reading and parsing go in slices with bounded concurrency; the event loop runs between
 *   slices, and the longest synchronous slice is measured (`stats.longestSliceMs`, slices.ts).
 * - It stays live: document edits (from the in-memory text, before save), one file system
 *   watcher for create/change/delete on disk, workspace folder and settings changes, all through
 *   the change queue, so a `git checkout` of 500 plans is a few events. Folders created since
 *   start are also listed again for a while: the watcher misses what lands in the folders made
 *   inside them at once (createdFolders.ts).
 * - A dirty document always wins over the disk: a change on disk never clobbers unsaved text.
 *
 * No `vscode` here: the workspace is reached through `WorkspacePort` (port.ts); vscodePlanIndex.ts
 * is the VS Code side.
 */
import { deflateTaskTexts, errorText, parserWarmUp, type ParseOptions } from '../../core';
import { yieldToEventLoop } from '../util/debounce';
import { ChangeQueue, mapLimit, type Pending } from './changeQueue';
import { CreatedFolderPoll } from './createdFolders';
import { Emitter, type Disposable, type Event, type IndexDocument, type IndexFolder, type IndexLogger, type IndexUri, type WorkspacePort } from './port';
import { PlanReader, type Loaded } from './reader';
import { IndexScope } from './scope';
import { decodeSnapshot, encodeSnapshot, snapshotKey, type SnapshotStore } from './snapshot';
import { ScanSources } from './scanSources';
import { SliceMeter } from './slices';
import { newBatch, PlanStore, type Batch } from './store';
import {
  DEFAULT_TUNING,
  emptyStats,
  type IndexedPlan,
  type PlanIndexChangeEvent,
  type PlanIndexOptions,
  type PlanIndexSettings,
  type PlanIndexStats,
  type PlanIndexTuning,
  type SkippedFile,
} from './types';

const now = (): number => performance.now();

/** A file read for the index: what was pending, the change queue's tick before the read, and what the read found. */
interface LoadedItem<U> {
  readonly pending: Pending<U>;
  readonly tick: number;
  readonly loaded: Loaded;
}

/** What `isCurrentFor` needs of a document: its version, and whether it has unsaved edits. */
export interface DocumentState {
  readonly version: number;
  readonly isDirty: boolean;
}

/**
 * Whether `entry` (the index's model of a plan) was read from exactly this state of the open
 * `document`: the same version, or, for a model read from disk, a document without unsaved edits.
 * Diagnostics, code actions and CodeLens ask this before they use a model; when it says no, a
 * newer one is on its way.
 */
export function isCurrentFor(entry: { readonly plan: { readonly version?: number } }, document: DocumentState): boolean {
  const version = entry.plan.version;
  return version === undefined ? !document.isDirty : version === document.version;
}

/** The reason of the scan that follows the first one (see `PlanIndexTuning.catchUpMs`). */
const CATCH_UP = 'catch up';

export class PlanIndex<U extends IndexUri, F extends IndexFolder<U>> implements Disposable {
  private readonly emitter = new Emitter<PlanIndexChangeEvent<U>>();
  /** One event per batch of changes; every view listens to it. */
  readonly onDidChange: Event<PlanIndexChangeEvent<U>> = this.emitter.event;
  /** Resolves once the first full scan is done (also when it failed: the failure is logged). */
  readonly ready: Promise<void>;
  /**
   * Resolves once there is something to show: the plans of the last session painted from the
   * snapshot, or else the first scan done. The views wait for this, not for `ready`.
   */
  readonly painted: Promise<void>;

  private readonly settings: PlanIndexSettings<F>;
  private readonly logger: IndexLogger | undefined;
  private readonly tuning: PlanIndexTuning;
  private readonly disposables: Disposable[] = [];
  private resolveReady!: () => void;
  private resolvePainted!: () => void;

  private readonly scope: IndexScope<U, F>;
  private readonly queue: ChangeQueue<U, F>;
  private readonly reader: PlanReader<U, F>;
  private readonly store: PlanStore<U, F>;
  /** Folders created since start, listed again for what the watcher misses in them (createdFolders.ts). */
  private readonly createdFolders: CreatedFolderPoll<U, F>;

  private flushing = false;
  private flushAgain = false;
  private scanGeneration = 0;
  /** Every synchronous slice's time: a scan's or a flush's share of the total is its own work, waits left out. */
  private readonly slices: SliceMeter;
  /** Which files a scan reads: the listing, the walk that races it, and the scope's say on each. */
  private readonly sources: ScanSources<U, F>;
  private firstScanDone = false;
  /** Whether the parser has been warmed up (core/warmUp.ts): before the first plan this index parses. */
  private parserWarm = false;
  private currentScan: Promise<void> | undefined;
  private scanAbort: AbortController | undefined;
  private started = false;
  private disposed = false;

  private readonly _stats: PlanIndexStats = emptyStats();
  private readonly snapshot: SnapshotStore<U> | undefined;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** The catch-up scans done or scheduled so far (see `PlanIndexTuning.catchUps`). */
  private catchUps = 0;
  /** Whether the file watcher has reported anything: it runs, so a catch-up scan after that is the last one. */
  private watcherHeard = false;
  /** The files the first scan read, kept for the catch-up scans until the last one starts (see `scan`). */
  private firstScanFiles: ReadonlySet<string> | undefined;
  private saving: Promise<void> | undefined;

  constructor(
    private readonly port: WorkspacePort<U, F>,
    options: PlanIndexOptions<F, U>,
  ) {
    this.settings = options.settings;
    this.snapshot = options.snapshot;
    this.logger = options.logger;
    this.slices = new SliceMeter(options.threadCpuMs);
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.scope = new IndexScope(port, this.settings, options.includeOutsideDocuments ?? true, options.fileNamesIgnoreCase ?? false);
    this.store = new PlanStore(port, this.scope, this.logger);
    this.reader = new PlanReader(port, this.scope, this.logger);
    this.sources = new ScanSources(port, this.scope, this.slices, this.tuning.sliceBudgetMs, this.logger);
    this.createdFolders = new CreatedFolderPoll({
      port,
      scope: this.scope,
      schedule: (uri) => this.queue.schedule(uri, false),
      pollMs: this.tuning.createdFolderPollMs,
      logger: this.logger,
    });
    this.queue = new ChangeQueue({
      port,
      scope: this.scope,
      holds: (key) => this.store.has(key),
      held: () => this.store.uris(),
      onQuiet: () => void this.flush(),
      quietMs: this.tuning.quietMs,
      maxWaitMs: this.tuning.maxWaitMs,
      readConcurrency: this.tuning.readConcurrency,
      onFolderCreated: (uri) => this.createdFolders.add(uri),
      logger: this.logger,
    });
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.painted = new Promise((resolve) => (this.resolvePainted = resolve));
    void this.ready.then(() => this.resolvePainted());
  }

  /** A copy of the figures gathered so far. */
  get stats(): Readonly<PlanIndexStats> {
    return { ...this._stats, longestSliceMs: this.slices.longestMs, longestSliceCpuMs: this.slices.threadCpuMs ? this.slices.longestCpuMs : -1, plans: this.store.size, indexedFiles: this.store.parsedCount, skippedFiles: this.reader.skippedCount };
  }

  /** Starts listening and the first scan in the background. Idempotent; never blocks activation. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.disposables.push(
      this.port.watch({
        onDisk: (uri, kind) => {
          this.watcherHeard = true;
          if (!this.disposed) this.queue.onDisk(uri, kind);
        },
        onDocument: (document, fromEdit) => {
          if (!this.disposed) this.queue.onDocument(document, fromEdit);
        },
        onFolders: () => void this.refresh('workspace folders changed', { reparse: false }),
      }),
    );
    if (this.settings.onDidChange) {
      // New parse options reparse every file by themselves; other settings only change the listing.
      this.disposables.push(this.settings.onDidChange(() => void this.refresh('settings changed', { reparse: false })));
    }
    if (this.snapshot) void this.paint(now()).finally(() => void this.refresh('start', { reparse: false }));
    else void this.refresh('start', { reparse: false });
  }

  /**
   * Paint first: the plans of the last session, from the snapshot, in slices; then the first scan
   * confirms or corrects each of them. Never throws.
   */
  private async paint(started: number): Promise<void> {
    try {
      const bytes = await this.snapshot!.read();
      if (!bytes || this.disposed) return;
      const readMs = now() - started;
      const plans = await decodeSnapshot(bytes, snapshotKey(this.port.folders(), this.settings), (s) => this.snapshot!.uriOf(s), this.tuning.sliceBudgetMs, this.logger);
      if (!plans || this.disposed || this.scanGeneration > 0) return;
      const batch = newBatch<U>();
      // The settings as the snapshot's key saw them: a painted plan counts as parsed with these
      // options, so the scan parses it again only if they change before it starts.
      this.scope.reload();
      let slice = this.slices.start();
      for (const { uri, plan, text } of plans) {
        const { eligible, folder } = this.scope.of(uri);
        if (eligible && folder) this.store.seed(uri, folder, plan, batch, text);
        if (now() - slice.wall >= this.tuning.sliceBudgetMs) {
          this.slices.note(slice);
          await yieldToEventLoop();
          slice = this.slices.start();
        }
      }
      this.slices.note(slice);
      this._stats.paintedPlans = batch.changed.size;
      this._stats.paintMs = now() - started;
      this.fire(batch);
      if (batch.changed.size > 0) this.resolvePainted();
      this.logger?.info(
        `Plan index: ${batch.changed.size} plans painted from the last session in ${this._stats.paintMs.toFixed(0)} ms (${(bytes.length / 1e6).toFixed(1)} MB read in ${readMs.toFixed(0)} ms); the scan confirms them`,
      );
    } catch (error) {
      this.logger?.warn(`Plan index: the saved plans could not be read: ${errorText(error)}`);
    }
  }

  /**
   * The idle work, a while after the last change (at once with `delayMs` 0): the task texts of the
   * plans held deflated, then the snapshot written.
   */
  scheduleSnapshot(delayMs = 2000): void {
    if (this.disposed) return;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.deflateTexts().then(() => this.saveSnapshot());
    }, delayMs);
  }

  /**
   * Deflates the task texts of the plans held, in slices (core's `deflateTaskTexts`: each plan's
   * once, where it saves a fifth of their bytes). The index keeps thousands of plans and shows a
   * few: their texts are half of what it holds, and take about a third of that deflated. Resolves
   * when done.
   */
  async deflateTexts(): Promise<void> {
    let slice = this.slices.start();
    for (const { plan } of this.store.all()) {
      if (this.disposed) break;
      this._stats.deflatedBytes += deflateTaskTexts(plan);
      if (now() - slice.wall >= this.tuning.sliceBudgetMs) {
        this.slices.note(slice);
        await yieldToEventLoop();
        slice = this.slices.start();
      }
    }
    this.slices.note(slice);
  }

  /** Writes the plans of the workspace folders to the snapshot now, in slices. Resolves when written. */
  async saveSnapshot(): Promise<void> {
    if (!this.snapshot || this.disposed) return;
    await this.saving;
    const save = (async () => {
      try {
        // Plans of open documents too (what the views show): the scan reads the disk again anyway.
        const plans = this.store
          .all()
          .filter((p) => p.folder !== undefined)
          .map(({ uri, plan }) => ({ uri, plan, text: this.store.fingerprintOf(uri.toString()) }));
        const bytes = await encodeSnapshot(snapshotKey(this.port.folders(), this.settings), plans, this.tuning.sliceBudgetMs);
        if (this.disposed) return;
        await this.snapshot!.write(bytes);
        this._stats.snapshotsWritten++;
        // Tests wait for this line: the snapshot on disk holds these plans.
        this.logger?.info(`Plan index: ${plans.length} plans saved for the next session${this.snapshot!.location ? ` in ${this.snapshot!.location}` : ''}`);
      } catch (error) {
        this.logger?.warn(`Plan index: the plans could not be saved for the next session: ${errorText(error)}`);
      }
    })();
    this.saving = save;
    await save;
  }

  /** Every plan, sorted by path. */
  getPlans(): readonly IndexedPlan<U, F>[] {
    return this.store.all();
  }

  /** Files in scope that were not read (too large, binary, not a regular file), with the reason, sorted by path. */
  getSkipped(): readonly SkippedFile<U>[] {
    return this.reader.skipped();
  }

  get(uri: U): IndexedPlan<U, F> | undefined {
    return this.store.get(uri.toString());
  }

  /**
   * How the index parses `uri` (see `IndexScope.readingOf`), with its folder's settings as they are
   * now: for a parse of the same file elsewhere (an edit, a quick fix, the preview's header).
   */
  readingOf(uri: U): ParseOptions {
    return this.scope.readingOf(this.scope.of(uri).folder, uri, true);
  }

  /** Whether `uri` is a plan whatever it holds: a path in its workspace folder's `planTracker.alwaysPlans`. */
  isAlwaysPlan(uri: U): boolean {
    const { folder } = this.scope.of(uri);
    return folder !== undefined && this.scope.isAlwaysPlan(folder, uri);
  }

  /** The model of `document`'s plan when it is current for the document (see `isCurrentFor`); else undefined. */
  currentFor(document: DocumentState & { readonly uri: U }): IndexedPlan<U, F> | undefined {
    const entry = this.get(document.uri);
    return entry && isCurrentFor(entry, document) ? entry : undefined;
  }

  /**
   * Lists and reads every file again (settings, folders, or the user asked). A scan still
   * running is abandoned. Resolves when this scan is done. With `reparse` (the default: what a
   * user's Refresh means) every file is parsed again and reported as changed; without it, files
   * whose text is unchanged are skipped and only real changes are reported.
   */
  refresh(reason = 'refresh', options: { readonly reparse?: boolean } = {}): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (options.reparse ?? true) this.scope.optionsGeneration++;
    this.scanAbort?.abort();
    this.scanAbort = new AbortController();
    const scan = this.scan(++this.scanGeneration, this.scanAbort.signal, reason).catch((error: unknown) => {
      this.logger?.error(`Plan index: scan failed: ${errorText(error)}`);
      this.resolveReady(); // `ready` means "the first scan is over", not "it went well"
    });
    this.currentScan = scan;
    return scan;
  }

  /** Processes pending live updates now instead of after the quiet period (tests, benchmarks). */
  async settle(): Promise<void> {
    await this.currentScan;
    this.queue.flushNow();
    while (this.flushing || this.queue.isScheduled) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      this.queue.flushNow();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.scanAbort?.abort();
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.firstScanFiles = undefined;
    this.queue.dispose();
    this.createdFolders.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.emitter.dispose();
    this.store.clear();
    this.resolveReady();
  }

  // ---- full scan -------------------------------------------------------------------------

  private async scan(generation: number, signal: AbortSignal, reason: string): Promise<void> {
    const started = now();
    const worked = this.slices.totalMs;
    const workedCpu = this.slices.totalCpuMs;
    const scanTick = this.queue.tick;
    this.slices.newScan();
    this.reader.newScan();
    const superseded = () => this.disposed || generation !== this.scanGeneration;
    this.scope.reload();
    const folders = this.port.folders();
    // The catch-up reads what the first scan did not see and the plans it holds, not again every
    // Markdown file that was no plan then (most of a monorepo's): a missed event that turned one
    // into a plan waits for its next change, as without the catch-up.
    const known = reason === CATCH_UP ? this.firstScanFiles : undefined;
    // Whether this catch-up starts after the watcher was heard: then it runs, and this one is the last.
    const watcherRuns = this.watcherHeard;
    if (reason !== CATCH_UP || watcherRuns || this.catchUps >= this.tuning.catchUps) this.firstScanFiles = undefined;
    const wanted = (key: string): boolean => !known?.has(key) || this.store.has(key);

    const listing = this.sources.list(folders, signal);
    const batch = newBatch<U>();
    const progressive = !this.firstScanDone;
    let walkMs = -1;
    let shownMs = -1;
    /** Plans this scan reported as changed or removed (a progressive scan's early reports left out). */
    let reported = 0;
    // Where the port can walk the folders itself (far quicker than `findFiles`), the index starts
    // on what the walk found while `findFiles` runs, and reports it; the listing then settles
    // what the walk could not know (links) or saw differently.
    const walked = await this.sources.walkFirst(folders, listing, signal);
    if (superseded()) return;
    if (walked) {
      walkMs = now() - started;
      this.reader.walked(walked.values());
      const done = await this.indexItems(known ? [...walked].filter(([key]) => wanted(key)).map(([, item]) => item) : [...walked.values()], batch, superseded, started, progressive);
      // Reported even when abandoned: the store holds them now.
      reported += this.fire(batch);
      if (!done) return;
      if (batch.changed.size > 0) {
        shownMs = now() - started;
        this.resolvePainted();
      }
      batch.changed.clear();
      batch.removed.clear();
    }

    const { lists, at: listedAt } = await listing;
    if (superseded()) return;
    const listMs = listedAt - started;

    const items = await this.sources.eligibleItems(lists, superseded, walked);
    if (!items) return;
    // Open documents the listing cannot know: outside every folder, or untitled. Inside a folder
    // the listing is the truth: the document of a deleted file (documents outlive their editors,
    // and VS Code keeps a deleted file's open document as dirty) must not bring the plan back.
    let slice = this.slices.start();
    for (const document of this.port.documents()) {
      const key = document.uri.toString();
      if (items.has(key) || !this.scope.documentEligible(document)) continue;
      if (document.isUntitled || !this.port.folderOf(document.uri)) {
        items.set(key, { uri: document.uri, preferDocument: true });
      }
    }
    const rest = walked || known ? [...items].filter(([key]) => !walked?.has(key) && wanted(key)).map(([, item]) => item) : [...items.values()];
    this.slices.note(slice);

    const completed = await this.indexItems(rest, batch, superseded, started, progressive && !walked);
    if (completed) {
      // Whatever this scan did not find is gone, unless a notification came in meanwhile
      // (then the pending batch settles it). A walked file the listing left out goes too.
      slice = this.slices.start();
      for (const key of [...this.store.keys()]) {
        if (!items.has(key) && !this.queue.isNewer(key, scanTick)) this.store.remove(key, batch);
      }
      this.slices.note(slice);
    }
    reported += this.fire(batch);
    if (!completed) return;

    const elapsed = now() - started;
    this._stats.scans++;
    this._stats.scannedFiles = items.size;
    this._stats.lastScanMs = elapsed;
    this._stats.lastScanListMs = listMs;
    this._stats.lastScanWalkMs = walkMs;
    this._stats.lastScanShownMs = shownMs >= 0 ? shownMs : elapsed;
    this._stats.lastScanWorkMs = this.slices.totalMs - worked;
    this._stats.lastScanLongestSliceMs = this.slices.scanLongestMs;
    if (this.slices.threadCpuMs) {
      this._stats.lastScanWorkCpuMs = this.slices.totalCpuMs - workedCpu;
      this._stats.lastScanLongestSliceCpuMs = this.slices.scanLongestCpuMs;
    }
    if (!this.firstScanDone && this.tuning.catchUpMs >= 0) this.firstScanFiles = new Set(items.keys());
    // After the first scan, and after each catch-up that started before the watcher was heard
    // from, one more, each three times as long after the one before (5 s, 15 s, 45 s).
    const another = this.tuning.catchUpMs >= 0 && this.catchUps < this.tuning.catchUps && (!this.firstScanDone || (reason === CATCH_UP && !watcherRuns));
    if (another) {
      const delay = this.tuning.catchUpMs * 3 ** this.catchUps++;
      // Not when another scan has started since: it looks again itself (and is not cut short).
      this.catchUpTimer = setTimeout(() => {
        this.catchUpTimer = undefined;
        if (generation === this.scanGeneration) void this.refresh(CATCH_UP, { reparse: false });
      }, delay);
    }
    this.firstScanDone = true;
    // A catch-up that found nothing leaves the snapshot as the first scan wrote it.
    if (reason !== CATCH_UP || reported > 0) this.scheduleSnapshot(0);
    const cpu = (ms: number): string => (this.slices.threadCpuMs ? ` (${ms.toFixed(0)} ms of CPU)` : '');
    this.logger?.info(
      `Plan index (${reason}): ${this.store.size} plans in ${items.size} files across ${folders.length} folder(s) ` +
        `in ${elapsed.toFixed(0)} ms (${walkMs >= 0 ? `walked in ${walkMs.toFixed(0)} ms, shown at ${this._stats.lastScanShownMs.toFixed(0)} ms, ` : ''}listing ${listMs.toFixed(0)} ms, parsing and storing ${this._stats.lastScanWorkMs.toFixed(0)} ms${cpu(this._stats.lastScanWorkCpuMs)}); ` +
        `longest slice ${this.slices.scanLongestMs.toFixed(1)} ms${cpu(this.slices.scanLongestCpuMs)}`,
    );
    if (reason === CATCH_UP && reported > 0) {
      this.logger?.info(`Plan index: the catch-up scan found ${reported} plan(s) changed, added or removed that no file event had reported (VS Code's file watcher starts some time after activation).`);
    }
    this.resolveReady();
  }

  // ---- live updates ----------------------------------------------------------------------

  private async flush(): Promise<void> {
    if (this.disposed) return;
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    const started = now();
    const worked = this.slices.totalMs;
    try {
      const takeSlice = this.slices.start();
      const items = await this.queue.take();
      this.slices.note(takeSlice);
      if (items.length === 0) return;
      const batch = newBatch<U>();
      await this.indexItems(items, batch, () => this.disposed, started);
      this._stats.flushes++;
      this._stats.lastFlushFiles = items.length;
      this._stats.lastFlushMs = now() - started;
      this._stats.lastFlushWorkMs = this.slices.totalMs - worked;
      this.fire(batch);
      if (batch.changed.size || batch.removed.size) this.scheduleSnapshot();
      this.logger?.debug(
        `Plan index: ${items.length} file(s) updated in ${this._stats.lastFlushMs.toFixed(1)} ms: ` +
          `${batch.changed.size} changed, ${batch.removed.size} removed`,
      );
    } catch (error) {
      this.logger?.error(`Plan index: update failed: ${errorText(error)}`);
    } finally {
      this.flushing = false;
      if (this.flushAgain || this.queue.hasPending) {
        this.flushAgain = false;
        this.queue.trigger();
      }
    }
  }

  // ---- reading and parsing ---------------------------------------------------------------

  /**
   * Reads and parses `items` in batches: the next batch is read while the current one is
   * parsed, and parsing yields to the event loop whenever a slice exceeds the budget.
   * Returns false when `abandoned()` said to stop.
   *
   * With `progressive` (the first scan, while the views are still empty) what is found so far is
   * reported after 1 s, 2 s, 4 s, … so a big workspace fills in early, yet the views rebuild only
   * a logarithmic number of times. Otherwise the caller reports everything in one event.
   */
  private async indexItems(items: readonly Pending<U>[], batch: Batch<U>, abandoned: () => boolean, started: number, progressive = false): Promise<boolean> {
    const documents = this.reader.documentsByKey();
    let emitInterval = this.tuning.maxWaitMs;
    let lastEmit = started;
    // The next batch's reads, each batch as large as its reads need (asked again each time:
    // synchronous reads may stop); undefined once every item is read.
    let end = 0;
    const loadNext = (): Promise<LoadedItem<U>[]> | undefined => {
      const start = end;
      end = Math.min(items.length, start + (this.reader.readsNow ? this.tuning.readNowBatchSize : this.tuning.batchSize));
      return start < items.length ? this.loadAll(items.slice(start, end), documents, abandoned) : undefined;
    };
    let next = loadNext();
    // While the first batch is read: the parser's first run compiles it, a slice of 15–20 ms in
    // one piece; in these steps no slice takes more than about 9 ms.
    if (next && !this.parserWarm) {
      this.parserWarm = true;
      for (const step of parserWarmUp()) {
        const slice = this.slices.start();
        step();
        this.slices.note(slice);
        await yieldToEventLoop();
      }
    }
    while (next) {
      const loaded = await next;
      if (abandoned()) return false;
      next = loadNext();

      let slice = this.slices.start();
      for (const item of loaded) {
        // A newer notification than the read will settle it.
        if (!this.queue.isNewer(item.pending.uri.toString(), item.tick)) this.store.apply(item.pending.uri, item.loaded, batch);
        const elapsed = now() - slice.wall;
        if (elapsed >= this.tuning.sliceBudgetMs) {
          this.slices.note(slice);
          await yieldToEventLoop();
          if (abandoned()) return false;
          slice = this.slices.start();
        }
      }
      this.slices.note(slice);
      if (!next) break;
      if (progressive && now() - lastEmit >= emitInterval) {
        this.fire(batch);
        batch.changed.clear();
        batch.removed.clear();
        lastEmit = now();
        emitInterval *= 2;
      }
      // Between batches, not after the last: one edited plan is indexed and reported at once.
      await yieldToEventLoop();
    }
    return true;
  }

  /**
   * Reads `items`, in their order. Where the port reads synchronously, plain files are read that
   * way first, in slices of their own (a read from the page cache is tens of microseconds; through
   * the asynchronous port it waits on six round trips to the thread pool); the rest, and all of
   * them elsewhere, with bounded concurrency.
   */
  private async loadAll(items: readonly Pending<U>[], documents: ReadonlyMap<string, IndexDocument<U>>, abandoned: () => boolean): Promise<LoadedItem<U>[]> {
    const results: LoadedItem<U>[] = new Array(items.length);
    let rest: number[] = [];
    if (this.reader.readsNow) {
      await this.reader.prepare(items);
      // Not run on from the caller's slice (the parse of the batch before).
      await yieldToEventLoop();
      let slice = this.slices.start();
      for (let i = 0; i < items.length; i++) {
        const tick = this.queue.tick;
        const loaded = this.reader.loadNow(items[i], documents);
        if (loaded) results[i] = { pending: items[i], tick, loaded };
        else rest.push(i);
        const elapsed = now() - slice.wall;
        if (elapsed >= this.tuning.sliceBudgetMs && i + 1 < items.length) {
          this.slices.note(slice);
          await yieldToEventLoop();
          if (abandoned()) return [];
          slice = this.slices.start();
        }
      }
      this.slices.note(slice);
    } else rest = items.map((_, i) => i);
    await mapLimit(rest, this.tuning.readConcurrency, async (i) => {
      const tick = this.queue.tick;
      results[i] = { pending: items[i], tick, loaded: await this.reader.load(items[i], documents) };
    });
    return results;
  }

  /** Reports `batch` in one event, when it holds anything; returns how many plans it named. */
  private fire(batch: Batch<U>): number {
    const named = batch.changed.size + batch.removed.size;
    if (this.disposed || named === 0) return 0;
    this._stats.events++;
    this.emitter.fire(
      Object.freeze({
        changed: Object.freeze([...batch.changed.values()]),
        removed: Object.freeze([...batch.removed.values()]),
      }),
    );
    return named;
  }
}
