import * as assert from 'node:assert/strict';

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../../src/cli/mcp';
import { PlanService, TOOLS } from '../../../src/core';
import { ROOT, joinLines } from '../support/helpers';
import { MemoryPlanStore } from '../support/memoryPlanStore';

const PLAN = joinLines('# Auth', '', '**Status:** Implementation In Progress', '', '### Phase 1: Login', '- [ ] T001 Login form', '- [ ] T002 Logout', '', '## Status Tracking', '- [ ] Phase 1: Login', '');

const text = (r: CallToolResult): string => (r.content[0] as { type: 'text'; text: string }).text;

describe('plan-tracker mcp', () => {
  let client: Client;
  let store: MemoryPlanStore;

  beforeEach(async () => {
    store = new MemoryPlanStore({ 'docs/plans/auth.md': PLAN });
    const server = createMcpServer(new PlanService(store, { today: () => '2026-11-30' }), 'test');
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    client = new Client({ name: 'test', version: '1' });
    await client.connect(clientSide);
  });
  afterEach(() => client.close());

  it('lists the five tools with the service schemas; read tools are readOnlyHint', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['get_plan_status', 'update_plan_task', 'set_plan_status', 'add_plan_note', 'check_plan']);
    for (const tool of tools) {
      const info = TOOLS.find((t) => t.name === tool.name)!;
      assert.deepEqual(tool.inputSchema, JSON.parse(JSON.stringify(info.inputSchema)));
      assert.equal(tool.annotations?.readOnlyHint, info.readOnly, tool.name);
      assert.equal(tool.annotations?.openWorldHint, false);
    }
    assert.match(client.getInstructions() ?? '', /update_plan_task/);
  });

  it('calls each tool; results are the service JSON', async () => {
    const status = (await client.callTool({ name: 'get_plan_status', arguments: {} })) as CallToolResult;
    assert.ok(!status.isError);
    assert.equal(JSON.parse(text(status)).plans[0].nextTasks[0].text, 'T001 Login form');
    assert.deepEqual(status.structuredContent, JSON.parse(text(status)));

    const tick = (await client.callTool({ name: 'update_plan_task', arguments: { plan: 'auth', task: 'T001', note: 'form done' } })) as CallToolResult;
    assert.ok(!tick.isError, text(tick));
    assert.equal(JSON.parse(text(tick)).next.text, 'T002 Logout');
    assert.match(store.files.get('docs/plans/auth.md')!, /- \[x\] T001 Login form/);

    const note = (await client.callTool({ name: 'add_plan_note', arguments: { plan: 'auth', note: 'logout next' } })) as CallToolResult;
    assert.equal(JSON.parse(text(note)).note, '2026-11-30: logout next');
    const setStatus = (await client.callTool({ name: 'set_plan_status', arguments: { plan: 'auth', status: 'Planning Complete' } })) as CallToolResult;
    assert.equal(JSON.parse(text(setStatus)).status.status, 'Planning Complete');
    const check = (await client.callTool({ name: 'check_plan', arguments: { plan: 'auth' } })) as CallToolResult;
    assert.equal(JSON.parse(text(check)).plans[0].plan, 'docs/plans/auth.md');
  });

  it('a refusal is a tool error that says what to do next, with the candidates', async () => {
    const r = (await client.callTool({ name: 'set_plan_status', arguments: { plan: 'auth', status: 'Completed' } })) as CallToolResult;
    assert.equal(r.isError, true);
    assert.match(text(r), /3 items are not done\. Finish or skip them first\.\n- line 6: T001 Login form\n- line 7: T002 Logout\n- line 10: Phase 1: Login/);
  });

  it('update_plan_task takes evidence over MCP (the contract\'s schema) and writes it under the task', async () => {
    const r = (await client.callTool({ name: 'update_plan_task', arguments: { plan: 'auth', task: 'T001', evidence: 'login.test.ts: 4 passing' } })) as CallToolResult;
    assert.ok(!r.isError, text(r));
    assert.equal(JSON.parse(text(r)).task.evidence, 'login.test.ts: 4 passing (2026-11-30)');
    assert.match(store.files.get('docs/plans/auth.md')!, /- \[x\] T001 Login form\n {2}- Evidence: login\.test\.ts: 4 passing \(2026-11-30\)\n- \[ \] T002/);
  });

  it('input that does not fit the schema comes back as a tool error, not a protocol error', async () => {
    const r = (await client.callTool({ name: 'update_plan_task', arguments: { plan: 'auth', task: 'T001', state: 'finished' } })) as CallToolResult;
    assert.equal(r.isError, true);
    assert.match(text(r), /"state" must be one of: open, done, inProgress, skipped/);
    const missing = (await client.callTool({ name: 'add_plan_note', arguments: { plan: 'auth' } })) as CallToolResult;
    assert.equal(missing.isError, true);
    assert.match(text(missing), /"note" is required/);
    assert.equal(store.writes, 0);
  });

  it('one round trip over stdio with the built dist/cli.js mcp, spawned as Claude Code spawns it', async function () {
    const bin = path.join(ROOT, 'dist/cli.js');
    if (!existsSync(bin) || !existsSync(path.join(ROOT, 'dist/mcp.js'))) this.skip();
    const ws = mkdtempSync(path.join(tmpdir(), 'plan-mcp-'));
    try {
      mkdirSync(path.join(ws, 'docs/plans'), { recursive: true });
      writeFileSync(path.join(ws, 'docs/plans/auth.md'), PLAN);
      const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], cwd: ws, stderr: 'pipe' });
      let stderr = '';
      transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const stdio = new Client({ name: 'stdio-test', version: '1' });
      await stdio.connect(transport);
      assert.equal(stdio.getServerVersion()?.name, 'plan-tracker');
      const r = (await stdio.callTool({ name: 'update_plan_task', arguments: { plan: 'docs/plans/auth.md', task: 'T002 logout', state: 'inProgress' } })) as CallToolResult;
      assert.ok(!r.isError, text(r));
      assert.match(readFileSync(path.join(ws, 'docs/plans/auth.md'), 'utf8'), /- \[-\] T002 Logout/);
      await stdio.close();
      assert.match(stderr, /serving 5 tools on stdio/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('plan-tracker mcp bundle', () => {
  it('status does not load the MCP SDK: the CLI bundle leaves it to dist/mcp.js', function () {
    const bin = path.join(ROOT, 'dist/cliMain.js');
    if (!existsSync(bin)) this.skip();
    const cli = readFileSync(bin, 'utf8');
    assert.ok(!cli.includes('modelcontextprotocol'), 'dist/cliMain.js bundles the SDK');
    assert.match(cli, /require\("\.\/mcp\.js"\)/);
    assert.ok(!readFileSync(path.join(ROOT, 'dist/cli.js'), 'utf8').includes('modelcontextprotocol'), 'dist/cli.js bundles the SDK');
  });
});

