/**
 * `plan-tracker mcp`: the plan service as a Model Context Protocol server on stdio, for coding
 * agents (Claude Code, Cursor, VS Code…). Bundled on its own (dist/mcp.js) and loaded only by
 * the `mcp` command. stdout carries the protocol; logs go to stderr only.
 *
 * The tools and their JSON Schemas are the service's contract (`TOOLS`); input is checked by the
 * service, so a call that does not fit its schema comes back as a tool error saying what to fix,
 * like every refusal (`isError: true`, the reason and the candidates as text).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { refusalText, TOOLS, type ServiceResult } from '../core/service/contract';
import { errorText } from '../core/errors';

/** What the server needs of the plan service. */
export interface ToolRunner {
  call(name: string, input: unknown): Promise<ServiceResult>;
}

const INSTRUCTIONS =
  'Plan Tracker keeps Markdown implementation plans up to date. Read get_plan_status before working on a plan; ' +
  'after finishing a task call update_plan_task (one checkbox, not a rewrite of the file), then check_plan. ' +
  'Never edit the checkboxes by hand.';

export function toolList(): Tool[] {
  return TOOLS.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema as Tool['inputSchema'],
    annotations: { title: t.title, readOnlyHint: t.readOnly, destructiveHint: false, idempotentHint: t.readOnly || t.name === 'set_plan_status', openWorldHint: false },
  }));
}

/** A tool result for the model: the JSON document, or an error whose text says what to do next. */
export function toolResult(result: ServiceResult): CallToolResult {
  if (result.ok) return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result as unknown as Record<string, unknown> };
  return { content: [{ type: 'text', text: refusalText(result) }], structuredContent: result as unknown as Record<string, unknown>, isError: true };
}

export function createMcpServer(service: ToolRunner, version: string): Server {
  const server = new Server({ name: 'plan-tracker', title: 'Plan Tracker', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList() }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    try {
      return toolResult(await service.call(request.params.name, request.params.arguments ?? {}));
    } catch (error) {
      process.stderr.write(`plan-tracker mcp: ${request.params.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return { content: [{ type: 'text', text: `Plan Tracker failed: ${errorText(error)}. Read the plan with get_plan_status and try again.` }], isError: true };
    }
  });
  server.onerror = (error) => process.stderr.write(`plan-tracker mcp: ${error.message}\n`);
  return server;
}

/** Serves on stdin/stdout until the client closes the connection. */
export async function serveStdio(service: ToolRunner, version: string): Promise<void> {
  const server = createMcpServer(service, version);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  process.stderr.write(`plan-tracker mcp ${version}: serving ${TOOLS.length} tools on stdio\n`);
  await closed;
  await server.close();
}
