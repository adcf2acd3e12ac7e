// Bundle sizes: the extension's two bundles as the .vsix ships them (esbuild.js's targets,
// minified, no source maps), built in memory. The web worker bundle (package.json `browser`) must
// be no larger than the Node one (`main`): the same code, and no polyfills.
//
//   node bench/bundles.mjs
//
// Prints the figures and writes test-results/bench-bundles.json.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../scripts/test-env.mjs';

const require = createRequire(import.meta.url);
const { targets } = require('../esbuild.js');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const shipped = [
  { name: 'Node (main)', outfile: manifest.main },
  { name: 'web worker (browser)', outfile: manifest.browser },
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
/** @type {Record<string, { outfile: string; bytes: number; gzipBytes: number; inputs: number }>} */
const sizes = {};
for (const { name, outfile } of shipped) {
  const target = targets.find((t) => path.normalize(t.outfile) === path.normalize(outfile));
  if (!target) throw new Error(`esbuild.js builds no ${outfile}`);
  const result = await esbuild.build({ ...target, absWorkingDir: repoRoot, minify: true, sourcemap: false, write: false, plugins: [], metafile: true });
  const code = result.outputFiles?.find((file) => file.path.endsWith('.js'))?.contents;
  if (!code || !result.metafile) throw new Error(`esbuild wrote no ${outfile}`);
  sizes[name] = { outfile, bytes: code.length, gzipBytes: gzipSync(code).length, inputs: Object.keys(result.metafile.inputs).length };
  console.log(`[bench] bundle ${outfile.padEnd(28)} ${name.padEnd(22)} ${kb(code.length).padStart(9)}  (gzip ${kb(sizes[name].gzipBytes)}, ${sizes[name].inputs} modules)`);
}
const node = sizes['Node (main)'];
const web = sizes['web worker (browser)'];
const ratio = web.bytes / node.bytes;
console.log(`[bench] bundle web worker / Node: ${ratio.toFixed(3)}× (target ≤ 1×) ${ratio <= 1 ? 'ok' : 'LARGER'}`);
fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
fs.writeFileSync(path.join(repoRoot, 'test-results', 'bench-bundles.json'), `${JSON.stringify({ sizes, webToNode: ratio }, null, 2)}\n`);
