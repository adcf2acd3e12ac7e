/**
 * plan-tracker: the plan engine on the command line, for terminals, CI and coding agents.
 *
 *   plan-tracker status [paths…] [--json] [--exclude GLOB]…
 *   plan-tracker check  [paths…] [--json] [--exclude GLOB]…
 *
 * Exit codes: 0 fine, 1 `check` found problems, 2 bad usage or a path/file that could not be read.
 */
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPlan, parsePlan, percent, type Finding, type Phase, type Plan, type Progress } from '../core';
import { describe, findMarkdownFiles, type Candidate } from './findPlans';
import { runVerb, VERBS, VERBS_USAGE } from './verbs';

declare const PLAN_TRACKER_VERSION: string | undefined;

/** Files larger than this are skipped: no plan is 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const USAGE = `Usage: plan-tracker <command> [paths…] [options]

Commands:
  status   Print each plan's status, current phase and progress.
  check    Exit non-zero when a plan's header contradicts its boxes or it still holds
           template placeholders (for CI and coding agents).
${VERBS_USAGE}

Paths default to the current folder; folders are searched for Markdown plans
(node_modules, .git and build folders are skipped).

Options:
  --json            Print machine-readable JSON (schema: see README, "CLI JSON").
  --exclude GLOB    Skip paths matching GLOB (relative to the current folder); repeatable.
  --key-files       check: also report Key Files / Files to Create / Files to Modify paths
                    that do not exist, relative to the current folder (information only).
  -h, --help        Show this help.
  -v, --version     Show the version.`;

interface LoadedPlan {
  readonly path: string;
  readonly text: string;
  readonly plan: Plan;
}

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  if (VERBS.has(argv[0])) return runVerb(argv[0], argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        exclude: { type: 'string', multiple: true, default: [] },
        'key-files': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.err(`plan-tracker: ${error instanceof Error ? error.message : String(error)} (see plan-tracker --help)`);
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
    io.err(`plan-tracker: unknown command "${command}" (expected status, check, ${[...VERBS].join(', ')}; see plan-tracker --help)`);
    return 2;
  }

  const { plans, errors } = await loadPlans(paths.length ? paths : ['.'], values.exclude ?? [], io);
  for (const e of errors) io.err(`plan-tracker: ${e.path}: ${e.message}`);
  const ioFailed = errors.length > 0;

  if (command === 'status') {
    io.out(values.json ? JSON.stringify(statusJson(plans, errors), null, 2) : statusTable(plans));
    return ioFailed ? 2 : 0;
  }
  const fileExists = values['key-files'] ? (p: string): boolean => existsSync(path.resolve(io.cwd, p)) : undefined;
  const results = plans.map((p) => ({ ...p, findings: checkPlan(p.plan, p.text, { fileExists }) }));
  const failing = results.filter((r) => r.findings.some(isFailure));
  if (values.json) {
    io.out(JSON.stringify(checkJson(results, errors), null, 2));
  } else {
    for (const r of results) {
      for (const f of r.findings) io.out(`${r.path}:${f.line + 1}:${f.start + 1}: ${f.severity} ${f.code}: ${f.message}`);
    }
    const noun = (n: number): string => `${n} plan${n === 1 ? '' : 's'}`;
    io.out(failing.length ? `✗ ${noun(failing.length)} of ${results.length} need attention.` : `✓ ${noun(results.length)} checked, no problems.`);
  }
  return ioFailed ? 2 : failing.length ? 1 : 0;
}

/** Errors and warnings fail `check`; information does not. */
function isFailure(f: Finding): boolean {
  return f.severity !== 'info';
}

async function loadPlans(paths: readonly string[], exclude: readonly string[], io: Io): Promise<{ plans: LoadedPlan[]; errors: { path: string; message: string }[] }> {
  const { candidates, errors } = await findMarkdownFiles(paths, exclude, io.cwd);
  const plans: (LoadedPlan | undefined)[] = new Array(candidates.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const i = next++;
      plans[i] = await loadOne(candidates[i], io, errors);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, candidates.length) }, worker));
  return { plans: plans.filter((p): p is LoadedPlan => p !== undefined), errors };
}

async function loadOne(c: Candidate, io: Io, errors: { path: string; message: string }[]): Promise<LoadedPlan | undefined> {
  const rel = path.relative(io.cwd, c.file).split(path.sep).join('/') || c.file;
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(c.file);
    if (stat.size > MAX_FILE_BYTES) {
      if (c.explicit) errors.push({ path: rel, message: `skipped: ${(stat.size / 1048576).toFixed(1)} MB is larger than any plan (limit ${MAX_FILE_BYTES / 1048576} MB)` });
      return undefined;
    }
    bytes = await fs.readFile(c.file);
  } catch (error) {
    errors.push({ path: rel, message: describe(error) });
    return undefined;
  }
  if (bytes.subarray(0, 8000).includes(0)) {
    if (c.explicit) errors.push({ path: rel, message: 'skipped: binary file, not Markdown' });
    return undefined;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const plan = parsePlan({ text, uri: rel });
  if (!plan.isPlan) {
    if (c.explicit) io.err(`plan-tracker: ${rel}: not a plan (no "Status Tracking" heading, plan front matter, or **Status:** with Phase/Step structure); skipped`);
    return undefined;
  }
  return { path: rel, text, plan };
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
export function statusJson(plans: readonly LoadedPlan[], errors: readonly { path: string; message: string }[]): object {
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

function checkJson(results: readonly (LoadedPlan & { findings: Finding[] })[], errors: readonly { path: string; message: string }[]): object {
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

export function statusTable(plans: readonly LoadedPlan[]): string {
  if (plans.length === 0) return 'No plans found.';
  const rows = plans.map(({ path: p, plan }) => {
    const current = currentPhaseOf(plan);
    return [
      truncate(p, 60),
      truncate(plan.status ?? '—', 28),
      truncate(current ? current.label : plan.phases.length ? 'all done' : '—', 40),
      `${plan.progress.done}/${plan.progress.total}`,
      `${percent(plan.progress)}%`,
    ];
  });
  const header = ['PLAN', 'STATUS', 'CURRENT PHASE', 'DONE', '%'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const right = new Set([3, 4]);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const done = plans.reduce((n, p) => n + p.plan.progress.done, 0);
  const total = plans.reduce((n, p) => n + p.plan.progress.total, 0);
  const summary = `${plans.length} plan${plans.length === 1 ? '' : 's'} · ${done}/${total} tasks done`;
  return [line(header), ...rows.map(line), '', summary].join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`plan-tracker: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
