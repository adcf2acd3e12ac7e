/**
 * The integration suite's entry in the web worker extension host (vscode.dev, github.dev, and
 * here code-server running a staged copy of the extension without `main`). scripts/build-tests.mjs
 * bundles this module, mocha's browser build and every test/integration/**\/*.test.ts into one
 * out/test/web/suite.js (the worker loads a single CommonJS file and can require only `vscode`).
 *
 * No Node here: the run's settings come from `test-run.json` in the staged extension's root
 * (written by scripts/run-integration.mjs) and the results go back through vscode.workspace.fs,
 * in the same shape as the Node entry's (support/results.ts).
 */
import * as vscode from 'vscode';
import mocha from 'mocha/mocha.js';
import { EXTENSION_ID } from '../support/planTracker';
import { runMocha, suiteResults } from '../support/results';

/** What scripts/run-integration.mjs tells the worker suite. */
interface WebTestRun {
  readonly runId?: string;
  /** A URI the results file is written to (vscode-remote://host:port/abs/path.json). */
  readonly results?: string;
  readonly grep?: string;
}

// Installs describe/it before the test modules that follow this one in the bundle are evaluated.
mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });

const files: string[] = [];

/**
 * Called by the bundle before it evaluates each test file: binds describe/it to that file's name
 * (as mocha's loadFiles does in Node), so results name their file in both hosts.
 */
export function beginTestFile(file: string): void {
  files.push(file);
  mocha.suite.emit('pre-require', globalThis, file, mocha);
}

export async function run(): Promise<void> {
  const started = Date.now();
  const config = await readConfig();
  if (config.grep) mocha.grep(config.grep);

  // Mocha.prototype.run, not the browser build's mocha.run: that one reads the page's
  // location.search for ?grep=, and the extension host's worker has no location.
  const base = Object.getPrototypeOf(mocha) as Mocha;
  const { failures, tests } = await runMocha({ run: (done) => base.run.call(mocha, done) });

  const results = suiteResults({
    extensionHost: 'web',
    runId: config.runId,
    files,
    host: { vscode: vscode.version, uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop', webWorker: true },
    started,
    failures,
    tests,
  });
  if (config.results) {
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(config.results), new TextEncoder().encode(`${JSON.stringify(results, null, 2)}\n`));
  }
  if (tests.length === 0) throw new Error('No tests in the web worker suite bundle');
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`);
}

async function readConfig(): Promise<WebTestRun> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return {};
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'test-run.json'));
    return JSON.parse(new TextDecoder().decode(bytes)) as WebTestRun;
  } catch {
    return {}; // run by hand: defaults, no results file
  }
}
