/**
 * The plan index over VS Code's workspace: the `WorkspacePort` implementation (`workspace.findFiles`,
 * `workspace.fs`, the text documents, one file system watcher), the index's settings from
 * `planTracker.*` and `files.exclude`, and the index's types named with `vscode.Uri` and
 * `vscode.WorkspaceFolder`. The only file of the index that imports `vscode`; the rest is tested
 * in plain mocha through an in-memory port, this file in the real editor (test/integration/planIndex.test.ts).
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION, parseOptions, readSettings } from '../config';
import type { ParseOptions } from '../../core';
import { isFileNotFound } from '../workspaceFs';
import type { NativeFileOps } from '../host';
import { segmentsBelow } from '../workspaceLinks';
import { PlanIndex as GenericPlanIndex } from './planIndex';
import type { IndexDocument, IndexFileStat, WorkspaceListener, WorkspacePort } from './port';
import type { SnapshotStore } from './snapshot';
import type * as generic from './types';

export type IndexedPlan = generic.IndexedPlan<vscode.Uri, vscode.WorkspaceFolder>;
export type SkippedFile = generic.SkippedFile<vscode.Uri>;
export type PlanIndexChangeEvent = generic.PlanIndexChangeEvent<vscode.Uri>;
export type PlanIndexSettings = generic.PlanIndexSettings<vscode.WorkspaceFolder>;
export type PlanIndexOptions = generic.PlanIndexOptions<vscode.WorkspaceFolder, vscode.Uri>;
export type PlanIndexStats = generic.PlanIndexStats;
export type PlanIndex = GenericPlanIndex<vscode.Uri, vscode.WorkspaceFolder>;

/** The plan index of the workspace VS Code has open; `native`: the Node host's file operations, for reading local files synchronously. */
export function createPlanIndex(options: PlanIndexOptions, native?: NativeFileOps): PlanIndex {
  return new GenericPlanIndex(new VscodeWorkspacePort(native), options);
}

/**
 * The paint-first snapshot (snapshot.ts) in the extension's workspace storage
 * (`context.storageUri`), through `workspace.fs`, so it works in the web worker too. Written to a
 * temporary file and renamed over the old one.
 */
export class WorkspaceStorageSnapshot implements SnapshotStore<vscode.Uri> {
  private readonly file: vscode.Uri;
  readonly location: string;

  /** `native`: the Node host's file operations, for a faster read and an atomic replace of a local snapshot. */
  constructor(
    private readonly folder: vscode.Uri,
    private readonly native?: NativeFileOps,
  ) {
    this.file = vscode.Uri.joinPath(folder, 'plans-snapshot.jsonl');
    this.location = this.file.scheme === 'file' ? this.file.fsPath : this.file.toString();
  }

  async read(): Promise<Uint8Array | undefined> {
    try {
      return (await this.native?.readFile(this.file)) ?? (await vscode.workspace.fs.readFile(this.file));
    } catch (error) {
      if (isFileNotFound(error) || isNoEntry(error)) return undefined;
      throw error;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    const temp = vscode.Uri.joinPath(this.folder, `plans-snapshot.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
    await vscode.workspace.fs.writeFile(temp, bytes);
    if (!(await this.native?.replace(temp, this.file))) await vscode.workspace.fs.rename(temp, this.file, { overwrite: true });
  }

  uriOf(text: string): vscode.Uri {
    return vscode.Uri.parse(text, true);
  }
}

/** The index's way into VS Code's workspace. */
export class VscodeWorkspacePort implements WorkspacePort<vscode.Uri, vscode.WorkspaceFolder> {
  /** Only in the Node host (`NativeFileOps.readNow`). */
  readonly readNow?: WorkspacePort<vscode.Uri, vscode.WorkspaceFolder>['readNow'];

  /** Only in the Node host (`NativeFileOps.walk`). */
  readonly walk?: WorkspacePort<vscode.Uri, vscode.WorkspaceFolder>['walk'];

  constructor(native?: NativeFileOps) {
    if (native) {
      this.readNow = (uri, limitOf) => native.readNow(uri, limitOf);
      this.walk = async (base, filter, signal) => (await native.walk(base, filter, signal))?.map((relative) => vscode.Uri.joinPath(base, relative));
    }
  }

  folders(): readonly vscode.WorkspaceFolder[] {
    return vscode.workspace.workspaceFolders ?? [];
  }

  folderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri);
  }

  documents(): readonly IndexDocument<vscode.Uri>[] {
    return vscode.workspace.textDocuments;
  }

  async findFiles(base: vscode.Uri, include: string, exclude: string | null, signal?: AbortSignal): Promise<readonly vscode.Uri[]> {
    const source = signal && new vscode.CancellationTokenSource();
    const onAbort = () => source?.cancel();
    signal?.addEventListener('abort', onAbort);
    try {
      return await vscode.workspace.findFiles(new vscode.RelativePattern(base, include), exclude, undefined, source?.token);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      source?.dispose();
    }
  }

  async stat(uri: vscode.Uri): Promise<IndexFileStat | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const type = stat.type & vscode.FileType.File ? 'file' : stat.type & vscode.FileType.Directory ? 'directory' : 'other';
      return { type, size: stat.size, mtime: stat.mtime, ctime: stat.ctime, isLink: (stat.type & vscode.FileType.SymbolicLink) !== 0 };
    } catch (error) {
      if (isFileNotFound(error)) return undefined;
      throw error;
    }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (isFileNotFound(error)) return undefined;
      throw error;
    }
  }

  foldersBetween(folder: vscode.Uri, uri: vscode.Uri): readonly vscode.Uri[] | undefined {
    const segments = segmentsBelow(folder, vscode.Uri.joinPath(uri, '..'));
    if (!segments) return undefined;
    let step = folder;
    return segments.map((segment) => (step = vscode.Uri.joinPath(step, segment)));
  }

  watch(listener: WorkspaceListener<vscode.Uri>): vscode.Disposable {
    // One watcher for everything under the workspace folders. It is not restricted to `*.md`
    // because deleting (or moving away) a folder is reported as one event for the folder only:
    // the plans inside would otherwise never be noticed. The index filters the events.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    return vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => listener.onDisk(uri, 'create')),
      watcher.onDidChange((uri) => listener.onDisk(uri, 'change')),
      watcher.onDidDelete((uri) => listener.onDisk(uri, 'delete')),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) listener.onDocument(event.document, true);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => listener.onDocument(document, true)),
      // The document's unsaved edits are gone: what counts now is the file on disk.
      vscode.workspace.onDidCloseTextDocument((document) => listener.onDocument(document, false)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => listener.onFolders()),
    );
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
    return parseOptions(readSettings(folder ?? null));
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

/** Node's "no such file" (from the Node host's native reads). */
function isNoEntry(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'ENOENT';
}
