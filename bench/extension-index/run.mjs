// The plan index benchmark inside a real VS Code: generates a workspace of plans (the core
// benchmark's corpus, ~12 KB and ~60 tasks each), opens it in code-server with the extension in
// development mode, and runs bench/extension-index/host.ts in the extension host.
//
//   node bench/extension-index/run.mjs [--plans 2000]
//
// Needs `npm run build` first (dist/extension.js) and the environment of the integration tests
// (scripts/test-env.mjs installs code-server and Node 24 into its cache on first use).
// Prints the figures and writes them to test-results/bench-extension-index.json.
//
// Environment: PLAN_TRACKER_BENCH_ROUNDS (edits timed, default 10), PLAN_TRACKER_BENCH_TICKS (checkbox
// ticks timed, default 100), PLAN_TRACKER_BENCH_BURST
// (plans rewritten at once, default 500), PLAN_TRACKER_BENCH_PROFILE (a folder: CPU profiles of the
// extension host during the timed refresh go there, and its hottest functions to the console),
// PLAN_TRACKER_TEST_CACHE (see test-env.mjs).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { format } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { launchChromium, startCodeServer, workbenchUrl } from '../../scripts/code-server.mjs';
import { ensureTestEnv, repoRoot, seconds } from '../../scripts/test-env.mjs';
import { runMain } from '../../scripts/runMain.mjs';

const { buildId } = createRequire(import.meta.url)('../../scripts/buildId.cjs');
const { bundleAliases } = createRequire(import.meta.url)('../../esbuild.js');
const argIndex = process.argv.indexOf('--plans');
const count = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 2000;
const timeoutMs = Number(process.env.PLAN_TRACKER_BENCH_TIMEOUT_MS ?? 600_000);
const resultsFile = path.join(repoRoot, 'test-results', 'bench-extension-index.json');
const hostEntry = path.join(repoRoot, 'out', 'bench', 'extension-index', 'host.js');

function say(message) {
  console.log(`[bench] ${message}`);
}

async function main() {
  if (!Number.isInteger(count) || count <= 0) throw new Error('--plans takes a positive number');
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first');

  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [path.join(repoRoot, 'bench', 'extension-index', 'host.ts')],
    outfile: hostEntry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    alias: bundleAliases,
    logLevel: 'warning',
    // The same build id as dist/extension.js: the second index reads the first one's snapshot.
    define: { PLAN_TRACKER_BUILD: JSON.stringify(buildId(repoRoot)) },
  });

  const env = await ensureTestEnv();
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-bench-'));
  let server;
  let browser;
  try {
    const workspace = path.join(tempRoot, 'workspace');
    const { writeCorpus } = await tsImport('../corpus.ts', import.meta.url);
    const started = Date.now();
    writeCorpus(path.join(workspace, 'docs', 'plans'), count);
    fs.writeFileSync(path.join(workspace, 'README.md'), '# Benchmark workspace\n\nNot a plan.\n');
    say(`generated ${count} plans in ${seconds(Date.now() - started)} → ${workspace}`);

    const hostResults = path.join(tempRoot, 'results.json');
    server = await startCodeServer(env, {
      smokeTestDriver: true,
      tempDir: path.join(tempRoot, 'code-server'),
      env: { PLAN_TRACKER_BENCH_RESULTS: hostResults },
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await context.exposeFunction('codeAutomationLog', (_level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message);
      if (text.startsWith('[bench]') || /error/i.test(text)) console.log(`[host] ${text}`);
    });
    await context.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const page = await context.newPage();
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    await page.goto(workbenchUrl(server, { workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: hostEntry }), {
      waitUntil: 'domcontentloaded',
      timeout: 120_000, // a loaded machine
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') throw new Error(`timed out after ${seconds(timeoutMs)}`);
    if (outcome !== 0 || !fs.existsSync(hostResults)) throw new Error(`the benchmark failed in the extension host (exit ${outcome})`);

    const results = JSON.parse(fs.readFileSync(hostResults, 'utf8'));
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    say(`results → ${path.relative(repoRoot, resultsFile)}`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    fs.rmSync(tempRoot, { recursive: true, force: true });
  }
}

await runMain('bench', main);
