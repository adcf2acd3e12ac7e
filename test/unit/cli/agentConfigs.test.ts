import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ROOT } from '../support/helpers';

/** The JSON block that follows `**<host>**` in the README's "Using Plan Tracker from a coding agent". */
function configFor(host: string): unknown {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using Plan Tracker from a coding agent'));
  const at = section.indexOf(`**${host}**`);
  assert.ok(at >= 0, `the README has no config for ${host}`);
  const block = /```json\n([\s\S]*?)\n```/.exec(section.slice(at));
  assert.ok(block, `no JSON block after ${host}`);
  return JSON.parse(block[1]);
}

type Server = { type?: string; command: string; args: string[] };

const hosts: [string, string, (json: Record<string, Record<string, Server>>) => Server][] = [
  ['Claude Code', '.mcp.json', (json) => json.mcpServers['plan-tracker']],
  ['Cursor', '.cursor/mcp.json', (json) => json.mcpServers['plan-tracker']],
  ['VS Code without the extension', '.vscode/mcp.json', (json) => json.servers['plan-tracker']],
];

describe('README: MCP configs for coding agents', () => {
  for (const [host, file, server] of hosts) {
    it(`${host} (${file}) parses and starts plan-tracker mcp`, async function () {
      const json = configFor(host) as Record<string, Record<string, Server>>;
      const entry = server(json);
      assert.ok(entry, `${file} names no plan-tracker server`);
      assert.equal(entry.command, 'plan-tracker');
      assert.deepEqual(entry.args, ['mcp']);
      if (entry.type !== undefined) assert.equal(entry.type, 'stdio');
      assert.match(readFileSync(path.join(ROOT, 'README.md'), 'utf8'), new RegExp(`\\*\\*${host}\\*\\* — \`${file.replace(/\./g, '\\.')}\``));

      // What the host would run, with `plan-tracker` being the built bin.
      const bin = path.join(ROOT, 'dist/cli.js');
      if (!existsSync(bin)) this.skip();
      const ws = mkdtempSync(path.join(tmpdir(), 'plan-config-'));
      try {
        const client = new Client({ name: host, version: '1' });
        await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, ...entry.args], cwd: ws, stderr: 'ignore' }));
        const { tools } = await client.listTools();
        assert.equal(tools.length, 5);
        await client.close();
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    });
  }
});
