/**
 * Agent benchmark (npm run bench:agent): what a coding agent waits for. Whole-process time of the
 * built `plan-tracker next` and `tick` on one plan next to a bare `node -e ''` start (and `status`,
 * which must not pay for the MCP SDK), and the latency of MCP tool calls over stdio to a running
 * `plan-tracker mcp` in a workspace of 200 plans. Every figure comes from this one run; runs are
 * interleaved so the machine's load hits all of them alike.
 *
 *   npm run build && node --import tsx bench/agent.bench.ts [--runs 15] [--calls 200]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parsePlan } from '../src/core';
import { writeCorpus } from './corpus';

const arg = (name: string, fallback: number): number => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const runs = arg('--runs', 15);
const calls = arg('--calls', 200);
const bin = path.resolve(__dirname, '../dist/cli.js');
if (!existsSync(bin)) {
  console.error('Build first: npm run build');
  process.exit(2);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(1)} ms`;

const dir = mkdtempSync(path.join(tmpdir(), 'plan-agent-bench-'));
{
  const files = writeCorpus(dir, 200);
  const one = path.relative(dir, files[0]).split(path.sep).join('/');
  const task = parsePlan(readFileSync(files[0], 'utf8')).tasks.find((t) => t.state === 'open')!;

  // ---- Whole-process times --------------------------------------------------------------
  const commands: Record<string, string[]> = {
    "node -e ''": ['-e', ''],
    [`plan-tracker next ${one}`]: [bin, 'next', one],
    [`plan-tracker tick ${one} <task>`]: [bin, 'tick', one, task.text, '--state', 'done'],
    [`plan-tracker status ${one}`]: [bin, 'status', one],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [name, argv] of Object.entries(commands)) {
      // tick alternates done/open so every run writes the file.
      const args = name.includes(' tick ') ? [...argv.slice(0, -1), r % 2 ? 'open' : 'done'] : argv;
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
      times[name].push(elapsed);
    }
  }
  const bare = median(times["node -e ''"]);
  console.log(`Whole process, median of ${runs} runs (one ~12 KB plan):`);
  for (const [name, xs] of Object.entries(times)) {
    const m = median(xs);
    console.log(`  ${name.padEnd(46)} ${ms(m).padStart(9)}  ${(m / bare).toFixed(2)}× bare node${name.includes('tick') || name.includes('next') ? ' (target ≤ 2×)' : ''}`);
  }
}

// ---- MCP over stdio ---------------------------------------------------------------------

async function mcp(): Promise<void> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], cwd: dir, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1' });
  const t0 = process.hrtime.bigint();
  await client.connect(transport);
  const connect = Number(process.hrtime.bigint() - t0) / 1e6;
  const files = (await client.callTool({ name: 'get_plan_status', arguments: {} })) as { content: { text: string }[] };
  const plans = JSON.parse(files.content[0].text).plans as { plan: string; nextTasks: { text: string }[] }[];
  const lat: Record<string, number[]> = { 'get_plan_status (one plan, by path)': [], 'update_plan_task (tick/untick, by path)': [], 'get_plan_status (all 200 plans)': [] };
  const time = async (name: string, call: () => Promise<unknown>): Promise<void> => {
    const s = process.hrtime.bigint();
    const r = (await call()) as { isError?: boolean; content: { text: string }[] };
    lat[name].push(Number(process.hrtime.bigint() - s) / 1e6);
    if (r.isError) throw new Error(`${name}: ${r.content[0].text}`);
  };
  for (let i = 0; i < calls; i++) {
    const p = plans[i % plans.length];
    await time('get_plan_status (one plan, by path)', () => client.callTool({ name: 'get_plan_status', arguments: { plan: p.plan } }));
    await time('update_plan_task (tick/untick, by path)', () =>
      client.callTool({ name: 'update_plan_task', arguments: { plan: plans[0].plan, task: plans[0].nextTasks[0].text, state: i % 2 ? 'open' : 'done' } }),
    );
    if (i % 10 === 0) await time('get_plan_status (all 200 plans)', () => client.callTool({ name: 'get_plan_status', arguments: {} }));
  }
  await client.close();
  console.log(`MCP over stdio, ${plans.length}-plan workspace (dist/cli.js mcp; connect + initialize ${ms(connect)}):`);
  for (const [name, xs] of Object.entries(lat)) {
    console.log(`  ${name.padEnd(46)} median ${ms(median(xs)).padStart(9)}  (${xs.length} calls)${name.includes('all') ? '' : ' (target < 10 ms)'}`);
  }
}

mcp()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
