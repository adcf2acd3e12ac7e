import type {
  Disposable,
  IndexDocument,
  IndexFileStat,
  IndexFolder,
  IndexLogger,
  IndexUri,
  LocalFileStat,
  WorkspaceListener,
  WorkspacePort,
} from '../../../src/extension/planIndex/port';
import { globToRegExp } from '../../../src/extension/util/glob';

/**
 * An in-memory workspace behind the plan index's own `WorkspacePort` (not a fake of `vscode`):
 * files, folders, open documents, and the notifications VS Code would send for what a test does
 * (`writeFile` sends a watcher event, `editDocument` a document event, …). A test can also change
 * things `silently` and send the events itself, in any order, to play a race.
 */
export class MemUri implements IndexUri {
  readonly scheme = 'file';
  constructor(readonly path: string) {}
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

export interface MemFolder extends IndexFolder<MemUri> {
  readonly uri: MemUri;
  readonly name: string;
}

class MemDocument implements IndexDocument<MemUri> {
  version = 1;
  isDirty = false;
  isClosed = false;
  readonly languageId = 'markdown';
  constructor(
    readonly uri: MemUri,
    public text: string,
    readonly isUntitled = false,
  ) {}
  getText(): string {
    return this.text;
  }
}

interface MemFile {
  bytes: Uint8Array;
  mtime: number;
  readonly ctime: number;
}

export interface Silent {
  /** Change the state without sending the notification (the test sends it later, or never). */
  readonly silent?: boolean;
}

export class InMemoryWorkspace implements WorkspacePort<MemUri, MemFolder> {
  private readonly files = new Map<string, MemFile>();
  private readonly linkedFolders = new Map<string, string>();
  private readonly docs = new Map<string, MemDocument>();
  private readonly workspaceFolders: MemFolder[] = [];
  private listener: WorkspaceListener<MemUri> | undefined;
  private clock = 1;
  /** Files read (`readFile` and `readNow` calls that read) and listings (`findFiles` calls) so far. */
  reads = 0;
  listings = 0;
  /** `readNow` calls that answered, and those that read bytes. */
  readsNow = 0;
  /** Set by `readSynchronously`: the port reads synchronously, as the Node host's does. */
  readNow?: WorkspacePort<MemUri, MemFolder>['readNow'];
  /** Set by `walkDirectly`, with the walks so far. */
  walk?: WorkspacePort<MemUri, MemFolder>['walk'];
  walks = 0;
  private listingMs = 0;
  private unlisted: ((path: string) => boolean) | undefined;

  constructor(...folders: string[]) {
    for (const path of folders) this.workspaceFolders.push({ uri: new MemUri(path), name: path.slice(path.lastIndexOf('/') + 1) });
  }

  uri(path: string): MemUri {
    return new MemUri(path);
  }

  // ---- what a user or another program does ----------------------------------------------

  writeFile(path: string, content: string | Uint8Array, options: Silent = {}): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const existing = this.files.get(path);
    const time = this.clock++;
    if (existing) Object.assign(existing, { bytes, mtime: time });
    else this.files.set(path, { bytes, mtime: time, ctime: time });
    if (!options.silent) this.listener?.onDisk(new MemUri(path), existing ? 'change' : 'create');
  }

  deleteFile(path: string, options: Silent = {}): void {
    if (!this.files.delete(path)) throw new Error(`no file ${path}`);
    // VS Code keeps the document of a deleted file open, dirty.
    const document = this.docs.get(path);
    if (document) document.isDirty = true;
    if (!options.silent) this.listener?.onDisk(new MemUri(path), 'delete');
  }

  /** Deletes a folder and everything below it: one watcher event, for the folder only. */
  deleteFolder(path: string, options: Silent = {}): void {
    for (const file of [...this.files.keys()]) if (file.startsWith(`${path}/`)) this.deleteFile(file, { silent: true });
    if (!options.silent) this.listener?.onDisk(new MemUri(path), 'delete');
  }

  /** Makes `path` a symbolic link to the folder `target`: the files below `target` are seen at both paths. */
  linkFolder(path: string, target: string): void {
    this.linkedFolders.set(path, target);
  }

  openDocument(path: string, options: Silent = {}): void {
    const file = this.files.get(path);
    const document = new MemDocument(new MemUri(path), file ? new TextDecoder().decode(file.bytes) : '', !file);
    this.docs.set(path, document);
    if (!options.silent) this.listener?.onDocument(document, true);
  }

  editDocument(path: string, text: string, options: Silent = {}): void {
    const document = this.document(path);
    document.text = text;
    document.version++;
    document.isDirty = true;
    if (!options.silent) this.listener?.onDocument(document, true);
  }

  /** Saves the document: the disk gets its text (a watcher event), the document is clean. */
  saveDocument(path: string): void {
    const document = this.document(path);
    document.isDirty = false;
    this.writeFile(path, document.text);
  }

  /** Reverts the document to the disk's text (or, when the file is gone, to nothing dirty). */
  revertDocument(path: string, options: Silent = {}): void {
    const document = this.document(path);
    const file = this.files.get(path);
    if (file) document.text = new TextDecoder().decode(file.bytes);
    document.version++;
    document.isDirty = false;
    if (!options.silent) this.listener?.onDocument(document, true);
  }

  closeDocument(path: string, options: Silent = {}): void {
    const document = this.document(path);
    document.isClosed = true;
    this.docs.delete(path);
    if (!options.silent) this.listener?.onDocument(document, false);
  }

  /** Sends a watcher event as VS Code would (for a change made `silent`ly). */
  notifyDisk(path: string, kind: 'create' | 'change' | 'delete'): void {
    this.listener?.onDisk(new MemUri(path), kind);
  }

  /** Sends a document event as VS Code would (for a change made `silent`ly). */
  notifyDocument(path: string, fromEdit = true): void {
    this.listener?.onDocument(this.document(path), fromEdit);
  }

  document(path: string): MemDocument {
    const document = this.docs.get(path);
    if (!document) throw new Error(`no open document ${path}`);
    return document;
  }

  /**
   * Gives the port a synchronous read (`WorkspacePort.readNow`), as the Node host's local disk has.
   * `slowFor`: paths whose read takes `slowMs` (a network drive).
   */
  readSynchronously(options: { slowFor?: (path: string) => boolean; slowMs?: number } = {}): void {
    this.readNow = (uri, limitOf) => {
      if (options.slowFor?.(uri.path)) {
        const until = performance.now() + (options.slowMs ?? 20);
        while (performance.now() < until) {
          // A read that blocks.
        }
      }
      const real = this.resolve(uri.path);
      const file = this.files.get(real);
      let stat: LocalFileStat;
      if (file) stat = { type: 'file', size: file.bytes.byteLength, mtime: file.mtime, ctime: file.ctime };
      else if ([...this.files.keys()].some((p) => p.startsWith(`${real}/`))) stat = { type: 'directory', size: 0, mtime: 0, ctime: 0 };
      else return undefined;
      this.readsNow++;
      const limit = limitOf(stat);
      if (limit === undefined || !file) return { stat };
      this.reads++;
      return { stat, bytes: file.bytes.subarray(0, limit) };
    };
  }

  /**
   * Gives the port a walk of its folders (`WorkspacePort.walk`), as the Node host's local disk
   * has: plain files only, linked folders left out. `listingMs`: `findFiles` answers that much
   * later (the search service while the workbench starts); `unlisted`: paths `findFiles` leaves
   * out although the walk finds them.
   */
  walkDirectly(options: { listingMs?: number; unlisted?: (path: string) => boolean } = {}): void {
    this.listingMs = options.listingMs ?? 0;
    this.unlisted = options.unlisted;
    this.walk = async (base, filter, signal) => {
      await tick();
      if (signal.aborted) return undefined;
      this.walks++;
      const prefix = `${base.path}/`;
      const found: MemUri[] = [];
      for (const path of this.files.keys()) {
        if (!path.startsWith(prefix)) continue;
        const relative = path.slice(prefix.length);
        const folders = relative.split('/').slice(0, -1);
        const entered = folders.every((_, i) => filter.enter(folders.slice(0, i + 1).join('/')));
        if (entered && filter.keep(relative)) found.push(new MemUri(path));
      }
      return found;
    };
  }

  // ---- the port --------------------------------------------------------------------------

  folders(): readonly MemFolder[] {
    return this.workspaceFolders;
  }

  folderOf(uri: MemUri): MemFolder | undefined {
    // The innermost folder, as VS Code picks it.
    return this.workspaceFolders
      .filter((folder) => uri.path === folder.uri.path || uri.path.startsWith(`${folder.uri.path}/`))
      .sort((a, b) => b.uri.path.length - a.uri.path.length)[0];
  }

  documents(): readonly IndexDocument<MemUri>[] {
    return [...this.docs.values()];
  }

  async findFiles(base: MemUri, include: string, exclude: string | null): Promise<readonly MemUri[]> {
    await tick();
    if (this.listingMs > 0) await new Promise((resolve) => setTimeout(resolve, this.listingMs));
    this.listings++;
    const includes = globToRegExp(include);
    const excludes = exclude ? globToRegExp(exclude) : undefined;
    const prefix = `${base.path}/`;
    return this.allPaths()
      .filter((path) => path.startsWith(prefix) && !this.unlisted?.(path))
      .map((path) => path.slice(prefix.length))
      .filter((relative) => includes.test(relative) && !excludes?.test(relative))
      .map((relative) => new MemUri(prefix + relative));
  }

  async stat(uri: MemUri): Promise<IndexFileStat | undefined> {
    await tick();
    const path = uri.path;
    const linked = this.linkedFolders.has(path);
    const file = this.files.get(this.resolve(path));
    if (file) return { type: 'file', size: file.bytes.byteLength, mtime: file.mtime, ctime: file.ctime, isLink: false };
    const real = this.resolve(path);
    if (linked || [...this.files.keys()].some((p) => p.startsWith(`${real}/`))) return { type: 'directory', size: 0, mtime: 0, ctime: 0, isLink: linked };
    return undefined;
  }

  async readFile(uri: MemUri): Promise<Uint8Array | undefined> {
    await tick();
    this.reads++;
    return this.files.get(this.resolve(uri.path))?.bytes;
  }

  foldersBetween(folder: MemUri, uri: MemUri): readonly MemUri[] | undefined {
    const base = `${folder.path}/`;
    if (!uri.path.startsWith(base)) return undefined;
    const segments = uri.path.slice(base.length).split('/').slice(0, -1);
    let step = folder.path;
    return segments.map((segment) => new MemUri((step = `${step}/${segment}`)));
  }

  watch(listener: WorkspaceListener<MemUri>): Disposable {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }

  /** Every file path, links included (a file below a linked folder is listed at both paths). */
  private allPaths(): string[] {
    const paths = [...this.files.keys()];
    for (const [link, target] of this.linkedFolders) {
      for (const path of this.files.keys()) if (path.startsWith(`${target}/`)) paths.push(link + path.slice(target.length));
    }
    return paths;
  }

  /** `path` with a linked folder on its way replaced by the folder it points to. */
  private resolve(path: string): string {
    for (const [link, target] of this.linkedFolders) if (path.startsWith(`${link}/`)) return target + path.slice(link.length);
    return path;
  }
}

/** Every port call yields to the event loop first, as a real file system does. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A logger for the index that keeps every line (any level) in `lines`. */
export function recordingLogger(lines: string[]): IndexLogger {
  const keep = (message: string): void => void lines.push(message);
  return { debug: () => undefined, info: keep, warn: keep, error: keep };
}
