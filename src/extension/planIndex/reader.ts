/**
 * The index's reader: the text to parse for a URI, from the open document or from the disk.
 *
 * - An unsaved document wins over the disk: a change on disk never clobbers unsaved text. It
 *   does not win over a deletion (VS Code keeps the document of a deleted file open, dirty);
 *   typing in it again brings the plan back, as unsaved text.
 * - A file on disk is read by the core's read policy (core/readPolicy.ts), as the CLI reads it:
 *   regular files only (links followed), one size cap, the binary sniff, the BOM. A file the
 *   policy refuses is kept in `skipped` with the reason, and logged.
 * - A file read from disk carries an identity (size and times from the stat, and whether a link
 *   is on its way), so the store can tell one real file reached by two paths.
 * - Where the port reads synchronously (`WorkspacePort.readNow`: the Node host's local disk), a
 *   plain file is read that way (`loadNow`), in the index's slices; everything else, and every
 *   file once such reads were slow (a network drive), goes the asynchronous way (`load`).
 */
import { checkAfterRead, checkBeforeRead, describeSkip, hashUtf8, MAX_READ_BYTES, type SkipReason } from '../../core';
import type { IndexDocument, IndexFolder, IndexLogger, IndexUri, LocalFileStat, WorkspacePort } from './port';
import type { IndexScope } from './scope';
import { errorText } from '../../core';
import type { SkippedFile } from './types';
import type { Pending } from './changeQueue';

/**
 * Which real file a path read from disk is, as far as the workspace's file system can tell (it has
 * no realpath): size, modification and creation times from the stat (which follows links), and,
 * once parsed, the text's hash. A path reached through a link (the file, or a folder above it in
 * the workspace folder) that has the identity of a path reached without one is the same file seen twice.
 */
export interface FileIdentity {
  readonly identity: string;
  readonly viaLink: boolean;
}

export type Loaded =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly fromDocument: boolean;
      readonly version?: number;
      readonly file?: FileIdentity;
      /** `hashText(text)`, when the reader knows it: of a file read as UTF-8, the hash of the bytes read (core/text.ts hashUtf8). */
      readonly hash?: number;
    }
  | { readonly kind: 'gone' };

/**
 * A synchronous read that took longer than this is slow. `SLOW_READS_NOW` of them (a network
 * drive, a disk waking up), when they are also at least one in `SLOW_READS_NOW_SHARE` of the
 * reads so far, turn them off until the next scan: the event loop must not wait on the disk. One
 * slow read alone is not enough: while the workbench starts on two cores, the OS runs other
 * processes in the middle of a few 60 µs reads (measured: one 8 ms read sent 1,861 of 2,000 files
 * the slow way, and the startup scan waited 3.8 s on them).
 */
export const SLOW_READ_NOW_MS = 8;
export const SLOW_READS_NOW = 3;
export const SLOW_READS_NOW_SHARE = 20;

export class PlanReader<U extends IndexUri, F extends IndexFolder<U>> {
  /** Files the read policy refused, with the reason; a file leaves the list when it is read again. */
  private readonly skippedList = new Map<string, SkippedFile<U>>();
  /** Folder URI → whether it is a symbolic link; asked once per scan. */
  private linkedFolders = new Map<string, Promise<boolean>>();
  /** The same, once known (for `loadNow`). */
  private knownLinks = new Map<string, boolean>();
  /** Parent folder URI → whether a folder between it and its workspace folder (included) is a link, once known. */
  private linkedParents = new Map<string, boolean>();
  /** Synchronous reads are off (too many were slow) until the next scan. */
  private readsNowOff = false;
  /** Synchronous reads this scan, and how many of them were slow. */
  private readsNowDone = 0;
  private slowReadsNow = 0;
  /** Files the read policy refused since start. */
  skippedCount = 0;

  constructor(
    private readonly port: WorkspacePort<U, F>,
    private readonly scope: IndexScope<U, F>,
    private readonly logger: IndexLogger | undefined,
  ) {}

  /** A scan starts: folders are asked again whether they are links; synchronous reads are on again. */
  newScan(): void {
    this.linkedFolders = new Map();
    this.knownLinks = new Map();
    this.linkedParents = new Map();
    this.readsNowOff = false;
    this.readsNowDone = 0;
    this.slowReadsNow = 0;
  }

  /**
   * `items` were found by a walk of the folders (`WorkspacePort.walk`), which enters no link: no
   * folder on their way is one, and `prepare` need not ask.
   */
  walked(items: Iterable<Pending<U>>): void {
    for (const { uri } of items) this.linkedParents.set(parentKey(uri), false);
  }

  /** Whether `loadNow` may answer at all (the port reads synchronously, and its reads were not too slow this scan). */
  get readsNow(): boolean {
    return this.port.readNow !== undefined && !this.readsNowOff;
  }

  /** Learns, for `loadNow`, whether the folders on the way to each of `items` are links (asked once per folder and scan). */
  async prepare(items: readonly Pending<U>[]): Promise<void> {
    const asked = new Set<string>();
    const waits: Promise<boolean>[] = [];
    for (const { uri } of items) {
      const parent = parentKey(uri);
      if (this.linkedParents.has(parent) || asked.has(parent)) continue;
      asked.add(parent);
      const folder = this.port.folderOf(uri);
      for (const dir of (folder && this.port.foldersBetween(folder.uri, uri)) ?? []) {
        const key = dir.toString();
        if (!this.knownLinks.has(key)) waits.push(this.linkedFolder(dir));
      }
    }
    await Promise.all(waits);
  }

  /**
   * `load`, synchronously, for a plain file on disk that the port reads at once
   * (`WorkspacePort.readNow`). `undefined` when only `load` can say: an open document, a file out
   * of scope or outside the folders, a link, a folder on the way not known yet to be a link or
   * not (`prepare` learns them), or synchronous reads off.
   */
  loadNow(pending: Pending<U>, documents: ReadonlyMap<string, IndexDocument<U>>): Loaded | undefined {
    const readNow = this.port.readNow;
    if (!readNow || this.readsNowOff || pending.preferDocument) return undefined;
    const { uri } = pending;
    const key = uri.toString();
    if (documents.has(key) || this.port.documents().some((d) => d.uri.toString() === key)) return undefined;
    const scope = this.scope.of(uri);
    if (!scope.folder || !scope.eligible) return undefined;
    const viaLink = this.linkedNow(uri, scope.folder);
    if (viaLink === undefined) return undefined;
    const started = performance.now();
    const read = readNow.call(this.port, uri, limitByPolicy);
    const ms = performance.now() - started;
    this.readsNowDone++;
    if (ms > SLOW_READ_NOW_MS && ++this.slowReadsNow >= SLOW_READS_NOW && this.slowReadsNow * SLOW_READS_NOW_SHARE >= this.readsNowDone) {
      this.readsNowOff = true;
      this.logger?.info(
        `Plan index: reading ${uri.fsPath} took ${ms.toFixed(0)} ms, ${this.slowReadsNow} of ${this.readsNowDone} reads over ${SLOW_READ_NOW_MS} ms; the rest of this scan reads asynchronously`,
      );
    }
    if (!read) return undefined;
    this.skippedList.delete(key);
    const { stat, bytes } = read;
    if (stat.type === 'directory') return { kind: 'gone' };
    const before = checkBeforeRead({ type: stat.type, size: stat.size });
    if (before) return this.skip(uri, before);
    if (!bytes) return undefined;
    return this.decoded(uri, bytes, stat, viaLink);
  }

  /** Files in scope that were not read (too large, binary, not a regular file), with the reason, sorted by path. */
  skipped(): readonly SkippedFile<U>[] {
    return [...this.skippedList.values()].sort((a, b) => compare(a.uri.path, b.uri.path));
  }

  /** The open documents by key, taken when a batch starts. */
  documentsByKey(): Map<string, IndexDocument<U>> {
    return new Map(this.port.documents().map((document) => [document.uri.toString(), document]));
  }

  /** The text to parse for `pending.uri`, or `gone` (deleted, out of scope, skipped). Never throws. */
  async load(pending: Pending<U>, documents: ReadonlyMap<string, IndexDocument<U>>): Promise<Loaded> {
    const { uri } = pending;
    const key = uri.toString();
    this.skippedList.delete(key);
    // The map was taken when the batch started; a document may have been closed since.
    const document = documents.get(key);
    const open = document && !document.isClosed ? document : this.port.documents().find((d) => d.uri.toString() === key);
    const scope = this.scope.of(uri);
    if (scope.folder ? !scope.eligible : !(open && this.scope.documentEligible(open))) return { kind: 'gone' };
    if (open && (pending.preferDocument || open.isDirty || open.isUntitled || !scope.folder)) {
      // A disk event for a dirty document: its unsaved text wins over the disk's content, but not
      // over a deletion (VS Code keeps the document of a deleted file open, dirty). Typing in it
      // again brings the plan back, as unsaved text.
      // A clean document of a deleted file is only its last saved text: the deletion wins too.
      // (Its last edit event, a revert say, can arrive after the delete's watcher event.)
      if ((!pending.preferDocument || !open.isDirty) && scope.folder && !open.isUntitled && !(await this.existsOnDisk(uri))) return { kind: 'gone' };
      return { kind: 'text', text: open.getText(), fromDocument: true, version: open.version };
    }
    try {
      const stat = await this.port.stat(uri);
      if (!stat || stat.type === 'directory') return { kind: 'gone' };
      const before = checkBeforeRead({ type: stat.type, size: stat.size });
      if (before) return this.skip(uri, before);
      const bytes = await this.port.readFile(uri);
      if (!bytes) return { kind: 'gone' };
      const viaLink = stat.isLink || (scope.folder !== undefined && (await this.underLinkedFolder(uri, scope.folder)));
      return this.decoded(uri, bytes, stat, viaLink);
    } catch (error) {
      this.logger?.warn(`Plan index: cannot read ${uri.fsPath}: ${errorText(error)}`);
      return { kind: 'gone' };
    }
  }

  /** The text of a file read from disk, by the read policy's last step. */
  private decoded(uri: U, bytes: Uint8Array, stat: LocalFileStat, viaLink: boolean): Loaded {
    const decoded = checkAfterRead(bytes);
    if ('skip' in decoded) return this.skip(uri, decoded.skip);
    // The bytes are hashed as read: four bytes a step, cheaper than the text's code units.
    const hash = decoded.utf8 ? hashUtf8(decoded.utf8) : undefined;
    return { kind: 'text', text: decoded.text, fromDocument: false, file: { identity: `${stat.size}:${stat.mtime}:${stat.ctime}`, viaLink }, hash };
  }

  private async existsOnDisk(uri: U): Promise<boolean> {
    try {
      return (await this.port.stat(uri)) !== undefined;
    } catch {
      return false;
    }
  }

  /** Whether a folder between `folder` and `uri` is a symbolic link (asked once per folder and scan). */
  private async underLinkedFolder(uri: U, folder: F): Promise<boolean> {
    for (const dir of this.port.foldersBetween(folder.uri, uri) ?? []) {
      if (await this.linkedFolder(dir)) return true;
    }
    return false;
  }

  /** `underLinkedFolder` from what is known already (once per parent folder); undefined when a folder on the way is not known yet. */
  private linkedNow(uri: U, folder: F): boolean | undefined {
    const parent = parentKey(uri);
    const known = this.linkedParents.get(parent);
    if (known !== undefined) return known;
    let linked = false;
    for (const dir of this.port.foldersBetween(folder.uri, uri) ?? []) {
      const link = this.knownLinks.get(dir.toString());
      if (link === undefined) return undefined;
      linked ||= link;
    }
    this.linkedParents.set(parent, linked);
    return linked;
  }

  /** Whether the folder `dir` is a symbolic link (asked once per scan). */
  private linkedFolder(dir: U): Promise<boolean> {
    const key = dir.toString();
    let linked = this.linkedFolders.get(key);
    if (!linked) {
      const links = this.knownLinks;
      this.linkedFolders.set(key, (linked = this.isLink(dir)));
      void linked.then((isLink) => links.set(key, isLink));
    }
    return linked;
  }

  private async isLink(uri: U): Promise<boolean> {
    try {
      return (await this.port.stat(uri))?.isLink ?? false;
    } catch {
      return false;
    }
  }

  /** A file the read policy refused: counted, remembered with its reason (`skipped()`) and logged as a warning. */
  private skip(uri: U, reason: SkipReason): Loaded {
    this.skippedCount++;
    const why = describeSkip(reason);
    this.skippedList.set(uri.toString(), { uri, reason: why });
    this.logger?.warn(`Plan index: ${uri.fsPath}: ${why}`);
    return { kind: 'gone' };
  }
}

/** The policy's limit from a stat; none for what it refuses. */
function limitByPolicy(stat: LocalFileStat): number | undefined {
  return checkBeforeRead({ type: stat.type, size: stat.size }) ? undefined : MAX_READ_BYTES;
}

/** The key of the folder `uri` is in (its URI's text up to the last slash). */
function parentKey(uri: IndexUri): string {
  const text = uri.toString();
  return text.slice(0, text.lastIndexOf('/'));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
