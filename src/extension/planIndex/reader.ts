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
 */
import { checkAfterRead, checkBeforeRead, describeSkip, type SkipReason } from '../../core';
import type { IndexDocument, IndexFolder, IndexLogger, IndexUri, WorkspacePort } from './port';
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
  | { readonly kind: 'text'; readonly text: string; readonly fromDocument: boolean; readonly version?: number; readonly file?: FileIdentity }
  | { readonly kind: 'gone' };

export class PlanReader<U extends IndexUri, F extends IndexFolder<U>> {
  /** Files the read policy refused, with the reason; a file leaves the list when it is read again. */
  private readonly skippedList = new Map<string, SkippedFile<U>>();
  /** Folder URI → whether it is a symbolic link; asked once per scan. */
  private linkedFolders = new Map<string, Promise<boolean>>();
  /** Files the read policy refused since start. */
  skippedCount = 0;

  constructor(
    private readonly port: WorkspacePort<U, F>,
    private readonly scope: IndexScope<U, F>,
    private readonly logger: IndexLogger | undefined,
  ) {}

  /** A scan starts: folders are asked again whether they are links. */
  newScan(): void {
    this.linkedFolders = new Map();
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
      const decoded = checkAfterRead(bytes);
      if ('skip' in decoded) return this.skip(uri, decoded.skip);
      const viaLink = stat.isLink || (scope.folder !== undefined && (await this.underLinkedFolder(uri, scope.folder)));
      return { kind: 'text', text: decoded.text, fromDocument: false, file: { identity: `${stat.size}:${stat.mtime}:${stat.ctime}`, viaLink } };
    } catch (error) {
      this.logger?.warn(`Plan index: cannot read ${uri.fsPath}: ${errorText(error)}`);
      return { kind: 'gone' };
    }
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
      const key = dir.toString();
      let linked = this.linkedFolders.get(key);
      if (!linked) this.linkedFolders.set(key, (linked = this.isLink(dir)));
      if (await linked) return true;
    }
    return false;
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

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
