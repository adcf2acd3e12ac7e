import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/helpers';

const BIN = path.join(ROOT, 'dist/cli.js');

function cli(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, 'init-agent', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The built CLI, as a person runs it in a project: `node dist/cli.js init-agent …`. */
describe('plan-tracker init-agent (the built CLI)', function () {
  let ws: string;
  before(function () {
    if (!existsSync(BIN)) this.skip();
  });
  beforeEach(() => {
    ws = realpathSync(mkdtempSync(path.join(tmpdir(), 'init-agent-')));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const read = (rel: string): string => readFileSync(path.join(ws, rel), 'utf8');

  it('refuses a pipe where a configuration file goes, saying why, and writes nothing (it waited on the pipe for ever)', function () {
    mkdirSync(path.join(ws, '.claude'));
    if (spawnSync('mkfifo', [path.join(ws, '.claude/settings.json')]).status !== 0) this.skip();
    const r = spawnSync(process.execPath, [BIN, 'init-agent', '--claude', '--hooks'], { cwd: ws, encoding: 'utf8', timeout: 15_000 });
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'plan-tracker: init-agent: .claude/settings.json: skipped: not a regular file (a pipe, socket or device); nothing written.\n');
    assert.ok(!existsSync(path.join(ws, '.mcp.json')));
  });

  it('--dry-run prints the patch and writes nothing', () => {
    const { code, out } = cli(ws, '--claude', '--hooks', '--dry-run');
    assert.equal(code, 0);
    assert.match(out, /--- \/dev\/null\n\+\+\+ b\/\.mcp\.json/);
    assert.match(out, /\+\+\+ b\/\.claude\/settings\.json/);
    assert.match(out, /Dry run: 2 file\(s\) would change; nothing written\./);
    assert.ok(!existsSync(path.join(ws, '.mcp.json')) && !existsSync(path.join(ws, '.claude')));
  });

  it('writes the MCP entry and the hooks that run this very CLI, and the server answers', () => {
    const { code, out } = cli(ws, '--claude', '--hooks', '--instructions');
    assert.equal(code, 0, out);
    const mcp = JSON.parse(read('.mcp.json'));
    assert.deepEqual(mcp.mcpServers['plan-tracker'], { type: 'stdio', command: 'node', args: [realpathSync(BIN), 'mcp'] });
    const settings = JSON.parse(read('.claude/settings.json'));
    assert.equal(settings.hooks.Stop[0].hooks[0].command, `node ${realpathSync(BIN)} hook stop`);
    assert.equal(settings.hooks.PostToolUse[0].matcher, 'Edit|Write');
    assert.match(read('CLAUDE.md'), /plan-tracker:begin[\s\S]*Never delete, reword[\s\S]*plan-tracker:end/);
    // What Claude Code would start: the entry's command line, run for real (`--version` answers at once).
    const entry = mcp.mcpServers['plan-tracker'];
    const version = spawnSync(entry.command === 'node' ? process.execPath : entry.command, [entry.args[0], '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    // The hooks as Claude Code runs them: the command through a shell, the event's JSON on stdin.
    // No plan here: the gate has nothing to refuse, and the post-edit check nothing to say.
    const stop = spawnSync('/bin/sh', ['-c', settings.hooks.Stop[0].hooks[0].command], { cwd: ws, input: JSON.stringify({ hook_event_name: 'Stop', cwd: ws, stop_hook_active: false }), encoding: 'utf8' });
    assert.equal(stop.status, 0, stop.stderr);
    const postEdit = spawnSync('/bin/sh', ['-c', settings.hooks.PostToolUse[0].hooks[0].command], {
      cwd: ws,
      input: JSON.stringify({ hook_event_name: 'PostToolUse', cwd: ws, tool_name: 'Write', tool_input: { file_path: path.join(ws, 'README.md') } }),
      encoding: 'utf8',
    });
    assert.equal(postEdit.status, 0, postEdit.stderr);
  });

  it('merges into existing configs with unknown keys, and a second run changes nothing', () => {
    mkdirSync(path.join(ws, '.cursor'));
    mkdirSync(path.join(ws, '.vscode'));
    writeFileSync(path.join(ws, '.cursor/mcp.json'), '{\n  "mcpServers": {\n    "db": { "command": "db-mcp", "args": [] }\n  },\n  "x-team": 42\n}\n');
    writeFileSync(path.join(ws, '.vscode/mcp.json'), '{\n\t// inputs for secrets\n\t"inputs": [],\n\t"servers": {}\n}\n');
    const first = cli(ws, '--cursor', '--vscode', '--use-path');
    assert.equal(first.code, 0, first.err);
    const cursor = JSON.parse(read('.cursor/mcp.json'));
    assert.deepEqual(cursor, { mcpServers: { db: { command: 'db-mcp', args: [] }, 'plan-tracker': { command: 'plan-tracker', args: ['mcp'] } }, 'x-team': 42 });
    const vscodeText = read('.vscode/mcp.json');
    assert.ok(vscodeText.includes('\t// inputs for secrets\n\t"inputs": [],'), vscodeText);
    assert.match(vscodeText, /\n\t"servers": \{\n\t\t"plan-tracker": \{\n\t\t\t"type": "stdio"/);
    const snapshot = [read('.cursor/mcp.json'), vscodeText];
    const second = cli(ws, '--cursor', '--vscode', '--use-path');
    assert.equal(second.code, 0);
    assert.match(second.out, /\.cursor\/mcp\.json: already set up, unchanged/);
    assert.match(second.out, /Nothing to change/);
    assert.deepEqual([read('.cursor/mcp.json'), read('.vscode/mcp.json')], snapshot);
  });

  it('leaves a file that is not valid JSON untouched, says so, writes the others and exits 1', () => {
    const broken = '{ "mcpServers": { "db": { "command": "db-mcp" } }, }}';
    writeFileSync(path.join(ws, '.mcp.json'), broken);
    const { code, err } = cli(ws, '--claude', '--hooks');
    assert.equal(code, 1);
    assert.match(err, /\.mcp\.json is not valid JSON \(.+ at line 1, column \d+\); left untouched/);
    assert.equal(read('.mcp.json'), broken);
    assert.ok(existsSync(path.join(ws, '.claude/settings.json')), 'the hooks were still written');
  });

  it('refuses unknown options with exit 2', () => {
    const { code, err } = cli(ws, '--claud');
    assert.equal(code, 2);
    assert.match(err, /init-agent \[--claude\]/);
  });
});
