import * as vscode from 'vscode';
import type { DashboardModel, HostMessage, WebviewMessage } from '../../shared/protocol';
import { affectsSettings, readSettings } from '../config';
import type { IndexedPlan, PlanIndex } from '../planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from '../workspacePlanEditor';
import { buildDashboardModel, DashboardPlanCache, dashboardUpdate } from './dashboardModel';
import { parseWebviewMessage } from './dashboardProtocol';

/** The panel's view type: `onWebviewPanel:planTracker.dashboard` activates the extension to restore it. */
export const DASHBOARD_VIEW_TYPE = 'planTracker.dashboard';

/** What tests read of the dashboard (through the extension API). Not a stable interface. */
export interface DashboardInspector {
  /** The open panel, if any. */
  readonly panel: vscode.WebviewPanel | undefined;
  /** The HTML the panel was given. */
  readonly html: string | undefined;
  /** The last model posted to the webview. */
  readonly lastModel: DashboardModel | undefined;
  /** Models and updates posted so far. */
  readonly posted: number;
  /** The last message that carried plans: the whole model, or an update to the page's. */
  readonly lastMessage: HostMessage | undefined;
  /** `ready` messages received from the page (its script runs under the CSP). */
  readonly readyMessages: number;
  /** Messages dropped as malformed or naming a file that is not a plan. */
  readonly rejectedMessages: number;
  /** Handles `message` as if the webview had sent it; resolves to whether it was accepted. */
  receive(message: unknown): Promise<boolean>;
}

/** Coalesces an index event and a settings change that arrive together into one post. */
const POST_DELAY_MS = 30;

/**
 * The Plan Dashboard: one webview panel (revealed when already open, restored across reloads by
 * a serializer) showing every plan of the index. Plan data goes to the page as JSON through
 * `postMessage`; the page builds its DOM with `textContent`. The HTML is a fixed shell with a
 * strict CSP (no remote content, scripts only with a per-load nonce).
 *
 * Live: the index's change event re-posts the model while the panel is visible; while hidden it
 * only marks the page stale and re-syncs when the panel is shown again. No polling.
 */
export class DashboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private stale = false;
  private indexReady = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private html: string | undefined;
  private lastModel: DashboardModel | undefined;
  /** The model the page holds (what the next update is computed against); none until it asks. */
  private pageModel: DashboardModel | undefined;
  private lastMessage: HostMessage | undefined;
  private readonly cache = new DashboardPlanCache();
  private posted = 0;
  private readyMessages = 0;
  private rejectedMessages = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => this.attach(panel),
      }),
      index.onDidChange(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'statuses')) this.invalidate();
      }),
    );
    void index.ready.then(() => {
      this.indexReady = true;
      this.invalidate();
    });
  }

  /** Opens the dashboard, or reveals it where it is. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, vscode.l10n.t('Plan Dashboard'), vscode.ViewColumn.Active, this.webviewOptions());
    this.attach(panel);
  }

  get inspector(): DashboardInspector {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      get panel() {
        return self.panel;
      },
      get html() {
        return self.html;
      },
      get lastModel() {
        return self.lastModel;
      },
      get posted() {
        return self.posted;
      },
      get lastMessage() {
        return self.lastMessage;
      },
      get readyMessages() {
        return self.readyMessages;
      },
      get rejectedMessages() {
        return self.rejectedMessages;
      },
      receive: (message: unknown) => this.receive(message),
    };
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      // Only the extension's own webview assets; never the workspace.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) {
      // A second panel (restored next to an open one): keep one, the newer.
      const old = this.panel;
      this.detach();
      old.dispose();
    }
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'plan-tracker.svg');
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.post();
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.detach();
      }),
    );
    this.pageModel = undefined; // a new page: it asks for the whole model
    this.html = dashboardHtml(panel.webview, this.extensionUri, nonce());
    panel.webview.html = this.html;
    // The page asks for the model (`ready`) once its script runs.
  }

  private detach(): void {
    this.panel = undefined;
    this.pageModel = undefined;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Something the dashboard shows changed: re-post soon if visible, else when shown again. */
  private invalidate(): void {
    if (!this.panel) return;
    this.stale = true;
    if (!this.panel.visible || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.panel?.visible) this.post();
    }, POST_DELAY_MS);
  }

  private model(): DashboardModel {
    const inputs = this.index.getPlans().map((entry) => ({
      uri: entry.uri.toString(),
      path: vscode.workspace.asRelativePath(entry.uri),
      plan: entry.plan,
      unsaved: entry.fromDocument && isDirty(entry.uri),
    }));
    return buildDashboardModel(
      inputs,
      {
        statuses: readSettings(null).statuses,
        scanning: !this.indexReady,
        hasWorkspace: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      },
      this.cache,
    );
  }

  /**
   * Sends the page the model: whole when it asks (`ready`), else as an update to the one it
   * holds (the changed plans only: one edit in a workspace of 2,000 plans sends one plan, not
   * megabytes). A hidden page may have been discarded; when shown it asks again with `ready`.
   */
  private post(whole = false): void {
    const panel = this.panel;
    if (!panel) return;
    this.stale = false;
    const model = this.model();
    this.lastModel = model;
    const message: HostMessage = whole || !this.pageModel ? { type: 'model', model } : { type: 'update', update: dashboardUpdate(this.pageModel, model) };
    this.pageModel = model;
    this.lastMessage = message;
    this.posted++;
    this.send(message);
  }

  private send(message: HostMessage): void {
    void this.panel?.webview.postMessage(message).then(undefined, (error: unknown) => this.log?.warn(`Dashboard: postMessage failed: ${String(error)}`));
  }

  private async receive(raw: unknown): Promise<boolean> {
    const message = parseWebviewMessage(raw);
    if (!message) return this.reject('malformed message', raw);
    switch (message.type) {
      case 'ready':
        this.readyMessages++;
        this.post(true);
        return true;
      case 'newPlan':
        await vscode.commands.executeCommand('planTracker.newPlan');
        return true;
      case 'openLocation': {
        const entry = this.planAt(message.uri);
        if (!entry) return this.reject('not a plan', message);
        await this.open(entry, message.line);
        return true;
      }
      case 'tickTask': {
        const entry = this.planAt(message.uri);
        if (!entry) return this.reject('not a plan', message);
        await this.tick(entry, message);
        return true;
      }
    }
  }

  private reject(reason: string, message: unknown): false {
    this.rejectedMessages++;
    let shown: string;
    try {
      shown = JSON.stringify(message)?.slice(0, 200) ?? String(message);
    } catch {
      shown = String(message);
    }
    this.log?.warn(`Dashboard: ignored a message from the webview (${reason}): ${shown}`);
    return false;
  }

  /** Only files the index holds as plans: the page cannot name any other file. */
  private planAt(uri: string): IndexedPlan | undefined {
    return this.index.getPlans().find((entry) => entry.uri.toString() === uri);
  }

  private async open(entry: IndexedPlan, line: number): Promise<void> {
    const at = Math.max(0, Math.min(line, entry.plan.lineCount - 1));
    const position = new vscode.Position(at, 0);
    // Next to the dashboard, so it stays in view.
    const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(entry.uri, { viewColumn: column, selection: new vscode.Range(position, position) });
  }

  private async tick(entry: IndexedPlan, message: Extract<WebviewMessage, { type: 'tickTask' }>): Promise<void> {
    // The webview hears the answer first; the index settles after it.
    await this.editor.setTaskState({ uri: entry.uri, line: message.line, mark: message.mark, text: message.text }, 'done', {
      label: vscode.l10n.t('Tick task'),
      beforeSettle: (outcome) =>
        this.send(
          outcome.applied
            ? { type: 'tickResult', requestId: message.requestId, ok: true, message: vscode.l10n.t('Ticked: {0}', message.text) }
            : { type: 'tickResult', requestId: message.requestId, ok: false, message: outcome.reason },
        ),
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    for (const d of this.disposables) d.dispose();
  }
}

function isDirty(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === key);
}

/** A fresh nonce per page load (CSP `script-src 'nonce-…'`): 32 characters of [A-Za-z0-9]. */
export function nonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page: a fixed shell with no plan data in it. Scripts run only with the nonce; styles,
 * fonts and images come only from the extension's own webview resources.
 */
export function dashboardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, scriptNonce: string): string {
  const asset = (...path: string[]): string => escapeAttribute(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString());
  const source = escapeAttribute(webview.cspSource);
  const csp = [
    `default-src 'none'`,
    `style-src ${source}`,
    `script-src 'nonce-${scriptNonce}'`,
    `font-src ${source}`,
    `img-src ${source} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webview', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('media', 'dashboard.css')}">
<title>${escapeAttribute(vscode.l10n.t('Plan Dashboard'))}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${scriptNonce}" src="${asset('dist', 'webview', 'dashboard.js')}"></script>
</body>
</html>
`;
}
