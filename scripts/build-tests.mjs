// Compiles the integration tests for the extension host: test/integration/index.ts and every
// test/integration/**/*.test.ts become out/test/integration/**/*.js (CommonJS, Node, source
// maps), each file bundled on its own with `vscode` and `mocha` left external (the host provides
// `vscode`; mocha is loaded from node_modules so index.js and the test files share one instance
// and its describe/it globals).
//
//   node scripts/build-tests.mjs
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(repoRoot, 'test', 'integration');
const outDir = path.join(repoRoot, 'out', 'test', 'integration');

const entryPoints = fs
  .readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  // The entry and the test files; helpers they import are bundled into each.
  .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
  .map((name) => path.join(sourceDir, name));

if (entryPoints.length === 0) {
  console.error(`No .ts files under ${path.relative(repoRoot, sourceDir)}`);
  process.exit(1);
}

await esbuild.build({
  absWorkingDir: repoRoot,
  entryPoints,
  outbase: sourceDir,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
// Outputs of deleted tests would still be picked up by index.js: remove them (after the build,
// not before, so a suite already running from out/ never sees its files missing).
const expected = new Set(entryPoints.map((file) => path.relative(sourceDir, file).replace(/\.ts$/, '.js')));
for (const name of fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
  const js = name.replace(/\.map$/, '');
  if (js.endsWith('.js') && !expected.has(js)) fs.rmSync(path.join(outDir, name), { force: true });
}
console.log(`[build-tests] ${entryPoints.length} file(s) → ${path.relative(repoRoot, outDir)}/`);
