import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IndexedPlan, PlanTrackerApi } from '../../src/extension/api';
import type { DashboardModel, DashboardPlan } from '../../src/shared/protocol';
import { activatePlanTracker, closeAllEditors, extensionUri, readText, waitFor, writeText } from './support/planTracker';

/**
 * The Plan Dashboard in a real extension host: one reused panel, a strict CSP shell, the page's
 * script really running (it sends `ready`), messages validated, live updates from the index
 * (held while hidden, re-synced when shown), open-at-line and tick-next-task.
 * Files a test changes are written back afterwards.
 */

const VIEW_TYPE = 'planTracker.dashboard';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

function describeTabs(): string {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => `${tab.label} (${tab.input instanceof vscode.TabInputWebview ? `webview ${tab.input.viewType}` : (tab.input as object | undefined)?.constructor?.name})`)
    .join(', ');
}

/** Waits until exactly one dashboard tab is open (the tab model follows the panel asynchronously). */
async function oneDashboardTab(): Promise<void> {
  await waitFor(() => dashboardTabs().length === 1, `expected one dashboard tab; tabs: ${describeTabs()}`);
  await sleep(200);
  assert.equal(dashboardTabs().length, 1, `more than one dashboard tab: ${describeTabs()}`);
}

/** The CSP directives of the page, by name. */
function cspOf(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has no CSP meta tag');
  const directives = new Map<string, string[]>();
  for (const part of match[1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

/** The number of characters that differ between two texts of the same length. */
function changedCharacters(a: string, b: string): number {
  assert.equal(a.length, b.length, 'the edit changed the length of the file');
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

describe('Dashboard', function () {
  this.timeout(60_000);

  let api: PlanTrackerApi;
  /** Files to restore after each test: uri → original text, and the index's view of it. */
  const originals = new Map<string, { uri: vscode.Uri; text: string; progress?: unknown }>();

  async function remember(uri: vscode.Uri): Promise<string> {
    const text = await readText(uri);
    if (!originals.has(uri.toString())) originals.set(uri.toString(), { uri, text, progress: api.getPlan(uri)?.plan.progress });
    return text;
  }

  async function openDashboard(): Promise<vscode.WebviewPanel> {
    await vscode.commands.executeCommand('planTracker.openDashboard');
    const panel = api.dashboard.panel;
    assert.ok(panel, 'the command opened no panel');
    return panel;
  }

  /** Opens the dashboard and waits until its page has asked for, and been sent, a model. */
  async function openAndLoad(): Promise<DashboardModel> {
    const readyBefore = api.dashboard.readyMessages;
    await openDashboard();
    await waitFor(() => api.dashboard.readyMessages > readyBefore, 'the dashboard page never sent "ready" (did its script run?)', 20_000);
    return waitFor(() => api.dashboard.lastModel, 'no model was posted');
  }

  /** An indexed plan with a next task to tick, preferring the fixture search-index.md. */
  function planWithNextTask(model: DashboardModel): { entry: IndexedPlan; plan: DashboardPlan } {
    // A plan in a workspace folder (file: on the Node host, vscode-remote: in the web worker).
    const candidates = model.plans.filter((p) => p.nextTask && vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(p.uri)));
    const plan = candidates.find((p) => p.path.endsWith('search-index.md')) ?? candidates[0];
    assert.ok(plan, 'no plan in the fixtures has an open task');
    const entry = api.getPlans().find((e) => e.uri.toString() === plan.uri);
    assert.ok(entry);
    return { entry, plan };
  }

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
    assert.ok(api.getPlans().length > 0, 'the fixture workspace has no plans');
  });

  afterEach(async () => {
    await closeAllEditors();
    for (const { uri, text, progress } of originals.values()) {
      if ((await readText(uri)) !== text) await writeText(uri, text);
      // Wait until the index has the restored text again, so the next test starts from it.
      await waitFor(async () => {
        await api.settle();
        return JSON.stringify(api.getPlan(uri)?.plan.progress) === JSON.stringify(progress);
      }, `the index did not return to ${uri.path} as it was`);
    }
    originals.clear();
  });

  it('opens one panel and reuses it', async () => {
    await closeAllEditors();
    const first = await openDashboard();
    assert.equal(first.viewType, VIEW_TYPE);
    await oneDashboardTab();
    const second = await openDashboard();
    assert.equal(second, first, 'a second panel was created');
    await oneDashboardTab();
    first.dispose();
    await waitFor(() => api.dashboard.panel === undefined, 'the panel was not forgotten after it closed');
    // The tab model follows the closed panel asynchronously: a stale tab counted next to the new one.
    await waitFor(() => dashboardTabs().length === 0, `the closed dashboard's tab stayed; tabs: ${describeTabs()}`);
    const third = await openDashboard();
    assert.notEqual(third, first, 'a closed panel was reused');
    await oneDashboardTab();
  });

  it('serves a fixed HTML shell: CSP with a nonce, only the extension’s own resources, no plan data', async () => {
    const panel = await openDashboard();
    const html = api.dashboard.html;
    assert.ok(html);

    const csp = cspOf(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    const scriptSrc = csp.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `script-src allows more than a nonce: ${scriptSrc.join(' ')}`);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `script-src is not a nonce: ${scriptSrc[0]}`);
    const source = panel.webview.cspSource.split(/\s+/);
    assert.deepEqual(csp.get('style-src'), source);
    assert.deepEqual(csp.get('font-src'), source);
    assert.deepEqual(csp.get('img-src'), [...source, 'data:']);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attributes, body] of scripts) {
      assert.match(attributes, new RegExp(`nonce="${nonce}"`));
      assert.match(attributes, /\bsrc="/);
      assert.equal(body.trim(), '', 'inline script');
    }
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
    assert.doesNotMatch(html, /\sstyle=/i, 'inline style');

    // Every URL is a webview resource URI of the extension's dist/webview or media folder.
    const root = extensionUri();
    const allowed = ['dist/webview/', 'media/'].map((dir) => panel.webview.asWebviewUri(vscode.Uri.joinPath(root, dir)).toString());
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    assert.ok(urls.length >= 3, `expected the script and two stylesheets, found ${urls.length} URLs`);
    for (const url of urls) {
      assert.ok(
        allowed.some((prefix) => url.startsWith(prefix)),
        `${url} is not under the extension's webview resources (${allowed.join(', ')})`,
      );
    }
    assert.deepEqual(
      panel.webview.options.localResourceRoots?.map((uri) => uri.path).sort(),
      [vscode.Uri.joinPath(root, 'dist', 'webview').path, vscode.Uri.joinPath(root, 'media').path].sort(),
    );
    assert.equal(panel.webview.options.enableCommandUris, false);

    // Plan data goes by postMessage, never into the HTML.
    for (const { plan } of api.getPlans()) {
      if (plan.title.length > 3) assert.ok(!html.includes(plan.title), `the HTML contains the plan title "${plan.title}"`);
    }
  });

  it('runs its script under that CSP and receives the plans of the index', async () => {
    const model = await openAndLoad();
    assert.equal(model.scanning, false);
    const indexed = api.getPlans();
    assert.deepEqual(model.plans.map((p) => p.uri).sort(), indexed.map((e) => e.uri.toString()).sort());
    for (const entry of indexed) {
      const shown = model.plans.find((p) => p.uri === entry.uri.toString());
      assert.ok(shown);
      assert.deepEqual(shown.progress, entry.plan.progress);
      assert.equal(shown.phases.length, entry.plan.phases.length);
      assert.equal(shown.currentPhase, entry.plan.currentPhase);
    }
    assert.equal(model.summary.plans, indexed.length);
    assert.equal(
      model.summary.tasks.done,
      indexed.reduce((sum, e) => sum + e.plan.progress.done, 0),
    );
  });

  it('ignores malformed messages and files that are not plans', async () => {
    const model = await openAndLoad();
    const { entry, plan } = planWithNextTask(model);
    const before = await remember(entry.uri);
    const readme = vscode.Uri.joinPath(entry.folder?.uri ?? entry.uri, 'README.md');
    const rejectedBefore = api.dashboard.rejectedMessages;
    const task = plan.nextTask!;
    const bad: unknown[] = [
      undefined,
      'ready',
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'tickTask', uri: 123 },
      { type: 'tickTask', requestId: 1, uri: plan.uri, line: task.line, mark: 'xx', text: task.text },
      { type: 'tickTask', requestId: 1, uri: plan.uri, line: -1, mark: task.mark, text: task.text },
      { type: 'tickTask', requestId: 1, uri: readme.toString(), line: 0, mark: ' ', text: '' },
      { type: 'openLocation', uri: readme.toString(), line: 0 },
      { type: 'openLocation', uri: 'file:///etc/passwd', line: 0 },
      { type: 'openLocation', uri: plan.uri, line: '2' },
    ];
    for (const message of bad) {
      assert.equal(await api.dashboard.receive(message), false, `accepted ${JSON.stringify(message)}`);
    }
    assert.equal(api.dashboard.rejectedMessages - rejectedBefore, bad.length);
    await sleep(300);
    assert.equal(await readText(entry.uri), before, 'a rejected message changed the plan');
    assert.equal(vscode.window.activeTextEditor, undefined, 'a rejected message opened an editor');
  });

  it('opens a plan at the line of a phase', async () => {
    const model = await openAndLoad();
    const plan = model.plans.find((p) => p.phases.length > 1);
    assert.ok(plan, 'no fixture plan has two phases');
    const phase = plan.phases[1];
    assert.equal(await api.dashboard.receive({ type: 'openLocation', uri: plan.uri, line: phase.line }), true);
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === plan.uri ? vscode.window.activeTextEditor : undefined),
      'the plan did not open',
    );
    assert.equal(editor.selection.active.line, phase.line);
    assert.notEqual(editor.viewColumn, api.dashboard.panel?.viewColumn, 'the plan replaced the dashboard');
  });

  it('ticks the next task: one character on disk, then the model follows', async () => {
    const model = await openAndLoad();
    const { entry, plan } = planWithNextTask(model);
    const task = plan.nextTask!;
    const before = await remember(entry.uri);
    const doneBefore = plan.progress.done;

    assert.equal(await api.dashboard.receive({ type: 'tickTask', requestId: 7, uri: plan.uri, line: task.line, mark: task.mark, text: task.text }), true);
    const after = await waitFor(async () => {
      const text = await readText(entry.uri);
      return text !== before ? text : undefined;
    }, 'the task was not ticked on disk');
    assert.equal(changedCharacters(before, after), 1);
    assert.match(after.split(/\r?\n/)[task.line], /\[[xX]\]/);

    await api.settle();
    await waitFor(
      () => (api.dashboard.lastModel?.plans.find((p) => p.uri === plan.uri)?.progress.done ?? -1) > doneBefore || undefined,
      'the dashboard did not show the ticked task',
    );
  });

  it('refuses to tick a task that changed since the page saw it', async () => {
    const model = await openAndLoad();
    const { entry, plan } = planWithNextTask(model);
    const task = plan.nextTask!;
    const before = await remember(entry.uri);
    // Accepted as a message (well-formed, a plan), refused by the edit: the text no longer matches.
    assert.equal(
      await api.dashboard.receive({ type: 'tickTask', requestId: 8, uri: plan.uri, line: task.line, mark: task.mark, text: `${task.text} (stale)` }),
      true,
    );
    await sleep(300);
    assert.equal(await readText(entry.uri), before);
  });

  it('updates live when a plan changes on disk', async () => {
    const model = await openAndLoad();
    const { entry, plan } = planWithNextTask(model);
    const before = await remember(entry.uri);
    const postedBefore = api.dashboard.posted;
    const task = plan.nextTask!;
    const lines = before.split('\n');
    lines[task.line] = lines[task.line].replace(`[${task.mark}]`, '[x]');
    await writeText(entry.uri, lines.join('\n'));
    await api.settle();
    const updated = await waitFor(
      () => api.dashboard.lastModel?.plans.find((p) => p.uri === plan.uri && p.progress.done === plan.progress.done + 1),
      'the dashboard did not follow the change on disk',
    );
    assert.ok(api.dashboard.posted > postedBefore);
    assert.notDeepEqual(updated.nextTask, plan.nextTask);
    // Sent as an update carrying that plan only: the page keeps the others as it has them.
    const message = api.dashboard.lastMessage;
    assert.equal(message?.type, 'update');
    if (message?.type !== 'update') return;
    assert.deepEqual(message.update.changed.map((p) => p.uri), [plan.uri]);
    assert.equal(message.update.order, undefined, 'no plan was added, removed or moved');
    assert.deepEqual(message.update.summary, api.dashboard.lastModel?.summary);
  });

  it('holds updates while hidden and re-syncs when shown again', async () => {
    const model = await openAndLoad();
    const panel = api.dashboard.panel!;
    const { entry, plan } = planWithNextTask(model);
    const before = await remember(entry.uri);

    // Cover the panel with another (saved, not a plan) file in its group.
    const cover = vscode.Uri.joinPath(entry.folder?.uri ?? entry.uri, 'README.md');
    await vscode.window.showTextDocument(cover, { viewColumn: panel.viewColumn, preview: false });
    await waitFor(() => !panel.visible, 'the panel stayed visible');

    const postedWhileHidden = api.dashboard.posted;
    const task = plan.nextTask!;
    const lines = before.split('\n');
    lines[task.line] = lines[task.line].replace(`[${task.mark}]`, '[x]');
    await writeText(entry.uri, lines.join('\n'));
    await api.settle();
    await waitFor(() => api.getPlans().find((e) => e.uri.toString() === plan.uri && e.plan.progress.done === plan.progress.done + 1), 'the index did not follow');
    await sleep(300);
    assert.equal(api.dashboard.posted, postedWhileHidden, 'the hidden panel was sent a model');

    await openDashboard();
    await waitFor(
      () => api.dashboard.lastModel?.plans.find((p) => p.uri === plan.uri && p.progress.done === plan.progress.done + 1),
      'the panel was not re-synced when shown',
    );
  });
});
