/**
 * Child process of bench/core.bench.ts: runs the CLI in-process over a folder and prints its own
 * peak resident set size, so the figure is the CLI's alone.
 *
 *   node --import tsx bench/cliPeakRss.ts <status|check> <folder>    → {"code":0,"ms":…,"maxRssKb":…,"plans":…}
 *   node --import tsx bench/cliPeakRss.ts baseline                   → the same for Node with the CLI loaded, doing nothing
 */
import { main } from '../src/cli/main';

const [command, folder] = process.argv.slice(2);
const started = performance.now();
let lines = 0;
const done = (code: number): void => {
  console.log(JSON.stringify({ code, ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, lines }));
};
if (command === 'baseline') {
  done(0);
} else {
  main([command, folder], { out: (s) => (lines += s.split('\n').length), err: () => {}, cwd: folder }).then(done, (error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
