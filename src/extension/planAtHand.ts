import * as vscode from 'vscode';
import { fnv1a, isInProgress, visitPhases, type Plan, type Progress } from '../core';
import type { IndexedPlan, PlanIndex, PlanIndexChangeEvent } from './planIndex/vscodePlanIndex';
import type { ConfiguredStatuses } from './configuredStatuses';

export interface PlanAtHandResult {
  readonly entry: IndexedPlan;
  /** `editor`: the active (or, under a focused webview, a visible) editor shows it; `recent`: the most recently edited plan in progress. */
  readonly source: 'editor' | 'recent';
}

/** How many in-progress plans get their modification time read at startup. */
const MAX_STATS = 500;

/**
 * "The plan at hand": the active editor's plan, otherwise the most recently edited plan that is in
 * progress. Edits are the index's changes after the first scan (typing, saves, changes on disk);
 * before any, the files' modification times decide. Also keeps the context keys
 * `planTracker.activeEditorIsPlan` and `planTracker.hasPlanAtHand` for menus.
 */
export class PlanAtHand implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** URI → when it was last edited (ms since the epoch). */
  private readonly edited = new Map<string, number>();
  /** URI → a signature of the model last seen, to tell a real change from a re-read (a rescan reparses every plan). */
  private readonly seen = new Map<string, number>();
  private ready = false;
  private contextKeys = '';

  constructor(
    private readonly index: PlanIndex,
    private readonly statuses: ConfiguredStatuses,
  ) {
    this.disposables.push(
      this.emitter,
      index.onDidChange((event) => this.onIndexChange(event)),
      vscode.window.onDidChangeActiveTextEditor(() => this.changed()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.changed()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        // Typing: exact, and before the index has caught up.
        if (event.contentChanges.length > 0 && index.get(event.document.uri)) this.edited.set(event.document.uri.toString(), Date.now());
      }),
      statuses.onDidChange(() => this.changed()),
    );
    void index.ready.then(async () => {
      for (const entry of index.getPlans()) this.seen.set(entry.uri.toString(), signature(entry.plan));
      this.ready = true;
      await this.readModificationTimes();
      this.changed();
    });
  }

  /**
   * The active editor's plan, when the active editor shows one. While a webview has the focus (the
   * plan's Markdown preview, the dashboard), there is no active text editor: then the plan shown
   * in a visible editor beside it.
   */
  active(): IndexedPlan | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor) return this.index.get(editor.document.uri);
    for (const visible of vscode.window.visibleTextEditors) {
      const entry = this.index.get(visible.document.uri);
      if (entry) return entry;
    }
    return undefined;
  }

  current(): PlanAtHandResult | undefined {
    const active = this.active();
    if (active) return { entry: active, source: 'editor' };
    let best: IndexedPlan | undefined;
    let bestTime = -Infinity;
    for (const entry of this.index.getPlans()) {
      if (!isInProgress(entry.plan, this.statuses.get(entry.uri))) continue;
      const time = this.edited.get(entry.uri.toString()) ?? -1;
      if (time > bestTime) {
        best = entry;
        bestTime = time;
      }
    }
    return best && { entry: best, source: 'recent' };
  }

  private onIndexChange(event: PlanIndexChangeEvent): void {
    for (const uri of event.removed) {
      this.seen.delete(uri.toString());
      this.edited.delete(uri.toString());
    }
    const now = Date.now();
    // Until the first scan is done, the scan's own events are not edits; `seen` is filled then.
    if (!this.ready) return this.changed();
    for (const uri of event.changed) {
      const key = uri.toString();
      const plan = this.index.get(uri)?.plan;
      if (!plan) continue;
      const sig = signature(plan);
      if (this.seen.get(key) !== sig) this.edited.set(key, now);
      this.seen.set(key, sig);
    }
    this.changed();
  }

  private async readModificationTimes(): Promise<void> {
    const candidates = this.index
      .getPlans()
      .filter((entry) => !entry.fromDocument && isInProgress(entry.plan, this.statuses.get(entry.uri)))
      .slice(0, MAX_STATS);
    await Promise.all(
      candidates.map(async (entry) => {
        try {
          const stat = await vscode.workspace.fs.stat(entry.uri);
          const key = entry.uri.toString();
          if (!this.edited.has(key)) this.edited.set(key, stat.mtime);
        } catch {
          // Gone meanwhile: the index will say so.
        }
      }),
    );
  }

  private changed(): void {
    const active = this.active() !== undefined;
    const atHand = active || this.current() !== undefined;
    const keys = `${active}/${atHand}`;
    if (keys !== this.contextKeys) {
      this.contextKeys = keys;
      void vscode.commands.executeCommand('setContext', 'planTracker.activeEditorIsPlan', active);
      void vscode.commands.executeCommand('setContext', 'planTracker.hasPlanAtHand', atHand);
    }
    this.emitter.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/**
 * What an edit changes, cheaply: a reparse of the same text gives the same signature. A number,
 * built without a string: a scan's event of 2,000 plans computes one for each.
 */
function signature(plan: Plan): number {
  let hash = mix(fnv1a(plan.title), plan.title.length);
  hash = mix(mix(fnv1a(plan.status ?? '', hash), plan.status?.length ?? -1), plan.version ?? -1);
  hash = mix(hash, plan.lineCount);
  // The plan's counts and each phase's, not each task's mark or each section's counts: `plan.tasks`,
  // `plan.sections` and `plan.phases` unpack (core/compactTasks.ts, compactSections.ts,
  // compactPhases.ts), for every plan of a scan's event.
  hash = mixProgress(hash, plan.progress);
  visitPhases(plan, (p) => {
    hash = mix(mix(mix(mix(mix(hash, p.section), p.done), p.open), p.inProgress), p.skipped);
  });
  return hash;
}

function mixProgress(hash: number, p: Progress): number {
  return mix(mix(mix(mix(hash, p.done), p.open), p.inProgress), p.skipped);
}

/** One more number into an FNV-1a hash. */
function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193) >>> 0;
}
