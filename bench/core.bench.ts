/**
 * Core benchmark (npm run bench): parse speed against the raw read (the floor: reading and
 * decoding the same files in this process), the line scanner alone, markdown-it for reference, and
 * the memory an index of 2,000 plans retains (after GC: the heap and the array buffers' bytes,
 * which live outside it), before and after the idle work that deflates its task texts. Everything is measured in this one run, so ratios compare like with
 * like. The first pass (the process's first read and first parse of the files, before the JIT
 * has warmed up: what one CLI run pays) is printed next to the warmed best of N.
 * Then the CLI's peak memory (resident set, in a child process of its own): `status` and `check`
 * over 10,000 plans, and over one plan just under the 5 MB read limit, next to Node's own.
 *
 *   node --expose-gc --import tsx bench/core.bench.ts [--plans 2000] [--cli-plans 10000] [--no-cli]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { deflateTaskTexts, MAX_PLAN_FILE_BYTES, parsePlan, type Plan } from '../src/core';
import { scanBlocks } from '../src/core/scan';
import { scanWithMarkdownIt } from '../src/core/scanMarkdownIt';
import { generatePlan, writeCorpus } from './corpus';

const argument = (name: string): number => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : 0);
const count = argument('--plans') || 2000;
const cliCount = argument('--cli-plans') || 10_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc (npm run bench does).');
  process.exit(2);
}

/**
 * CPU time (user + system, in ms) this process spends in `fn`: on a shared machine, wall time
 * mostly measures the other processes, and the read floor (system calls) suffers most.
 */
function time<T>(fn: () => T): [T, number] {
  const start = process.cpuUsage();
  const result = fn();
  const spent = process.cpuUsage(start);
  return [result, (spent.user + spent.system) / 1000];
}

/** The fastest of `reps` runs: the least disturbed by the rest of the machine. */
function best(reps: number, fn: () => unknown): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) min = Math.min(min, time(fn)[1]);
  return min;
}

/**
 * What the process holds after GC: the JavaScript heap and, apart, the backing stores of
 * ArrayBuffers (typed arrays keep their bytes outside the heap; `heapUsed` alone misses them).
 */
function heapAfterGc(): { heap: number; buffers: number; total: number } {
  gc!();
  gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, buffers: arrayBuffers, total: heapUsed + arrayBuffers };
}

const dir = mkdtempSync(path.join(tmpdir(), 'plan-bench-'));
try {
  const files = writeCorpus(dir, count);
  const decoder = new TextDecoder();
  const readAll = (): string[] => files.map((f) => decoder.decode(readFileSync(f)));
  // The first pass: this process's first read of the files, then its first parse of them, cold
  // and un-JITted (what a CLI run pays once); the warmed best-of-N below hides it.
  const [texts, firstReadMs] = time(readAll);
  const [, firstParseMs] = time(() => texts.forEach((t) => parsePlan(t)));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const tasks = texts.slice(0, 50).reduce((n, t) => n + parsePlan(t).tasks.length, 0) / 50;

  // Warm up both paths so the JIT has settled before timing.
  for (let k = 0; k < 2; k++) texts.forEach((t) => parsePlan(t));
  const reps = 5;
  const readMs = best(reps, readAll);
  const scanMs = best(reps, () => texts.forEach((t) => scanBlocks(t)));
  const parseMs = best(reps, () => texts.forEach((t) => parsePlan(t)));
  const blockMs = best(3, () => texts.forEach((t) => scanWithMarkdownIt(t)));
  const md = new MarkdownIt('default', { html: true });
  const fullMs = best(3, () => texts.forEach((t) => md.parse(t, {})));

  // Retained heap of the index, after the texts are gone: the models, and whatever the core's
  // caches keep because the index was built (so the caches are emptied of the timing runs' plans
  // first: 70 one-task plans push every earlier plan out of the caches of task and section lists).
  texts.length = 0;
  for (let i = 0; i < 70; i++) {
    const plan = parsePlan(`# E${i}\n- [ ] t`);
    void plan.tasks;
    void plan.sections;
  }
  const before = heapAfterGc();
  const index = new Map<string, Plan>();
  for (const f of files) index.set(f, parsePlan({ text: decoder.decode(readFileSync(f)), uri: f, version: 1 }));
  const after = heapAfterGc();
  const retained = after.total - before.total;
  const retainedHeap = after.heap - before.heap;
  const retainedBuffers = after.buffers - before.buffers;

  // The extension's index, once idle, deflates the task texts it holds (core/packedProperty.ts):
  // what that costs, what it saves, and what it adds to reading every plan's tasks (the dashboard
  // built from scratch reads them all), each measured here.
  const [saved, deflateMs] = time(() => [...index.values()].reduce((n, plan) => n + deflateTaskTexts(plan), 0));
  for (let i = 0; i < 70; i++) void parsePlan(`# D${i}\n- [ ] t`).tasks;
  const idle = heapAfterGc();
  const retainedIdle = idle.total - before.total;
  // After the figures of memory (the reads compile code the index does not keep): the deflated
  // index, and the same plans parsed again, not deflated.
  const readAllTasks = (plans: Map<string, Plan>) => (): void => plans.forEach((plan) => void plan.tasks);
  const readDeflatedMs = best(3, readAllTasks(index));
  const packedIndex = new Map(files.map((f) => [f, parsePlan({ text: decoder.decode(readFileSync(f)), uri: f, version: 1 })]));
  const readPackedMs = best(3, readAllTasks(packedIndex));

  // For comparison: what keeping markdown-it's tokens would cost (a sample, scaled).
  const sample = Math.min(200, count);
  const beforeTokens = heapAfterGc();
  const kept = files.slice(0, sample).map((f) => md.parse(readFileSync(f, 'utf8'), {}));
  const tokenBytes = ((heapAfterGc().total - beforeTokens.total) / sample) * count;

  const mb = bytes / 1048576;
  const rows: [string, string][] = [
    ['plans', `${count} (${(bytes / count / 1024).toFixed(1)} KB and ~${Math.round(tasks)} tasks each, ${mb.toFixed(1)} MB in all)`],
    ['raw read (read + decode), the floor', `${readMs.toFixed(0)} ms`],
    ['line scanner (scan.ts) alone', `${scanMs.toFixed(0)} ms (${(scanMs / readMs).toFixed(2)}× the read, ${(mb / (scanMs / 1000)).toFixed(0)} MB/s)`],
    ['parse + model', `${parseMs.toFixed(0)} ms`],
    ['parse / read ratio', `${(parseMs / readMs).toFixed(2)}×   (target ≤ 1.5×)`],
    ['first pass (cold, un-JITted): read, then parse + model', `${firstReadMs.toFixed(0)} ms, then ${firstParseMs.toFixed(0)} ms (${(firstParseMs / firstReadMs).toFixed(2)}× the first read, ${(firstParseMs / readMs).toFixed(2)}× the warm read)`],
    ['throughput', `${(mb / (parseMs / 1000)).toFixed(1)} MB/s`],
    ['per file', `${((parseMs / count) * 1000).toFixed(0)} µs`],
    ['markdown-it block rules (the old scan), for reference', `${blockMs.toFixed(0)} ms (${(blockMs / readMs).toFixed(2)}× the read; the scanner is ${(blockMs / scanMs).toFixed(1)}× faster)`],
    ['markdown-it full parse, for reference', `${fullMs.toFixed(0)} ms (${(fullMs / readMs).toFixed(1)}× the read)`],
    ['retained, whole index (heap + array buffers)', `${(retained / 1048576).toFixed(1)} MB (${(retained / count / 1024).toFixed(1)} KB per plan; heap ${(retainedHeap / 1048576).toFixed(1)} MB, array buffers ${(retainedBuffers / 1048576).toFixed(1)} MB; target ≤ 10 MB)`],
    ['idle work: task texts deflated', `${deflateMs.toFixed(0)} ms of CPU (${((deflateMs / count) * 1000).toFixed(0)} µs a plan), ${(saved / 1048576).toFixed(1)} MB saved`],
    ['retained after the idle work', `${(retainedIdle / 1048576).toFixed(1)} MB (${(retainedIdle / count / 1024).toFixed(1)} KB per plan; heap ${((idle.heap - before.heap) / 1048576).toFixed(1)} MB, array buffers ${((idle.buffers - before.buffers) / 1048576).toFixed(1)} MB; target ≤ 10 MB)`],
    ["every plan's tasks read (unpacked), texts packed → deflated", `${readPackedMs.toFixed(0)} ms → ${readDeflatedMs.toFixed(0)} ms`],
    ['markdown-it tokens kept, for reference', `${(tokenBytes / 1048576).toFixed(0)} MB (scaled from ${sample} plans)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`Plan Tracker core benchmark · Node ${process.version} · CPU time, best of ${reps}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (index.size !== count || kept.length !== sample) throw new Error('unreachable: keeps the index alive until measured');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI in a child process of its own and returns what bench/cliPeakRss.ts reports. */
function cliRun(...args: string[]): { code: number; ms: number; maxRssKb: number; lines: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cliPeakRss.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

if (!process.argv.includes('--no-cli')) cliPeakRss();

function cliPeakRss(): void {
const cliDir = mkdtempSync(path.join(tmpdir(), 'plan-bench-cli-'));
try {
  writeCorpus(path.join(cliDir, 'many'), cliCount);
  // One plan just under the read limit: the per-file bound.
  const big = path.join(cliDir, 'big');
  const one = generatePlan(0);
  const filler = `${'lorem ipsum dolor sit amet '.repeat(3)}\n\n`;
  writeFileSync(path.join(mkdirp(big), 'big.md'), one.replace('## Status Tracking', `${filler.repeat(Math.floor((MAX_PLAN_FILE_BYTES - one.length - 1024) / filler.length))}## Status Tracking`));
  const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
  const base = cliRun('baseline');
  const status = cliRun('status', path.join(cliDir, 'many'));
  const check = cliRun('check', path.join(cliDir, 'many'));
  const bigStatus = cliRun('status', big);
  const rows: [string, string][] = [
    ['CLI peak RSS, Node + CLI loaded, idle', mb(base.maxRssKb)],
    [`CLI peak RSS, status over ${cliCount} plans`, `${mb(status.maxRssKb)} (${(status.ms / 1000).toFixed(1)} s, ${status.lines} lines)`],
    [`CLI peak RSS, check over ${cliCount} plans`, `${mb(check.maxRssKb)} (${(check.ms / 1000).toFixed(1)} s)`],
    ['CLI peak RSS, status of one 4.9 MB plan', `${mb(bigStatus.maxRssKb)} (${(bigStatus.ms / 1000).toFixed(1)} s)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
} finally {
  rmSync(cliDir, { recursive: true, force: true });
}
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
