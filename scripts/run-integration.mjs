// Runs the integration suite inside a real VS Code extension host, with the extension loaded in
// development mode, once per workspace and extension host:
//   node  the Node extension host: this folder as it is, out/test/integration/index.js;
//   web   the web worker extension host (vscode.dev, github.dev): a staged copy of the built
//         extension without `main` (stageWebExtension in code-server.mjs), out/test/web/suite.js.
// The same test files run in both; a test that needs a local process skips itself in the worker.
//
//   node scripts/run-integration.mjs [--workspace <folder | file.code-workspace>]... [--restricted-workspace <folder>]... [--host node|web]...
//
// Without either: test/fixtures/workspace, then test/fixtures/multi-root/multi-root.code-workspace,
// then test/fixtures/restricted in Restricted Mode (workspace trust on, the folder not trusted;
// only the tests under test/integration/restricted/ run there, and only there; Node host only).
// Without --host: PLAN_TRACKER_TEST_HOSTS (comma-separated), else both.
// Build first: `npm run build && node scripts/build-tests.mjs` (`npm run test:integration` does).
//
// Runners (PLAN_TRACKER_TEST_RUNNER):
//   code-server (default)  VS Code 1.139 server from npm + Debian chromium via playwright-core;
//                          works offline (scripts/test-env.mjs prepares it).
//   electron               desktop VS Code through @vscode/test-electron (downloads VS Code:
//                          for machines with access to update.code.visualstudio.com); Node host only
//                          (for the web host on such machines: `npm run test:web`, @vscode/test-web).
//
// Environment:
//   PLAN_TRACKER_TEST_WORKSPACE   folder or .code-workspace to open instead of the defaults; each
//                                 workspace is copied to a temp folder first, so tests may change files
//   PLAN_TRACKER_TEST_TIMEOUT_MS  time limit per workspace (default 600000)
//   PLAN_TRACKER_INTEGRATION_RETRIES  how often a failed run is run again (default 1; 0 for none).
//                                 A run that passes when run again is still named at the end,
//                                 with why its first attempt failed: a flake to fix, not to forget
//   PLAN_TRACKER_TEST_GREP        only tests whose full title matches (read by the suite)
//   PLAN_TRACKER_TEST_HOSTS       node, web or node,web (default)
//   PLAN_TRACKER_TEST_VERBOSE     also print code-server's own output and page errors
//   PLAN_TRACKER_TEST_CACHE       where code-server and Node 24 are cached (see test-env.mjs)
//
// Output, per workspace and host (the first workspace unsuffixed, the others suffixed -<name>;
// the web host's then suffixed -web):
//   stdout                                    the extension host's log, mocha's report included
//   test-results/integration-results.json     written by the suite inside the host
//   test-results/integration-results.attempt-1.json  a failed run's first attempt, when it was run again
//   test-results/integration.png              the workbench when the tests are done (before the harness stops the host)
//   test-results/integration-logs/            the workbench's log files
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { format } from 'node:util';
import { copyWorkspace, EXTENSION_HOSTS, extensionHostComplaints, launchChromium, logFiles, removeOnExit, stageWebExtension, startCodeServer, workbenchUrl } from './code-server.mjs';
import { errorText, runMain } from './runMain.mjs';

/** The line the suite logs when its tests are done (SCREENSHOT_CUE in test/integration/support/results.ts). */
const SCREENSHOT_CUE = '[plan-tracker] tests done: screenshot the workbench now';
import { ensureTestEnv, repoRoot, seconds } from './test-env.mjs';

const resultsDir = path.join(repoRoot, 'test-results');
const suiteEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
/** The web worker's suite: one bundle (scripts/build-tests.mjs), staged inside the extension copy. */
const webSuite = path.join('out', 'test', 'web', 'suite.js');
const timeoutMs = Number(process.env.PLAN_TRACKER_TEST_TIMEOUT_MS ?? 600_000);
/** How many times a failed run is run again (its first failure is still reported, as a flake). */
const retries = Number(process.env.PLAN_TRACKER_INTEGRATION_RETRIES ?? 1);
const DEFAULT_WORKSPACES = [
  { workspace: path.join(repoRoot, 'test', 'fixtures', 'workspace'), restricted: false },
  { workspace: path.join(repoRoot, 'test', 'fixtures', 'multi-root', 'multi-root.code-workspace'), restricted: false },
  { workspace: path.join(repoRoot, 'test', 'fixtures', 'restricted'), restricted: true },
];

/** Workbench log lines that say nothing about the extension under test. */
const NOISE = [/^Ignoring fetching additional builtin extensions from gallery/, /^Updating additional builtin extensions cache$/];

function say(message) {
  console.log(`[integration] ${message}`);
}

function parseArgs(argv) {
  const workspaces = [];
  const hosts = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if ((flag === '--workspace' || flag === '--restricted-workspace') && (inline ?? argv[i + 1])) {
      workspaces.push({ workspace: inline ?? argv[++i], restricted: flag === '--restricted-workspace' });
    } else if (flag === '--host' && (inline ?? argv[i + 1])) {
      hosts.push(inline ?? argv[++i]);
    } else {
      throw new Error(`unknown argument ${argv[i]} (usage: run-integration.mjs [--workspace <path>]... [--restricted-workspace <path>]... [--host node|web]...)`);
    }
  }
  if (workspaces.length === 0 && process.env.PLAN_TRACKER_TEST_WORKSPACE) workspaces.push({ workspace: process.env.PLAN_TRACKER_TEST_WORKSPACE, restricted: false });
  if (hosts.length === 0) hosts.push(...(process.env.PLAN_TRACKER_TEST_HOSTS || EXTENSION_HOSTS.join(',')).split(',').map((host) => host.trim()));
  const unknown = hosts.filter((host) => !EXTENSION_HOSTS.includes(host));
  if (unknown.length > 0) throw new Error(`unknown extension host ${unknown.join(', ')} (${EXTENSION_HOSTS.join(' or ')})`);
  return {
    workspaces: (workspaces.length > 0 ? workspaces : DEFAULT_WORKSPACES).map(({ workspace, restricted }) => ({ workspace: path.resolve(workspace), restricted })),
    hosts: [...new Set(hosts)],
  };
}

/**
 * Where one run's results go: unsuffixed for the first workspace, `-<name>` for the others, and
 * `-web` after that for the web worker host.
 */
function outputsFor(workspace, index, host) {
  const name = path.basename(workspace).replace(/\.code-workspace$/, '');
  const suffix = (index === 0 ? '' : `-${name.replace(/[^\w.-]+/g, '_')}`) + (host === 'node' ? '' : `-${host}`);
  return {
    name: host === 'node' ? name : `${name} (${host} worker)`,
    results: path.join(resultsDir, `integration-results${suffix}.json`),
    screenshot: path.join(resultsDir, `integration${suffix}.png`),
    logs: path.join(resultsDir, `integration-logs${suffix}`),
  };
}

function checkBuilt(hosts) {
  const needed = [
    ...(hosts.includes('node') ? [path.join(repoRoot, 'dist', 'extension.js'), suiteEntry] : []),
    ...(hosts.includes('web') ? [path.join(repoRoot, 'dist', 'browser', 'extension.js'), path.join(repoRoot, webSuite)] : []),
  ];
  const missing = needed.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `not built: ${missing.map((file) => path.relative(repoRoot, file)).join(', ')}\n` +
        'Run: npm run build && node scripts/build-tests.mjs (or npm run test:integration)',
    );
  }
}

/**
 * Combines the exit code with the suite's results file: either one reporting failure fails the run.
 * Why a run failed is said now and also pushed onto `reasons`, for the summary at the very end
 * (CI shows the tail of a long log).
 */
function verdict(exitCode, resultsFile, runId, expectedHost, reasons) {
  const fail = (reason) => {
    say(reason);
    reasons.push(reason);
    return exitCode === 0 ? 1 : exitCode;
  };
  let results;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    return fail(`no results file ${path.relative(repoRoot, resultsFile)}: the suite did not finish`);
  }
  if (results.runId !== runId) {
    return fail(`${path.relative(repoRoot, resultsFile)} is from another run (${results.runId ?? 'no run id'}, not ${runId}): is a second run writing to test-results/?`);
  }
  say(
    `${results.passed} passed, ${results.failed} failed, ${results.pending} pending ` +
      `(${seconds(results.durationMs)} in VS Code ${results.host?.vscode ?? '?'}, ${results.extensionHost ?? '?'} extension host) → ${path.relative(repoRoot, resultsFile)}`,
  );
  for (const test of results.tests ?? []) {
    if (test.state === 'failed') {
      const reason = `FAILED ${test.title}: ${test.error?.message ?? ''}`;
      say(`  ${reason}`);
      reasons.push(reason);
    }
    if (test.state === 'pending') say(`  skipped ${test.title}`);
  }
  if (results.extensionHost !== expectedHost) {
    return fail(`the suite ran in the ${results.extensionHost ?? 'unknown'} extension host, not the ${expectedHost} one`);
  }
  if (exitCode !== 0 && results.failed === 0) reasons.push(`exit code ${exitCode}`);
  return results.failed > 0 && exitCode === 0 ? 1 : exitCode;
}

/** What to do when this process is interrupted: set by whichever run is in progress. */
let onInterrupt = async () => {};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    void onInterrupt().finally(() => process.exit(130));
  });
}

/**
 * What to load for a host: this folder and the Node entry, or for the web worker a staged copy
 * without `main`, its suite bundle inside, and test-run.json telling it where to write results
 * (the worker has no environment variables and reaches files through the remote file system).
 */
function extensionFor(host, server, outputs, tempRoot, runId) {
  if (host === 'node') return { extensionDevelopmentPath: repoRoot, extensionTestsPath: suiteEntry };
  const staged = stageWebExtension(path.join(tempRoot, 'web-extension'), { extra: [webSuite] });
  const run = {
    runId,
    results: `vscode-remote://${server.authority}${outputs.results}`,
    grep: process.env.PLAN_TRACKER_TEST_GREP || undefined,
  };
  fs.writeFileSync(path.join(staged, 'test-run.json'), `${JSON.stringify(run, null, 2)}\n`);
  return { extensionDevelopmentPath: staged, extensionTestsPath: path.join(staged, webSuite) };
}

async function runWithCodeServer(env, workspace, outputs, tempRoot, runId, host, restricted) {
  let server;
  let browser;
  let timer;
  const cleanup = async () => {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server?.stop();
  };
  onInterrupt = cleanup;
  try {
    server = await startCodeServer(env, {
      smokeTestDriver: true,
      workspaceTrust: restricted,
      tempDir: path.join(tempRoot, 'code-server'),
      // Inherited by the extension host: where the suite writes its results, this run's id, and
      // whether it is the Restricted Mode run (the suite then runs test/integration/restricted/ only).
      env: { PLAN_TRACKER_TEST_RESULTS: outputs.results, PLAN_TRACKER_TEST_RUN_ID: runId, PLAN_TRACKER_TEST_RESTRICTED: restricted ? '1' : '' },
      onOutput: (line) => {
        if (process.env.PLAN_TRACKER_TEST_VERBOSE) console.log(`[code-server] ${line}`);
      },
    });
    say(`code-server listening on ${server.url} (${seconds(server.startedInMs)})`);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    /** The workbench screenshot, taken on the suite's cue. */
    let screenshot;
    // The workbench forwards the extension host's console (mocha's report) through this.
    await context.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message);
      if (NOISE.some((pattern) => pattern.test(text))) return;
      const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
      for (const line of text.split('\n')) stream.write(`[host] ${line}\n`);
      // The suite's cue (test/integration/support/results.ts): its tests are done and the
      // extension host still runs, so the views show what the tests left.
      if (text.includes(SCREENSHOT_CUE) && !screenshot) screenshot = shoot();
    });
    // ... and calls this when the suite's run() settles: 0 when it resolved.
    await context.exposeFunction('codeAutomationExit', (code, logs) => {
      resolveExit({ code: Number(code), logs: Array.isArray(logs) ? logs : [] });
    });
    const page = await context.newPage();
    const shoot = () => page.screenshot({ path: outputs.screenshot }).catch((error) => say(`no screenshot: ${error.message}`));
    page.on('pageerror', (error) => {
      if (process.env.PLAN_TRACKER_TEST_VERBOSE) console.error(`[page] ${error.message}`);
    });
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ code: 1, timeout: true, logs: [] }), timeoutMs);
    });

    await page.goto(workbenchUrl(server, { workspace, ...extensionFor(host, server, outputs, tempRoot, runId) }), {
      waitUntil: 'domcontentloaded',
      // Playwright's default 30 s is too short on a loaded 2-core machine (seen with six suites at once).
      timeout: 120_000,
    });
    const outcome = await Promise.race([exited, timedOut]);
    if (outcome.timeout) say(`timed out after ${seconds(timeoutMs)}`);
    // Let the last forwarded log lines arrive before the summary.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Without the cue (a timeout, a crash), the workbench as it is now.
    await (screenshot ?? shoot());
    saveLogs(outcome.logs, outputs.logs);
    return outcome.code;
  } finally {
    await cleanup();
    onInterrupt = async () => {};
  }
}

/** The workbench's log files handed to codeAutomationExit (window, server, extension host). */
function saveLogs(logs, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const { relativePath, contents } of logs) {
    if (typeof relativePath !== 'string' || path.isAbsolute(relativePath) || relativePath.split(/[\\/]/).includes('..')) continue;
    const file = path.join(dir, relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}

async function runWithElectron(workspace, outputs, runId, restricted) {
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      version: process.env.PLAN_TRACKER_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      launchArgs: [workspace, '--disable-extensions', ...(restricted ? [] : ['--disable-workspace-trust']), '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { PLAN_TRACKER_TEST_RESULTS: outputs.results, PLAN_TRACKER_TEST_RUN_ID: runId, PLAN_TRACKER_TEST_RESTRICTED: restricted ? '1' : '' },
      timeout: timeoutMs,
    });
    return 0;
  } catch (error) {
    say(`VS Code reported: ${errorText(error)}`);
    say('(the electron runner downloads VS Code; offline, use the default code-server runner)');
    return 1;
  }
}

async function main() {
  const started = Date.now();
  const { workspaces, hosts: requested } = parseArgs(process.argv.slice(2));
  const runner = process.env.PLAN_TRACKER_TEST_RUNNER || 'code-server';
  if (runner !== 'code-server' && runner !== 'electron') {
    throw new Error(`PLAN_TRACKER_TEST_RUNNER must be code-server or electron, not ${runner}`);
  }
  const hosts = runner === 'electron' ? requested.filter((host) => host === 'node') : requested;
  if (hosts.length < requested.length) say('electron runs the Node extension host only (the web worker host: npm run test:web)');
  checkBuilt(hosts);
  const env = runner === 'code-server' ? await ensureTestEnv() : undefined;
  fs.mkdirSync(resultsDir, { recursive: true });

  // The Restricted Mode workspace runs in the Node host only (its suite is test/integration/restricted/).
  const runs = hosts.flatMap((host) =>
    workspaces.flatMap(({ workspace, restricted }, index) => (host === 'web' && restricted ? [] : [{ host, workspace, index, restricted }])),
  );
  /** Each failed run's name and why it failed, repeated at the end. */
  const failures = [];
  /** Runs that failed, then passed when run again: a flake, named at the end with why the first attempt failed. */
  const flakes = [];
  for (const [number, run] of runs.entries()) {
    const outputs = outputsFor(run.workspace, run.index, run.host);
    const firstResults = outputs.results.replace(/\.json$/, '.attempt-1.json');
    fs.rmSync(firstResults, { force: true });
    let outcome = await attempt(runner, env, number, run, outputs);
    if (outcome.final !== 0 && retries > 0) {
      // Kept beside the second attempt's results, which take the usual name.
      if (fs.existsSync(outputs.results)) fs.renameSync(outputs.results, firstResults);
      say(`${outputs.name}: running it once more, to tell a flaky test from a failing one (PLAN_TRACKER_INTEGRATION_RETRIES=0 to skip)`);
      const first = outcome;
      outcome = await attempt(runner, env, number, run, outputs);
      if (outcome.final === 0) flakes.push({ name: outputs.name, reasons: first.reasons });
      else outcome.reasons.unshift(...first.reasons.map((reason) => `(first attempt) ${reason}`));
    }
    if (outcome.final !== 0) failures.push({ name: outputs.name, reasons: outcome.reasons });
  }
  const list = (reasons) => {
    for (const reason of reasons.length ? reasons : ['(no reason recorded: see its section above)']) say(`  ${reason}`);
  };
  for (const { name, reasons } of flakes) {
    say(`${name} passed when run again; its first attempt FAILED (a flaky test or a race in the extension, to fix):`);
    list(reasons);
  }
  for (const { name, reasons } of failures) {
    say(`${name} FAILED:`);
    list(reasons);
  }
  say(`${failures.length === 0 ? 'all passed' : `${failures.length} of ${runs.length} runs FAILED`}${flakes.length ? ` (${flakes.length} on a second attempt)` : ''} in ${seconds(Date.now() - started)}`);
  return failures.length === 0 ? 0 : 1;
}

/**
 * One run of the suite in a fresh copy of its workspace: its exit code combined with its results
 * and the extension host's complaints (`final`, 0 when it passed), and why it failed (`reasons`).
 */
async function attempt(runner, env, number, { host, workspace: original, restricted }, outputs) {
  fs.rmSync(outputs.results, { force: true });
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-integration-'));
  const removeTempRoot = removeOnExit(tempRoot);
  const runStarted = Date.now();
  try {
    const workspace = copyWorkspace(original, path.join(tempRoot, 'workspace'));
    say(`── ${outputs.name} (${path.relative(repoRoot, original)}) on ${runner}, ${host} extension host${restricted ? ', in Restricted Mode' : ''}`);
    const runId = `${process.pid}-${Date.now()}-${number}`;
    const code = env
      ? await runWithCodeServer(env, workspace, outputs, tempRoot, runId, host, restricted)
      : await runWithElectron(workspace, outputs, runId, restricted);
    const logDirs = [path.join(tempRoot, 'code-server', 'user-data', 'logs'), outputs.logs];
    const complaints = extensionHostComplaints(logDirs);
    for (const line of complaints) say(`  the extension host logged: ${line}`);
    const reasons = complaints.map((line) => `the extension host logged: ${line}`);
    const final = verdict(code, outputs.results, runId, host, reasons) || (complaints.length ? 1 : 0);
    if (final !== 0) {
      // What the index did (scans, batches, what it skipped) is in its log, which goes with the temp folder.
      for (const file of logDirs.flatMap((dir) => logFiles(dir, /^Plan Tracker\.log$/))) {
        say(`  ── the end of ${path.relative(tempRoot, file).startsWith('..') ? path.relative(repoRoot, file) : path.relative(tempRoot, file)}`);
        for (const line of fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-40)) say(`  │ ${line}`);
      }
    }
    say(`${outputs.name}: ${final === 0 ? 'passed' : `FAILED (exit ${final})`} in ${seconds(Date.now() - runStarted)}`);
    return { final, reasons };
  } finally {
    removeTempRoot();
  }
}

await runMain('integration', main, { exit: false });
