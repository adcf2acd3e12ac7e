/**
 * No lost edits when another program (a coding agent) writes a plan that is open here with unsaved
 * changes. Whenever such a file changes on disk, the change from the disk text the document last
 * matched (planEdits' record) to the new disk text is classified by the core:
 * - only task marks, the status, notes and evidence: Plan Tracker offers to apply it to the unsaved
 *   text (or applies it at once with `planTracker.unsavedPlans.applyAgentChanges`). The document is
 *   reloaded from disk and the person's unsaved changes are put back on top as ONE edit, so the
 *   buffer holds both sides and saving it no longer conflicts with the file;
 * - anything else: Plan Tracker says so and offers the built-in diff editor. It never keeps one
 *   side silently; VS Code's own save-conflict guard still stands.
 */
import * as vscode from 'vscode';
import { applyEdits, classifyDiskChange, describeDiskChange, KeyedQueue, replayDiskChange, textChangeEdit } from '../core';
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

  /** Reloads the document from disk and puts the person's unsaved changes back on top, replaying the disk change on them. */
  private async apply(uri: vscode.Uri): Promise<MergeOutcome> {
    const where = vscode.workspace.asRelativePath(uri);
    const document = dirtyMarkdown(uri);
    const old = lastSeenDiskText(uri);
    if (!document || old === undefined) return 'nothing';
    const buffer = document.getText();
    const options = parseOptions(readSettings(uri));
    // The disk as the reload reads it: what the merge is computed against (the file may have moved on).
    const disk = await this.reload(document);
    if (disk === undefined) return this.conflict(uri, vscode.l10n.t('Plan Tracker could not reload {0} to merge the change on disk; your unsaved text is as it was. Compare the two and keep what you need.', where));
    const change = classifyDiskChange(old, comparable(disk), options);
    const merged = change.kind === 'replayable' ? replayDiskChange(change.steps, buffer, options) : change.kind === 'none' ? { ok: true as const, edits: [] } : undefined;
    // Never keep one side: when the merge does not fit any more, the person's text goes back as it was.
    const target = merged?.ok ? applyEdits(buffer, merged.edits) : buffer;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, toRange(textChangeEdit(disk, target)), textChangeEdit(disk, target).newText, { label: vscode.l10n.t('Plan Tracker: merge the change on disk'), needsConfirmation: false });
    if (target !== disk && !(await vscode.workspace.applyEdit(edit))) {
      return this.conflict(uri, vscode.l10n.t('VS Code refused to put your unsaved text of {0} back after reloading it; use Undo to get it back.', where));
    }
    if (!merged?.ok) {
      return this.conflict(uri, vscode.l10n.t('{0} changed again on disk and the change no longer fits your unsaved text ({1}). Your text is as it was; compare the two and keep what you need.', where, merged ? merged.reason : change.kind === 'other' ? change.reason : ''));
    }
    return 'applied';
  }

  /**
   * Reverts the document to the file (VS Code then takes the file's version as the saved one, so
   * a later save does not conflict) and returns its text; undefined when it could not.
   * VS Code reverts the active editor only: the plan's editor is made active for it.
   */
  private async reload(document: vscode.TextDocument): Promise<string | undefined> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false, preview: false });
    if (editor.document !== document || vscode.window.activeTextEditor?.document !== document) return undefined;
    await vscode.commands.executeCommand('workbench.action.files.revert');
    return document.isDirty ? undefined : document.getText();
  }

  private conflict(uri: vscode.Uri, message: string): MergeOutcome {
    const compare = vscode.l10n.t('Compare');
    void vscode.window.showWarningMessage(message, compare).then((chosen) => chosen === compare && void compareWithDisk(uri));
    return 'conflict';
  }
}

function dirtyMarkdown(uri: vscode.Uri): vscode.TextDocument | undefined {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return document && document.isDirty && !document.isClosed && document.languageId === 'markdown' ? document : undefined;
}
