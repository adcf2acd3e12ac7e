/**
 * Which files a scan reads. The listing (`WorkspacePort.findFiles` per folder, with the folder's
 * include glob and its merged exclude globs) is the truth. Where the port can walk the folders
 * itself (the Node host's local disk: far quicker than the search service while the workbench
 * starts), the walk races it, and the scan starts on what the walk found; the listing, when it
 * answers, settles what the walk could not know (links) or saw differently. Either way the scope
 * says which of the files the index may read, in slices (a monorepo lists tens of thousands).
 */
import { errorText } from '../../core';
import { yieldToEventLoop } from '../util/debounce';
import type { Pending } from './changeQueue';
import type { IndexFolder, IndexLogger, IndexUri, WorkspacePort } from './port';
import type { IndexScope } from './scope';
import type { SliceMeter } from './slices';

const now = (): number => performance.now();

/** What the listing found, per folder (a folder it could not list: none), and when it answered (`performance.now()`). */
export interface Listing<U> {
  readonly lists: readonly (readonly U[])[];
  readonly at: number;
}

export class ScanSources<U extends IndexUri, F extends IndexFolder<U>> {
  constructor(
    private readonly port: WorkspacePort<U, F>,
    private readonly scope: IndexScope<U, F>,
    private readonly slices: SliceMeter,
    private readonly sliceBudgetMs: number,
    private readonly logger: IndexLogger | undefined,
  ) {}

  /** Lists every folder; a folder whose listing fails is logged and lists nothing. */
  async list(folders: readonly F[], signal: AbortSignal): Promise<Listing<U>> {
    const lists = await Promise.all(
      folders.map(async (folder) => {
        try {
          return await this.port.findFiles(folder.uri, this.scope.includeOf(folder), this.scope.excludeGlobOf(folder), signal);
        } catch (error) {
          this.logger?.error(`Plan index: listing files in ${folder.name} failed: ${errorText(error)}`);
          return [];
        }
      }),
    );
    return { lists, at: now() };
  }

  /**
   * The files a walk of the folders found (`WorkspacePort.walk`), when every folder could be
   * walked and the walk answered before the listing did (which then stops it); else undefined.
   */
  async walkFirst(folders: readonly F[], listing: Promise<Listing<U>>, signal: AbortSignal): Promise<Map<string, Pending<U>> | undefined> {
    const walk = this.port.walk?.bind(this.port);
    if (!walk || folders.length === 0) return undefined;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort);
    try {
      const walking = Promise.all(folders.map((folder) => walk(folder.uri, this.scope.walkFilterOf(folder), stop.signal))).catch((error: unknown) => {
        this.logger?.warn(`Plan index: walking the folders failed, the listing decides: ${errorText(error)}`);
        return undefined;
      });
      const first = await Promise.race([walking, listing.then(() => undefined)]);
      if (!first || first.some((list) => list === undefined)) return undefined;
      return await this.eligibleItems(first as (readonly U[])[], () => signal.aborted);
    } finally {
      stop.abort();
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * The files of `lists` the scope lets the index read, by key, sorted out in slices (tens of
   * thousands of files, a monorepo's Markdown); undefined when `abandoned()` said to stop.
   * `known`: files this scan already found eligible (its walk), not asked again.
   */
  async eligibleItems(lists: readonly (readonly U[])[], abandoned: () => boolean, known?: ReadonlyMap<string, Pending<U>>): Promise<Map<string, Pending<U>> | undefined> {
    let slice = this.slices.start();
    const items = new Map<string, Pending<U>>();
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        const uri = list[i];
        const key = uri.toString();
        const found = known?.get(key);
        // Nested workspace folders list a file twice; the innermost folder's rules decide.
        if (found) items.set(key, found);
        else if (this.scope.of(uri).eligible) items.set(key, { uri, preferDocument: false });
        if ((i & 31) === 31 && now() - slice.wall >= this.sliceBudgetMs) {
          this.slices.note(slice);
          await yieldToEventLoop();
          if (abandoned()) return undefined;
          slice = this.slices.start();
        }
      }
    }
    this.slices.note(slice);
    return items;
  }
}
