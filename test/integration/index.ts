/**
 * The integration suite's entry, run inside a real VS Code extension host (the
 * `@vscode/test-electron` contract: `extensionTestsPath` points at this module's compiled `.js`,
 * which exports `run(): Promise<void>`).
 *
 * It loads every compiled `*.test.js` next to it (mocha `bdd`: describe/it), runs them, and
 * writes a results file as a second channel besides the exit code: by default
 * `<repo>/test-results/integration-results.json`, or the path in PLAN_TRACKER_TEST_RESULTS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  readonly title: string;
  readonly file?: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: { readonly message: string; readonly stack?: string };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.PLAN_TRACKER_TEST_TIMEOUT ?? 20_000),
    grep: process.env.PLAN_TRACKER_TEST_GREP || undefined,
  });
  // The Restricted Mode run (an untrusted folder) runs the tests under restricted/, and only it does.
  const restricted = process.env.PLAN_TRACKER_TEST_RESTRICTED === '1';
  const files = findTestFiles(__dirname).filter((file) => (relative(file)!.split(path.sep)[0] === 'restricted') === restricted);
  for (const file of files) mocha.addFile(file);

  const results: TestResult[] = [];
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run((count) => resolve(count));
      runner.on('pass', (test) => results.push({ title: test.fullTitle(), file: relative(test.file), state: 'passed', durationMs: test.duration }));
      runner.on('pending', (test) => results.push({ title: test.fullTitle(), file: relative(test.file), state: 'pending' }));
      runner.on('fail', (test, error: Error) =>
        results.push({
          title: test.fullTitle(),
          file: relative(test.file),
          state: 'failed',
          durationMs: test.duration,
          error: { message: String(error?.message ?? error), stack: error?.stack },
        }),
      );
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });

  writeResults({
    suite: 'integration',
    // Set by scripts/run-integration.mjs, so it knows the file is from its own run.
    runId: process.env.PLAN_TRACKER_TEST_RUN_ID,
    passed: results.filter((r) => r.state === 'passed').length,
    failed: failures,
    pending: results.filter((r) => r.state === 'pending').length,
    durationMs: Date.now() - started,
    files: files.map(relative),
    host: { vscode: vscodeVersion(), node: process.version, platform: process.platform },
    tests: results,
  });
  if (files.length === 0) throw new Error(`No *.test.js files found under ${__dirname}`);
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`);
}

/** Every `*.test.js` under `dir`, sorted so runs are repeatable. */
function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

function relative(file: string | undefined): string | undefined {
  return file === undefined ? undefined : path.relative(__dirname, file);
}

function vscodeVersion(): string | undefined {
  try {
    // Required lazily so a broken host still produces a results file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return undefined;
  }
}

function writeResults(results: object): void {
  const file = process.env.PLAN_TRACKER_TEST_RESULTS || path.resolve(__dirname, '..', '..', '..', 'test-results', 'integration-results.json');
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  } catch (error) {
    console.error(`Could not write ${file}: ${String(error)}`);
  }
}
