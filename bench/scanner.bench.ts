/**
 * Line scanner benchmark (npm run bench:scanner): agreement with markdown-it (the oracle) on
 * 100,000 fast-check-generated documents (npm test checks 3,000), the CommonMark spec examples
 * and every fixture; then the scanner's speed next to markdown-it's block rules on the same
 * documents. Exits 1 on any disagreement, printing the first documents that disagree.
 *
 *   node --import tsx bench/scanner.bench.ts [--docs 100000] [--seed 1]
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { scanBlocks, type Outline } from '../src/core/scan';
import { scanWithMarkdownIt } from '../src/core/scanMarkdownIt';
import { markdownDocArb } from '../test/unit/support/markdownDocs';

const argument = (name: string): number => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : 0);
const total = argument('--docs') || 100_000;
const seed = argument('--seed') || 1;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require('commonmark-spec') as { tests: { markdown: string }[] };

const plain = (o: Outline): unknown => JSON.parse(JSON.stringify(o));
let checked = 0;
let disagreements = 0;
function check(text: string): void {
  checked++;
  if (isDeepStrictEqual(plain(scanBlocks(text)), plain(scanWithMarkdownIt(text)))) return;
  if (disagreements++ < 5) console.log(`[bench] scanner disagrees with markdown-it on ${JSON.stringify(text)}`);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

const started = Date.now();
for (const example of spec.tests) check(example.markdown.replace(/→/g, '\t'));
const fixtures = markdownFiles(path.join(__dirname, '../test/fixtures'));
for (const file of fixtures) check(readFileSync(file, 'utf8'));
const fixed = checked;
// Generated in batches of 10,000 (same seed, same documents), each batch timed on both parsers.
let bytes = 0;
let scanMs = 0;
let markdownItMs = 0;
const cpuMs = (fn: () => void): number => {
  const start = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
};
for (let done = 0; done < total; done += 10_000) {
  const docs = fc.sample(markdownDocArb, { numRuns: Math.min(10_000, total - done), seed: seed + done });
  for (const d of docs) {
    check(d);
    bytes += d.length;
  }
  scanMs += cpuMs(() => docs.forEach((d) => scanBlocks(d)));
  markdownItMs += cpuMs(() => docs.forEach((d) => scanWithMarkdownIt(d)));
}
const generated = checked - fixed;
console.log(`[bench] scanner agreement: ${checked - disagreements}/${checked} documents agree with markdown-it (${spec.tests.length} spec examples, ${fixtures.length} fixtures, ${generated} generated, seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`[bench] scanner on the generated documents (${(bytes / 1048576).toFixed(1)} MB): ${scanMs.toFixed(0)} ms CPU, markdown-it's block rules ${markdownItMs.toFixed(0)} ms (${(markdownItMs / scanMs).toFixed(1)}× the scanner)`);
if (disagreements > 0) process.exit(1);
