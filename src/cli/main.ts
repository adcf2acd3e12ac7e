/**
 * plan-tracker: the plan engine on the command line, for terminals, CI and coding agents.
 *
 *   plan-tracker status [paths…] [--json] [--exclude GLOB]…
 *   plan-tracker check  [paths…] [--format text|json|github] [--since REV] [--gate] [--exclude GLOB]…
 *
 * Exit codes: 0 fine, 1 `check` found problems, 2 bad usage, a path/file that could not be read,
 * or `--since` outside a git repository.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { describeSkip, parsePlan, percent, templatePlaceholders, whyNotPlan, DEFAULT_ALWAYS_PLANS, type Finding, type Phase, type Plan, type Progress, type TemplatePlaceholders } from '../core';
import { planChecker, type PlanChecker } from './checkRun';
import { describe, ExcludeError, findMarkdownFiles, type Candidate } from './findPlans';
import { INIT_AGENT_USAGE, runInitAgent } from './initAgent';
import { annotation, fileAnnotation } from './githubAnnotations';
import { HOOK_USAGE, runHook } from './hooks';
import { readPlanFile } from './readPlanFile';
import { terminalSafe } from './terminalText';
import { runVerb, VERBS, VERBS_USAGE } from './verbs';
import { readWorkspaceSettings } from './workspaceSettings';
import { errorText } from '../core/errors';

declare const PLAN_TRACKER_VERSION: string | undefined;

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
                    with open items, a Status Tracking item ticked while its phase
                    has open tasks, and (with evidence required) one ticked without
                    an Evidence line.
  --require-evidence  check: Status Tracking items ticked without evidence are
                    findings (default: planTracker.requireEvidence in
                    .vscode/settings.json).
  --exclude GLOB    Skip paths matching GLOB, as given or relative to the folder
                    searched (e.g. 'archive/**'); repeatable.
  --always-plan GLOB  Files matching GLOB are plans whatever they hold (the editor's
                    planTracker.alwaysPlans); repeatable. Default: ${DEFAULT_ALWAYS_PLANS.join(', ')}
  --key-files       check: also report Key Files / Files to Create / Files to Modify paths
                    that do not exist, relative to the current folder (information only).
  -h, --help        Show this help.
  -v, --version     Show the version.`;

/** A plan as read: its model and, for `check`, its findings. Its text is not kept (memory stays bounded per file). */
interface LoadedPlan {
  readonly path: string;
  readonly plan: Plan;
  readonly findings: readonly Finding[];
}

type PathError = { path: string; message: string };

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
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

  let check: PlanChecker | undefined;
  if (command === 'check') {
    const fileExists = values['key-files'] ? (p: string): boolean => existsSync(path.resolve(io.cwd, p)) : undefined;
    const settings = await readWorkspaceSettings(io.cwd);
    const checker = await planChecker(
      {
        fileExists,
        template: await readTemplate(io.cwd),
        statuses: settings.statuses,
        requireEvidence: values['require-evidence'] || settings.requireEvidence,
        gate: values.gate,
        since: values.since,
      },
      io.cwd,
    );
    if ('error' in checker) {
      io.err(`plan-tracker: ${terminalSafe(checker.error)}`);
      return 2;
    }
    check = checker;
  }
  let loaded;
  try {
    loaded = await loadPlans(paths.length ? paths : ['.'], values.exclude ?? [], values['always-plan'] ?? DEFAULT_ALWAYS_PLANS, io, check);
  } catch (error) {
    if (!(error instanceof ExcludeError)) throw error;
    io.err(`plan-tracker: ${error.message} (see plan-tracker --help)`);
    return 2;
  }
  const { plans, errors } = loaded;
  for (const e of errors) io.err(`plan-tracker: ${terminalSafe(e.path)}: ${terminalSafe(e.message)}`);
  if (format === 'github') for (const e of errors) io.out(fileAnnotation(e.path, e.message));
  const ioFailed = errors.length > 0;

  if (command === 'status') {
    io.out(format === 'json' ? JSON.stringify(statusJson(plans, errors), null, 2) : statusTable(plans));
    return ioFailed ? 2 : 0;
  }
  const failing = plans.filter((r) => r.findings.some(isFailure));
  if (format === 'json') {
    io.out(JSON.stringify(checkJson(plans, errors), null, 2));
  } else if (format === 'github') {
    for (const r of plans) for (const f of r.findings) io.out(annotation(r.path, f));
    io.out(summaryLine(plans.length, failing.length));
  } else {
    for (const r of plans) {
      for (const f of r.findings) io.out(terminalSafe(`${r.path}:${f.line + 1}:${f.start + 1}: ${f.severity} ${f.code}: ${f.message}`));
    }
    io.out(summaryLine(plans.length, failing.length));
  }
  return ioFailed ? 2 : failing.length ? 1 : 0;
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
/**
 * The placeholders of the template plans are made from: the workspace's `.vscode/plan-template.md`
 * when there is one, else the bundled template (next to the CLI in the package, or in the source tree).
 * Read by the same read policy as plans.
 */
async function readTemplate(cwd: string): Promise<TemplatePlaceholders | undefined> {
  for (const candidate of [path.join(cwd, '.vscode', 'plan-template.md'), path.join(__dirname, '..', 'templates', 'plan-template.md'), path.join(__dirname, '..', '..', 'templates', 'plan-template.md')]) {
    try {
      const read = await readPlanFile(candidate);
      if ('text' in read) return templatePlaceholders(read.text);
    } catch {
      // not there: try the next one
    }
  }
  return undefined;
}

/**
 * Reads and parses the plans under `paths`, 16 files at a time. With `check` set, each plan is
 * checked as it is read, so only its model and findings are kept, never its text.
 */
async function loadPlans(
  paths: readonly string[],
  exclude: readonly string[],
  alwaysPlans: readonly string[],
  io: Io,
  check: PlanChecker | undefined,
): Promise<{ plans: LoadedPlan[]; errors: PathError[] }> {
  const { candidates, errors } = await findMarkdownFiles(paths, exclude, io.cwd);
  const isAlwaysPlan = alwaysPlans.length ? picomatch(alwaysPlans as string[], { dot: true }) : () => false;
  const plans: (LoadedPlan | undefined)[] = new Array(candidates.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const i = next++;
      plans[i] = await loadOne(candidates[i], io, errors, isAlwaysPlan, check);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, candidates.length) }, worker));
  return { plans: plans.filter((p): p is LoadedPlan => p !== undefined), errors };
}

async function loadOne(c: Candidate, io: Io, errors: PathError[], isAlwaysPlan: (rel: string) => boolean, check: PlanChecker | undefined): Promise<LoadedPlan | undefined> {
  const rel = c.path || c.file;
  let read;
  try {
    read = await readPlanFile(c.file);
  } catch (error) {
    errors.push({ path: rel, message: describe(error) });
    return undefined;
  }
  if ('skip' in read) {
    // A file the user named is an error (exit 2); one found by the walk is a note.
    if (c.explicit) errors.push({ path: rel, message: describeSkip(read.skip) });
    else io.err(`plan-tracker: ${terminalSafe(rel)}: ${describeSkip(read.skip)}`);
    return undefined;
  }
  // The always-plan globs match the path relative to the current folder (as the editor's setting
  // matches the workspace-relative path) or as given.
  const fromCwd = path.relative(io.cwd, c.file).split(path.sep).join('/');
  const plan = parsePlan({ text: read.text, uri: rel }, { assumePlan: isAlwaysPlan(fromCwd) || isAlwaysPlan(rel) });
  if (!plan.isPlan) {
    // A file found by a folder walk that is not a plan is never checked; one named on the command
    // line gets a line saying why, and does not fail the run.
    if (c.explicit) io.err(`plan-tracker: ${terminalSafe(rel)}: ${terminalSafe(whyNotPlan(plan) ?? 'not a plan')}; skipped`);
    return undefined;
  }
  return { path: rel, plan, findings: check ? await check(plan, read.text, c.file) : [] };
}

function phaseJson(plan: Plan, p: Phase): object {
  return {
    label: p.label,
    name: p.name,
    kind: p.kind,
    number: p.number ?? null,
    state: p.state,
    done: p.state === 'done',
    line: p.trackingTask >= 0 ? plan.tasks[p.trackingTask].line + 1 : p.section >= 0 ? plan.sections[p.section].line + 1 : null,
    tasks: progressJson(p.progress),
  };
}

function progressJson(p: Progress): object {
  return { done: p.done, open: p.open, inProgress: p.inProgress, skipped: p.skipped, total: p.total, percent: percent(p) };
}

function currentPhaseOf(plan: Plan): Phase | undefined {
  return plan.currentPhase >= 0 ? plan.phases[plan.currentPhase] : undefined;
}

/** The `status --json` document. Its shape is versioned by `schemaVersion` and documented in the README. */
export function statusJson(plans: readonly LoadedPlan[], errors: readonly PathError[]): object {
  const sum = { done: 0, open: 0, inProgress: 0, skipped: 0, total: 0 };
  const byStatus: Record<string, number> = {};
  for (const { plan } of plans) {
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += plan.progress[k];
    const s = plan.status ?? '(none)';
    byStatus[s] = (byStatus[s] ?? 0) + 1;
  }
  return {
    schemaVersion: 1,
    plans: plans.map(({ path: p, plan }) => {
      const current = currentPhaseOf(plan);
      return {
        path: p,
        title: plan.title,
        status: plan.status ?? null,
        fields: Object.fromEntries(plan.fields.map((f) => [f.key, f.value])),
        frontMatter: plan.frontMatter ?? null,
        currentPhase: current ? { index: plan.currentPhase, label: current.label, name: current.name, number: current.number ?? null } : null,
        phases: plan.phases.map((ph) => phaseJson(plan, ph)),
        steps: plan.steps.map((ph) => phaseJson(plan, ph)),
        totals: progressJson(plan.progress),
      };
    }),
    totals: { plans: plans.length, byStatus, ...progressJson(sum) },
    errors,
  };
}

function checkJson(results: readonly LoadedPlan[], errors: readonly PathError[]): object {
  return {
    schemaVersion: 1,
    ok: errors.length === 0 && !results.some((r) => r.findings.some(isFailure)),
    plans: results.map((r) => ({
      path: r.path,
      ok: !r.findings.some(isFailure),
      findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.line + 1, column: f.start + 1, endColumn: f.end + 1 })),
    })),
    errors,
  };
}

function truncate(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

/** One table cell: control characters made visible first, so the width counts what is printed. */
function cell(s: string, width: number): string {
  return truncate(terminalSafe(s), width);
}

export function statusTable(plans: readonly LoadedPlan[]): string {
  if (plans.length === 0) return 'No plans found.';
  const rows = plans.map(({ path: p, plan }) => {
    const current = currentPhaseOf(plan);
    return [
      cell(p, 60),
      cell(plan.status ?? '—', 28),
      cell(current ? current.label : plan.phases.length ? 'all done' : '—', 40),
      `${plan.progress.done}/${plan.progress.total}`,
      `${percent(plan.progress)}%`,
    ];
  });
  const header = ['PLAN', 'STATUS', 'CURRENT PHASE', 'DONE', '%'];
  // A loop, not Math.max(...rows): 130,000 arguments overflow the call stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i], c.length)));
  const right = new Set([3, 4]);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const done = plans.reduce((n, p) => n + p.plan.progress.done, 0);
  const total = plans.reduce((n, p) => n + p.plan.progress.total, 0);
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

if (require.main === module) {
  exitQuietlyOnEpipe(process.stdout);
  exitQuietlyOnEpipe(process.stderr);
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`plan-tracker: unexpected error: ${terminalSafe(errorText(error))}\n`);
      process.exitCode = 2;
    },
  );
}
