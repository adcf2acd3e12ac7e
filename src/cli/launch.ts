/**
 * dist/cli.js, what `plan-tracker` starts: it loads the CLI (src/cli/main.ts, bundled apart as
 * dist/cliMain.js) only when there is work for it. Claude Code runs `plan-tracker hook post-edit`
 * after every Edit and Write the agent makes; most edit code, not Markdown, and for those the hook
 * has nothing to check. Loading the CLI (its 200 KB compiled, its modules run) is most of what
 * such a run costs besides starting Node, so this file reads the hook's input itself and stops
 * there, exit 0, as the hook would. Everything else goes to the CLI unchanged, with the input
 * already read.
 */
import * as path from 'node:path';
import { errorText } from '../core/errors';
import { editedMarkdown, parseHookInput, readStdin } from './hookInput';
import { terminalSafe } from './terminalText';

/** The CLI's bundle next to this one, in a build (esbuild.js defines it); undefined when run from the sources. */
declare const PLAN_TRACKER_CLI_BUNDLE: string | undefined;

/** The CLI: in a build, its bundle loaded through the code cache (./codeCache.ts); from the sources, the module. */
async function loadCli(argv: readonly string[]): Promise<typeof import('./main.js')> {
  if (typeof PLAN_TRACKER_CLI_BUNDLE !== 'string') return import('./main.js');
  // Imported here, not above: a post-edit of code is answered without node:vm and node:module.
  const { codeCacheOf, requireBundle } = await import('./codeCache.js');
  return requireBundle(path.join(__dirname, PLAN_TRACKER_CLI_BUNDLE), codeCacheOf(argv, process.env)) as typeof import('./main.js');
}

async function launch(argv: readonly string[]): Promise<void> {
  let stdin: (() => Promise<string>) | undefined;
  if (argv.length === 2 && argv[0] === 'hook' && argv[1] === 'post-edit') {
    const read = await readStdin().then(
      (raw) => ({ raw }),
      (error: unknown) => ({ error }),
    );
    if ('raw' in read) {
      const input = parseHookInput(read.raw);
      if (input && editedMarkdown(input) === undefined) return;
    }
    // The hook reads the input from here: a JSON error or a failed read is its to report.
    stdin = () => ('raw' in read ? Promise.resolve(read.raw) : Promise.reject(read.error));
  }
  const { runAsProcess } = await loadCli(argv);
  runAsProcess(argv, stdin);
}

launch(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`plan-tracker: unexpected error: ${terminalSafe(errorText(error))}\n`);
  process.exitCode = 2;
});
