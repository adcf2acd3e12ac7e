/**
 * No lost edits when another program (a coding agent) writes a plan that is open here with unsaved
 * changes. Whenever such a file changes on disk, the change from the disk text the document last
 * matched (planEdits' record) to the new disk text is classified by the core:
 * - only task marks, the status, notes and evidence: Plan Tracker offers to apply it to the unsaved
 *   text (or applies it at once with `planTracker.unsavedPlans.applyAgentChanges`): the change is
 *   replayed on the person's text with the core's edits, as ONE undo step, and VS Code takes the
 *   new file as the saved state, so the buffer holds both sides and saving it does not conflict
 *   (see `apply`);
 * - anything else: Plan Tracker says so and offers the built-in diff editor. It never keeps one
 *   side silently; VS Code's own save-conflict guard still stands.
 */
import * as vscode from 'vscode';
import { applyEdits, classifyDiskChange, describeDiskChange, KeyedQueue, replayDiskChange, textChangeEdit, type ParseOptions } from '../core';
import { CONFIG_SECTION, parseOptions, readSettings } from './config';
import { comparable, compareWithDisk, diskText, isSaving, lastSeenDiskText, toRange } from './planEdits';

/** Apply agents' tick/status/note/evidence changes to unsaved plans without asking. */
export const APPLY_SETTING = 'unsavedPlans.applyAgentChanges';

export type MergeOutcome = 'applied' | 'declined' | 'conflict' | 'nothing';

export class UnsavedPlanMerge implements vscode.Disposable {
  private readonly queue = new KeyedQueue();
  /** Disk texts already offered or reported per document, so one write is not asked about twice. */
  private readonly handled = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly outcomes = new vscode.EventEmitter<{ uri: vscode.Uri; outcome: MergeOutcome }>();
  /** Each disk change handled, and how (for tests). */
  readonly onDidHandle = this.outcomes.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md', false, false, true);
    this.disposables.push(
      watcher,
      this.outcomes,
      watcher.onDidChange((uri) => this.schedule(uri)),
      watcher.onDidCreate((uri) => this.schedule(uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.handled.delete(d.uri.toString())),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private schedule(uri: vscode.Uri): void {
    void this.queue.run(uri.toString(), async () => {
      const outcome = await this.handle(uri);
      if (outcome !== 'nothing') this.outcomes.fire({ uri, outcome });
    });
  }

  private async handle(uri: vscode.Uri): Promise<MergeOutcome> {
    const document = dirtyMarkdown(uri);
    if (!document || isSaving(uri)) return 'nothing';
    const old = lastSeenDiskText(uri);
    const disk = await diskText(uri);
    if (old === undefined || disk === undefined) return 'nothing';
    const now = comparable(disk);
    if (now === old || now === comparable(document.getText()) || this.handled.get(uri.toString()) === now) return 'nothing';
    this.handled.set(uri.toString(), now);
    const where = vscode.workspace.asRelativePath(uri);
    const change = classifyDiskChange(old, now, parseOptions(readSettings(uri)));
    if (change.kind === 'none') return 'nothing';
    if (change.kind === 'other') return this.conflict(uri, vscode.l10n.t('{0} changed on disk while it has unsaved changes, and not only in ticks, status, notes or evidence ({1}). Plan Tracker did not merge it: compare the two and keep what you need.', where, change.reason));
    if (!vscode.workspace.getConfiguration(CONFIG_SECTION, uri).get<boolean>(APPLY_SETTING, false)) {
      const apply = vscode.l10n.t('Apply to My Unsaved Text');
      const compare = vscode.l10n.t('Compare');
      const chosen = await vscode.window.showInformationMessage(
        vscode.l10n.t('{0} changed on disk ({1}) while it has unsaved changes. Apply that change to your unsaved text? Both sides are kept.', where, describeDiskChange(change.steps)),
        apply,
        compare,
      );
      if (chosen === compare) void compareWithDisk(uri);
      if (chosen !== apply) return 'declined';
    }
    return this.apply(uri);
  }

  /**
   * Carries the disk change into the unsaved text as ONE undo step that VS Code also counts as
   * saved against the new file, so undoing it once gives back exactly the person's text and saving
   * the merge does not meet VS Code's "the file is newer" conflict:
   * 1. the buffer takes the file's text, in an undo step left open (`undoStopAfter: false`);
   * 2. Revert File: the file now equals the buffer, so VS Code changes no text and pushes no undo
   *    stop, but takes the file (its version tag) as the saved state;
   * 3. the merged text (the person's text with the disk change replayed) goes in, closing the step.
   * Steps 1 and 3 need a TextEditor and Revert File acts on the active editor: the plan's editor is
   * brought to the front. Should the file move on, or the person type, in between, the person's
   * text is put back and nothing is merged silently.
   */
  private async apply(uri: vscode.Uri): Promise<MergeOutcome> {
    const where = vscode.workspace.asRelativePath(uri);
    const document = dirtyMarkdown(uri);
    const old = lastSeenDiskText(uri);
    if (!document || old === undefined) return 'nothing';
    const options = parseOptions(readSettings(uri));
    const editor = await frontEditor(document);
    const disk = await diskText(uri);
    const person = document.getText();
    if (!editor || disk === undefined) return this.conflict(uri, vscode.l10n.t('Plan Tracker could not bring {0} to the front to merge the change on disk; your unsaved text is as it was. Compare the two and keep what you need.', where));
    const merged = mergeInto(person, old, disk, options);
    if (!merged.ok) return this.conflict(uri, vscode.l10n.t('{0} changed again on disk and the change no longer fits your unsaved text ({1}). Your text is as it was; compare the two and keep what you need.', where, merged.reason));
    if (!(await replaceText(editor, disk, { undoStopBefore: true, undoStopAfter: false }))) {
      return this.conflict(uri, vscode.l10n.t('{0} changed while Plan Tracker merged the change on disk; nothing was merged. Compare the two and keep what you need.', where));
    }
    const reverted = isActive(document);
    if (reverted) await vscode.commands.executeCommand('workbench.action.files.revert');
    const now = document.getText();
    if (reverted && !document.isDirty && comparable(now) === comparable(disk)) {
      // The same undo step: one Undo returns to the person's text.
      if (await replaceText(editor, merged.text, { undoStopBefore: false, undoStopAfter: true })) return 'applied';
      return this.conflict(uri, vscode.l10n.t('VS Code refused to put your unsaved text of {0} back after reloading it; use Undo to get it back.', where));
    }
    if (!document.isDirty && comparable(now) !== comparable(disk)) {
      // The reload read a newer file: merge against that one, as a step of its own.
      const again = await diskText(uri);
      const merge2 = again !== undefined && comparable(again) === comparable(now) ? mergeInto(person, old, now, options) : undefined;
      const target = merge2?.ok ? merge2.text : person;
      if (!(await replaceText(editor, target, { undoStopBefore: true, undoStopAfter: true }))) {
        return this.conflict(uri, vscode.l10n.t('VS Code refused to put your unsaved text of {0} back after reloading it; use Undo to get it back.', where));
      }
      if (merge2?.ok) return 'applied';
      return this.conflict(uri, vscode.l10n.t('{0} changed again on disk and the change no longer fits your unsaved text ({1}). Your text is as it was; compare the two and keep what you need.', where, merge2 ? merge2.reason : OTHER_REASON));
    }
    if (comparable(now) === comparable(disk)) {
      // No reload happened (the editor was not in front): the person's text goes back, in the same step.
      await replaceText(editor, person, { undoStopBefore: false, undoStopAfter: true });
      return this.conflict(uri, vscode.l10n.t('Plan Tracker could not reload {0} to merge the change on disk; your unsaved text is as it was. Compare the two and keep what you need.', where));
    }
    return this.conflict(uri, vscode.l10n.t('{0} was edited while Plan Tracker merged the change on disk; nothing was merged. Undo brings back your text as it was; compare the two and keep what you need.', where));
  }

  private conflict(uri: vscode.Uri, message: string): MergeOutcome {
    const compare = vscode.l10n.t('Compare');
    void vscode.window.showWarningMessage(message, compare).then((chosen) => chosen === compare && void compareWithDisk(uri));
    return 'conflict';
  }
}

const OTHER_REASON = 'the file changed in more than ticks, status, notes and evidence';

/** The person's text with the change from `old` to `disk` (both as on disk) replayed on it. */
function mergeInto(person: string, old: string, disk: string, options: ParseOptions): { ok: true; text: string } | { ok: false; reason: string } {
  const change = classifyDiskChange(old, comparable(disk), options);
  if (change.kind === 'none') return { ok: true, text: person };
  if (change.kind === 'other') return { ok: false, reason: change.reason };
  const replayed = replayDiskChange(change.steps, person, options);
  return replayed.ok ? { ok: true, text: applyEdits(person, replayed.edits) } : replayed;
}

/** The document's editor, made the active one (Revert File acts on the active editor). */
async function frontEditor(document: vscode.TextDocument): Promise<vscode.TextEditor | undefined> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false, preview: false });
  return editor.document === document && isActive(document) ? editor : undefined;
}

function isActive(document: vscode.TextDocument): boolean {
  return vscode.window.activeTextEditor?.document === document;
}

/** Replaces the editor's text with `to` by the smallest edit, with the given undo stops; whether the text is `to` then. */
async function replaceText(editor: vscode.TextEditor, to: string, stops: { undoStopBefore: boolean; undoStopAfter: boolean }): Promise<boolean> {
  const document = editor.document;
  const target = comparable(to).replace(/\n/g, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const from = document.getText();
  if (from === target) return true;
  const change = textChangeEdit(from, target);
  const done = await editor.edit((builder) => builder.replace(toRange(change), change.newText), stops);
  return done && document.getText() === target;
}

function dirtyMarkdown(uri: vscode.Uri): vscode.TextDocument | undefined {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return document && document.isDirty && !document.isClosed && document.languageId === 'markdown' ? document : undefined;
}
