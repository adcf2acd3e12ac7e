/**
 * Connecting a coding agent to Plan Tracker: what to write into the agent's config files so it
 * runs `plan-tracker mcp` (and, for Claude Code, the Stop and PostToolUse hooks), and an
 * instruction block for its instructions file. Pure: the callers (`plan-tracker init-agent`, the
 * "Connect a Coding Agent…" command) read the files, show the change, and write it.
 *
 * Merging rules, the same for every file:
 * - every key already there stays, in its order, with its formatting and comments (jsonc-parser's
 *   `modify` edits only the spans it must);
 * - running it twice changes nothing (an entry that already says the same is left alone; one of
 *   ours that says something else, an older path, is updated in place);
 * - a file that does not parse is never touched: it comes back as a problem saying why.
 */
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';

export type AgentKind = 'claude' | 'cursor' | 'vscode';

export const AGENT_KINDS: readonly AgentKind[] = ['claude', 'cursor', 'vscode'];

/** How the agent starts the `plan-tracker` CLI: `command` plus the leading `args` (e.g. node + the path of cli.js). */
export interface Launcher {
  readonly command: string;
  readonly args: readonly string[];
}

export interface AgentSetupRequest {
  readonly agents: readonly AgentKind[];
  /** Claude Code hooks in `.claude/settings.json` (Stop: the gate; PostToolUse on Edit|Write: drift). */
  readonly hooks: boolean;
  /** The instruction block in CLAUDE.md (Claude Code) and/or AGENTS.md (Cursor, VS Code). */
  readonly instructions: boolean;
  readonly launcher: Launcher;
}

/** One file to write: its path relative to the project root (with `/`), what it holds now (undefined: missing) and what it would hold. */
export interface AgentFileChange {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string;
  /** What the change is, in a few words ("adds the plan-tracker MCP server"). */
  readonly summary: string;
}

/** A file that is left as it is, and why (not valid JSON, an unexpected shape). */
export interface AgentFileProblem {
  readonly path: string;
  readonly message: string;
}

export interface AgentSetupPlan {
  /** Files whose text would change. */
  readonly changes: readonly AgentFileChange[];
  /** Files that already say what they should. */
  readonly unchanged: readonly string[];
  readonly problems: readonly AgentFileProblem[];
}

/** The MCP server's name in every config file. */
export const MCP_SERVER_NAME = 'plan-tracker';

const MCP_FILES: Record<AgentKind, { path: string; root: 'mcpServers' | 'servers'; type: boolean; name: string }> = {
  // Claude Code's project servers; `type` is optional there, written as its docs show it.
  claude: { path: '.mcp.json', root: 'mcpServers', type: true, name: 'Claude Code' },
  cursor: { path: '.cursor/mcp.json', root: 'mcpServers', type: false, name: 'Cursor' },
  // VS Code's own format: servers under "servers" (not "mcpServers"), `type` required.
  vscode: { path: '.vscode/mcp.json', root: 'servers', type: true, name: 'VS Code' },
};

export const CLAUDE_SETTINGS_PATH = '.claude/settings.json';
const INSTRUCTIONS_BEGIN_TAG = '<!-- plan-tracker:begin';
export const INSTRUCTIONS_BEGIN = `${INSTRUCTIONS_BEGIN_TAG} (written by Plan Tracker; running its agent setup again replaces this block) -->`;
export const INSTRUCTIONS_END = '<!-- plan-tracker:end -->';

/** Which file of `agents` holds the agent's instructions: Claude Code reads CLAUDE.md; Cursor and VS Code read AGENTS.md. */
export function instructionFiles(agents: readonly AgentKind[]): string[] {
  const files = new Set<string>();
  for (const agent of agents) files.add(agent === 'claude' ? 'CLAUDE.md' : 'AGENTS.md');
  return [...files];
}

/** Every file a request may touch, in the order the plan lists them (callers read these first). */
export function agentSetupFiles(request: Omit<AgentSetupRequest, 'launcher'>): string[] {
  const files = request.agents.map((agent) => MCP_FILES[agent].path);
  if (request.hooks && request.agents.includes('claude')) files.push(CLAUDE_SETTINGS_PATH);
  if (request.instructions) files.push(...instructionFiles(request.agents));
  return files;
}

/**
 * What to write for `request`, given what the files hold now (`read(path)`: undefined when a file
 * is missing). Nothing is written here.
 */
export function planAgentSetup(request: AgentSetupRequest, read: (path: string) => string | undefined): AgentSetupPlan {
  const changes: AgentFileChange[] = [];
  const unchanged: string[] = [];
  const problems: AgentFileProblem[] = [];
  const add = (path: string, before: string | undefined, result: MergeResult, summary: string): void => {
    if ('error' in result) problems.push({ path, message: result.error });
    else if (result.text === before) unchanged.push(path);
    else changes.push({ path, before, after: result.text, summary });
  };
  for (const agent of request.agents) {
    const file = MCP_FILES[agent];
    const before = read(file.path);
    add(file.path, before, mergeMcpServer(before, agent, request.launcher), `${before === undefined ? 'creates' : 'updates'} ${file.name}'s MCP config: the ${MCP_SERVER_NAME} server`);
  }
  if (request.hooks && request.agents.includes('claude')) {
    const before = read(CLAUDE_SETTINGS_PATH);
    add(CLAUDE_SETTINGS_PATH, before, mergeClaudeHooks(before, request.launcher), 'Claude Code hooks: Stop runs the plan gate, PostToolUse on Edit|Write runs the drift check');
  }
  if (request.instructions) {
    for (const path of instructionFiles(request.agents)) {
      const before = read(path);
      add(path, before, { text: mergeInstructions(before) }, `${before === undefined ? 'creates' : 'updates'} the Plan Tracker instructions`);
    }
  }
  return { changes, unchanged, problems };
}

export type MergeResult = { readonly text: string } | { readonly error: string };

/** The MCP server entry for `agent`, as its config file spells it. */
export function mcpServerEntry(agent: AgentKind, launcher: Launcher): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  if (MCP_FILES[agent].type) entry.type = 'stdio';
  entry.command = launcher.command;
  entry.args = [...launcher.args, 'mcp'];
  return entry;
}

/** Merges the plan-tracker MCP server into `.mcp.json`, `.cursor/mcp.json` or `.vscode/mcp.json` text. */
export function mergeMcpServer(text: string | undefined, agent: AgentKind, launcher: Launcher): MergeResult {
  const file = MCP_FILES[agent];
  const entry = mcpServerEntry(agent, launcher);
  if (text === undefined || text.trim() === '') return { text: `${JSON.stringify({ [file.root]: { [MCP_SERVER_NAME]: entry } }, null, 2)}\n` };
  const parsed = parseObject(text, file.path);
  if ('error' in parsed) return parsed;
  const servers = parsed.value[file.root];
  if (servers !== undefined && !isObject(servers)) return { error: `${file.path}: "${file.root}" is not an object; left untouched.` };
  const existing = servers?.[MCP_SERVER_NAME];
  if (existing !== undefined && !isObject(existing)) return { error: `${file.path}: "${file.root}.${MCP_SERVER_NAME}" is not an object; left untouched.` };
  if (existing === undefined) return { text: edit(text, [file.root, MCP_SERVER_NAME], entry) };
  // Ours already: set only the keys we own, so a user's `env` or `cwd` stays.
  let out = text;
  for (const [key, value] of Object.entries(entry)) {
    if (!sameJson(existing[key], value)) out = edit(out, [file.root, MCP_SERVER_NAME, key], value);
  }
  return { text: out };
}

/** The shell commands of the two hooks (Claude Code runs a hook's `command` through a shell). */
export function hookCommands(launcher: Launcher): { stop: string; postEdit: string } {
  const base = [launcher.command, ...launcher.args].map(shellQuote).join(' ');
  return { stop: `${base} hook stop`, postEdit: `${base} hook post-edit` };
}

interface HookSpec {
  readonly event: 'Stop' | 'PostToolUse';
  readonly matcher?: string;
  readonly command: string;
  /** Whether a command hook already there is this one (perhaps with another path to plan-tracker). */
  readonly isOurs: (command: string) => boolean;
}

const RUNS_PLAN_TRACKER = /(?:plan-tracker|cli\.js)['"]?\s+hook\s+/;

/** Merges the Stop and PostToolUse hooks into `.claude/settings.json` text. */
export function mergeClaudeHooks(text: string | undefined, launcher: Launcher): MergeResult {
  const commands = hookCommands(launcher);
  const specs: HookSpec[] = [
    { event: 'Stop', command: commands.stop, isOurs: (c) => RUNS_PLAN_TRACKER.test(c) && /\bhook\s+stop\s*$/.test(c) },
    { event: 'PostToolUse', matcher: 'Edit|Write', command: commands.postEdit, isOurs: (c) => RUNS_PLAN_TRACKER.test(c) && /\bhook\s+post-edit\s*$/.test(c) },
  ];
  if (text === undefined || text.trim() === '') {
    const hooks = Object.fromEntries(specs.map((spec) => [spec.event, [hookGroup(spec)]]));
    return { text: `${JSON.stringify({ hooks }, null, 2)}\n` };
  }
  let out = text;
  for (const spec of specs) {
    const parsed = parseObject(out, CLAUDE_SETTINGS_PATH);
    if ('error' in parsed) return parsed;
    const hooks = parsed.value.hooks;
    if (hooks !== undefined && !isObject(hooks)) return { error: `${CLAUDE_SETTINGS_PATH}: "hooks" is not an object; left untouched.` };
    const groups = hooks?.[spec.event];
    if (groups === undefined) {
      out = edit(out, ['hooks', spec.event], [hookGroup(spec)]);
      continue;
    }
    if (!Array.isArray(groups)) return { error: `${CLAUDE_SETTINGS_PATH}: "hooks.${spec.event}" is not a list; left untouched.` };
    const found = findOurHook(groups, spec);
    if (found === undefined) out = edit(out, ['hooks', spec.event, -1], hookGroup(spec), true);
    else if (found.command !== spec.command) out = edit(out, ['hooks', spec.event, found.group, 'hooks', found.hook, 'command'], spec.command);
  }
  return { text: out };
}

function hookGroup(spec: HookSpec): Record<string, unknown> {
  const hook = { type: 'command', command: spec.command };
  return spec.matcher === undefined ? { hooks: [hook] } : { matcher: spec.matcher, hooks: [hook] };
}

function findOurHook(groups: readonly unknown[], spec: HookSpec): { group: number; hook: number; command: string } | undefined {
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    if (!isObject(group) || !Array.isArray(group.hooks)) continue;
    if (spec.matcher !== undefined && group.matcher !== spec.matcher) continue;
    for (let h = 0; h < group.hooks.length; h++) {
      const hook: unknown = group.hooks[h];
      if (isObject(hook) && hook.type === 'command' && typeof hook.command === 'string' && spec.isOurs(hook.command)) return { group: g, hook: h, command: hook.command };
    }
  }
  return undefined;
}

/** The instruction block for AGENTS.md / CLAUDE.md, markers included. */
export function instructionsBlock(eol = '\n'): string {
  return [
    INSTRUCTIONS_BEGIN,
    '## Keeping the implementation plan honest (Plan Tracker)',
    '',
    'The plans under `docs/plans/` are tracked by Plan Tracker. When you work from one:',
    '',
    '- Update it through the Plan Tracker tools (`get_plan_status`, `update_plan_task`, `set_plan_status`,',
    '  `add_plan_note`, `check_plan`), or the `plan-tracker` CLI (`next`, `tick`, `set-status`, `note`), not by',
    '  rewriting the Markdown.',
    '- Tick a task only when its work is done and verified; give the evidence with the tick (the test you',
    '  ran, the commit): `update_plan_task` with `evidence`, or `plan-tracker tick … --evidence "…"`.',
    '- Never delete, reword or merge an open task to make the plan look finished. If a task is no longer',
    '  needed, mark it skipped and say why in a note.',
    '- Set the status to `Completed` only when every item is done or skipped; run `plan-tracker check --gate`',
    '  before you stop.',
    INSTRUCTIONS_END,
  ].join(eol);
}

/** Puts the instruction block into `text`: in place of an earlier block between the markers, else at the end. */
export function mergeInstructions(text: string | undefined): string {
  if (text === undefined || text === '') return `${instructionsBlock()}\n`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = instructionsBlock(eol);
  const begin = text.indexOf(INSTRUCTIONS_BEGIN_TAG);
  const end = begin < 0 ? -1 : text.indexOf(INSTRUCTIONS_END, begin);
  if (begin >= 0 && end >= 0) return text.slice(0, begin) + block + text.slice(end + INSTRUCTIONS_END.length);
  const trimmed = text.replace(/(\r?\n)*$/, '');
  return `${trimmed}${eol}${eol}${block}${eol}`;
}

// ---- JSON helpers --------------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Parses JSON with comments (as VS Code's and Cursor's files allow); any syntax error is a problem. */
function parseObject(text: string, path: string): { value: JsonObject } | { error: string } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const { line, column } = positionOf(text, errors[0].offset);
    return { error: `${path} is not valid JSON (${printParseErrorCode(errors[0].error)} at line ${line}, column ${column}); left untouched. Fix it, then run the setup again.` };
  }
  if (!isObject(value)) return { error: `${path} does not hold a JSON object; left untouched.` };
  return { value };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Sets `value` at `path` in `text`, keeping the rest of the text as it is, indented like the file. */
function edit(text: string, path: (string | number)[], value: unknown, isArrayInsertion = false): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: formattingOf(text), isArrayInsertion }));
}

/** The file's own indentation and line ending, for the text `modify` inserts. */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}

/** A word for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
