/**
 * The agent verbs of `plan-tracker`: `next`, `tick`, `set-status`, `note` (the plan service's
 * operations on the command line) and `mcp` (the same operations as an MCP server on stdio).
 *
 * Exit codes: 0 done, 1 refused (the reason on stderr, with the candidates), 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { isTaskState, PlanService, refusalText, TASK_STATES, type PlanStatusJson, type ServiceError, type ServiceResult, type TaskJson } from '../core';
import { NodePlanStore, type NodePlanStoreOptions } from './planStore';
import { terminalSafeLines } from './terminalText';
import { readWorkspaceSettings, servicePlanSettings, type CliSettings } from './workspaceSettings';
import { errorText } from '../core/errors';

export const VERBS: ReadonlySet<string> = new Set(['next', 'tick', 'set-status', 'note', 'mcp']);

export const VERBS_USAGE = `  next       [plan] [--json] [--limit N]  Where each plan stands and its next open tasks.
  tick       <plan> <task> [--state done|inProgress|open|skipped] [--note TEXT] [--line N]
             [--evidence TEXT] [--require-evidence] [--json]
             Set one task's checkbox (default: done); the task by its text or id (T001, 1.2, 3, Phase 2).
             --evidence writes "- Evidence: TEXT (date)" under it (what was run, a commit, a test);
             with evidence required (--require-evidence, or planTracker.requireEvidence in
             .vscode/settings.json) a Status Tracking item is not ticked without it.
  set-status <plan> <status> [--json]    Set **Status:** (Completed is refused while tasks are open).
  note       <plan> <text> [--json]      Add a dated note under **Notes:**.
  mcp        Serve these operations to coding agents over stdio (Model Context Protocol).`;

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
}

declare const PLAN_TRACKER_VERSION: string | undefined;

/** The service the verbs and the MCP server use, over the files under `cwd`, with the workspace's settings. */
export function cliPlanService(cwd: string, settings: CliSettings = { requireEvidence: false }, files: NodePlanStoreOptions = {}): PlanService {
  const planSettings = servicePlanSettings(settings);
  return new PlanService(new NodePlanStore(cwd, files), { settingsFor: () => planSettings });
}

export async function runVerb(verb: string, argv: readonly string[], rawIo: Io): Promise<number> {
  // Plan text is untrusted: the text output shows control characters as escapes (JSON escapes them itself).
  let json = false;
  const io: Io = { cwd: rawIo.cwd, out: (s) => rawIo.out(json ? s : terminalSafeLines(s)), err: (s) => rawIo.err(terminalSafeLines(s)) };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        state: { type: 'string' },
        note: { type: 'string' },
        line: { type: 'string' },
        evidence: { type: 'string' },
        'require-evidence': { type: 'boolean', default: false },
        // Which files are plans, as for status and check. These commands keep no cache: they
        // read every file each time, so --no-cache asks for what they do anyway.
        exclude: { type: 'string', multiple: true },
        'always-plan': { type: 'string', multiple: true },
        'no-cache': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usage(io, errorText(error));
  }
  const { values, positionals } = parsed;
  json = values.json === true;
  const settings = readWorkspaceSettings(io.cwd);
  if ([...(values.exclude ?? []), ...(values['always-plan'] ?? [])].some((g) => g.trim() === '')) return usage(io, '--exclude and --always-plan need a glob, not an empty string');
  const files = { exclude: values.exclude, alwaysPlans: values['always-plan'] };
  const service = cliPlanService(io.cwd, values['require-evidence'] ? { ...settings, requireEvidence: true } : settings, files);
  const expect = (n: number, names: string): boolean => positionals.length === n || (usage(io, `${verb} takes ${names}`), false);
  const int = (name: 'limit' | 'line'): number | undefined | null => {
    const v = values[name];
    if (v === undefined) return undefined;
    return /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : null;
  };

  let result: ServiceResult;
  switch (verb) {
    case 'mcp': {
      if (positionals.length) return usage(io, 'mcp takes no arguments; start it in the workspace folder');
      // Loaded only for `mcp`: the SDK is a bundle of its own (dist/mcp.js), so other commands do not pay for it.
      const { serveStdio } = await import('./mcp.js');
      await serveStdio(service, typeof PLAN_TRACKER_VERSION === 'string' ? PLAN_TRACKER_VERSION : 'dev');
      return 0;
    }
    case 'next': {
      if (positionals.length > 1) return usage(io, 'next takes at most one plan');
      const limit = int('limit');
      if (limit === null) return usage(io, '--limit takes a whole number of at least 1');
      result = await service.getPlanStatus({ plan: positionals[0], limit: limit ?? 3 });
      break;
    }
    case 'tick': {
      if (!expect(2, '<plan> <task>')) return 2;
      const state = values.state ?? 'done';
      if (!isTaskState(state)) return usage(io, `--state is one of ${TASK_STATES.join(', ')}`);
      const line = int('line');
      if (line === null) return usage(io, '--line takes a line number (1 or more)');
      result = await service.updatePlanTask({ plan: positionals[0], task: positionals[1], state, note: values.note, line, evidence: values.evidence });
      break;
    }
    case 'set-status':
      if (!expect(2, '<plan> <status>')) return 2;
      result = await service.setPlanStatus({ plan: positionals[0], status: positionals[1] });
      break;
    case 'note':
      if (!expect(2, '<plan> <text>')) return 2;
      if (!positionals[1].trim()) return usage(io, 'the note is empty');
      result = await service.addPlanNote({ plan: positionals[0], note: positionals[1] });
      break;
    default:
      return usage(io, `unknown command "${verb}"`);
  }

  if (values.json) io.out(JSON.stringify(result, null, 2));
  if (!result.ok) {
    printRefusal(result, io);
    return 1;
  }
  if (values.json) return 0;
  if ('plans' in result && !('clean' in result)) {
    io.out(result.plans.length ? result.plans.map(statusText).join('\n\n') : 'No plans found.');
  } else if ('task' in result) {
    if (result.relocated) io.err(`plan-tracker: ${result.relocated}`);
    const from = result.task.previousState === result.task.state ? `already ${result.task.state}` : `${result.task.previousState} → ${result.task.state}`;
    io.out(`${result.plan}:${result.task.line}: ${result.task.text} (${from})`);
    if (result.note) io.out(`Note added: ${result.note}`);
    if (values.evidence?.trim() && result.task.evidence) io.out(`Evidence: ${result.task.evidence}`);
    io.out(progressLine(result.status));
    io.out(result.next ? `Next: ${taskText(result.next)}` : 'Every task is done.');
  } else if ('previousStatus' in result) {
    io.out(`${result.plan}: **Status:** ${result.changed ? `${result.previousStatus ?? '(none)'} → ` : 'already '}${result.status.status}`);
  } else if ('note' in result) {
    io.out(`${result.plan}: note added: ${result.note}`);
  }
  return 0;
}

function usage(io: Io, message: string): number {
  io.err(`plan-tracker: ${message} (see plan-tracker --help)`);
  return 2;
}

function taskText(t: TaskJson): string {
  return `line ${t.line}: ${t.text}${t.state === 'inProgress' ? ' (in progress)' : ''}`;
}

function progressLine(s: PlanStatusJson): string {
  return `${s.plan} — ${s.status ?? 'no status'}${s.currentPhase ? ` — ${s.currentPhase.label}` : ''} — ${s.progress.done}/${s.progress.total} done (${s.progress.percent}%)`;
}

function statusText(s: PlanStatusJson): string {
  const next = s.nextTasks.map((t) => `  ${taskText(t)}`);
  return [progressLine(s), ...(next.length ? next : ['  every task is done'])].join('\n');
}

function printRefusal(result: ServiceError, io: Io): void {
  io.err(`plan-tracker: ${refusalText(result)}`);
}
