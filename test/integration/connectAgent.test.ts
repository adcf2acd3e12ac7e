import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectAgentResult } from '../../src/extension/commands/connectAgent';
import { skipInWebWorker } from './support/host';
import { activatePlanTracker, closeAllEditors, deleteIfExists, exists, extensionUri, readText, waitFor, workspaceFolders, writeText } from './support/planTracker';

/** "Plan Tracker: Connect a Coding Agent…" in the real editor, writing into a folder of the workspace. */
describe('Connect a Coding Agent (command)', function () {
  this.timeout(90_000);
  let folder: vscode.Uri;
  const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(folder, rel);

  before(async function () {
    skipInWebWorker(this, 'the agent runs the CLI from the extension folder on disk');
    await activatePlanTracker();
    folder = vscode.Uri.joinPath(workspaceFolders()[0].uri, `agent-setup-${Date.now().toString(36)}`);
  });
  after(async () => {
    if (folder) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await closeAllEditors();
  });

  it('shows the change, then merges into existing configs (unknown keys kept), leaves invalid JSON untouched, and a second run changes nothing', async () => {
    await writeText(file('.mcp.json'), '{\n  "mcpServers": {\n    "db": { "command": "db-mcp" }\n  },\n  "x-team": true\n}\n');
    await writeText(file('.claude/settings.json'), '{\n  "permissions": { "allow": ["Bash(npm test)"] }\n}\n');
    const broken = '{ "mcpServers": { ';
    await writeText(file('.cursor/mcp.json'), broken);

    const args = { folder, agents: ['claude', 'cursor'], hooks: true, instructions: true, confirm: true };
    const result = await vscode.commands.executeCommand<ConnectAgentResult>('planTracker.connectAgent', args);
    assert.deepEqual([...result.written].sort(), ['.claude/settings.json', '.mcp.json', 'AGENTS.md', 'CLAUDE.md']);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /\.cursor\/mcp\.json is not valid JSON .*left untouched/);
    assert.equal(await readText(file('.cursor/mcp.json')), broken);

    // The preview: a diff of every file, titled with the count.
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.match(tab?.label ?? '', /Connect a Coding Agent: 4 files/);

    const cli = vscode.Uri.joinPath(extensionUri(), 'dist', 'cli.js').fsPath;
    const mcp = JSON.parse(await readText(file('.mcp.json')));
    assert.deepEqual(mcp, { mcpServers: { db: { command: 'db-mcp' }, 'plan-tracker': { type: 'stdio', command: 'node', args: [cli, 'mcp'] } }, 'x-team': true });
    const settings = JSON.parse(await readText(file('.claude/settings.json')));
    assert.deepEqual(settings.permissions, { allow: ['Bash(npm test)'] });
    assert.match(settings.hooks.Stop[0].hooks[0].command, /cli\.js'? hook stop$/);
    assert.equal(settings.hooks.PostToolUse[0].matcher, 'Edit|Write');
    assert.match(await readText(file('CLAUDE.md')), /<!-- plan-tracker:begin/);

    const snapshot = await Promise.all(['.mcp.json', '.claude/settings.json', 'CLAUDE.md', 'AGENTS.md'].map((rel) => readText(file(rel))));
    const again = await vscode.commands.executeCommand<ConnectAgentResult>('planTracker.connectAgent', { ...args, preview: false });
    assert.deepEqual(again.written, []);
    assert.deepEqual([...again.unchanged].sort(), ['.claude/settings.json', '.mcp.json', 'AGENTS.md', 'CLAUDE.md']);
    assert.deepEqual(await Promise.all(['.mcp.json', '.claude/settings.json', 'CLAUDE.md', 'AGENTS.md'].map((rel) => readText(file(rel)))), snapshot);
  });

  it('writes nothing when the prompt is dismissed', async () => {
    await deleteIfExists(file('.vscode/mcp.json'));
    const pending = vscode.commands.executeCommand<ConnectAgentResult>('planTracker.connectAgent', { folder, agents: ['vscode'], preview: false });
    // The prompt is a notification: dismissing it (Escape, or clearing notifications) is a "no".
    let result: ConnectAgentResult | undefined;
    void pending.then((r) => (result = r));
    await waitFor(async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      return result;
    }, 'the prompt did not go away');
    assert.deepEqual(result?.written, []);
    assert.equal(await exists(file('.vscode/mcp.json')), false);
  });
});
