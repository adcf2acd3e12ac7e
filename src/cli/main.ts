/**
 * plan-tracker: the plan engine on the command line, for terminals, CI and coding agents.
 *
 *   plan-tracker status [paths…] [--json] [--exclude GLOB]…
 *   plan-tracker check  [paths…] [--format text|json|github] [--since REV] [--gate] [--exclude GLOB]…
 *
 * Exit codes: 0 fine, 1 `check` found problems, 2 bad usage, a path/file that could not be read,
 * or `--since` outside a git repository.
 */
import { existsSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cacheKey, findKeyFilePaths, finishedPhases, percent, templatePlaceholders, withKeyFileFindings, DEFAULT_ALWAYS_PLANS, type Finding, type KeyFilePath, type Phase, type Plan, type Progress, type ProgressJson, type TemplatePlaceholders } from '../core';
import { planCheckRun } from './checkRun';
import { cacheFile, openCache } from './cliCache';
import { cacheFolder } from './fileNames';
import { ExcludeError } from './findPlans';
import { INIT_AGENT_USAGE, runInitAgent } from './initAgent';
import { annotation, fileAnnotation } from './githubAnnotations';
import { HOOK_USAGE, runHook } from './hooks';
import { ByteOut, layout, linesWriter, StreamedJson } from './jsonStream';
import { loadPlans, type CachedFile, type Described, type PathError } from './loadPlans';
import { PlanFileReader } from './readPlanFile';
import { displayWidth, padToWidth, terminalSafe, truncateToWidth } from './terminalText';
import { runVerb, VERBS, VERBS_USAGE } from './verbs';
import { readWorkspaceSettings } from './workspaceSettings';
import { errorText } from '../core/errors';

declare const PLAN_TRACKER_VERSION: string | undefined;
/** A hash of the sources the bundle was built from (esbuild.js): the cache's "parser version". */
declare const PLAN_TRACKER_BUILD: string | undefined;

const USAGE = `Usage: plan-tracker <command> [paths…] [options]

Commands:
  status   Print each plan's status, current phase and progress.
  check    Exit non-zero when a plan's header contradicts its boxes or it still holds
           template placeholders (for CI and coding agents).
${VERBS_USAGE}
${INIT_AGENT_USAGE}
${HOOK_USAGE}

Paths default to the current folder; folders are searched for Markdown plans
(node_modules, .git and build folders are skipped). Links are followed and each
real file counts once. Files over 5 MB, binary files, pipes and devices are
skipped, with a line on stderr saying which and why.

Options:
  --json            Print machine-readable JSON (schema: see README, "CLI JSON").
  --format FORMAT   check: text (default), json (= --json) or github (workflow
                    annotations: ::error file=…,line=…::message).
  --since REV       check: also report drift against each plan's text at git
                    revision REV (open tasks removed or reworded instead of ticked,
                    Status Tracking items removed). Outside a git repository: exit 2.
  --gate            check: report only what fails the completion gate: Completed
                    with open items, a Status Tracking item ticked (or a phase
                    heading marked done, or a Kiro task ticked) while its phase has
                    open tasks, and (with evidence required) one ticked without an
                    Evidence line.
  --require-evidence  check: Status Tracking items ticked without evidence are
                    findings (default: planTracker.requireEvidence in
                    .vscode/settings.json).
  --exclude GLOB    Skip paths matching GLOB, as given or relative to the folder
                    searched (e.g. 'archive/**'); repeatable.
  --always-plan GLOB  Files matching GLOB are plans whatever they hold (the editor's
                    planTracker.alwaysPlans); repeatable. Default: ${DEFAULT_ALWAYS_PLANS.join(', ')}
  --key-files       check: also report Key Files / Files to Create / Files to Modify paths
                    that do not exist, relative to the current folder (information only).
  --no-cache        Read and parse every file; neither read nor write the cache (nor the
                    CLI's compiled code). The cache lives in $XDG_CACHE_HOME/plan-tracker
                    (default ~/.cache/plan-tracker); a file changed since the last run is
                    always read again.
  -h, --help        Show this help.
  -v, --version     Show the version.`;

/**
 * What `status` keeps of a plan (and its cache stores with the index): what the table and the
 * totals need. The plan's entry of `status --json` is kept as bytes (the slice), so a cached plan
 * is written out without being decoded.
 */
export interface StatusRecord {
  readonly status: string | null;
  /** The current phase's label, null when there is none. */
  readonly current: string | null;
  readonly phases: number;
  /** Phases done or skipped: with no current phase, the table says how many of `phases` these are. */
  readonly phasesDone: number;
  readonly totals: ProgressJson;
}

/**
 * What `check` keeps of a plan: whether its findings (but the key-file ones) fail the check, and
 * the key-file paths when they are asked for. The findings themselves are the slice: their
 * `check --json` array, laid out at its depth, which the text formats read back (`findingsOf`).
 */
interface CheckRecord {
  readonly failing: boolean;
  readonly keyFiles?: readonly KeyFilePath[];
  /** The plan's text, kept only for a `--since` run (no cache): its drift is read after loading. */
  readonly text?: string;
}

interface Io {
  /** A line (or lines) on stdout; the newline is added. */
  readonly out: (s: string) => void;
  /** Bytes on stdout as they are, written or copied before it returns; without it, bytes go to `out` a line at a time. */
  readonly write?: (bytes: Uint8Array) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
  /** The environment the cache folder is found from (`XDG_CACHE_HOME`, `HOME`); without it, no cache. */
  readonly env?: NodeJS.ProcessEnv;
  /** A hook's input (`hook`); default: all of the process's stdin. */
  readonly stdin?: () => Promise<string>;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  if (VERBS.has(argv[0])) return runVerb(argv[0], argv.slice(1), io);
  if (argv[0] === 'init-agent') return runInitAgent(argv.slice(1), io);
  if (argv[0] === 'hook') return runHook(argv.slice(1), io, main);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        exclude: { type: 'string', multiple: true, default: [] },
        'always-plan': { type: 'string', multiple: true },
        'key-files': { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        format: { type: 'string' },
        since: { type: 'string' },
        gate: { type: 'boolean', default: false },
        'require-evidence': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.err(`plan-tracker: ${errorText(error)} (see plan-tracker --help)`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(typeof PLAN_TRACKER_VERSION === 'string' ? PLAN_TRACKER_VERSION : 'dev');
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (command !== 'status' && command !== 'check') {
    io.err(`plan-tracker: unknown command "${command}" (expected status, check, ${[...VERBS].join(', ')}, hook; see plan-tracker --help)`);
    return 2;
  }
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!['text', 'json', 'github'].includes(format) || (values.json && format !== 'json')) {
    io.err(`plan-tracker: --format is text, json or github${values.json ? ' (--json is --format json)' : ''} (see plan-tracker --help)`);
    return 2;
  }
  if (command === 'status' && (values.since !== undefined || values.gate || format === 'github')) {
    io.err('plan-tracker: --since, --gate and --format github are options of check (see plan-tracker --help)');
    return 2;
  }

  const roots = paths.length ? paths : ['.'];
  const exclude = values.exclude ?? [];
  const alwaysPlans = values['always-plan'] ?? DEFAULT_ALWAYS_PLANS;
  // A --since run reads git, which the cache cannot see: it runs without one.
  const useCache = !values['no-cache'] && values.since === undefined;
  // What names the cache file: runs that differ in these keep caches of their own (an agent's
  // `check --gate` and a user's `check` alternating would otherwise discard each other's).
  const run = { cwd: io.cwd, command, paths: roots, exclude, alwaysPlans, keyFiles: values['key-files'], gate: values.gate, requireEvidence: values['require-evidence'] };
  const load = async <M>(describe: (plan: Plan, text: string) => Described<M>, each: (path: string, meta: M, slice: Uint8Array) => void, settings: Record<string, unknown>): Promise<PathError[] | undefined> => {
    const folder = useCache && io.env ? cacheFolder(io.env) : undefined;
    const file = folder ? cacheFile(folder, io.cwd, run) : undefined;
    const cache = file ? openCache<CachedFile<M>>(file, cacheKey({ build: typeof PLAN_TRACKER_BUILD === 'string' ? PLAN_TRACKER_BUILD : 'dev', ...run, ...settings }), io.err) : undefined;
    try {
      const errors = await loadPlans({ paths: roots, exclude, alwaysPlans, cwd: io.cwd, err: io.err, describe, each, cache });
      cache?.close();
      return errors;
    } catch (error) {
      cache?.abandon();
      if (!(error instanceof ExcludeError)) throw error;
      io.err(`plan-tracker: ${error.message} (see plan-tracker --help)`);
      return undefined;
    }
  };
  const bytesOut = new ByteOut(io.write ?? linesWriter(io.out));

  if (command === 'status') {
    const totals = new StatusTotals();
    if (format === 'json') {
      const json = new StreamedJson(bytesOut, { schemaVersion: 1 }, 'plans');
      const errors = await load(describeStatus, (p, r, entry) => {
        totals.add(r);
        json.item(`{\n      "path": ${JSON.stringify(p)},\n`, entry);
      }, {});
      if (!errors) return 2;
      reportErrors(errors, io);
      json.end({ totals: totals.json(), errors });
      return errors.length ? 2 : 0;
    }
    const rows: { path: string; record: StatusRecord }[] = [];
    const errors = await load(describeStatus, (p, record) => rows.push({ path: p, record }), {});
    if (!errors) return 2;
    reportErrors(errors, io);
    io.out(statusTable(rows));
    return errors.length ? 2 : 0;
  }

  const template = readTemplate(io.cwd);
  // --gate reports only what fails the completion gate: no key-file findings.
  const keyFiles = values['key-files'] && !values.gate;
  const fileExists = (p: string): boolean => existsSync(path.resolve(io.cwd, p));
  const settings = readWorkspaceSettings(io.cwd);
  const requireEvidence = values['require-evidence'] || settings.requireEvidence;
  const check = await planCheckRun({ template, statuses: settings.statuses, requireEvidence, gate: values.gate, since: values.since }, io.cwd);
  if ('error' in check) {
    io.err(`plan-tracker: ${terminalSafe(check.error)}`);
    return 2;
  }
  const describe = (plan: Plan, text: string): Described<CheckRecord> => {
    const findings = check.rules(plan, text);
    return {
      meta: {
        failing: findings.some(isFailure),
        ...(keyFiles ? { keyFiles: findKeyFilePaths(text) } : {}),
        ...(check.drift ? { text } : {}),
      },
      slice: findingsSlice(findings),
    };
  };
  const records: { path: string; record: CheckRecord; slice: Uint8Array }[] = [];
  const cacheSettings = {
    template: template ? { prose: template.prose, code: template.code } : null,
    statuses: settings.statuses ?? null,
    requireEvidence,
    gate: values.gate,
  };
  // A slice is the cache's until the next file: copied (a plan's findings are small).
  const errors = await load(describe, (p, record, slice) => records.push({ path: p, record, slice: new Uint8Array(slice) }), cacheSettings);
  if (!errors) return 2;
  reportErrors(errors, io);
  if (format === 'github') for (const e of errors) io.out(fileAnnotation(e.path, e.message));
  /** A plan's findings: read back from its slice only when something is added to them or they are printed as text. */
  const results: { path: string; failing: boolean; findings?: readonly Finding[]; slice: Uint8Array }[] = [];
  for (const { path: p, record: r, slice } of records) {
    let findings: readonly Finding[] | undefined;
    if (r.keyFiles?.length) {
      const rules = findingsOf(slice);
      const withKeyFiles = withKeyFileFindings(rules, r.keyFiles, fileExists);
      if (withKeyFiles.length > rules.length) findings = withKeyFiles;
    }
    if (check.drift && r.text !== undefined) {
      const drift = await check.drift(r.text, path.resolve(io.cwd, p));
      if (drift.length) findings = [...(findings ?? findingsOf(slice)), ...drift].sort((a, b) => a.line - b.line || a.start - b.start);
    }
    results.push(findings ? { path: p, failing: findings.some(isFailure), findings, slice: findingsSlice(findings) } : { path: p, failing: r.failing, slice });
  }
  const failing = results.filter((r) => r.failing);
  if (format === 'json') {
    const json = new StreamedJson(bytesOut, { schemaVersion: 1, ok: errors.length === 0 && failing.length === 0 }, 'plans');
    for (const r of results) json.item(`{\n      "path": ${JSON.stringify(r.path)},\n      "ok": ${!r.failing},\n      "findings": `, r.slice, '\n    }');
    json.end({ errors });
  } else if (format === 'github') {
    for (const r of results) for (const f of r.findings ?? findingsOf(r.slice)) io.out(annotation(r.path, f));
    io.out(summaryLine(results.length, failing.length));
  } else {
    for (const r of results) {
      for (const f of r.findings ?? findingsOf(r.slice)) io.out(terminalSafe(`${r.path}:${f.line + 1}:${f.start + 1}: ${f.severity} ${f.code}: ${f.message}`));
    }
    io.out(summaryLine(results.length, failing.length));
  }
  return errors.length ? 2 : failing.length ? 1 : 0;
}

function reportErrors(errors: readonly PathError[], io: Io): void {
  for (const e of errors) io.err(`plan-tracker: ${terminalSafe(e.path)}: ${terminalSafe(e.message)}`);
}

function summaryLine(plans: number, failing: number): string {
  const noun = (n: number): string => `${n} plan${n === 1 ? '' : 's'}`;
  return failing ? `✗ ${noun(failing)} of ${plans} need attention.` : `✓ ${noun(plans)} checked, no problems.`;
}

/** Errors and warnings fail `check`; information does not. */
function isFailure(f: Finding): boolean {
  return f.severity !== 'info';
}

/**
 * The placeholders of the template plans are made from: the workspace's `.vscode/plan-template.md`
 * when there is one, else the bundled template (next to the CLI in the package, or in the source tree).
 * Read by the same read policy as plans.
 */
function readTemplate(cwd: string): TemplatePlaceholders | undefined {
  const reader = new PlanFileReader();
  for (const candidate of [path.join(cwd, '.vscode', 'plan-template.md'), path.join(__dirname, '..', 'templates', 'plan-template.md'), path.join(__dirname, '..', '..', 'templates', 'plan-template.md')]) {
    try {
      const read = reader.read(candidate);
      if ('text' in read) return templatePlaceholders(read.text);
    } catch {
      // not there: try the next one
    }
  }
  return undefined;
}

function phaseJson(plan: Plan, p: Phase): object {
  return {
    label: p.label,
    name: p.name,
    kind: p.kind,
    number: p.number ?? null,
    state: p.state,
    done: p.state === 'done',
    line: p.trackingTask >= 0 ? plan.tasks[p.trackingTask].line + 1 : p.headingLine >= 0 ? p.headingLine + 1 : null,
    tasks: progressJson(p.progress),
  };
}

function progressJson(p: Progress): ProgressJson {
  return { done: p.done, open: p.open, inProgress: p.inProgress, skipped: p.skipped, total: p.total, percent: percent(p) };
}

/** A plan's entry of the `status --json` document (less its path). Its shape is versioned by `schemaVersion` and documented in the README. */
function statusEntry(plan: Plan): object {
  const current = plan.currentPhase >= 0 ? plan.phases[plan.currentPhase] : undefined;
  return {
    title: plan.title,
    kind: plan.kind ?? null,
    status: plan.status ?? null,
    fields: Object.fromEntries(plan.fields.map((f) => [f.key, f.value])),
    frontMatter: plan.frontMatter ?? null,
    currentPhase: current ? { index: plan.currentPhase, label: current.label, name: current.name, number: current.number ?? null } : null,
    phases: plan.phases.map((ph) => phaseJson(plan, ph)),
    steps: plan.steps.map((ph) => phaseJson(plan, ph)),
    totals: progressJson(plan.progress),
  };
}

export function statusRecord(plan: Plan): StatusRecord {
  const current = plan.currentPhase >= 0 ? plan.phases[plan.currentPhase] : undefined;
  return {
    status: plan.status ?? null,
    current: current?.label ?? null,
    phases: plan.phases.length,
    phasesDone: finishedPhases(plan),
    totals: progressJson(plan.progress),
  };
}

/** What `status` keeps of a plan: its record, and its entry of `status --json` (less its first line, `{`: the path goes first) in UTF-8. */
function describeStatus(plan: Plan): Described<StatusRecord> {
  return { meta: statusRecord(plan), slice: Buffer.from(afterFirstLine(layout(statusEntry(plan), 2))) };
}

function afterFirstLine(s: string): string {
  return s.slice(s.indexOf('\n') + 1);
}

/** The `totals` of the `status --json` document, summed plan by plan. */
class StatusTotals {
  private plans = 0;
  private readonly sum = { done: 0, open: 0, inProgress: 0, skipped: 0, total: 0 };
  private readonly byStatus: Record<string, number> = {};

  add(r: StatusRecord): void {
    this.plans++;
    const sum = this.sum;
    const t = r.totals;
    sum.done += t.done;
    sum.open += t.open;
    sum.inProgress += t.inProgress;
    sum.skipped += t.skipped;
    sum.total += t.total;
    const s = r.status ?? '(none)';
    this.byStatus[s] = (this.byStatus[s] ?? 0) + 1;
  }

  json(): object {
    return { plans: this.plans, byStatus: this.byStatus, ...progressJson(this.sum) };
  }
}

/** A finding as `check --json` prints it: 1-based line and columns, the end column exclusive. */
interface FindingJson {
  readonly code: Finding['code'];
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

/** A plan's findings as its `findings` array of `check --json`, laid out at its depth, in UTF-8. */
function findingsSlice(findings: readonly Finding[]): Uint8Array {
  const json: FindingJson[] = findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.line + 1, column: f.start + 1, endColumn: f.end + 1 }));
  return Buffer.from(layout(json, 3));
}

/** The findings of a `findingsSlice` (its exact inverse). */
function findingsOf(slice: Uint8Array): Finding[] {
  const json = JSON.parse(Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString()) as FindingJson[];
  return json.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.line - 1, start: f.column - 1, end: f.endColumn - 1 }));
}

/** One table cell: control characters made visible first, so the width counts what is printed (a CJK character two columns). */
function cell(s: string, width: number): string {
  return truncateToWidth(terminalSafe(s), width);
}

export function statusTable(plans: readonly { path: string; record: StatusRecord }[]): string {
  if (plans.length === 0) return 'No plans found.';
  const rows = plans.map(({ path: p, record: r }) => [
    cell(p, 60),
    cell(r.status ?? '—', 28),
    // No current phase: no phase with something to count is left (tasks outside the phases may
    // still be open, and a phase of prose has nothing to count), so say how many are done, as the status bar does.
    cell(r.current ?? (r.phases ? `${r.phasesDone}/${r.phases} phases done` : '—'), 40),
    `${r.totals.done}/${r.totals.total}`,
    `${r.totals.percent}%`,
  ]);
  const header = ['PLAN', 'STATUS', 'CURRENT PHASE', 'DONE', '%'];
  // A loop, not Math.max(...rows): 130,000 arguments overflow the call stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i], displayWidth(c))));
  const right = new Set([3, 4]);
  const line = (cells: string[]): string => cells.map((c, i) => padToWidth(c, widths[i], right.has(i))).join('  ').trimEnd();
  const done = plans.reduce((n, p) => n + p.record.totals.done, 0);
  const total = plans.reduce((n, p) => n + p.record.totals.total, 0);
  const summary = `${plans.length} plan${plans.length === 1 ? '' : 's'} · ${done}/${total} tasks done`;
  return [line(header), ...rows.map(line), '', summary].join('\n');
}

/**
 * Output closed early (`plan-tracker status | head -1`): stop quietly with exit 0, as Unix tools
 * do, instead of a stack trace. Only EPIPE: other write errors still fail loudly.
 */
export function exitQuietlyOnEpipe(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}

/**
 * The process's stdout and stderr, made on first use (a stream loads Node's stream modules, which a
 * warm `status --json` writing through `write(2)` never needs), quiet on EPIPE from the start.
 */
const streams: { out?: NodeJS.WriteStream; err?: NodeJS.WriteStream } = {};
function stdout(): NodeJS.WriteStream {
  if (!streams.out) exitQuietlyOnEpipe((streams.out = process.stdout));
  return streams.out;
}
function stderr(): NodeJS.WriteStream {
  if (!streams.err) exitQuietlyOnEpipe((streams.err = process.stderr));
  return streams.err;
}

/**
 * Writes bytes to stdout before returning, so the caller may reuse them: a write(2) of their own
 * when the stdout stream has nothing queued (else after what it has, as a copy). A non-blocking
 * stdout that is full (EAGAIN) gets the rest through the stream; a closed one (EPIPE) ends the run
 * quietly, as `exitQuietlyOnEpipe` does.
 */
export function writeStdout(bytes: Uint8Array): void {
  let at = 0;
  if (!streams.out?.writableLength) {
    try {
      while (at < bytes.length) at += writeSync(1, bytes, at);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw error;
    }
  }
  stdout().write(Buffer.from(bytes.subarray(at)));
}

/**
 * A line of text to stdout through `writeStdout`, without Node's stdout stream (making it loads the
 * stream modules: 10–20 ms of a short run such as an agent hook's `check`). A Windows console
 * takes text, not UTF-8 bytes, so there the stream writes it.
 */
const outLine = process.platform === 'win32' ? (s: string): unknown => stdout().write(`${s}\n`) : (s: string): void => writeStdout(Buffer.from(`${s}\n`));

/**
 * Runs the CLI as the process: its arguments, stdout, stderr and exit code. dist/cli.js
 * (src/cli/launch.ts) calls it with what it already read of stdin, if anything.
 */
export function runAsProcess(argv: readonly string[], stdin?: () => Promise<string>): void {
  main(argv, {
    out: outLine,
    write: writeStdout,
    err: (s) => stderr().write(`${s}\n`),
    cwd: process.cwd(),
    env: process.env,
    stdin,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      stderr().write(`plan-tracker: unexpected error: ${terminalSafe(errorText(error))}\n`);
      process.exitCode = 2;
    },
  );
}
