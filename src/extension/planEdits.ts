/**
 * The one adapter that applies core edits to plans. Every command and view that changes a plan
 * (the tree's checkboxes, the dashboard, the commands, agent tools) goes through `applyPlanEdit`,
 * so they all behave the same:
 * - **One writer per plan.** Edits to one plan queue up (`KeyedQueue`) and run one after another,
 *   each computed by the core from the plan's text *as it is when its turn comes*; the core
 *   re-locates a task whose line moved and refuses, with its reason, when the task is gone.
 *   Edits to different plans run in parallel.
 * - **A plan that is not open is edited on disk, atomically** (`editFileAtomically` over
 *   `WorkspacePlanFile`): a temporary file next to the plan, renamed over it only if the plan
 *   still holds what the edit was computed from (otherwise recomputed from the new text). BOM,
 *   line endings and mode are kept. Not through a hidden TextDocument: VS Code keeps documents
 *   loaded after their editor closes, and such a model can lag behind the disk. Files that are
 *   not plain UTF-8 take the document path, which knows their encoding.
 * - **A plan open in an editor** (or with unsaved changes) is edited through a WorkspaceEdit: it
 *   joins the undo stack, never clobbers unsaved text, and is left unsaved. If the document is
 *   clean but the disk is newer (VS Code has not reloaded it yet), the edit waits for the reload;
 *   it is never applied to text older than the file. If the document has unsaved changes and the
 *   file changed on disk since it was loaded, the edit is refused with an offer to compare:
 *   saving would overwrite the other program's change.
 */
import * as vscode from 'vscode';
import { editFileAtomically, errorText, KeyedQueue, decodePlanBytes, type EditResult, type TextEdit } from '../core';
import type { NativeFileOps } from './host';
import type { ApplyOptions, ApplyOutcome } from './planEditor';
import { isOpenInEditor } from './openEditors';
import { WorkspacePlanFile } from './workspacePlanFile';

export type { ApplyOutcome };
export type ApplyPlanEditOptions = ApplyOptions;

/** How long an edit to a clean open plan waits for VS Code to reload it from a newer disk. */
const RELOAD_WAIT_MS = 3000;
/** Reads of a closed plan that keeps changing before the edit gives up. */
const DISK_ATTEMPTS = 8;
/** WorkspaceEdits refused because the document changed meanwhile, before the edit gives up. */
const DOCUMENT_ATTEMPTS = 3;

const writers = new KeyedQueue();
let native: NativeFileOps | undefined;

/** Gives the disk path Node's atomic rename for local files (the Node entry calls this; a web worker does not). */
export function useNativeFileOps(ops: NativeFileOps | undefined): void {
  native = ops;
}

export function toRange(edit: TextEdit): vscode.Range {
  return new vscode.Range(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character);
}

/**
 * Computes an edit with `compute(text)` against the plan's current text and applies it, after
 * every edit to the same plan queued before it. Refusals and failures are shown to the user
 * (unless `quiet`) and returned.
 */
export async function applyPlanEdit(uri: vscode.Uri, compute: (text: string) => EditResult, options: ApplyPlanEditOptions = {}): Promise<ApplyOutcome> {
  const seen = watcherEvent(uri);
  try {
    const outcome = await writers.run(uri.toString(), () => applyNow(uri, compute, options));
    // A file replaced by a rename reaches the file watcher as "created"; VS Code folds "created"
    // and a "deleted" in the same batch into nothing, so a plan deleted right after a tick would
    // stay in the index. Resolve once the watcher has reported the write (or after a while).
    if (outcome.applied && outcome.changed) await seen.promise;
    return outcome;
  } finally {
    seen.cancel();
  }
}

/** How long an applied edit waits for the file watcher to report it. */
const WATCHER_WAIT_MS = 1500;
const watcherWaiters = new Map<string, Set<() => void>>();

function watcherEvent(uri: vscode.Uri): { readonly promise: Promise<void>; cancel(): void } {
  const key = uri.toString();
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const waiters = watcherWaiters.get(key) ?? new Set();
  watcherWaiters.set(key, waiters);
  waiters.add(resolve);
  const timer = setTimeout(resolve, WATCHER_WAIT_MS);
  return {
    promise,
    cancel() {
      clearTimeout(timer);
      waiters.delete(resolve);
      if (waiters.size === 0 && watcherWaiters.get(key) === waiters) watcherWaiters.delete(key);
      resolve();
    },
  };
}

function watcherReported(uri: vscode.Uri): void {
  for (const resolve of watcherWaiters.get(uri.toString()) ?? []) resolve();
}

/** Edits queued or running for the plan at `uri` (for tests and benchmarks). */
export function pendingPlanEdits(uri: vscode.Uri): number {
  return writers.pending(uri.toString());
}

async function applyNow(uri: vscode.Uri, compute: (text: string) => EditResult, options: ApplyPlanEditOptions): Promise<ApplyOutcome> {
  const where = vscode.workspace.asRelativePath(uri);
  const fail = (reason: string, ...actions: readonly Action[]): ApplyOutcome => {
    if (!options.quiet) {
      void vscode.window.showWarningMessage(reason, ...actions.map((a) => a.title)).then((chosen) => actions.find((a) => a.title === chosen)?.run());
    }
    return { applied: false, reason };
  };
  const wasOpen = isOpen(uri);
  if (!wasOpen && plainUtf8(uri)) {
    const onDisk = await editOnDisk(uri, compute, fail, options);
    if (onDisk) return onDisk;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    return fail(vscode.l10n.t('Plan Tracker could not open {0}: {1}', where, errorText(error)));
  }
  if (wasOpen) {
    const state = document.isDirty ? await dirtyAgainstDisk(document) : await cleanAgainstDisk(document);
    if (state === 'conflict') {
      return fail(
        vscode.l10n.t(
          '{0} has unsaved changes, and another program changed the file on disk since it was loaded: saving would overwrite that change. Plan Tracker did not edit it. Compare the two, keep what you need, then try again.',
          where,
        ),
        { title: vscode.l10n.t('Compare'), run: () => void compareWithDisk(uri) },
      );
    }
    if (state === 'notReloaded') {
      return fail(vscode.l10n.t('{0} changed on disk and the editor still shows the older text; Plan Tracker did not edit it. Try again once the editor has reloaded it.', where));
    }
    if (state === 'diskNewer') {
      // The editor has no unsaved changes and VS Code has not reloaded it yet: the file is the
      // newest text, so the edit goes there (the editor then reloads), never onto the older buffer.
      const onDisk = await editOnDisk(uri, compute, fail, options);
      if (onDisk) return onDisk;
    }
  }
  for (let attempt = 1; ; attempt++) {
    const version = document.version;
    const result = compute(document.getText());
    if (!result.ok) return fail(result.reason);
    if (result.edits.length === 0) return { applied: true, changed: false };
    const edit = new vscode.WorkspaceEdit();
    const metadata: vscode.WorkspaceEditEntryMetadata = { label: options.label ?? vscode.l10n.t('Plan Tracker edit'), needsConfirmation: false };
    for (const e of result.edits) edit.replace(uri, toRange(e), e.newText, metadata);
    if (await vscode.workspace.applyEdit(edit)) break;
    // VS Code refuses an edit made for an older version of the document: compute it again.
    if (document.version === version || attempt >= DOCUMENT_ATTEMPTS) {
      return fail(vscode.l10n.t('VS Code refused the edit to {0}; the file may be read-only.', where));
    }
  }
  if (!wasOpen && !document.isClosed) {
    const saved = await document.save();
    if (!saved) return fail(vscode.l10n.t('The edit to {0} was made but could not be saved.', where));
  }
  return { applied: true, changed: true };
}

interface Action {
  readonly title: string;
  readonly run: () => void;
}

/** The edit applied to the file itself, or undefined when the file is not UTF-8 (the caller edits the document). */
async function editOnDisk(
  uri: vscode.Uri,
  compute: (text: string) => EditResult,
  fail: (reason: string) => ApplyOutcome,
  options: ApplyPlanEditOptions,
): Promise<ApplyOutcome | undefined> {
  const where = vscode.workspace.asRelativePath(uri);
  const file = new WorkspacePlanFile(uri, native);
  let outcome;
  try {
    outcome = await editFileAtomically(file, compute, { maxAttempts: DISK_ATTEMPTS });
  } catch (error) {
    return fail(vscode.l10n.t('Plan Tracker could not edit {0}: {1}', where, errorText(error)));
  }
  switch (outcome.kind) {
    case 'notUtf8':
      return undefined;
    case 'unchanged':
      return { applied: true, changed: false };
    case 'busy':
      return fail(vscode.l10n.t('{0} kept changing while Plan Tracker tried to edit it ({1} reads); nothing was written. Try again.', where, outcome.attempts));
    case 'refused':
      return fail(outcome.recomputed ? vscode.l10n.t('Another program changed {0} while Plan Tracker was editing it, and the edit no longer fits: {1}', where, outcome.reason) : outcome.reason);
    case 'written':
      if (file.inPlaceReason !== undefined && !options.quiet) warnInPlace(uri, file.inPlaceReason);
      return { applied: true, changed: true };
  }
}

const warnedInPlace = new Set<string>();

/** Says once per plan and session that a write could not go through a temporary file and a rename. */
function warnInPlace(uri: vscode.Uri, reason: string): void {
  const key = uri.toString();
  if (warnedInPlace.has(key)) return;
  warnedInPlace.add(key);
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Plan Tracker wrote {0} in place, not through a temporary file and a rename, because {1}. A program reading it at that moment could see it incomplete.', vscode.workspace.asRelativePath(uri), reason),
  );
}

/** Whether VS Code reads the file as UTF-8 (the disk path writes UTF-8; other encodings go through the document). */
function plainUtf8(uri: vscode.Uri): boolean {
  const encoding = vscode.workspace.getConfiguration('files', uri).get<string>('encoding', 'utf8');
  return encoding === 'utf8' || encoding === 'utf8bom';
}

/**
 * Whether the user has the plan open: in an editor tab, or with unsaved changes. A document VS Code
 * merely keeps loaded (`workspace.textDocuments` lists documents for a while after their editor
 * is closed, and documents extensions opened) counts as closed: an edit to it is saved, or it
 * would sit in a buffer nobody sees.
 */
function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (!document) return false;
  return document.isDirty || document.isUntitled || isOpenInEditor(uri);
}

// ---- open documents and the disk -----------------------------------------------------------

/** The built-in diff editor: the file on disk against the unsaved document. */
export function compareWithDisk(uri: vscode.Uri): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.files.action.compareWithSaved', uri);
}

/** What the file held when its open document last matched it (line breaks as \n), if known. */
export function lastSeenDiskText(uri: vscode.Uri): string | undefined {
  return loadedFrom.get(uri.toString());
}

/** Whether a save of the document is writing the file right now. */
export function isSaving(uri: vscode.Uri): boolean {
  return saving.has(uri.toString());
}

/** Text compared across line endings: VS Code normalises a document's mixed line breaks. */
export function comparable(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The file's text as UTF-8, or undefined when it cannot be read as such (then no comparison is made). */
export async function diskText(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'untitled' || !plainUtf8(uri)) return undefined;
  try {
    return decodePlanBytes(await vscode.workspace.fs.readFile(uri))?.text;
  } catch {
    return undefined;
  }
}

/**
 * A clean document against its file: 'current' when they agree, 'diskNewer' when the file changed
 * since the document last matched it (VS Code reloads it a moment later). When the document
 * differs from a file that did not change (its dirty flag lags behind an edit), waits for the
 * document to settle; 'notReloaded' if it does not.
 */
async function cleanAgainstDisk(document: vscode.TextDocument): Promise<'current' | 'diskNewer' | 'notReloaded'> {
  const deadline = Date.now() + RELOAD_WAIT_MS;
  for (;;) {
    if (document.isDirty || document.isClosed) return 'current';
    const disk = await diskText(document.uri);
    if (disk === undefined || comparable(disk) === comparable(document.getText())) return 'current';
    const loaded = loadedFrom.get(document.uri.toString());
    if (loaded !== undefined && loaded !== comparable(disk) && !saving.has(document.uri.toString())) return 'diskNewer';
    const left = deadline - Date.now();
    if (left <= 0) return 'notReloaded';
    await documentChange(document, Math.min(left, 100));
  }
}

/** Resolves at the next change of `document`, or after `ms`. */
function documentChange(document: vscode.TextDocument, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) done();
    });
  });
}

/**
 * What each document's file held when the document last matched it (opened, reloaded, saved):
 * a dirty document whose file holds something else now was changed underneath by another program.
 */
const loadedFrom = new Map<string, string>();
/** Saves under way (VS Code writes the file in place): resolved once `loadedFrom` holds what was saved. */
const saving = new Map<string, Promise<void>>();
/** Saves started per document, to notice one that started while the file was being read. */
const saves = new Map<string, number>();

/** A dirty document against its file: 'conflict' when the file changed since the document last matched it. */
async function dirtyAgainstDisk(document: vscode.TextDocument): Promise<'conflict' | undefined> {
  const key = document.uri.toString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const save = saving.get(key);
    if (save) await Promise.race([save, new Promise((resolve) => setTimeout(resolve, RELOAD_WAIT_MS))]);
    const generation = saves.get(key);
    const disk = await diskText(document.uri);
    // A save that started while the file was read: what was read may be the save's; look again.
    if (saves.get(key) !== generation || saving.has(key)) continue;
    const loaded = loadedFrom.get(key);
    if (loaded === undefined || disk === undefined) return undefined;
    const onDisk = comparable(disk);
    if (onDisk === loaded) return undefined;
    if (onDisk === comparable(document.getText())) {
      loadedFrom.set(key, onDisk); // the document was just saved: the file holds what it holds
      return undefined;
    }
    if (attempt === 0) {
      // The file may hold a save whose notification has not arrived yet.
      await new Promise((resolve) => setTimeout(resolve, 150));
      continue;
    }
    return 'conflict';
  }
  return undefined;
}

/**
 * Follows open documents so a dirty one can be checked against the file it was loaded from.
 * Called once at activation; the returned disposable stops it.
 */
export function trackPlanDocuments(): vscode.Disposable {
  const tracked = (document: vscode.TextDocument): boolean => !document.isUntitled && document.languageId === 'markdown';
  const remember = (document: vscode.TextDocument): void => {
    if (tracked(document) && !document.isDirty) loadedFrom.set(document.uri.toString(), comparable(document.getText()));
  };
  // A change event does not say whether it is a reload from disk or the user's first keystroke
  // (isDirty is still false then): only a text the disk holds too is remembered.
  const rememberIfOnDisk = async (document: vscode.TextDocument): Promise<void> => {
    if (!tracked(document) || document.isDirty) return;
    const text = comparable(document.getText());
    const disk = await diskText(document.uri);
    if (disk !== undefined && comparable(disk) === text) loadedFrom.set(document.uri.toString(), text);
  };
  // After a save, what the file holds (the document may already hold a later edit).
  const rememberSaved = async (document: vscode.TextDocument): Promise<void> => {
    const disk = await diskText(document.uri);
    if (disk !== undefined) loadedFrom.set(document.uri.toString(), comparable(disk));
  };
  vscode.workspace.textDocuments.forEach(remember);
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, false, true);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(watcherReported),
    watcher.onDidChange(watcherReported),
    vscode.workspace.onDidOpenTextDocument(remember),
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (!tracked(event.document)) return;
      const key = event.document.uri.toString();
      saves.set(key, (saves.get(key) ?? 0) + 1);
      let done!: () => void;
      const save = new Promise<void>((resolve) => (done = resolve));
      saving.set(key, save);
      // A save that fails never reaches onDidSave: stop waiting for it after a while.
      const timer = setTimeout(() => finish(), RELOAD_WAIT_MS);
      const listener = vscode.workspace.onDidSaveTextDocument((saved) => {
        if (saved === event.document) void rememberSaved(saved).finally(finish);
      });
      function finish(): void {
        clearTimeout(timer);
        listener.dispose();
        if (saving.get(key) === save) saving.delete(key);
        done();
      }
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (tracked(document) && !saving.has(document.uri.toString())) void rememberSaved(document);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => void rememberIfOnDisk(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      loadedFrom.delete(document.uri.toString());
      saves.delete(document.uri.toString());
    }),
  );
}
