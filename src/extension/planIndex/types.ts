/**
 * The plan index's public shapes, over the port's URI and folder types (see port.ts);
 * vscodePlanIndex.ts names them with `vscode.Uri` and `vscode.WorkspaceFolder`.
 */
import type { ParseOptions, Plan } from '../../core';
import type { Event, IndexFolder, IndexLogger, IndexUri } from './port';

/** A plan the index holds. Only documents that meet the plan detection rule (`plan.isPlan`) are kept. */
export interface IndexedPlan<U extends IndexUri, F extends IndexFolder<U>> {
  readonly uri: U;
  readonly plan: Plan;
  /** The workspace folder the file is in; undefined for an open document outside every folder (or untitled). */
  readonly folder?: F;
  /** Parsed from an open (possibly dirty) document rather than from the file on disk. */
  readonly fromDocument: boolean;
}

/** A file in scope the index did not read, and why (the core's `describeSkip` text). */
export interface SkippedFile<U extends IndexUri> {
  readonly uri: U;
  readonly reason: string;
}

/** What changed in one batch: plans added or updated, and plans gone (deleted, or no longer a plan). */
export interface PlanIndexChangeEvent<U extends IndexUri> {
  readonly changed: readonly U[];
  readonly removed: readonly U[];
}

/** The settings the index reads, behind an interface so tests can hand in their own. */
export interface PlanIndexSettings<F> {
  /** Glob of the files to consider, relative to `folder`. */
  getInclude(folder: F): string;
  /** Globs to skip in `folder`: `planTracker.exclude` and `files.exclude` together. */
  getExclude(folder: F): readonly string[];
  /** How to parse files of `folder` (task marks are a resource setting); undefined: outside every folder. */
  getParseOptions(folder: F | undefined): ParseOptions;
  /** Globs of files in `folder` that are plans whatever they hold (`planTracker.alwaysPlans`). */
  getAlwaysPlans?(folder: F): readonly string[];
  /** Fires when any of the above may have changed: the index then rescans and reparses. */
  readonly onDidChange?: Event<void>;
}

/** Where the snapshot lives (VS Code: a file in `context.storageUri`, through `workspace.fs`). */
export interface SnapshotStore<U> {
  read(): Promise<Uint8Array | undefined>;
  write(bytes: Uint8Array): Promise<void>;
  /** The URI a stored `toString()` stands for. */
  uriOf(text: string): U;
  /** Where it is kept, for the log line that says it was written. */
  readonly location?: string;
}

export interface PlanIndexTuning {
  /** Quiet period after the last notification before the pending set is processed. */
  readonly quietMs: number;
  /** Longest a notification waits while notifications keep coming. */
  readonly maxWaitMs: number;
  /**
   * Reading and parsing yield to the event loop once a slice has run this long. Well under the
   * 16 ms a slice may take: the plan that crosses the budget still finishes, and a garbage
   * collection can land in it (with 8 ms, slices of 15–23 ms were seen while VS Code started).
   */
  readonly sliceBudgetMs: number;
  /**
   * Files read at the same time. Through `workspace.fs` a file is five or six round trips to the
   * thread pool (stat, open, fstat, read, close), so the reads wait on latency, not on the disk:
   * 64 at a time halved the refresh of 2,000 plans against 16 (4.0 s to 2.0 s, the host's main
   * thread idle 1.6 s of the 4), and 128 gained little more.
   */
  readonly readConcurrency: number;
  /** Files read ahead while the previous batch is parsed, where they are read asynchronously (at most two batches of texts are held: about 6 MB of typical plans). */
  readonly batchSize: number;
  /**
   * The same, where files are read synchronously (`WorkspacePort.readNow`): such reads are quick,
   * so little need be read ahead, and every text read but not yet parsed when the young
   * generation is collected is copied by the collector. A Refresh of 2,000 plans in the extension
   * host (`bench:extension`, alternated runs): with 256, 114–274 ms of collector pauses, the
   * longest 64–103 ms; with 32, 57–78 ms, the longest 28–46 ms, and the Refresh 15% sooner.
   */
  readonly readNowBatchSize: number;
  /**
   * The first scan is followed, this long after it ends, by one more (of the plans and the files
   * the first scan did not see, without reparsing what did not change): VS Code's file watcher
   * starts some time after activation (microsoft/vscode#221010), so a plan written meanwhile would
   * stay out of the index until it is next touched. Negative: none.
   */
  readonly catchUpMs: number;
  /**
   * At most this many catch-up scans: while the watcher has reported nothing when one starts (it
   * may not run yet: 10–20 s after activation on a busy two-core machine), another follows, each
   * three times as long after the one before. The first catch-up that starts after a watcher event
   * is the last.
   */
  readonly catchUps: number;
  /**
   * A folder created while the index runs is listed again this often while it is young (then
   * six times as seldom), for the files the watcher does not report in the folders created inside
   * it at once (createdFolders.ts). Negative: never.
   */
  readonly createdFolderPollMs: number;
}

export const DEFAULT_TUNING: PlanIndexTuning = Object.freeze({
  quietMs: 150,
  maxWaitMs: 1000,
  sliceBudgetMs: 5,
  readConcurrency: 64,
  batchSize: 256,
  readNowBatchSize: 32,
  catchUpMs: 5_000,
  catchUps: 3,
  createdFolderPollMs: 5_000,
});

export interface PlanIndexOptions<F, U = IndexUri> {
  readonly settings: PlanIndexSettings<F>;
  readonly logger?: IndexLogger;
  readonly tuning?: Partial<PlanIndexTuning>;
  /**
   * Also index open Markdown documents outside every workspace folder (and untitled ones), so
   * that a plan opened on its own still has a tree entry and a status bar. Default true.
   */
  readonly includeOutsideDocuments?: boolean;
  /** Whether `file` paths compare case-insensitively (Windows, macOS): from the extension host. Default false. */
  readonly fileNamesIgnoreCase?: boolean;
  /**
   * Where the plans are kept between sessions (snapshot.ts): read on `start()` to paint the views
   * before the first scan, written after each scan and after changes settle.
   */
  readonly snapshot?: SnapshotStore<U>;
  /**
   * The calling thread's CPU time in milliseconds, where the host can tell it (Node's
   * `process.threadCpuUsage`, Node 23.9 and later): the stats then say how much of each slice was
   * the index's own work (`longestSliceCpuMs`).
   */
  readonly threadCpuMs?: () => number;
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
  /** When the file listing (`findFiles`) answered, in ms after the scan began (after a walk, the index worked meanwhile). */
  lastScanListMs: number;
  /**
   * Of that, the index's own work: its synchronous slices (parsing, storing, bookkeeping). The
   * rest is waiting, for reads and for the event loop.
   */
  lastScanWorkMs: number;
  /**
   * When the walk of the folders (`WorkspacePort.walk`) answered, in ms after the last full scan
   * began; -1 when that scan did not start from a walk (the port has none, or `findFiles` answered first).
   */
  lastScanWalkMs: number;
  /**
   * When that scan first reported the plans it found, in ms after it began: the walked plans,
   * reported before `findFiles` answered; else the scan's end (or its first progressive event).
   */
  lastScanShownMs: number;
  /** Longest synchronous stretch the index ran without yielding to the event loop (since start). */
  longestSliceMs: number;
  /** The same, during the last full scan only. */
  lastScanLongestSliceMs: number;
  /**
   * The largest thread CPU time of one slice, since start and in the last full scan, and the CPU
   * time of that scan's slices in all; -1 where the host cannot tell (`PlanIndexOptions.threadCpuMs`).
   * A slice's wall time also counts the moments the OS ran other processes instead (a busy
   * machine while the workbench starts); its CPU time is what the index itself took. Linux may
   * count a thread's CPU time in scheduler ticks (4 ms on the benchmark machine): one slice's
   * figure is then that coarse, a scan's sum is not.
   */
  longestSliceCpuMs: number;
  lastScanLongestSliceCpuMs: number;
  lastScanWorkCpuMs: number;
  /** Change events fired. */
  events: number;
  /** Plans painted from the snapshot, and when (ms after `start()`); -1 when there was none. */
  paintedPlans: number;
  paintMs: number;
  /** Snapshots written since start. */
  snapshotsWritten: number;
  /** Bytes of task texts the index's idle work saved by deflating them, since start. */
  deflatedBytes: number;
  /** Batches of live updates processed, their last size and wall time. */
  flushes: number;
  lastFlushFiles: number;
  lastFlushMs: number;
  /**
   * The index's own work in that batch: its synchronous slices (parsing, storing, bookkeeping),
   * without the waits for reads and for the event loop, which stretch on a busy machine.
   */
  lastFlushWorkMs: number;
}

export function emptyStats(): PlanIndexStats {
  return { plans: 0, scannedFiles: 0, indexedFiles: 0, skippedFiles: 0, scans: 0, lastScanMs: 0, lastScanListMs: 0, lastScanWorkMs: 0, lastScanWalkMs: -1, lastScanShownMs: 0, longestSliceMs: 0, lastScanLongestSliceMs: 0, longestSliceCpuMs: -1, lastScanLongestSliceCpuMs: -1, lastScanWorkCpuMs: -1, events: 0, paintedPlans: 0, paintMs: -1, snapshotsWritten: 0, deflatedBytes: 0, flushes: 0, lastFlushFiles: 0, lastFlushMs: 0, lastFlushWorkMs: 0 };
}

