import * as vscode from 'vscode';
import { checkBeforeRead, checkAfterRead, describeSkip, mightBePlan, parsePlan, type ParseOptions, type Plan, type SkipReason } from '../../core';
import { CONFIG_SECTION, parseOptions, readSettings } from '../config';
import { BurstDebouncer, yieldToEventLoop } from '../util/debounce';
import { combineGlobs, globToRegExp, PathFilter } from '../util/glob';
import { isFileNotFound } from '../workspaceFs';
import { placeInWorkspace, statIsLink } from '../workspaceLinks';

/**
 * The plan index: the one source of truth about which files are plans and what they hold.
 *
 * Files on disk and open documents flow in; one batched `onDidChange` event flows out to every
 * view. Views never parse.
 *
 * - The first scan runs in the background (`start()`); `ready` resolves when it is done.
 * - Files are found with `workspace.findFiles` per workspace folder, with `planTracker.exclude`
 *   and `files.exclude` merged into one exclude glob (passing an exclude turns off the default
 *   `files.exclude`), and read through `workspace.fs`: large and binary files are skipped.
 * - Reading and parsing go in slices with bounded concurrency; the event loop runs between
 *   slices, and the longest synchronous slice is measured (`stats.longestSliceMs`).
 * - It stays live: document edits (from the in-memory text, before save), one file system
 *   watcher for create/change/delete on disk, workspace folder and settings changes. Every
 *   notification lands in one pending set that is processed after a short quiet period (at the
 *   latest `maxWaitMs` after the first), so a `git checkout` of 500 plans is a few events.
 * - A dirty document always wins over the disk: a change on disk never clobbers unsaved text.
 */

/** A plan the index holds. Only documents that meet the plan detection rule (`plan.isPlan`) are kept. */
export interface IndexedPlan {
  readonly uri: vscode.Uri;
  readonly plan: Plan;
  /** The workspace folder the file is in; undefined for an open document outside every folder (or untitled). */
  readonly folder?: vscode.WorkspaceFolder;
  /** Parsed from an open (possibly dirty) document rather than from the file on disk. */
  readonly fromDocument: boolean;
}

/** A file in scope the index did not read, and why (the core's `describeSkip` text). */
export interface SkippedFile {
  readonly uri: vscode.Uri;
  readonly reason: string;
}

/** What changed in one batch: plans added or updated, and plans gone (deleted, or no longer a plan). */
export interface PlanIndexChangeEvent {
  readonly changed: readonly vscode.Uri[];
  readonly removed: readonly vscode.Uri[];
}

/** The settings the index reads, behind an interface so tests can hand in their own. */
export interface PlanIndexSettings {
  /** Glob of the files to consider, relative to `folder`. */
  getInclude(folder: vscode.WorkspaceFolder): string;
  /** Globs to skip in `folder`: `planTracker.exclude` and `files.exclude` together. */
  getExclude(folder: vscode.WorkspaceFolder): readonly string[];
  /** How to parse files of `folder` (task marks are a resource setting); undefined: outside every folder. */
  getParseOptions(folder: vscode.WorkspaceFolder | undefined): ParseOptions;
  /** Globs of files in `folder` that are plans whatever they hold (`planTracker.alwaysPlans`). */
  getAlwaysPlans?(folder: vscode.WorkspaceFolder): readonly string[];
  /** Fires when any of the above may have changed: the index then rescans and reparses. */
  readonly onDidChange?: vscode.Event<void>;
}

export interface PlanIndexTuning {
  /** Quiet period after the last notification before the pending set is processed. */
  readonly quietMs: number;
  /** Longest a notification waits while notifications keep coming. */
  readonly maxWaitMs: number;
  /** Parsing yields to the event loop once a slice has run this long. */
  readonly sliceBudgetMs: number;
  /** Files read at the same time. */
  readonly readConcurrency: number;
  /** Files read ahead while the previous batch is parsed. */
  readonly batchSize: number;
}

export const DEFAULT_TUNING: PlanIndexTuning = Object.freeze({
  quietMs: 150,
  maxWaitMs: 1000,
  sliceBudgetMs: 8,
  readConcurrency: 16,
  batchSize: 64,
});

export interface PlanIndexOptions {
  readonly settings: PlanIndexSettings;
  readonly logger?: vscode.LogOutputChannel;
  readonly tuning?: Partial<PlanIndexTuning>;
  /**
   * Also index open Markdown documents outside every workspace folder (and untitled ones), so
   * that a plan opened on its own still has a tree entry and a status bar. Default true.
   */
  readonly includeOutsideDocuments?: boolean;
  /** Whether `file` paths compare case-insensitively (Windows, macOS): from the extension host. Default false. */
  readonly fileNamesIgnoreCase?: boolean;
}

/** Figures for tests, benchmarks and the log. */
export interface PlanIndexStats {
  /** Plans held now. */
  plans: number;
  /** Files listed by the last full scan. */
  scannedFiles: number;
  /** Files (and documents) read and parsed since start. */
  indexedFiles: number;
  /** Files skipped as too large, binary or unreadable. */
  skippedFiles: number;
  scans: number;
  /** Wall time of the last full scan, listing included. */
  lastScanMs: number;
  /** Longest synchronous stretch the index ran without yielding to the event loop (since start). */
  longestSliceMs: number;
  /** The same, during the last full scan only. */
  lastScanLongestSliceMs: number;
  /** Change events fired. */
  events: number;
  /** Batches of live updates processed, their last size and wall time. */
  flushes: number;
  lastFlushFiles: number;
  lastFlushMs: number;
}

type Loaded =
  | { readonly kind: 'text'; readonly text: string; readonly fromDocument: boolean; readonly version?: number; readonly file?: FileIdentity }
  | { readonly kind: 'gone' };

/**
 * Which real file a path read from disk is, as far as `workspace.fs` can tell (it has no realpath):
 * size, modification and creation times from the stat (which follows links), and, once parsed, the
 * text's hash. A path reached through a link (the file, or a folder above it in the workspace
 * folder) that has the identity of a path reached without one is the same file seen twice.
 */
interface FileIdentity {
  readonly identity: string;
  readonly viaLink: boolean;
}

interface Entry {
  /** What `get`/`getPlans` hand out: the same object until the entry changes. */
  readonly view: IndexedPlan;
  /** Set for files read from disk. */
  readonly file?: FileIdentity;
  readonly hash: number;
  readonly length: number;
  readonly optionsGeneration: number;
}

interface Pending {
  readonly uri: vscode.Uri;
  /** A document edit asked for it: take the open document's text even when it is not dirty. */
  preferDocument: boolean;
}

interface Batch {
  readonly changed: Map<string, vscode.Uri>;
  readonly removed: Map<string, vscode.Uri>;
}

const now = (): number => performance.now();

export class PlanIndex implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PlanIndexChangeEvent>();
  /** One event per batch of changes; every view listens to it. */
  readonly onDidChange: vscode.Event<PlanIndexChangeEvent> = this.emitter.event;
  /** Resolves once the first full scan is done (also when it failed: the failure is logged). */
  readonly ready: Promise<void>;

  private readonly settings: PlanIndexSettings;
  private readonly logger: vscode.LogOutputChannel | undefined;
  private readonly tuning: PlanIndexTuning;
  private readonly includeOutsideDocuments: boolean;
  private readonly fileNamesIgnoreCase: boolean;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer: BurstDebouncer;
  private resolveReady!: () => void;

  private readonly plans = new Map<string, Entry>();
  /** Files the read policy refused, with the reason; a file leaves the list when it is read again. */
  private readonly skippedList = new Map<string, SkippedFile>();
  /** Plans by file identity: the keys of paths that may be one real file (see `FileIdentity`). */
  private readonly byIdentity = new Map<string, Set<string>>();
  /** Folder URI → whether it is a symbolic link; asked once per scan. */
  private linkedFolders = new Map<string, Promise<boolean>>();
  private sorted: readonly IndexedPlan[] | undefined;
  private filters = new Map<string, { filter: PathFilter; excludeGlob: string | null; alwaysPlans: RegExp }>();
  /** Parse options per workspace folder ('' for documents outside every folder), and their signature. */
  private parseOptions = new Map<string, ParseOptions>();
  private parseOptionsSignature = '';
  private optionsGeneration = 0;

  /** Notification clock: `touched` holds the tick of the latest notification per uri. */
  private tick = 0;
  private readonly touched = new Map<string, number>();

  private readonly pending = new Map<string, Pending>();
  private readonly createdFolders = new Map<string, vscode.Uri>();
  private readonly deletedFolders = new Set<string>();
  private flushing = false;
  private flushAgain = false;

  private scanGeneration = 0;
  private scanPeakSliceMs = 0;
  private firstScanDone = false;
  private currentScan: Promise<void> | undefined;
  private scanToken: vscode.CancellationTokenSource | undefined;
  private started = false;
  private disposed = false;

  private readonly _stats: PlanIndexStats = {
    plans: 0,
    scannedFiles: 0,
    indexedFiles: 0,
    skippedFiles: 0,
    scans: 0,
    lastScanMs: 0,
    longestSliceMs: 0,
    lastScanLongestSliceMs: 0,
    events: 0,
    flushes: 0,
    lastFlushFiles: 0,
    lastFlushMs: 0,
  };

  constructor(options: PlanIndexOptions) {
    this.settings = options.settings;
    this.logger = options.logger;
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.includeOutsideDocuments = options.includeOutsideDocuments ?? true;
    this.fileNamesIgnoreCase = options.fileNamesIgnoreCase ?? false;
    this.debouncer = new BurstDebouncer(() => void this.flush(), this.tuning.quietMs, this.tuning.maxWaitMs);
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** A copy of the figures gathered so far. */
  get stats(): Readonly<PlanIndexStats> {
    return { ...this._stats, plans: this.plans.size };
  }

  /** Starts listening and the first scan in the background. Idempotent; never blocks activation. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;

    // One watcher for everything under the workspace folders. It is not restricted to `*.md`
    // because deleting (or moving away) a folder is reported as one event for the folder only:
    // the plans inside would otherwise never be noticed. Events are filtered here.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.onDiskEvent(uri, 'create')),
      watcher.onDidChange((uri) => this.onDiskEvent(uri, 'change')),
      watcher.onDidDelete((uri) => this.onDiskEvent(uri, 'delete')),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.onDocumentEvent(event.document, true);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => this.onDocumentEvent(document, true)),
      // The document's unsaved edits are gone: what counts now is the file on disk.
      vscode.workspace.onDidCloseTextDocument((document) => this.onDocumentEvent(document, false)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh('workspace folders changed', { reparse: false })),
    );
    if (this.settings.onDidChange) {
      // New parse options reparse every file by themselves; other settings only change the listing.
      this.disposables.push(this.settings.onDidChange(() => void this.refresh('settings changed', { reparse: false })));
    }
    void this.refresh('start', { reparse: false });
  }

  /** Every plan, sorted by path. */
  getPlans(): readonly IndexedPlan[] {
    this.sorted ??= Object.freeze(
      [...this.plans.values()]
        .map((entry) => entry.view)
        .sort((a, b) => compare(a.uri.path, b.uri.path) || compare(a.uri.toString(), b.uri.toString())),
    );
    return this.sorted;
  }

  /** Files in scope that were not read (too large, binary, not a regular file), with the reason, sorted by path. */
  getSkipped(): readonly SkippedFile[] {
    return [...this.skippedList.values()].sort((a, b) => compare(a.uri.path, b.uri.path));
  }

  get(uri: vscode.Uri): IndexedPlan | undefined {
    return this.plans.get(uri.toString())?.view;
  }

  /**
   * Lists and reads every file again (settings, folders, or the user asked). A scan still
   * running is abandoned. Resolves when this scan is done. With `reparse` (the default: what a
   * user's Refresh means) every file is parsed again and reported as changed; without it, files
   * whose text is unchanged are skipped and only real changes are reported.
   */
  refresh(reason = 'refresh', options: { readonly reparse?: boolean } = {}): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (options.reparse ?? true) this.optionsGeneration++;
    this.scanToken?.cancel();
    this.scanToken?.dispose();
    this.scanToken = new vscode.CancellationTokenSource();
    const scan = this.scan(++this.scanGeneration, this.scanToken.token, reason).catch((error: unknown) => {
      this.logger?.error(`Plan index: scan failed: ${describe(error)}`);
      this.resolveReady(); // `ready` means "the first scan is over", not "it went well"
    });
    this.currentScan = scan;
    return scan;
  }

  /** Processes pending live updates now instead of after the quiet period (tests, benchmarks). */
  async settle(): Promise<void> {
    await this.currentScan;
    this.debouncer.flush();
    while (this.flushing || this.debouncer.isPending) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      this.debouncer.flush();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.scanToken?.cancel();
    this.scanToken?.dispose();
    this.debouncer.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.emitter.dispose();
    this.plans.clear();
    this.byIdentity.clear();
    this.sorted = undefined;
    this.resolveReady();
  }

  // ---- full scan -------------------------------------------------------------------------

  private async scan(generation: number, token: vscode.CancellationToken, reason: string): Promise<void> {
    const started = now();
    const scanTick = this.tick;
    this.scanPeakSliceMs = 0;
    this.linkedFolders = new Map();
    const superseded = () => this.disposed || generation !== this.scanGeneration;
    this.reloadSettings();
    const folders = vscode.workspace.workspaceFolders ?? [];

    const lists = await Promise.all(
      folders.map(async (folder) => {
        const { excludeGlob } = this.filterFor(folder);
        try {
          return await vscode.workspace.findFiles(
            new vscode.RelativePattern(folder, this.settings.getInclude(folder)),
            excludeGlob,
            undefined,
            token,
          );
        } catch (error) {
          this.logger?.error(`Plan index: listing files in ${folder.name} failed: ${describe(error)}`);
          return [];
        }
      }),
    );
    if (superseded()) return;

    let sliceStart = now();
    const items = new Map<string, Pending>();
    for (const uri of lists.flat()) {
      // Nested workspace folders list a file twice; the innermost folder's rules decide.
      if (this.inScope(uri).eligible) items.set(uri.toString(), { uri, preferDocument: false });
    }
    // Open documents the listing cannot know: outside every folder, or untitled. Inside a folder
    // the listing is the truth: the document of a deleted file (documents outlive their editors,
    // and VS Code keeps a deleted file's open document as dirty) must not bring the plan back.
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      if (items.has(key) || !this.documentEligible(document)) continue;
      if (document.isUntitled || !vscode.workspace.getWorkspaceFolder(document.uri)) {
        items.set(key, { uri: document.uri, preferDocument: true });
      }
    }
    this.noteSlice(now() - sliceStart);

    const batch: Batch = { changed: new Map(), removed: new Map() };
    const completed = await this.indexItems([...items.values()], batch, superseded, started, !this.firstScanDone);
    if (completed) {
      // Whatever this scan did not find is gone, unless a notification came in meanwhile
      // (then the pending batch settles it).
      sliceStart = now();
      for (const [key, entry] of this.plans) {
        if (!items.has(key) && (this.touched.get(key) ?? 0) <= scanTick) this.remove(key, entry.view.uri, batch);
      }
      this.noteSlice(now() - sliceStart);
    }
    this.fire(batch);
    if (!completed) return;

    const elapsed = now() - started;
    this._stats.scans++;
    this._stats.scannedFiles = items.size;
    this._stats.lastScanMs = elapsed;
    this._stats.lastScanLongestSliceMs = this.scanPeakSliceMs;
    this.firstScanDone = true;
    this.logger?.info(
      `Plan index (${reason}): ${this.plans.size} plans in ${items.size} files across ${folders.length} folder(s) ` +
        `in ${elapsed.toFixed(0)} ms; longest slice ${this.scanPeakSliceMs.toFixed(1)} ms`,
    );
    this.resolveReady();
  }

  // ---- live updates ----------------------------------------------------------------------

  private onDiskEvent(uri: vscode.Uri, kind: 'create' | 'change' | 'delete'): void {
    if (this.disposed) return;
    const key = uri.toString();
    const scope = this.inScope(uri);
    if (scope.eligible || this.plans.has(key)) {
      this.schedule(uri, false);
      return;
    }
    if (!scope.folder || scope.excluded || kind === 'change') return;
    // Not a file the index reads: it may be a folder that was created or deleted as a whole.
    if (kind === 'delete') {
      this.deletedFolders.add(key);
      this.debouncer.trigger();
    } else if (!/\.[^/]*$/.test(uri.path.slice(uri.path.lastIndexOf('/') + 1))) {
      // Only names without an extension are looked at, to stay cheap when a build writes many files.
      this.createdFolders.set(key, uri);
      this.debouncer.trigger();
    }
  }

  private onDocumentEvent(document: vscode.TextDocument, fromEdit: boolean): void {
    if (this.disposed) return;
    if (this.documentEligible(document) || this.plans.has(document.uri.toString())) this.schedule(document.uri, fromEdit);
  }

  private schedule(uri: vscode.Uri, preferDocument: boolean): void {
    const key = uri.toString();
    this.touched.set(key, ++this.tick);
    // The latest notification decides where to read: a disk event after an edit (a save, a
    // delete) means the disk, unless the document is still dirty (load() checks that).
    const pending = this.pending.get(key);
    if (pending) pending.preferDocument = preferDocument;
    else this.pending.set(key, { uri, preferDocument });
    this.debouncer.trigger();
  }

  private async flush(): Promise<void> {
    if (this.disposed) return;
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    const started = now();
    try {
      await this.expandFolderEvents();
      const items = [...this.pending.values()];
      this.pending.clear();
      if (items.length === 0) return;
      const batch: Batch = { changed: new Map(), removed: new Map() };
      await this.indexItems(items, batch, () => this.disposed, started);
      this._stats.flushes++;
      this._stats.lastFlushFiles = items.length;
      this._stats.lastFlushMs = now() - started;
      this.fire(batch);
      this.logger?.debug(
        `Plan index: ${items.length} file(s) updated in ${this._stats.lastFlushMs.toFixed(1)} ms: ` +
          `${batch.changed.size} changed, ${batch.removed.size} removed`,
      );
    } catch (error) {
      this.logger?.error(`Plan index: update failed: ${describe(error)}`);
    } finally {
      this.flushing = false;
      if (this.flushAgain || this.pending.size > 0) {
        this.flushAgain = false;
        this.debouncer.trigger();
      }
    }
  }

  /** Turns folder-level create/delete events into the files they concern (into `pending`). */
  private async expandFolderEvents(): Promise<void> {
    if (this.deletedFolders.size > 0) {
      const deleted = new Set(this.deletedFolders);
      this.deletedFolders.clear();
      for (const [key, entry] of this.plans) {
        for (let slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
          if (deleted.has(key.slice(0, slash))) {
            this.schedule(entry.view.uri, false);
            break;
          }
        }
      }
    }
    if (this.createdFolders.size > 0) {
      const created = [...this.createdFolders.values()];
      this.createdFolders.clear();
      await mapLimit(created, this.tuning.readConcurrency, async (uri) => {
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if ((stat.type & vscode.FileType.Directory) === 0) return;
          const folder = vscode.workspace.getWorkspaceFolder(uri);
          if (!folder) return;
          const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), this.filterFor(folder).excludeGlob);
          for (const file of found) if (this.inScope(file).eligible) this.schedule(file, false);
        } catch (error) {
          if (!isFileNotFound(error)) this.logger?.warn(`Plan index: looking into ${uri.fsPath} failed: ${describe(error)}`);
        }
      });
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
  private async indexItems(items: readonly Pending[], batch: Batch, abandoned: () => boolean, started: number, progressive = false): Promise<boolean> {
    const { batchSize } = this.tuning;
    const documents = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    let emitInterval = this.tuning.maxWaitMs;
    let lastEmit = started;
    let next = items.length > 0 ? this.loadAll(items.slice(0, batchSize), documents) : undefined;
    for (let offset = 0; next; offset += batchSize) {
      const loaded = await next;
      if (abandoned()) return false;
      next = offset + batchSize < items.length ? this.loadAll(items.slice(offset + batchSize, offset + 2 * batchSize), documents) : undefined;

      let sliceStart = now();
      for (const item of loaded) {
        this.apply(item.pending.uri, item.loaded, item.tick, batch);
        const elapsed = now() - sliceStart;
        if (elapsed >= this.tuning.sliceBudgetMs) {
          this.noteSlice(elapsed);
          await yieldToEventLoop();
          if (abandoned()) return false;
          sliceStart = now();
        }
      }
      this.noteSlice(now() - sliceStart);
      if (progressive && next && now() - lastEmit >= emitInterval) {
        this.fire(batch);
        batch.changed.clear();
        batch.removed.clear();
        lastEmit = now();
        emitInterval *= 2;
      }
      await yieldToEventLoop();
    }
    return true;
  }

  private loadAll(items: readonly Pending[], documents: ReadonlyMap<string, vscode.TextDocument>) {
    return mapLimit(items, this.tuning.readConcurrency, async (pending) => {
      const tick = this.tick;
      return { pending, tick, loaded: await this.load(pending, documents) };
    });
  }

  /** The text to parse for `pending.uri`, or `gone` (deleted, out of scope, skipped). Never throws. */
  private async load(pending: Pending, documents: ReadonlyMap<string, vscode.TextDocument>): Promise<Loaded> {
    const { uri } = pending;
    const key = uri.toString();
    this.skippedList.delete(key);
    // The map was taken when the batch started; a document may have been closed since.
    const document = documents.get(key);
    const open = document && !document.isClosed ? document : vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const scope = this.inScope(uri);
    if (scope.folder ? !scope.eligible : !(open && this.documentEligible(open))) return { kind: 'gone' };
    if (open && (pending.preferDocument || open.isDirty || open.isUntitled || !scope.folder)) {
      // A disk event for a dirty document: its unsaved text wins over the disk's content, but not
      // over a deletion (VS Code keeps the document of a deleted file open, dirty). Typing in it
      // again brings the plan back, as unsaved text.
      // A clean document of a deleted file is only its last saved text: the deletion wins too.
      // (Its last edit event, a revert say, can arrive after the delete's watcher event.)
      if ((!pending.preferDocument || !open.isDirty) && scope.folder && !open.isUntitled && !(await existsOnDisk(uri))) return { kind: 'gone' };
      return { kind: 'text', text: open.getText(), fromDocument: true, version: open.version };
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      // The core's read policy, as the CLI applies it: regular files only (links followed), one size cap, the binary sniff, the BOM.
      const type = stat.type & vscode.FileType.File ? 'file' : stat.type & vscode.FileType.Directory ? 'directory' : 'other';
      if (type === 'directory') return { kind: 'gone' };
      const before = checkBeforeRead({ type, size: stat.size });
      if (before) return this.skip(uri, before);
      const decoded = checkAfterRead(await vscode.workspace.fs.readFile(uri));
      if ('skip' in decoded) return this.skip(uri, decoded.skip);
      const viaLink = (stat.type & vscode.FileType.SymbolicLink) !== 0 || (scope.folder !== undefined && (await this.underLinkedFolder(uri, scope.folder)));
      return { kind: 'text', text: decoded.text, fromDocument: false, file: { identity: `${stat.size}:${stat.mtime}:${stat.ctime}`, viaLink } };
    } catch (error) {
      if (!isFileNotFound(error)) this.logger?.warn(`Plan index: cannot read ${uri.fsPath}: ${describe(error)}`);
      return { kind: 'gone' };
    }
  }

  /** Whether a folder between `folder` and `uri` is a symbolic link (asked once per folder and scan). */
  private async underLinkedFolder(uri: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<boolean> {
    const isLink = (dir: vscode.Uri): Promise<boolean> => {
      const key = dir.toString();
      let linked = this.linkedFolders.get(key);
      if (!linked) this.linkedFolders.set(key, (linked = statIsLink(dir)));
      return linked;
    };
    return (await placeInWorkspace(folder.uri, vscode.Uri.joinPath(uri, '..'), isLink)) === 'through-link';
  }

  /** A file the read policy refused: counted, remembered with its reason (`skipped()`) and logged as a warning. */
  private skip(uri: vscode.Uri, reason: SkipReason): Loaded {
    this._stats.skippedFiles++;
    const why = describeSkip(reason);
    this.skippedList.set(uri.toString(), { uri, reason: why });
    this.logger?.warn(`Plan index: ${uri.fsPath}: ${why}`);
    return { kind: 'gone' };
  }

  /** Parses and stores (or drops) one file's result, unless a newer notification made it stale. */
  private apply(uri: vscode.Uri, loaded: Loaded, tick: number, batch: Batch): void {
    const key = uri.toString();
    if ((this.touched.get(key) ?? 0) > tick) return; // a newer notification will settle it
    const existing = this.plans.get(key);
    if (loaded.kind === 'gone') {
      if (existing) this.remove(key, existing.view.uri, batch);
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const hash = fnv1a(loaded.text);
    if (
      existing &&
      existing.hash === hash &&
      existing.length === loaded.text.length &&
      existing.optionsGeneration === this.optionsGeneration &&
      existing.view.folder?.uri.toString() === folder?.uri.toString()
    ) {
      // Same text: no event. Only where it came from (saved, closed) and the version (typed, then
      // undone) may differ; they are kept current without a reparse.
      const { view } = existing;
      const file = loaded.file && this.identify(loaded.file, hash, loaded.text.length);
      if (file && file.identity !== existing.file?.identity) {
        // Touched, not changed: the stat moved on; keep the identity current so a link still finds its twin.
        this.forgetIdentity(key, existing.file);
        this.plans.set(key, { ...existing, file });
        this.rememberIdentity(key, file);
      }
      if (view.fromDocument !== loaded.fromDocument || view.plan.version !== loaded.version) {
        const plan = view.plan.version === loaded.version ? view.plan : Object.freeze({ ...view.plan, version: loaded.version });
        this.plans.set(key, { ...this.plans.get(key)!, view: Object.freeze({ ...view, plan, fromDocument: loaded.fromDocument }) });
        this.sorted = undefined;
      }
      return;
    }
    this._stats.indexedFiles++;
    const assumePlan = folder !== undefined && this.isAlwaysPlan(folder, uri);
    if (!assumePlan && !mightBePlan(loaded.text)) {
      // Most Markdown is not a plan; the cheap test spares it the parse.
      if (existing) this.remove(key, existing.view.uri, batch);
      return;
    }
    let plan: Plan;
    try {
      const options = this.parseOptionsFor(folder);
      plan = parsePlan({ text: loaded.text, uri: key, version: loaded.version }, assumePlan ? { ...options, assumePlan } : options);
    } catch (error) {
      this.logger?.error(`Plan index: parsing ${uri.fsPath} failed: ${describe(error)}`);
      if (existing) this.remove(key, existing.view.uri, batch);
      return;
    }
    if (!plan.isPlan) {
      if (existing) this.remove(key, existing.view.uri, batch);
      return;
    }
    const file = loaded.file && this.identify(loaded.file, hash, loaded.text.length);
    if (file && this.isTwinOfAnother(key, file)) {
      // The same real file as a plan already held, reached through a link: counted once.
      if (existing) this.remove(key, existing.view.uri, batch);
      return;
    }
    const view: IndexedPlan = Object.freeze({ uri: existing?.view.uri ?? uri, plan, folder, fromDocument: loaded.fromDocument });
    if (existing) this.forgetIdentity(key, existing.file);
    this.plans.set(key, {
      view,
      file,
      hash,
      length: loaded.text.length,
      optionsGeneration: this.optionsGeneration,
    });
    if (file) {
      this.rememberIdentity(key, file);
      // Twins held so far through a link give way to this path.
      for (const other of [...(this.byIdentity.get(file.identity) ?? [])]) {
        const entry = this.plans.get(other);
        if (other !== key && entry?.file?.viaLink && this.isTwinOfAnother(other, entry.file)) this.remove(other, entry.view.uri, batch);
      }
    }
    this.sorted = undefined;
    batch.removed.delete(key);
    batch.changed.set(key, view.uri);
  }

  // ---- one real file, one plan -------------------------------------------------------------

  private identify(file: FileIdentity, hash: number, length: number): FileIdentity {
    return { identity: `${file.identity}:${hash}:${length}`, viaLink: file.viaLink };
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

  private remove(key: string, uri: vscode.Uri, batch: Batch): void {
    this.forgetIdentity(key, this.plans.get(key)?.file);
    this.plans.delete(key);
    this.sorted = undefined;
    batch.changed.delete(key);
    batch.removed.set(key, uri);
  }

  private fire(batch: Batch): void {
    if (this.disposed || (batch.changed.size === 0 && batch.removed.size === 0)) return;
    this._stats.events++;
    this.emitter.fire(Object.freeze({
      changed: Object.freeze([...batch.changed.values()]),
      removed: Object.freeze([...batch.removed.values()]),
    }));
  }

  // ---- scope -----------------------------------------------------------------------------

  private reloadSettings(): void {
    this.filters = new Map();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const options = new Map<string, ParseOptions>([['', this.settings.getParseOptions(undefined)]]);
    for (const folder of folders) options.set(folder.uri.toString(), this.settings.getParseOptions(folder));
    this.parseOptions = options;
    // Only a real change of the options reparses every file; a plain refresh reports real changes only.
    const signature = JSON.stringify([...options]);
    if (signature !== this.parseOptionsSignature) {
      this.parseOptionsSignature = signature;
      this.optionsGeneration++;
    }
  }

  private parseOptionsFor(folder: vscode.WorkspaceFolder | undefined): ParseOptions {
    const key = folder?.uri.toString() ?? '';
    let options = this.parseOptions.get(key);
    if (!options) {
      options = this.settings.getParseOptions(folder);
      this.parseOptions.set(key, options);
    }
    return options;
  }

  /** Whether `uri` matches `planTracker.alwaysPlans` of its folder. */
  private isAlwaysPlan(folder: vscode.WorkspaceFolder, uri: vscode.Uri): boolean {
    const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return uri.path.startsWith(base) && this.filterFor(folder).alwaysPlans.test(uri.path.slice(base.length));
  }

  private filterFor(folder: vscode.WorkspaceFolder) {
    const key = folder.uri.toString();
    let entry = this.filters.get(key);
    if (!entry) {
      const exclude = this.settings.getExclude(folder);
      const ignoreCase = folder.uri.scheme === 'file' && this.fileNamesIgnoreCase;
      const alwaysPlans = this.settings.getAlwaysPlans?.(folder) ?? [];
      entry = {
        filter: new PathFilter(this.settings.getInclude(folder), exclude, ignoreCase),
        excludeGlob: combineGlobs(exclude),
        alwaysPlans: alwaysPlans.length ? globToRegExp(alwaysPlans, ignoreCase) : /$^/,
      };
      this.filters.set(key, entry);
    }
    return entry;
  }

  /** Which workspace folder `uri` is in, and whether the include/exclude rules let the index read it. */
  private inScope(uri: vscode.Uri): { folder?: vscode.WorkspaceFolder; eligible: boolean; excluded: boolean } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return { eligible: false, excluded: false };
    const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    if (!uri.path.startsWith(base)) return { folder, eligible: false, excluded: false };
    const relative = uri.path.slice(base.length);
    const { filter } = this.filterFor(folder);
    const excluded = filter.isExcluded(relative);
    return { folder, eligible: !excluded && filter.matches(relative), excluded };
  }

  /** Whether an open document belongs in the index. */
  private documentEligible(document: vscode.TextDocument): boolean {
    const scope = this.inScope(document.uri);
    if (scope.folder) return scope.eligible;
    if (!this.includeOutsideDocuments || document.languageId !== 'markdown') return false;
    // Not `git:` (diff views), output channels and the like: only real files and untitled ones.
    const scheme = document.uri.scheme;
    return scheme === 'file' || scheme === 'untitled' || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === scheme);
  }

  private noteSlice(ms: number): void {
    if (ms > this._stats.longestSliceMs) this._stats.longestSliceMs = ms;
    if (ms > this.scanPeakSliceMs) this.scanPeakSliceMs = ms;
  }
}

/** The index's settings from `planTracker.*` and `files.exclude`; fires on changes to them. */
export class WorkspacePlanIndexSettings implements PlanIndexSettings, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (
        ['include', 'exclude', 'alwaysPlans', 'taskMarks', 'templatePath'].some((key) => event.affectsConfiguration(`${CONFIG_SECTION}.${key}`)) ||
        event.affectsConfiguration('files.exclude')
      ) {
        this.emitter.fire();
      }
    });
  }

  getInclude(folder: vscode.WorkspaceFolder): string {
    return readSettings(folder).include;
  }

  getExclude(folder: vscode.WorkspaceFolder): readonly string[] {
    const settings = readSettings(folder);
    // The workspace's New Plan template has a Status Tracking section, but it is not a plan.
    const template = /^(?:[a-zA-Z]:)?[\\/]/.test(settings.templatePath) ? [] : [escapeGlob(settings.templatePath.replace(/\\/g, '/').replace(/^\.\//, ''))];
    return [...settings.exclude, ...filesExclude(folder), ...template];
  }

  getParseOptions(folder: vscode.WorkspaceFolder | undefined): ParseOptions {
    return parseOptions(readSettings(folder));
  }

  getAlwaysPlans(folder: vscode.WorkspaceFolder): readonly string[] {
    return readSettings(folder).alwaysPlans;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/**
 * The `files.exclude` globs that are on. Entries with a `when` clause (exclude `*.js` only next
 * to a `*.ts`) cannot be expressed as a plain glob and are left out.
 */
export function filesExclude(scope?: vscode.ConfigurationScope): string[] {
  const setting = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(setting)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
}

/** A path as a glob that matches exactly that path. */
function escapeGlob(path: string): string {
  return path.replace(/[*?[\]{}]/g, '[$&]');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 32-bit FNV-1a of the UTF-16 code units: tells "same text as last time" without keeping the text. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function existsOnDisk(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
