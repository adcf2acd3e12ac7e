// Runs the UI tests: test/ui/**/*.test.mjs with mocha (bdd), each suite driving a real workbench
// from outside through test/ui/workbench.mjs (code-server + headless Debian chromium).
//
//   node scripts/run-ui.mjs [--grep <pattern>] [files...]
//
// Build first (`npm run build`; `npm run test:ui` does). Screenshots go to test-results/ui-*.png,
// a failing test's to test-results/ui-failed-*.png, the results to test-results/ui-results.json.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import Mocha from 'mocha';
import { ensureTestEnv, repoRoot, seconds } from './test-env.mjs';

const started = Date.now();
const args = process.argv.slice(2);
let grep;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--grep' && args[i + 1]) grep = args[++i];
  else files.push(path.resolve(args[i]));
}

if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
  console.error('[ui] not built: dist/extension.js is missing. Run: npm run build (or npm run test:ui)');
  process.exit(1);
}
await ensureTestEnv();

const uiDir = path.join(repoRoot, 'test', 'ui');
const specs = files.length > 0
  ? files
  : fs
      .readdirSync(uiDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.test.mjs'))
      .sort()
      .map((name) => path.join(uiDir, name));

const resultsDir = path.join(repoRoot, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const mocha = new Mocha({
  ui: 'bdd',
  reporter: 'spec',
  timeout: Number(process.env.PLAN_TRACKER_UI_TIMEOUT ?? 60_000),
  slow: 10_000,
  // A workbench test can lose a click to a redraw of the element under the pointer (the row or
  // card Playwright aimed at is replaced between mousedown and mouseup). One retry, reported as
  // such; a test must pass whole on the retry (each is written to start over from its own state).
  retries: Number(process.env.PLAN_TRACKER_UI_RETRIES ?? 1),
  grep,
});
for (const spec of specs) mocha.addFile(spec);
await mocha.loadFilesAsync();

const results = [];
const failures = await new Promise((resolve) => {
  const runner = mocha.run(resolve);
  runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
  runner.on('pending', (test) => results.push({ title: test.fullTitle(), state: 'pending' }));
  // A retried test says why its first attempt failed (the spec reporter only shows the last one).
  runner.on('retry', (test, error) => console.log(`      ↻ retrying "${test.title}": ${String(error?.message ?? error).split('\n')[0]}`));
  runner.on('fail', (test, error) =>
    results.push({ title: test.fullTitle(), state: 'failed', error: { message: String(error?.message ?? error), stack: error?.stack } }),
  );
});
fs.writeFileSync(
  path.join(resultsDir, 'ui-results.json'),
  `${JSON.stringify(
    {
      suite: 'ui',
      passed: results.filter((r) => r.state === 'passed').length,
      failed: failures,
      pending: results.filter((r) => r.state === 'pending').length,
      durationMs: Date.now() - started,
      tests: results,
    },
    null,
    2,
  )}\n`,
);
console.log(`[ui] ${failures === 0 ? 'passed' : `${failures} FAILED`} in ${seconds(Date.now() - started)}`);
process.exitCode = failures === 0 && specs.length > 0 ? 0 : 1;
