/**
 * The index's change queue: every notification (a watcher event, a document opened, edited or
 * closed) lands in one pending set, processed after a short quiet period (at the latest
 * `maxWaitMs` after the first), so a `git checkout` of 500 plans is a few batches, not 500.
 *
 * - A notification clock: `touched` holds the tick of the latest notification per URI, so a read
 *   that started before a newer notification is dropped (the newer one settles it).
 * - The latest notification decides where to read: a document edit prefers the document's text;
 *   a disk event the disk (unless the document is still dirty: the reader checks that).
 * - A folder deleted is one watcher event for the folder only: the plans held below it are
 *   queued. A folder created (or moved in, or deleted and created again: one change event) is
 *   looked into for files in scope, and then looked at again for a while (createdFolders.ts).
 */
import { BurstDebouncer } from '../util/debounce';
import type { DiskChange, IndexDocument, IndexFolder, IndexLogger, IndexUri, WorkspacePort } from './port';
import type { IndexScope } from './scope';
import { errorText, fileNameOf } from '../../core';

/** A URI to read again; `preferDocument`: a document edit asked for it, take the open document's text even when it is not dirty. */
export interface Pending<U> {
  readonly uri: U;
  preferDocument: boolean;
}

export interface ChangeQueueOptions<U extends IndexUri, F extends IndexFolder<U>> {
  readonly port: WorkspacePort<U, F>;
  readonly scope: IndexScope<U, F>;
  /** Whether the index holds a plan at this key (a `toString()` of a URI). */
  readonly holds: (key: string) => boolean;
  /** The URIs of the plans held (to find those below a deleted folder). */
  readonly held: () => Iterable<U>;
  /** Called once a burst of notifications has gone quiet: process `take()`. */
  readonly onQuiet: () => void;
  readonly quietMs: number;
  readonly maxWaitMs: number;
  readonly readConcurrency: number;
  /** A folder was created in a workspace folder (its files are queued): see createdFolders.ts. */
  readonly onFolderCreated?: (uri: U) => void;
  readonly logger?: IndexLogger;
}

export class ChangeQueue<U extends IndexUri, F extends IndexFolder<U>> {
  /** Notification clock: `touched` holds the tick of the latest notification per uri. */
  private clock = 0;
  private readonly touched = new Map<string, number>();
  private readonly pending = new Map<string, Pending<U>>();
  private readonly createdFolders = new Map<string, U>();
  private readonly deletedFolders = new Set<string>();
  private readonly debouncer: BurstDebouncer;

  constructor(private readonly options: ChangeQueueOptions<U, F>) {
    this.debouncer = new BurstDebouncer(options.onQuiet, options.quietMs, options.maxWaitMs);
  }

  /** The current tick: a read started now is stale once `isNewer(key, tick)`. */
  get tick(): number {
    return this.clock;
  }

  /** Whether a notification for `key` came in after `tick`. */
  isNewer(key: string, tick: number): boolean {
    return (this.touched.get(key) ?? 0) > tick;
  }

  /** Whether processing is scheduled (a quiet period is running). */
  get isScheduled(): boolean {
    return this.debouncer.isPending;
  }

  /** Whether URIs wait in the pending set. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** A watcher event. */
  onDisk(uri: U, kind: DiskChange): void {
    const key = uri.toString();
    const scope = this.options.scope.of(uri);
    if (scope.eligible || this.options.holds(key)) {
      this.schedule(uri, false);
      return;
    }
    if (!scope.folder || scope.excluded || key === scope.folder.uri.toString()) return;
    // Not a file the index reads: it may be a folder that was created or deleted as a whole. A
    // folder deleted and created again in a moment reaches the extension as one change (VS Code
    // folds the two events), while the files written into it at once were not watched yet.
    if (kind === 'delete') {
      this.deletedFolders.add(key);
      this.debouncer.trigger();
    } else if (!/.\./.test(fileNameOf(uri.path))) {
      // Only names without an extension are looked at, to stay cheap when a build writes many
      // files. A leading dot is not an extension: `.planning`, `.kiro` and `.cursor` hold plans.
      this.createdFolders.set(key, uri);
      this.debouncer.trigger();
    }
  }

  /** A document opened or edited (`fromEdit`), or closed. */
  onDocument(document: IndexDocument<U>, fromEdit: boolean): void {
    if (this.options.scope.documentEligible(document) || this.options.holds(document.uri.toString())) this.schedule(document.uri, fromEdit);
  }

  schedule(uri: U, preferDocument: boolean): void {
    const key = uri.toString();
    this.touched.set(key, ++this.clock);
    // The latest notification decides where to read: a disk event after an edit (a save, a
    // delete) means the disk, unless the document is still dirty (the reader checks that).
    const pending = this.pending.get(key);
    if (pending) pending.preferDocument = preferDocument;
    else this.pending.set(key, { uri, preferDocument });
    this.debouncer.trigger();
  }

  /** Asks for processing again soon (a batch came in while one was being processed). */
  trigger(): void {
    this.debouncer.trigger();
  }

  /** Processes now instead of after the quiet period (no-op when nothing is scheduled). */
  flushNow(): void {
    this.debouncer.flush();
  }

  /** Everything pending, with folder events turned into the files they concern; the set is emptied. */
  async take(): Promise<Pending<U>[]> {
    await this.expandFolderEvents();
    const items = [...this.pending.values()];
    this.pending.clear();
    return items;
  }

  dispose(): void {
    this.debouncer.dispose();
  }

  private async expandFolderEvents(): Promise<void> {
    const { port, scope, logger } = this.options;
    if (this.deletedFolders.size > 0) {
      const deleted = new Set(this.deletedFolders);
      this.deletedFolders.clear();
      for (const uri of [...this.options.held()]) {
        const key = uri.toString();
        for (let slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
          if (deleted.has(key.slice(0, slash))) {
            this.schedule(uri, false);
            break;
          }
        }
      }
    }
    if (this.createdFolders.size > 0) {
      const created = [...this.createdFolders.values()];
      this.createdFolders.clear();
      await mapLimit(created, this.options.readConcurrency, async (uri) => {
        try {
          const stat = await port.stat(uri);
          if (stat?.type !== 'directory') return;
          const folder = port.folderOf(uri);
          if (!folder) return;
          const found = await port.findFiles(uri, '**/*', scope.excludeGlobOf(folder));
          for (const file of found) if (scope.of(file).eligible) this.schedule(file, false);
          this.options.onFolderCreated?.(uri);
        } catch (error) {
          logger?.warn(`Plan index: looking into ${uri.fsPath} failed: ${errorText(error)}`);
        }
      });
    }
  }
}

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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
