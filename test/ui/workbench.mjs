// Drive a real VS Code workbench from the outside, as a person would: code-server with Plan
// Tracker loaded in development mode, opened in headless Debian chromium through playwright-core.
//
//   import { openWorkbench } from './workbench.mjs';
//   const wb = await openWorkbench();                 // a copy of test/fixtures/workspace
//   await wb.runCommand('Plan Tracker: New Plan');
//   await wb.typeInQuickInput('Export Reports');
//   await wb.waitForTab('export-reports.md');
//   await wb.screenshot('new-plan');                  // test-results/ui-new-plan.png
//   await wb.close();
//
// The selectors are VS Code 1.139's DOM (see /work/shared/TESTING-IN-VSCODE.md): quick input
// `.quick-input-widget`, tree rows `.monaco-list-row` with aria-labels, status bar entries under
// `#workbench.parts.statusbar`, webview content in nested iframes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { copyWorkspace, extensionHostComplaints, launchChromium, logFiles, removeOnExit, stageWebExtension, startCodeServer, workbenchUrl } from '../../scripts/code-server.mjs';
import { ensureTestEnv, repoRoot } from '../../scripts/test-env.mjs';

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const resultsDir = path.join(repoRoot, 'test-results');
const DEFAULT_TIMEOUT = 20_000;
/** Shows once Plan Tracker's contributions are registered: its activity bar entry. */
const PLAN_TRACKER_READY = '.activitybar .action-item a[aria-label^="Plan Tracker"]';
/** Lines of code-server's output kept for a failure's report. */
const SERVER_OUTPUT_KEPT = 200;

/** The test environment (installed on first use, then cached for the process). */
export function testEnv() {
  return ensureTestEnv();
}

/**
 * Starts code-server with the extension in development mode on a temp copy of `workspace`,
 * opens it in chromium and waits for the workbench.
 * @param {object} [options]
 * @param {string} [options.workspace] folder or .code-workspace to copy (default test/fixtures/workspace)
 * @param {boolean} [options.workspaceTrust] keep Workspace Trust (to test Restricted Mode)
 * @param {{ width: number, height: number }} [options.viewport]
 * @param {Record<string, unknown>} [options.settings] user settings for this session
 * @param {'node' | 'web'} [options.host] the extension host to run Plan Tracker in: `node` (this
 *   folder, default) or `web`, the web worker host of vscode.dev and github.dev (a staged copy of
 *   the built extension without `main`, see stageWebExtension)
 * @param {string | null} [options.readyWhen] selector that shows the extension is loaded
 *   (default: Plan Tracker's activity bar entry; null: do not wait)
 * @returns {Promise<Workbench>}
 */
export async function openWorkbench(options = {}) {
  const env = await testEnv();
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-ui-'));
  const workbench = new Workbench(tempRoot, removeOnExit(tempRoot));
  try {
    const original = path.resolve(options.workspace ?? path.join(fixturesDir, 'workspace'));
    workbench.workspace = copyWorkspace(original, path.join(tempRoot, 'workspace'));
    workbench.workspaceDir = workbench.workspace.endsWith('.code-workspace') ? path.dirname(workbench.workspace) : workbench.workspace;
    if (options.settings) writeUserSettings(path.join(tempRoot, 'code-server', 'user-data'), options.settings);
    workbench.server = await startCodeServer(env, {
      // Without the smoke-test driver a built VS Code ignores extensionDevelopmentPath.
      smokeTestDriver: true,
      workspaceTrust: options.workspaceTrust,
      tempDir: path.join(tempRoot, 'code-server'),
      onOutput: (line) => {
        workbench.serverOutput.push(line);
        if (workbench.serverOutput.length > SERVER_OUTPUT_KEPT) workbench.serverOutput.shift();
        if (process.env.PLAN_TRACKER_TEST_VERBOSE) console.log(`      [code-server] ${line}`);
      },
    });
    workbench.browser = await launchChromium();
    const context = await workbench.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    workbench.page = await context.newPage();
    workbench.page.setDefaultTimeout(DEFAULT_TIMEOUT);
    workbench.page.on('pageerror', (error) => workbench.pageErrors.push(error.message));
    const extensionDevelopmentPath = options.host === 'web' ? stageWebExtension(path.join(tempRoot, 'web-extension')) : repoRoot;
    // Not until "load": the web worker host's iframe can hold that back; the waits below are what count.
    await workbench.page.goto(workbenchUrl(workbench.server, { workspace: workbench.workspace, extensionDevelopmentPath }), {
      waitUntil: 'domcontentloaded',
      timeout: 60_000,
    });
    await workbench.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The smoke-test driver knows when the workbench has restored its editors and views ...
    await workbench.page.waitForFunction(() => 'driver' in window, undefined, { timeout: 60_000 });
    await workbench.page.evaluate(() => /** @type {any} */ (window).driver.whenWorkbenchRestored());
    // ... and the extension's contributions are registered once its activity bar entry shows
    // (before that, the command palette would not list its commands).
    if (options.readyWhen !== null) {
      await workbench.page.locator(options.readyWhen ?? PLAN_TRACKER_READY).first().waitFor({ state: 'attached', timeout: 60_000 });
    }
    return workbench;
  } catch (error) {
    await workbench.close();
    throw error;
  }
}

function writeUserSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

export class Workbench {
  /**
   * @param {string} tempRoot
   * @param {() => void} removeTempRoot
   */
  constructor(tempRoot, removeTempRoot) {
    this.tempRoot = tempRoot;
    this.removeTempRoot = removeTempRoot;
    /** @type {import('playwright-core').Page} */
    this.page = undefined;
    /** @type {string[]} code-server's latest output lines (extension hosts started, connections lost). */
    this.serverOutput = [];
    /** @type {import('playwright-core').Browser | undefined} */
    this.browser = undefined;
    /** @type {import('../../scripts/code-server.mjs').CodeServer | undefined} */
    this.server = undefined;
    /** The folder or .code-workspace opened (a temp copy). */
    this.workspace = '';
    /** The folder holding the copy: files tests create end up under it. */
    this.workspaceDir = '';
    /** @type {string[]} */
    this.pageErrors = [];
  }

  // ── Command palette and quick input ────────────────────────────────────────────────────

  /** The quick input widget (command palette, quick picks, input boxes). */
  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Runs a command from the palette by its full title ("Plan Tracker: New Plan"): F1, type,
   * wait until the exact entry is listed, Enter.
   */
  async runCommand(title) {
    // The palette lists the commands known when it opens: if the entry is not there yet (the
    // extension host still starting), close it and try again.
    for (let attempt = 1; ; attempt++) {
      await this.dismissQuickInput();
      await this.page.keyboard.press('F1');
      const input = this.quickInput.locator('input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const row = this.quickInput.locator('.monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: attempt < 3 ? 5000 : DEFAULT_TIMEOUT });
      } catch (error) {
        if (attempt < 3) continue;
        throw error;
      }
      await row.click();
      return;
    }
  }

  /**
   * Waits for an input box or quick pick (not the command palette itself) to show, optionally
   * one whose title, prompt or placeholder contains `expect`; returns those texts.
   */
  async waitForQuickInput({ expect, timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    let state;
    while (Date.now() < deadline) {
      state = await this.quickInput.evaluate((widget) => {
        const visible = widget.checkVisibility?.() ?? widget.offsetParent !== null;
        const input = widget.querySelector('input');
        return {
          visible: visible && widget.style.display !== 'none',
          value: input?.value ?? '',
          title: widget.querySelector('.quick-input-title')?.textContent?.trim() ?? '',
          prompt: widget.querySelector('.quick-input-message')?.textContent?.trim() ?? '',
          placeholder: input?.getAttribute('placeholder') ?? '',
        };
      }).catch(() => undefined);
      const matches = state?.visible && !state.value.startsWith('>') &&
        (!expect || [state.title, state.prompt, state.placeholder].some((text) => text.includes(expect)));
      if (matches) return { title: state.title, prompt: state.prompt, placeholder: state.placeholder };
      await this.page.waitForTimeout(100);
    }
    throw new Error(`no quick input${expect ? ` with "${expect}"` : ''} within ${timeout} ms (last: ${JSON.stringify(state)})`);
  }

  /** Types into the visible input box (replacing its value) and, unless told not to, presses Enter. */
  async typeInQuickInput(text, { submit = true, expect } = {}) {
    await this.waitForQuickInput({ expect });
    const input = this.quickInput.locator('input');
    await input.fill(text);
    if (submit) await input.press('Enter');
  }

  /** Picks the quick pick entry whose text contains `label`. */
  async pickQuickItem(label) {
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.click();
  }

  /** Closes whatever quick input is open. */
  async dismissQuickInput() {
    if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
  }

  // ── Editors ────────────────────────────────────────────────────────────────────────────

  /** Opens a workspace file with Quick Open (Ctrl+P): types `name`, waits for its row, Enter. */
  async quickOpen(name) {
    // Quick Open answers from the file search as it is when the query is typed: a file written a
    // moment ago may not be found yet ("No matching results"), and the answer does not update. So
    // close it and ask again, as runCommand does for commands not registered yet.
    for (let attempt = 1; ; attempt++) {
      await this.dismissQuickInput();
      await this.page.keyboard.press('Control+P');
      const input = this.quickInput.locator('input');
      await input.waitFor({ state: 'visible' });
      await input.fill(name);
      try {
        await this.quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: attempt < 4 ? 5000 : DEFAULT_TIMEOUT });
      } catch (error) {
        if (attempt >= 4) throw error;
        continue;
      }
      await input.press('Enter');
      return;
    }
  }

  /** Titles of the open editor tabs (their aria-labels: `name.md`, `● name.md` when dirty), in order. */
  async tabTitles() {
    return this.page.locator('.tabs-container [role="tab"]').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));
  }

  /** Waits for an editor tab whose title contains `name` (e.g. a file name) and returns it. */
  async waitForTab(name, { timeout = DEFAULT_TIMEOUT } = {}) {
    const tab = this.page.locator(`.tabs-container [role="tab"][aria-label*="${cssString(name)}"]`).first();
    await tab.waitFor({ state: 'visible', timeout });
    return tab;
  }

  /** The title of the active editor tab in the active group. */
  async activeTabTitle() {
    return (await this.page.locator('.editor-group-container.active .tabs-container [role="tab"].active').first().getAttribute('aria-label')) ?? '';
  }

  /**
   * The text of the active editor's visible lines (what a person sees: only what is scrolled into
   * view, in order, non-breaking spaces normalised).
   */
  async visibleEditorText() {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    return editor.evaluate((element) => {
      const lines = [...element.querySelectorAll('.view-line')].map((line) => ({
        top: parseFloat(line.style.top || '0'),
        text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
      }));
      return lines
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text)
        .join('\n');
    });
  }

  /** Waits until the active editor shows `text` (string or RegExp). */
  async waitForEditorText(text, { timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.visibleEditorText().catch(() => '');
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`the editor did not show ${String(text)} within ${timeout} ms; it shows:\n${last}`);
  }

  // ── Views: trees ───────────────────────────────────────────────────────────────────────

  /**
   * A view pane by its name ("Plans"), or the whole side bar. A view alone in its container has
   * its header merged into the container's title, so the header is matched by its aria-label
   * ("Plans Section") as well as by its text.
   */
  viewPane(title) {
    if (!title) return this.page.locator('.part.sidebar');
    const header = this.page
      .locator(`.pane-header[aria-label^="${cssString(title)}"]`)
      .or(this.page.locator('.pane-header', { hasText: title }));
    return this.page.locator('.pane', { has: header }).first();
  }

  /**
   * Opens a view container from the activity bar by its label ("Plan Tracker"). The click goes to
   * the whole action item, as a person's does: once the container shows a badge, the badge covers
   * the icon's link and takes the pointer events itself (they reach the item by bubbling).
   */
  async openViewContainer(label) {
    const item = this.page
      .locator('.activitybar .action-item', { has: this.page.locator(`a[aria-label^="${cssString(label)}"]`) })
      .first();
    await item.waitFor({ state: 'visible' });
    if (await item.evaluate((element) => element.classList.contains('checked'))) return;
    await item.click();
    await this.page.waitForFunction(
      (element) => element.classList.contains('checked'),
      await item.elementHandle(),
      { timeout: DEFAULT_TIMEOUT },
    );
  }

  /**
   * Rows of a tree (or list) in a view, top to bottom: label, aria-label, level, expanded and
   * checkbox state.
   * @param {string} [viewTitle] the view's header title; all visible trees when omitted
   */
  async treeRows(viewTitle) {
    const rows = this.viewPane(viewTitle).locator('.monaco-list-row');
    return rows.evaluateAll((elements) =>
      // In the order shown (`data-index`), not the DOM's: the list reuses row elements when it
      // redraws, so after a refresh a row element can sit before one drawn above it.
      [...elements].sort((a, b) => Number(a.getAttribute('data-index') ?? 0) - Number(b.getAttribute('data-index') ?? 0)).map((row) => {
        const checkbox = row.querySelector('.custom-view-tree-node-item-checkbox, [role="checkbox"]');
        return {
          label: row.querySelector('.label-name, .monaco-highlighted-label')?.textContent?.trim() ?? '',
          description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
          ariaLabel: row.getAttribute('aria-label') ?? '',
          level: Number(row.getAttribute('aria-level') ?? 0),
          expanded: row.getAttribute('aria-expanded') === null ? undefined : row.getAttribute('aria-expanded') === 'true',
          checked: checkbox
            ? checkbox.getAttribute('aria-checked') === 'true' || checkbox.classList.contains('checked')
            : undefined,
        };
      }),
    );
  }

  /**
   * Waits until a tree shows rows, or a row containing `text`; returns the rows (see treeRows).
   * @param {string} [viewTitle]
   * @param {{ text?: string, timeout?: number }} [options]
   */
  async waitForTreeRows(viewTitle, { text, timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    let rows = [];
    while (Date.now() < deadline) {
      rows = await this.treeRows(viewTitle);
      if (text ? rows.some((row) => row.label.includes(text) || row.ariaLabel.includes(text)) : rows.length > 0) return rows;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no tree row${text ? ` with "${text}"` : 's'} in ${viewTitle ?? 'the side bar'} within ${timeout} ms; rows: ${JSON.stringify(rows.map((row) => row.label))}`);
  }

  /** The row whose aria-label (or text) contains `text`, as a locator (click it, find its checkbox). */
  treeRow(text, viewTitle) {
    return this.viewPane(viewTitle).locator('.monaco-list-row', { hasText: text }).first();
  }

  /** The checkbox of a tree row (native TreeItem.checkboxState). */
  treeRowCheckbox(text, viewTitle) {
    return this.treeRow(text, viewTitle).locator('.custom-view-tree-node-item-checkbox, [role="checkbox"]').first();
  }

  // ── Status bar and notifications ───────────────────────────────────────────────────────

  /** Every status bar entry: its id (extension.id entries carry `publisher.name.id`), text and aria-label. */
  async statusBarItems() {
    return this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').evaluateAll((elements) =>
      elements.map((element) => ({
        id: element.id,
        text: (element.textContent ?? '').trim(),
        ariaLabel: element.querySelector('[aria-label]')?.getAttribute('aria-label') ?? element.getAttribute('aria-label') ?? '',
      })),
    );
  }

  /** The first status bar entry whose id or text contains `match` (string) or matches it (RegExp). */
  statusBarItem(match) {
    const items = this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item');
    return typeof match === 'string'
      ? items.filter({ has: this.page.locator(`[id*="${cssString(match)}"]`) }).or(items.filter({ hasText: match })).first()
      : items.filter({ hasText: match }).first();
  }

  /** Texts of the notification toasts on screen. */
  async notifications() {
    return this.page.locator('.notification-toast .notification-list-item-message').allTextContents();
  }

  // ── Webviews ───────────────────────────────────────────────────────────────────────────

  /**
   * The frame holding a webview's own content. VS Code nests it twice: an outer iframe
   * (`.../webview/browser/pre/index.html`) holds the inner one with the extension's HTML. Waits
   * until such an inner frame has `selector`.
   * @returns {Promise<import('playwright-core').Frame>}
   */
  async webviewFrame(selector = 'body', { timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const frame of this.webviewFrames()) {
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no webview frame with ${selector} within ${timeout} ms (frames: ${this.page.frames().map((frame) => frame.url().slice(0, 100)).join(', ')})`);
  }

  /** The inner (content) frames of every webview on the page. */
  webviewFrames() {
    return this.page.frames().filter((frame) => /\/webview\/browser\/pre\/index\.html/.test(frame.parentFrame()?.url() ?? ''));
  }

  // ── Files and evidence ─────────────────────────────────────────────────────────────────

  /** Absolute path of a file in the workspace copy. */
  file(...segments) {
    return path.join(this.workspaceDir, ...segments);
  }

  /** Saves test-results/ui-<name>.png and returns its path. */
  async screenshot(name) {
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `ui-${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * What a failed test's log needs when the screenshot is not enough (a CI run leaves nothing
   * else): code-server's latest output (an extension host restarted, a connection lost) and the
   * ends of every window's extension host and Plan Tracker logs.
   */
  failureReport({ lines = 25 } = {}) {
    const sections = [['code-server output', this.serverOutput.slice(-lines)]];
    for (const file of [...this.logFiles(/exthost\.log$/), ...this.logFiles(/^Plan Tracker\.log$/)]) {
      sections.push([path.relative(this.tempRoot, file), fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines)]);
    }
    return sections.map(([title, body]) => [`      ── ${title}`, ...body.map((line) => `      │ ${line}`)].join('\n')).join('\n');
  }

  /** Every window's log files whose name matches `name` (`remoteexthost.log`, `Plan Tracker.log`): a reload starts another window's. */
  logFiles(name) {
    return logFiles(path.join(this.tempRoot, 'code-server', 'user-data', 'logs'), name);
  }

  /**
   * Waits until Plan Tracker is active and its first scan is over, as its log says. The activity
   * bar entry shows before that (contributions are registered before the extension host starts):
   * a test whose plan must be known to the extension from the moment it is opened waits for this.
   */
  async waitForFirstScan({ timeout = 60_000 } = {}) {
    await eventually(() => this.planTrackerLogs(), (text) => /Plan index \(start\): /.test(text), 'Plan Tracker\'s first scan is over', timeout);
  }

  /** The text of every window's Plan Tracker log. */
  planTrackerLogs() {
    return this.logFiles(/^Plan Tracker\.log$/)
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
  }

  /** Ends chromium and code-server and removes the temp folder; safe to call twice. */
  async close() {
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    await this.server?.stop();
    this.server = undefined;
    this.removeTempRoot();
  }
}

function cssString(text) {
  return text.replace(/["\\]/g, '\\$&');
}

/** Polls `read()` until `check(value)` holds; returns the value. */
export async function eventually(read, check, message, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${message} (last: ${JSON.stringify(value)})`);
}

/**
 * Mocha helper: opens a workbench before the suite, screenshots a failing test, closes after.
 * Use in a `describe` callback: `const session = useWorkbench(); … session.wb.runCommand(…)`.
 * @param {Parameters<typeof openWorkbench>[0]} [options]
 */
export function useWorkbench(options) {
  const session = { /** @type {Workbench} */ wb: undefined };
  before(async function () {
    this.timeout(180_000); // the first run may install code-server
    session.wb = await openWorkbench(options);
  });
  afterEach(async function () {
    // A failure mocha retries leaves no state yet (only the last attempt is marked 'failed').
    const test = this.currentTest;
    if (test && !test.isPending() && test.state !== 'passed' && session.wb?.page) {
      const attempt = test.currentRetry() ? `-retry${test.currentRetry()}` : '';
      const file = await session.wb.screenshot(`failed-${test.fullTitle()}${attempt}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
      console.log(session.wb.failureReport());
    }
  });
  after(async () => {
    // What VS Code logged against Plan Tracker in the Node extension host (the web worker's log
    // stays in the browser): a clean session has nothing.
    const complaints = session.wb ? extensionHostComplaints([path.join(session.wb.tempRoot, 'code-server', 'user-data', 'logs')]) : [];
    await session.wb?.close();
    assert.deepEqual(complaints, [], 'the extension host logged warnings or errors against Plan Tracker');
  });
  return session;
}
