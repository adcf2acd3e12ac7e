/**
 * Claude Code hooks as CLI verbs. Claude Code runs a hook's command with the event as JSON on
 * stdin (`session_id`, `cwd`, `hook_event_name`, and per event `stop_hook_active` or `tool_name`
 * and `tool_input`). Exit code 2 blocks: its stderr goes to the agent as the reason; any other
 * non-zero code is shown to the person and does not block; 0 is silence.
 *
 *   plan-tracker hook stop       Stop hook: the completion gate (`check --gate`) over the project.
 *                                Failing: exit 2 with the reasons, so the agent keeps working.
 *                                When the agent is already continuing because of a Stop hook
 *                                (`stop_hook_active`), a gate that still fails is reported with
 *                                exit 1 (shown, not blocking): one nudge per stop, never a loop.
 *   plan-tracker hook post-edit  PostToolUse hook (Edit|Write): when `tool_input.file_path` is a
 *                                plan in a git repository, its drift against HEAD; an open task
 *                                removed or reworded, or a Status Tracking item removed: exit 2
 *                                with the findings. Anything else (not a plan, no git, a plan new
 *                                since HEAD, an honest edit): exit 0, silently.
 *
 * A hook never exits 2 for its own trouble (input that is not JSON, an unknown hook): that would
 * block the agent for a reason it cannot act on; those exit 1.
 */
import * as path from 'node:path';
import { checkDrift, parsePlan, DEFAULT_ALWAYS_PLANS, type FindingCode } from '../core';
import { fileAtHead } from './git';
import { alwaysPlanMatcher } from './findPlans';
import { editedMarkdown, parseHookInput, readStdin, type HookInput } from './hookInput';
import { readPlanFile } from './readPlanFile';
import { terminalSafe, terminalSafeLines } from './terminalText';
import { readWorkspaceSettings } from './workspaceSettings';

export const HOOK_USAGE = `  hook stop       Claude Code Stop hook: the completion gate over the project (JSON on stdin;
                  exit 2 with the reasons keeps the agent working).
  hook post-edit  Claude Code PostToolUse hook for Edit|Write: drift of the edited plan against
                  HEAD (exit 2 when an open task was removed or reworded instead of ticked).`;

export interface HookIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
  /** The hook input; default: all of the process's stdin. */
  readonly stdin?: () => Promise<string>;
  /** Default: the process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs `plan-tracker <args>` in-process and returns its exit code (main, handed in to avoid a cycle). */
export type RunCli = (argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void; cwd: string }) => Promise<number>;

/** The drift codes that block an edit: an open task or tracking item that went instead of being ticked. */
const BLOCKING_DRIFT: ReadonlySet<FindingCode> = new Set<FindingCode>(['task-removed', 'task-reworded', 'tracking-item-removed']);

export async function runHook(argv: readonly string[], io: HookIo, runCli: RunCli): Promise<number> {
  const [name, ...rest] = argv;
  if ((name !== 'stop' && name !== 'post-edit') || rest.length) {
    io.err(`plan-tracker: hook is "hook stop" or "hook post-edit", with the hook's JSON on stdin (see plan-tracker --help)`);
    return 1;
  }
  let input: HookInput | undefined;
  try {
    input = parseHookInput(await (io.stdin ?? readStdin)());
  } catch {
    input = undefined;
  }
  if (!input) {
    io.err(`plan-tracker: hook ${name}: the hook input on stdin is not a JSON object; nothing was checked.`);
    return 1;
  }
  const env = io.env ?? process.env;
  const project = env.CLAUDE_PROJECT_DIR || (typeof input.cwd === 'string' && input.cwd) || io.cwd;
  return name === 'stop' ? stopHook(input, project, io, runCli) : postEditHook(input, project, io);
}

async function stopHook(input: HookInput, project: string, io: HookIo, runCli: RunCli): Promise<number> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['check', '--gate'], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: project });
  if (code === 0) return 0;
  if (code !== 1) {
    // The gate could not run everywhere (a file it could not read): say so, do not block.
    io.err(terminalSafeLines(['plan-tracker: the plan gate could not check every plan:', ...err].join('\n')));
    return 1;
  }
  const reasons = out.filter((l) => !/^[✓✗] /.test(l));
  if (input.stop_hook_active === true) {
    io.err(['plan-tracker: the plans still claim more than is done (not blocking again: the agent already continued once for this):', ...reasons].join('\n'));
    return 1;
  }
  io.err(
    [
      'Plan Tracker: the plans claim more than is done. Before stopping, make each plan tell the truth:',
      ...reasons,
      'Finish the open tasks and tick them (update_plan_task or `plan-tracker tick`), or set the status back and say in a note what is left.',
    ].join('\n'),
  );
  return 2;
}

async function postEditHook(input: HookInput, project: string, io: HookIo): Promise<number> {
  const given = editedMarkdown(input);
  if (given === undefined) return 0;
  const file = path.resolve(project, given);
  let read;
  try {
    read = await readPlanFile(file);
  } catch {
    return 0; // gone or unreadable: nothing to compare
  }
  if (!('text' in read)) return 0;
  const rel = path.relative(project, file).split(path.sep).join('/');
  if (!parsePlan({ text: read.text, uri: rel }, { assumePlan: alwaysPlanMatcher(DEFAULT_ALWAYS_PLANS)(rel), transient: true }).isPlan) return 0;
  // Not in a repository, no commit yet, or a plan new since HEAD: nothing to compare with.
  const before = await fileAtHead(file);
  if (before === undefined) return 0;
  const settings = readWorkspaceSettings(project);
  const findings = checkDrift(before, read.text, { statuses: settings.statuses, since: 'HEAD' }).filter((f) => BLOCKING_DRIFT.has(f.code));
  if (!findings.length) return 0;
  const shown = rel.startsWith('..') ? file : rel;
  io.err(
    [
      `Plan Tracker: ${terminalSafe(shown)} lost work it had not done:`,
      ...findings.map((f) => terminalSafe(`${shown}:${f.line + 1}: ${f.code}: ${f.message}`)),
      'Put these tasks back as they were. Tick a task when its work is done (update_plan_task or `plan-tracker tick`); if it will not be done, mark it skipped and add a note saying why.',
    ].join('\n'),
  );
  return 2;
}
