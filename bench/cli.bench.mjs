// The CLI benchmark (npm run bench:cli): whole processes, timed side by side by hyperfine in one
// run, over a workspace of seed-shaped plans (bench/corpus.ts):
//   - a Node process that only walks and reads the same files (the floor),
//   - ripgrep counting checkboxes, when `rg` is installed,
//   - `plan-tracker status --json` and `check --json`: cold (no cache: it is deleted before each
//     run, the CLI's code cache with it, so the run compiles the CLI, reads, parses and writes the
//     cache), cold with the CLI's code cached (only the plans' cache deleted: a first run after a
//     change to every plan) and warm (the cache of the run before, nothing changed),
//   - the CLI's start with and without its code cache (src/cli/codeCache.ts).
// Then the peak resident set of `status --json` and `check --json` over a 10,000-plan workspace,
// without the cache, writing it and reading it.
//
//   node bench/cli.bench.mjs [--plans 2000] [--big-plans 10000] [--runs 5] [--dev]
//
// The CLI is the one that ships: esbuild.js's dist/cli.js target built minified without source
// maps (as `vscode:prepublish` does) into the benchmark's temporary folder; `--dev` times the
// development build in dist/ instead (`npm run build`). Needs hyperfine. Output goes to /dev/null
// (hyperfine -N discards it), so the figures are the CLI's work, not the terminal's.
import { execFileSync, spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const count = arg('--plans', 2000);
const bigCount = arg('--big-plans', 10_000);
const runs = arg('--runs', 5);
const dev = process.argv.includes('--dev');

const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
if (!has('hyperfine')) {
  console.error('hyperfine is not installed (Debian: apt-get install hyperfine); the CLI benchmark is skipped.');
  process.exit(0);
}

const { writeCorpus } = await tsImport('./corpus.ts', import.meta.url);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cli-bench-'));
const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * The CLI as it ships (dist/cli.js, the launcher, and dist/cliMain.js, which it loads), next to
 * the bundled template as in the package (`check` reads ../templates).
 */
async function shippedCli() {
  const { targets } = createRequire(import.meta.url)('../esbuild.js');
  for (const outfile of ['dist/cli.js', 'dist/cliMain.js']) {
    const target = targets.find((t) => path.normalize(t.outfile) === path.normalize(outfile));
    await esbuild.build({ ...target, absWorkingDir: root, outfile: path.join(temp, outfile), minify: true, sourcemap: false, logLevel: 'error' });
  }
  fs.symlinkSync(path.join(root, 'templates'), path.join(temp, 'templates'));
  return path.join(temp, 'dist', 'cli.js');
}
const cli = dev ? path.join(root, 'dist', 'cli.js') : await shippedCli();
if (!fs.existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

/** The floor: walk the folders and read every Markdown file, nothing else. */
const readAll = path.join(temp, 'read-all.cjs');
fs.writeFileSync(
  readAll,
  `const fs = require('fs'), path = require('path'); let n = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/\\.md$/.test(e.name)) n += fs.readFileSync(p, 'utf8').length; } };
walk(process.argv[2]); process.stdout.write(n + '\\n');\n`,
);
/**
 * Whether worker threads would pay (#14: only if the benchmark shows it on a 2-core machine): the
 * CLI's read and parse of every plan, in one thread, then split between the main thread and one
 * worker (each loads the core, reads and parses its half; the main thread waits for both).
 */
const coreBundle = path.join(temp, 'core.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'src', 'core', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], minify: true, outfile: coreBundle, logLevel: 'error' });
const parseAll = path.join(temp, 'parse-all.cjs');
fs.writeFileSync(
  parseAll,
  `const fs = require('fs'), path = require('path'), { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const { parsePlan } = require(${JSON.stringify(coreBundle)});
const decoder = new TextDecoder();
const work = (files) => { let tasks = 0; for (const f of files) tasks += parsePlan({ text: decoder.decode(fs.readFileSync(f)), uri: f }, { transient: true }).tasks.length; return tasks; };
if (isMainThread) {
  const files = []; const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/\\.md$/.test(e.name)) files.push(p); } };
  walk(process.argv[2]);
  if (process.argv[3] !== '2') process.stdout.write(work(files) + '\\n');
  else {
    const half = files.length >> 1;
    const worker = new Worker(__filename, { workerData: files.slice(0, half) });
    const mine = work(files.slice(half));
    worker.once('message', (theirs) => { process.stdout.write(mine + theirs + '\\n'); void worker.terminate(); });
  }
} else parentPort.postMessage(work(workerData));\n`,
);
/** Prints the process's peak resident set on exit (loaded with --require before the CLI). */
const peak = path.join(temp, 'peak.cjs');
fs.writeFileSync(peak, `process.on('exit', () => require('fs').writeSync(2, '\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n`);

try {
  const ws = path.join(temp, 'ws');
  writeCorpus(path.join(ws, 'docs', 'plans'), count);
  const bytes = execFileSync(process.execPath, [readAll, ws], { encoding: 'utf8' }).trim();
  const cacheHome = path.join(temp, 'cache');
  const node = q(process.execPath);
  // Deletes the plans' caches and keeps the CLI's compiled code (plan-tracker/code).
  const plansCacheOnly = `find ${q(path.join(cacheHome, 'plan-tracker'))} -mindepth 1 -maxdepth 1 ! -name code -exec rm -rf {} +`;
  // Files written in the last 2 s are not cached (src/core/cache.ts): let the corpus settle.
  await new Promise((resolve) => setTimeout(resolve, 2200));

  const commands = [
    ['read all (floor)', `${node} ${q(readAll)} .`, ''],
    ['node, nothing loaded', `${node} -e 0`, ''],
    ['node + CLI (--version)', `${node} ${q(cli)} --version`, ''],
    ['  the same, no code cache', `${node} ${q(cli)} --version --no-cache`, ''],
    ...(has('rg') ? [['ripgrep: count checkboxes', `rg -c --no-messages '\\[[ xX]\\]' .`, '']] : []),
    ['read + parse, one thread', `${node} ${q(parseAll)} . 1`, ''],
    ['read + parse, two (a worker)', `${node} ${q(parseAll)} . 2`, ''],
    ['status --json, cold', `${node} ${q(cli)} status --json`, `rm -rf ${q(cacheHome)}`],
    ['  the same, code cached', `${node} ${q(cli)} status --json`, plansCacheOnly],
    // Warm: the warm-up run writes the cache, each timed run finds it.
    ['status --json, warm', `${node} ${q(cli)} status --json`, ''],
    ['status --json --no-cache', `${node} ${q(cli)} status --json --no-cache`, ''],
    ['check --json, cold', `${node} ${q(cli)} check --json`, `rm -rf ${q(cacheHome)}`],
    ['check --json, warm', `${node} ${q(cli)} check --json`, ''],
  ];
  const results = path.join(temp, 'hyperfine.json');
  const args = ['-N', '-i', '--style', 'none', '--warmup', '1', '--runs', String(runs), '--export-json', results];
  for (const [, , prepare] of commands) args.push('--prepare', prepare || 'true');
  for (const [name, command] of commands) args.push('-n', name, command);
  // The cache folder comes with hyperfine's environment: no `env` process in front of the CLI's runs.
  execFileSync('hyperfine', args, { cwd: ws, env: { ...process.env, XDG_CACHE_HOME: cacheHome }, stdio: ['ignore', 'ignore', 'inherit'], shell: false });
  const timed = JSON.parse(fs.readFileSync(results, 'utf8')).results;
  const floor = timed[0].median;
  const cpuOf = (r) => r.user + r.system;
  const rows = timed.map((r) => [r.command, `${(r.median * 1000).toFixed(0)} ms`, `${(r.median / floor).toFixed(2)}×`, `user+sys ${(cpuOf(r) * 1000).toFixed(0)} ms`, `${(cpuOf(r) / cpuOf(timed[0])).toFixed(2)}×`]);
  const target = { 'status --json, cold': '≤ 2×', 'status --json, warm': '≤ 1×', 'check --json, cold': '≤ 2×', 'check --json, warm': '≤ 1×' };
  console.log(`\nCLI, whole processes: ${count} plans, ${(Number(bytes) / 1048576).toFixed(1)} M characters; medians of ${runs} runs (hyperfine, one run); ${dev ? 'development build (dist/cli.js)' : `the shipped build (minified, ${(fs.statSync(cli).size / 1024).toFixed(1)} KB launcher + ${(fs.statSync(path.join(path.dirname(cli), 'cliMain.js')).size / 1024).toFixed(0)} KB CLI)`}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`);
  for (const [name, ms, ratio, cpu, cpuRatio] of rows) console.log(`  ${name.padEnd(28)} ${ms.padStart(8)}  ${ratio.padStart(7)} of read all  ${target[name] ? `(target ${target[name]})` : ''.padEnd(14)}  ${cpu} (${cpuRatio} of read all's)`);
  if (!has('rg')) console.log('  ripgrep: not installed (Debian package ripgrep), skipped');

  // The Claude Code post-edit hook, which runs after every Edit and Write of the agent: the event
  // on stdin (so through a shell: hyperfine 1.15 has no --input; it subtracts the shell's start).
  const events = { code: 'src/app.ts', plan: path.join(ws, 'docs', 'plans', 'p000', 'plan-1.md') };
  for (const [kind, file] of Object.entries(events)) fs.writeFileSync(path.join(temp, `event-${kind}.json`), JSON.stringify({ hook_event_name: 'PostToolUse', cwd: ws, tool_name: 'Edit', tool_input: { file_path: file } }));
  const hooks = [
    ['node, nothing loaded', `${node} -e 0 < ${q(path.join(temp, 'event-code.json'))}`],
    ['hook post-edit, a code file', `${node} ${q(cli)} hook post-edit < ${q(path.join(temp, 'event-code.json'))}`],
    ['hook post-edit, a plan', `${node} ${q(cli)} hook post-edit < ${q(path.join(temp, 'event-plan.json'))}`],
    ['  the same, no code cache', `NODE_DISABLE_COMPILE_CACHE=1 ${node} ${q(cli)} hook post-edit < ${q(path.join(temp, 'event-plan.json'))}`],
  ];
  const hookResults = path.join(temp, 'hyperfine-hooks.json');
  const hookArgs = ['-i', '--style', 'none', '--warmup', '2', '--runs', String(Math.max(runs, 10)), '--export-json', hookResults];
  for (const [name, command] of hooks) hookArgs.push('-n', name, command);
  execFileSync('hyperfine', hookArgs, { cwd: ws, env: { ...process.env, XDG_CACHE_HOME: cacheHome }, stdio: ['ignore', 'ignore', 'inherit'] });
  const hookTimed = JSON.parse(fs.readFileSync(hookResults, 'utf8')).results;
  console.log(`
Claude Code post-edit hook (the event on stdin; the workspace is not a git repository, so a plan is read and parsed, not compared with HEAD); medians of ${Math.max(runs, 10)}:`);
  for (const r of hookTimed) console.log(`  ${r.command.padEnd(28)} ${`${(r.median * 1000).toFixed(0)} ms`.padStart(8)}  ${`+${((r.median - hookTimed[0].median) * 1000).toFixed(0)} ms`.padStart(7)} over Node`);

  // Bounded memory: 10,000 plans through the CLI, peak resident set of the process.
  const big = path.join(temp, 'big');
  writeCorpus(path.join(big, 'docs', 'plans'), bigCount);
  const bigBytes = Number(execFileSync(process.execPath, [readAll, big], { encoding: 'utf8' }).trim());
  await new Promise((resolve) => setTimeout(resolve, 2200));
  const rss = (label, argv, extraEnv = {}) => {
    const r = spawnSync(process.execPath, ['--require', peak, cli, ...argv], { cwd: big, env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
    const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
    console.log(`  ${label.padEnd(34)} peak RSS ${(kb / 1024).toFixed(0)} MB`);
  };
  console.log(`\nCLI memory: ${bigCount} plans, ${(bigBytes / 1048576).toFixed(0)} M characters`);
  const baseline = spawnSync(process.execPath, ['--require', peak, cli, '--version'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  console.log(`  ${'node + CLI loaded (--version)'.padEnd(34)} peak RSS ${(Number(/PEAK_RSS_KB=(\d+)/.exec(baseline.stderr)?.[1]) / 1024).toFixed(0)} MB`);
  rss('status --json --no-cache', ['status', '--json', '--no-cache']);
  rss('status --json, cold (writes cache)', ['status', '--json']);
  rss('status --json, warm', ['status', '--json']);
  rss('check --json --no-cache', ['check', '--json', '--no-cache']);
  rss('check --json, cold (writes cache)', ['check', '--json']);
  rss('check --json, warm', ['check', '--json']);
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
