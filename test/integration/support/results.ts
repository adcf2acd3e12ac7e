/**
 * Runs a loaded mocha instance and gathers what the runner scripts read back: shared by the Node
 * host's entry (test/integration/index.ts) and the web worker's (test/integration/web/index.ts), so
 * both hosts report the same results file.
 */
import type * as Mocha from 'mocha';

export interface TestResult {
  readonly title: string;
  readonly file?: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: { readonly message: string; readonly stack?: string };
}

export interface SuiteResults {
  readonly suite: 'integration';
  /** Which extension host ran the suite: `node` or `web` (the web worker). */
  readonly extensionHost: 'node' | 'web';
  /** Set by scripts/run-integration.mjs, so it knows the file is from its own run. */
  readonly runId: string | undefined;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly files: readonly string[];
  readonly host: object;
  readonly tests: readonly TestResult[];
}

/** The line the suite logs when its tests are done, and how long it then waits before it settles. */
export const SCREENSHOT_CUE = '[plan-tracker] tests done: screenshot the workbench now';
const SCREENSHOT_WAIT_MS = 1000;

/** Runs `mocha` (its files already added or loaded) and resolves with the failure count and each test's outcome. */
export function runMocha(
  mocha: Pick<Mocha, 'run'>,
  relative: (file: string | undefined) => string | undefined = (file) => file,
): Promise<{ failures: number; tests: TestResult[] }> {
  const tests: TestResult[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The runner (scripts/run-integration.mjs) screenshots the workbench on this line: after
        // run() settles the harness stops the extension host, and the views empty out.
        console.log(SCREENSHOT_CUE);
        setTimeout(() => resolve({ failures, tests }), SCREENSHOT_WAIT_MS);
      });
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), file: relative(test.file), state: 'passed', durationMs: test.duration }));
      runner.on('pending', (test) => tests.push({ title: test.fullTitle(), file: relative(test.file), state: 'pending' }));
      runner.on('fail', (test, error: Error) =>
        tests.push({
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
}

/** The results file's content. */
export function suiteResults(
  options: Pick<SuiteResults, 'extensionHost' | 'runId' | 'files' | 'host'> & { started: number; failures: number; tests: readonly TestResult[] },
): SuiteResults {
  return {
    suite: 'integration',
    extensionHost: options.extensionHost,
    runId: options.runId,
    passed: options.tests.filter((r) => r.state === 'passed').length,
    failed: options.failures,
    pending: options.tests.filter((r) => r.state === 'pending').length,
    durationMs: Date.now() - options.started,
    files: options.files,
    host: options.host,
    tests: options.tests,
  };
}
