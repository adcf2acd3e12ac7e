/**
 * Plan health in the Problems panel: the core's rules run on every open plan and their findings
 * become diagnostics (collection `planTracker`, source `Plan Tracker`, the rule's code on each).
 *
 * The plan model comes from the plan index, which re-parses open documents as you type (after a
 * quiet period); the text for the placeholder rule comes from the open document. A model older
 * than the document is never used: the index is about to send a newer one. "Open" means open in an
 * editor tab. Diagnostics are cleared when a plan's tab is closed, when it is deleted or stops
 * being a plan, and when they are turned off.
 *
 * Drift (a `DriftBaseline`, git HEAD in the editor: gitDrift.ts) goes through the same path: an
 * open task deleted or reworded since HEAD is found as you type, and every open plan is looked at
 * again when HEAD moves. Its findings join the plan's others in this one collection, because each
 * update sets a plan's whole list and so must know all of its findings.
 */
import * as vscode from 'vscode';
import { checkDrift, checkPlan, findKeyFilePaths, keyFileFindings, type Finding, type TemplatePlaceholders } from '../../core';
import { isOpenInEditor } from '../openEditors';
import { isCurrentFor } from '../planIndex/planIndex';
import type { IndexedPlan, PlanIndexChangeEvent } from '../planIndex/vscodePlanIndex';
import { BurstDebouncer } from '../util/debounce';
import { affectsDiagnostics, readDiagnosticSettings, type DiagnosticSettings } from './diagnosticSettings';
import type { DriftBaseline } from './gitDrift';
import { KeyFileChecker } from './keyFileChecker';

export const DIAGNOSTIC_SOURCE = 'Plan Tracker';
export const DIAGNOSTIC_COLLECTION = 'planTracker';

/** The part of the plan index the diagnostics read. */
export interface PlanModels {
  get(uri: vscode.Uri): IndexedPlan | undefined;
  readonly onDidChange: vscode.Event<PlanIndexChangeEvent>;
}

/** How many times an update waits for the index to catch up with the document before it gives up. */
const MAX_RETRIES = 20;

export class PlanDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, { uri: vscode.Uri; retries: number }>();
  private readonly debouncer: BurstDebouncer;
  /** Bumped for a uri whenever its diagnostics must be recomputed: a late async answer is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a plan's diagnostics were set or cleared (tests wait on it). */
  readonly onDidUpdate = this.emitter.event;

  constructor(
    private readonly models: PlanModels,
    private readonly keyFiles = new KeyFileChecker(),
    quietMs = 50,
    /** The placeholders of the template a plan is made from (the workspace's or the bundled one). */
    private readonly templateOf?: (uri: vscode.Uri) => Promise<TemplatePlaceholders | undefined>,
    /** What a plan is compared with for drift (git HEAD); none: no drift findings. */
    private readonly baseline?: DriftBaseline,
  ) {
    this.debouncer = new BurstDebouncer(() => void this.flush(), quietMs, 500);
    this.disposables.push(
      this.collection,
      this.emitter,
      this.keyFiles,
      models.onDidChange((event) => {
        for (const uri of event.removed) this.clear(uri);
        // Only a plan open in an editor has diagnostics (`update`), or one that still shows some:
        // a scan's event of 2,000 plans schedules those few, not 2,000 updates that clear nothing.
        const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
        for (const uri of event.changed) if (open.has(uri.toString()) || this.collection.has(uri)) this.schedule(uri);
      }),
      // Opening a file whose model the index already has sends no index event.
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        editors.forEach((e) => this.schedule(e.document.uri));
        // And the plans that have diagnostics: an editor that went away may have been a plan's last
        // view (the web worker host sends the tab event while that editor is still visible).
        this.collection.forEach((uri) => this.schedule(uri));
      }),
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of [...event.opened, ...event.closed]) {
          const input = tab.input;
          if (input instanceof vscode.TabInputText) this.schedule(input.uri);
          else if (input instanceof vscode.TabInputTextDiff) this.schedule(input.modified);
        }
      }),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.clear(uri))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsDiagnostics(event)) this.scheduleOpen();
      }),
      this.keyFiles.onDidChange(() => this.scheduleOpen()),
    );
    if (baseline) this.disposables.push(baseline.onDidChange(() => this.scheduleOpen()));
    this.scheduleOpen();
  }

  /** Recomputes the diagnostics of every open document now-ish (after the debounce). */
  scheduleOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document.uri);
  }

  private schedule(uri: vscode.Uri, retries = 0): void {
    const key = uri.toString();
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    const existing = this.pending.get(key);
    this.pending.set(key, { uri, retries: existing ? Math.min(existing.retries, retries) : retries });
    this.debouncer.trigger();
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.pending.delete(key);
    if (this.collection.has(uri)) {
      this.collection.delete(uri);
      this.emitter.fire(uri);
    }
  }

  private async flush(): Promise<void> {
    const items = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(items.map((item) => this.update(item.uri, item.retries)));
  }

  private async update(uri: vscode.Uri, retries: number): Promise<void> {
    const key = uri.toString();
    const generation = this.generations.get(key) ?? 0;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    const entry = this.models.get(uri);
    if (!document || !entry || !isOpenInEditor(uri)) {
      this.clear(uri);
      return;
    }
    const settings = readDiagnosticSettings(uri);
    if (!settings.enabled) {
      this.clear(uri);
      return;
    }
    if (!isCurrentFor(entry, document)) {
      // The index has a newer parse on the way (and will say so); look again in a moment anyway,
      // in case the document went back to text the index already had.
      if (retries < MAX_RETRIES) setTimeout(() => this.schedule(uri, retries + 1), 200);
      return;
    }
    const version = document.version;
    let template: TemplatePlaceholders | undefined;
    try {
      template = await this.templateOf?.(uri);
    } catch {
      template = undefined;
    }
    if (this.generations.get(key) !== generation || document.isClosed || document.version !== version) return;
    const text = document.getText();
    const findings: Finding[] = checkPlan(entry.plan, text, { statuses: settings.statuses, template });
    if (settings.keyFiles) {
      const paths = findKeyFilePaths(text);
      if (paths.length > 0) {
        let missing: Set<string>;
        try {
          missing = await this.keyFiles.missing(uri, paths);
        } catch {
          missing = new Set();
        }
        if (this.generations.get(key) !== generation || document.isClosed || document.version !== version) return;
        findings.push(...keyFileFindings(paths, (p) => missing.has(p.path)));
      }
    }
    if (this.baseline) {
      let before: string | undefined;
      try {
        before = await this.baseline.textAt(uri);
      } catch {
        before = undefined;
      }
      if (this.generations.get(key) !== generation || document.isClosed || document.version !== version) return;
      if (before !== undefined) findings.push(...checkDrift(before, text, { statuses: settings.statuses, since: this.baseline.label }));
    }
    this.collection.set(uri, toDiagnostics(findings, settings));
    this.emitter.fire(uri);
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function toDiagnostics(findings: readonly Finding[], settings: DiagnosticSettings): vscode.Diagnostic[] {
  const diagnostics: vscode.Diagnostic[] = [];
  for (const f of [...findings].sort((a, b) => a.line - b.line || a.start - b.start)) {
    const severity = settings.severity(f.code, f.severity);
    if (severity === undefined) continue;
    const diagnostic = new vscode.Diagnostic(new vscode.Range(f.line, f.start, f.line, f.end), f.message, severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = f.code;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
