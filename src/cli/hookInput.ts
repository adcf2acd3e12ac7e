/**
 * A Claude Code hook's input: the event as JSON on stdin, read whole, and the one question about it
 * that can be answered before the CLI is loaded: whether a `post-edit` event names a Markdown file.
 * Claude Code runs the post-edit hook after every Edit and Write, most of them on code, so
 * dist/cli.js (src/cli/launch.ts) answers "not Markdown" with this module alone, without the rest
 * of the CLI. Kept small: no import but Node's `fs`.
 */
import { fstatSync, readSync } from 'node:fs';

export interface HookInput {
  readonly cwd?: unknown;
  readonly stop_hook_active?: unknown;
  readonly tool_input?: { readonly file_path?: unknown };
}

/** The event, when `raw` is a JSON object (nothing at all counts as `{}`); undefined for anything else. */
export function parseHookInput(raw: string): HookInput | undefined {
  try {
    const parsed: unknown = raw.trim() ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as HookInput) : undefined;
  } catch {
    return undefined;
  }
}

/** The file a post-edit event edited, as given, when it is Markdown (the only files that may be plans); undefined otherwise. */
export function editedMarkdown(input: HookInput): string | undefined {
  const given = input.tool_input?.file_path;
  return typeof given === 'string' && /\.(md|markdown)$/i.test(given) ? given : undefined;
}

/**
 * All of stdin as UTF-8: '' from a terminal (nothing to wait for). Read with read(2) while it
 * blocks, as it does on the pipe or file a hook gets: `process.stdin` would load Node's stream
 * modules, 10–20 ms of a hook that has nothing to check. A non-blocking stdin (EAGAIN) gives the
 * rest through `process.stdin`.
 */
export async function readStdin(): Promise<string> {
  try {
    if (fstatSync(0).isCharacterDevice()) return ''; // a terminal, or /dev/null
  } catch {
    return ''; // no stdin at all
  }
  const chunks: Buffer[] = [];
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') break; // Windows: the end of a pipe
      if (code !== 'EAGAIN') throw error;
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      break;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}
