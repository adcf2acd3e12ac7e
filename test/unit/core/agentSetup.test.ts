import * as assert from 'node:assert/strict';
import {
  hookCommands,
  INSTRUCTIONS_BEGIN,
  INSTRUCTIONS_END,
  mergeClaudeHooks,
  mergeInstructions,
  mergeMcpServer,
  planAgentSetup,
  shellQuote,
  type AgentSetupRequest,
  type Launcher,
  type MergeResult,
} from '../../../src/core';

const launcher: Launcher = { command: 'node', args: ['/opt/ext/plan-tracker-0.1.0/dist/cli.js'] };
const moved: Launcher = { command: 'node', args: ['/opt/ext/plan-tracker-0.2.0/dist/cli.js'] };

function text(result: MergeResult): string {
  assert.ok('text' in result, 'error' in result ? result.error : '');
  return result.text;
}

describe('agentSetup: MCP server entries', () => {
  it('creates each file with its own root key (.vscode/mcp.json uses "servers")', () => {
    assert.deepEqual(JSON.parse(text(mergeMcpServer(undefined, 'claude', launcher))), {
      mcpServers: { 'plan-tracker': { type: 'stdio', command: 'node', args: ['/opt/ext/plan-tracker-0.1.0/dist/cli.js', 'mcp'] } },
    });
    assert.deepEqual(JSON.parse(text(mergeMcpServer(undefined, 'cursor', launcher))), {
      mcpServers: { 'plan-tracker': { command: 'node', args: ['/opt/ext/plan-tracker-0.1.0/dist/cli.js', 'mcp'] } },
    });
    assert.deepEqual(JSON.parse(text(mergeMcpServer('', 'vscode', launcher))), {
      servers: { 'plan-tracker': { type: 'stdio', command: 'node', args: ['/opt/ext/plan-tracker-0.1.0/dist/cli.js', 'mcp'] } },
    });
  });

  it('keeps every existing key, its order and formatting, and adds ours after them', () => {
    const head = '{\n    "inputs": [],\n    "servers": {\n        "github": {\n            "type": "http", "url": "https://example.invalid/mcp"\n        }';
    const tail = '\n    },\n    "x-unknown": { "keep": true }\n}\n';
    const after = text(mergeMcpServer(head + tail, 'vscode', launcher));
    const json = JSON.parse(after);
    assert.deepEqual(Object.keys(json), ['inputs', 'servers', 'x-unknown']);
    assert.deepEqual(Object.keys(json.servers), ['github', 'plan-tracker']);
    assert.deepEqual(json.servers.github, { type: 'http', url: 'https://example.invalid/mcp' });
    assert.deepEqual(json['x-unknown'], { keep: true });
    // Everything before and after the insertion is byte for byte what it was (jsonc-parser
    // re-indents only the line an insertion starts on); the new entry is indented like the file.
    assert.ok(after.startsWith(head), after);
    assert.ok(after.endsWith(tail), after);
    assert.match(after, /\n {8}"plan-tracker": \{\n {12}"type": "stdio"/);
  });

  it('keeps comments in JSONC files (VS Code and Cursor allow them)', () => {
    const before = '{\n  // my servers\n  "mcpServers": {}\n}\n';
    const after = text(mergeMcpServer(before, 'cursor', launcher));
    assert.ok(after.includes('// my servers'));
  });

  it('is idempotent: a second run changes nothing', () => {
    for (const agent of ['claude', 'cursor', 'vscode'] as const) {
      const once = text(mergeMcpServer('{ "mcpServers": { "other": { "command": "x" } }, "servers": {} }', agent, launcher));
      assert.equal(text(mergeMcpServer(once, agent, launcher)), once, agent);
    }
  });

  it('updates our entry in place when plan-tracker moved, keeping keys the user added to it', () => {
    const before = JSON.stringify({ mcpServers: { 'plan-tracker': { type: 'stdio', command: 'node', args: ['/old/cli.js', 'mcp'], env: { DEBUG: '1' } } } }, null, 2);
    const after = JSON.parse(text(mergeMcpServer(before, 'claude', moved)));
    assert.deepEqual(after.mcpServers['plan-tracker'], { type: 'stdio', command: 'node', args: ['/opt/ext/plan-tracker-0.2.0/dist/cli.js', 'mcp'], env: { DEBUG: '1' } });
  });

  it('leaves a file that is not valid JSON untouched and says where it breaks', () => {
    for (const bad of ['{ "mcpServers": { "a": 1 }', '{ "mcpServers": { "a": 1 } } }', 'mcpServers: {}']) {
      const result = mergeMcpServer(bad, 'claude', launcher);
      assert.ok('error' in result, bad);
      assert.match(result.error, /^\.mcp\.json is not valid JSON \(.+ at line \d+, column \d+\); left untouched/);
    }
    const notObject = mergeMcpServer('[1, 2]', 'claude', launcher);
    assert.ok('error' in notObject && /does not hold a JSON object/.test(notObject.error));
    const wrongShape = mergeMcpServer('{ "servers": [] }', 'vscode', launcher);
    assert.ok('error' in wrongShape && /"servers" is not an object/.test(wrongShape.error));
  });
});

describe('agentSetup: Claude Code hooks', () => {
  const commands = hookCommands(launcher);

  it('writes a Stop hook and a PostToolUse hook on Edit|Write in the settings schema', () => {
    const json = JSON.parse(text(mergeClaudeHooks(undefined, launcher)));
    assert.deepEqual(json, {
      hooks: {
        Stop: [{ hooks: [{ type: 'command', command: 'node /opt/ext/plan-tracker-0.1.0/dist/cli.js hook stop' }] }],
        PostToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'node /opt/ext/plan-tracker-0.1.0/dist/cli.js hook post-edit' }] }],
      },
    });
  });

  it('appends to existing hook lists and keeps permissions, other hooks and unknown keys', () => {
    const before = JSON.stringify(
      {
        permissions: { allow: ['Bash(npm test)'] },
        hooks: {
          PostToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'npx prettier --write' }] }],
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './guard.sh' }] }],
        },
        model: 'opus',
      },
      null,
      2,
    );
    const after = text(mergeClaudeHooks(before, launcher));
    const json = JSON.parse(after);
    assert.deepEqual(Object.keys(json), ['permissions', 'hooks', 'model']);
    assert.deepEqual(json.permissions, { allow: ['Bash(npm test)'] });
    assert.deepEqual(json.hooks.PreToolUse, [{ matcher: 'Bash', hooks: [{ type: 'command', command: './guard.sh' }] }]);
    assert.equal(json.hooks.PostToolUse.length, 2);
    assert.deepEqual(json.hooks.PostToolUse[0], { matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'npx prettier --write' }] });
    assert.equal(json.hooks.PostToolUse[1].hooks[0].command, commands.postEdit);
    assert.equal(json.hooks.Stop[0].hooks[0].command, commands.stop);
    assert.equal(text(mergeClaudeHooks(after, launcher)), after, 'a second run changes nothing');
  });

  it('updates the command of our hook when plan-tracker moved, instead of adding a second one', () => {
    const once = text(mergeClaudeHooks(undefined, launcher));
    const json = JSON.parse(text(mergeClaudeHooks(once, moved)));
    assert.equal(json.hooks.Stop.length, 1);
    assert.equal(json.hooks.PostToolUse.length, 1);
    assert.equal(json.hooks.Stop[0].hooks[0].command, hookCommands(moved).stop);
    // Written by hand as `plan-tracker hook stop` counts as ours too.
    const byHand = JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'plan-tracker hook stop' }] }] } });
    assert.equal(JSON.parse(text(mergeClaudeHooks(byHand, launcher))).hooks.Stop.length, 1);
  });

  it('leaves invalid settings untouched', () => {
    const result = mergeClaudeHooks('{ "hooks": { "Stop": [ }', launcher);
    assert.ok('error' in result && /^\.claude\/settings\.json is not valid JSON/.test(result.error));
    const wrong = mergeClaudeHooks('{ "hooks": { "Stop": {} } }', launcher);
    assert.ok('error' in wrong && /"hooks\.Stop" is not a list/.test(wrong.error));
  });

  it('quotes a path with spaces for the shell that runs the hook', () => {
    assert.equal(shellQuote('/a b/it\'s/cli.js'), `'/a b/it'\\''s/cli.js'`);
    assert.equal(hookCommands({ command: 'node', args: ['C:\\Users\\me\\cli.js'] }).stop, `node 'C:\\Users\\me\\cli.js' hook stop`);
  });
});

describe('agentSetup: the instruction block', () => {
  it('is appended after what is there, and replaced (not repeated) on the next run', () => {
    const before = '# Agents\n\nRun npm test.\n';
    const once = mergeInstructions(before);
    assert.ok(once.startsWith('# Agents\n\nRun npm test.\n\n<!-- plan-tracker:begin'));
    assert.equal(mergeInstructions(once), once);
    const edited = once.replace('Never delete', 'NEVER delete') + '\n## Mine\n';
    const again = mergeInstructions(edited);
    assert.equal(again.split(INSTRUCTIONS_END).length, 2, 'one block');
    assert.ok(again.includes('Never delete') && again.endsWith('\n## Mine\n'));
  });

  it('keeps CRLF files CRLF', () => {
    const once = mergeInstructions('# Agents\r\n');
    assert.ok(!/[^\r]\n/.test(once), 'every line break is CRLF');
    assert.ok(once.includes(INSTRUCTIONS_BEGIN));
  });
});

describe('agentSetup: planAgentSetup', () => {
  const request: AgentSetupRequest = { agents: ['claude', 'cursor'], hooks: true, instructions: true, launcher };

  it('lists changes, unchanged files and problems; a second run over the result changes nothing', () => {
    const files = new Map<string, string>([['.cursor/mcp.json', '{ "mcpServers": '], ['CLAUDE.md', '# Claude\n']]);
    const first = planAgentSetup(request, (p) => files.get(p));
    assert.deepEqual(first.changes.map((c) => c.path), ['.mcp.json', '.claude/settings.json', 'CLAUDE.md', 'AGENTS.md']);
    assert.deepEqual(first.problems.map((p) => p.path), ['.cursor/mcp.json']);
    assert.equal(first.changes[2].before, '# Claude\n');
    for (const change of first.changes) files.set(change.path, change.after);
    const second = planAgentSetup(request, (p) => files.get(p));
    assert.deepEqual(second.changes, []);
    assert.deepEqual(second.unchanged, ['.mcp.json', '.claude/settings.json', 'CLAUDE.md', 'AGENTS.md']);
    assert.equal(files.get('.cursor/mcp.json'), '{ "mcpServers": ', 'the invalid file is as it was');
  });

  it('writes hooks only for Claude Code', () => {
    const plan = planAgentSetup({ agents: ['vscode'], hooks: true, instructions: false, launcher }, () => undefined);
    assert.deepEqual(plan.changes.map((c) => c.path), ['.vscode/mcp.json']);
  });
});
