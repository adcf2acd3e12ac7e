/**
 * The plan index's one way into the workspace: find files, stat and read them, the open documents
 * (their version and unsaved text), the folder a file is in, and the change notifications.
 *
 * The index (everything in this folder but vscodePlanIndex.ts) is written against this port only,
 * never against `vscode`: VS Code's implementation is `VscodeWorkspacePort` (tested in the real
 * editor by test/integration/planIndex.test.ts), and test/unit/support/inMemoryWorkspace.ts is an
 * in-memory one, so the index's own rules run in plain mocha.
 *
 * `U` is the workspace's URI type and `F` its folder type (`vscode.Uri`, `vscode.WorkspaceFolder`
 * in the editor): the index hands out the very objects the port gave it.
 */

/** What the index needs of a URI. URIs are compared by `toString()`. */
export interface IndexUri {
  readonly scheme: string;
  readonly path: string;
  /** For log lines. */
  readonly fsPath: string;
  toString(): string;
}

/** A workspace folder. */
export interface IndexFolder<U extends IndexUri> {
  readonly uri: U;
  readonly name: string;
}

/** An open text document (it may have unsaved edits). */
export interface IndexDocument<U extends IndexUri> {
  readonly uri: U;
  /** Goes up with every edit (and undo). */
  readonly version: number;
  readonly isDirty: boolean;
  readonly isUntitled: boolean;
  readonly isClosed: boolean;
  readonly languageId: string;
  getText(): string;
}

/** What a stat says, links followed; `isLink`: the path itself is a symbolic link. */
export interface IndexFileStat extends LocalFileStat {
  readonly isLink: boolean;
}

/** What a stat says of a file that is no link: times in milliseconds, `ctime` its creation (as `workspace.fs.stat` says them). */
export interface LocalFileStat {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtime: number;
  readonly ctime: number;
}

export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; dispose the result to unsubscribe. */
export type Event<T> = (listener: (event: T) => unknown) => Disposable;

/** A file or folder created, changed or deleted on disk. */
export type DiskChange = 'create' | 'change' | 'delete';

/** Where the index's notifications go (`WorkspacePort.watch`). */
export interface WorkspaceListener<U extends IndexUri> {
  /** A watcher event for anything under the workspace folders (a folder deleted is one event). */
  onDisk(uri: U, kind: DiskChange): void;
  /**
   * A document was opened or edited (`fromEdit` true), or closed (false: its unsaved text is gone,
   * the file on disk counts again). An edit event without content changes is not reported.
   */
  onDocument(document: IndexDocument<U>, fromEdit: boolean): void;
  /** Workspace folders were added or removed. */
  onFolders(): void;
}

export interface WorkspacePort<U extends IndexUri, F extends IndexFolder<U>> {
  /** The workspace folders, in order. */
  folders(): readonly F[];
  /** The innermost workspace folder `uri` is in. */
  folderOf(uri: U): F | undefined;
  /** The open documents. */
  documents(): readonly IndexDocument<U>[];
  /** Files matching `include` (a glob relative to `base`) and not `exclude`; stops early when `signal` aborts. */
  findFiles(base: U, include: string, exclude: string | null, signal?: AbortSignal): Promise<readonly U[]>;
  /** undefined when there is no such file or folder; other failures throw. */
  stat(uri: U): Promise<IndexFileStat | undefined>;
  /** The file's bytes; undefined when there is no such file; other failures throw. */
  readFile(uri: U): Promise<Uint8Array | undefined>;
  /**
   * Optional: a file's stat and bytes at once, synchronously, where that is far cheaper than
   * `stat` then `readFile` (the Node host's local disk: four system calls answered from the page
   * cache, against six round trips to the thread pool). The index calls it in short slices.
   * `undefined` when it cannot answer so: not a local file, a symbolic link (the index needs
   * `stat` to tell links apart), or any error (`stat` and `readFile` then say what it is).
   * `limitOf` decides from the stat how many bytes to read at most (`undefined`: none). The bytes
   * may be overwritten by the next call. Never throws.
   */
  readNow?(uri: U, limitOf: (stat: LocalFileStat) => number | undefined): { readonly stat: LocalFileStat; readonly bytes?: Uint8Array } | undefined;
  /**
   * Optional: the plain files below `base` that `filter` keeps, found by walking the folders
   * directly where that is far quicker than `findFiles` (the Node host's local disk: `findFiles`
   * asks the search service, which took 0.8–1.7 s for 2,000 plans while the workbench started).
   * Symbolic links, and entries whose type the folder listing does not tell, are left out. The
   * index starts reading these while `findFiles` runs; `findFiles` stays the truth. undefined when
   * it cannot (not local, more entries than it walks, `signal` aborted). Never throws.
   */
  walk?(base: U, filter: WalkFilter, signal: AbortSignal): Promise<readonly U[] | undefined>;
  /** The folders between `folder` (excluded) and `uri` (excluded), outermost first; undefined when `uri` is not below `folder`. */
  foldersBetween(folder: U, uri: U): readonly U[] | undefined;
  /** Starts the notifications; dispose to stop them. */
  watch(listener: WorkspaceListener<U>): Disposable;
}

/** What a walk (`WorkspacePort.walk`) keeps, by path relative to its base (`/`-separated, no leading `/`). */
export interface WalkFilter {
  /** Whether to look into this folder. */
  enter(relativeFolder: string): boolean;
  /** Whether to list this file. */
  keep(relativeFile: string): boolean;
}

/** The part of a logger the index writes to (a `vscode.LogOutputChannel` is one). */
export interface IndexLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A tiny event emitter over `Event<T>`, so the index needs no `vscode.EventEmitter`. */
export class Emitter<T> {
  private listeners: ((event: T) => unknown)[] = [];
  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One listener failing must not keep the others from hearing about the change.
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
