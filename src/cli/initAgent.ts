/**
 * `plan-tracker init-agent`: connects a coding agent to Plan Tracker in the current folder. The
 * merging is the core's (src/core/agentSetup.ts); this file reads the files, prints the change as
 * a patch, and writes each file atomically (a temporary file renamed over it) after reading it
 * again: a file that changed meanwhile is left alone.
 *
 * Exit codes: 0 written (or nothing to do), 1 a file was left untouched (not valid JSON, changed
 * meanwhile), 2 bad usage or a write failed.
 */
import { createTwoFilesPatch } from 'diff';
import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeSkip, planAgentSetup, type AgentKind, type Launcher } from '../core';
import { PlanFileReader } from './readPlanFile';
import { terminalSafeLines } from './terminalText';

export const INIT_AGENT_USAGE = `  init-agent [--claude] [--cursor] [--vscode] [--hooks] [--instructions] [--dry-run] [--use-path]
             Connect a coding agent: the MCP server in .mcp.json (Claude Code, the default),
             .cursor/mcp.json, .vscode/mcp.json; --hooks: Claude Code's Stop and PostToolUse
             hooks in .claude/settings.json; --instructions: a block in CLAUDE.md / AGENTS.md.
             Shows the change as a patch; --dry-run writes nothing. Runs this CLI as
             \`node <path of this cli.js>\`; --use-path writes \`plan-tracker\` (on your PATH) instead.`;

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
}

export function runInitAgent(argv: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        claude: { type: 'boolean', default: false },
        cursor: { type: 'boolean', default: false },
        vscode: { type: 'boolean', default: false },
        hooks: { type: 'boolean', default: false },
        instructions: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'use-path': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`plan-tracker: ${error instanceof Error ? error.message : String(error)} (usage:\n${INIT_AGENT_USAGE})`);
    return 2;
  }
  const { values } = parsed;
  const agents: AgentKind[] = (['claude', 'cursor', 'vscode'] as const).filter((agent) => values[agent]);
  // The hooks are Claude Code's; without any agent named, Claude Code is meant.
  if (agents.length === 0 || (values.hooks && !agents.includes('claude'))) agents.unshift('claude');
  const launcher = values['use-path'] ? { command: 'plan-tracker', args: [] } : thisCli();
  // By the plan files' read policy: a pipe or a link to a device where a configuration file goes is refused, not waited on.
  const reader = new PlanFileReader();
  const read = (rel: string): string | undefined => {
    let got: ReturnType<PlanFileReader['read']>;
    try {
      got = reader.read(path.join(io.cwd, rel));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if ('skip' in got) throw new Error(`${rel}: ${describeSkip(got.skip)}`);
    return got.text;
  };
  let plan: ReturnType<typeof planAgentSetup>;
  try {
    plan = planAgentSetup({ agents, hooks: values.hooks, instructions: values.instructions, launcher }, read);
  } catch (error) {
    io.err(`plan-tracker: init-agent: ${terminalSafeLines(error instanceof Error ? error.message : String(error))}; nothing written.`);
    return 2;
  }
  for (const change of plan.changes) {
    io.out(terminalSafeLines(createTwoFilesPatch(change.before === undefined ? '/dev/null' : `a/${change.path}`, `b/${change.path}`, change.before ?? '', change.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '')));
  }
  for (const rel of plan.unchanged) io.out(`${rel}: already set up, unchanged`);
  let status = plan.problems.length > 0 ? 1 : 0;
  for (const problem of plan.problems) io.err(`plan-tracker: ${terminalSafeLines(problem.message)}`);
  if (values['dry-run']) {
    io.out(plan.changes.length ? `Dry run: ${plan.changes.length} file(s) would change; nothing written.` : 'Dry run: nothing to change.');
    return status;
  }
  for (const change of plan.changes) {
    try {
      // Read again just before the write: a file changed since the patch was made is left alone.
      if (read(change.path) !== change.before) {
        io.err(`plan-tracker: ${change.path} changed while init-agent ran; left untouched. Run it again.`);
        status = Math.max(status, 1);
        continue;
      }
      writeAtomically(path.join(io.cwd, change.path), change.after);
      io.out(`wrote ${change.path}: ${change.summary}`);
    } catch (error) {
      io.err(`plan-tracker: could not write ${change.path}: ${error instanceof Error ? error.message : String(error)}`);
      status = 2;
    }
  }
  if (plan.changes.length === 0 && plan.problems.length === 0) io.out('Nothing to change: the agent is already connected.');
  return status;
}

/** This CLI, run by Node: the agent needs no npm package, only the file this process runs from. */
function thisCli(): Launcher {
  const script = process.argv[1] ? realpathSync(process.argv[1]) : __filename;
  return { command: 'node', args: [script] };
}

/** Writes `text` to a temporary file next to `file` and renames it over `file`, keeping its mode. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.plan-tracker-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { mode });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
