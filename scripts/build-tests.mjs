// Compiles the integration tests twice, once per extension host:
//
// - Node host: test/integration/index.ts and every test/integration/**/*.test.ts become
//   out/test/integration/**/*.js (CommonJS, Node, source maps), each file bundled on its own with
//   `vscode` and `mocha` left external (the host provides `vscode`; mocha is loaded from
//   node_modules so index.js and the test files share one instance and its describe/it globals).
// - Web worker host: the same test files, test/integration/web/index.ts and mocha's browser
//   build become one out/test/web/suite.js (platform browser: the worker loads a single file and
//   can require only `vscode`). `node:assert/strict` is the `assert` package there; any other
//   Node module fails this build (and the lint rule for test/integration before it).
//
//   node scripts/build-tests.mjs
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isNodeOnlyTest } from './node-only-tests.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The aliases the extension's own build uses (esbuild.js), so tests bundle the same code. */
const { bundleAliases } = createRequire(import.meta.url)('../esbuild.js');
const sourceDir = path.join(repoRoot, 'test', 'integration');
const outDir = path.join(repoRoot, 'out', 'test', 'integration');

const entryPoints = fs
  .readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  // The entry and the test files; helpers they import are bundled into each.
  .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
  .sort()
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
  alias: bundleAliases,
  define: { PLAN_TRACKER_TEST_HOST: '"node"' },
  logLevel: 'warning',
});
// Outputs of deleted tests would still be picked up by index.js: remove them (after the build,
// not before, so a suite already running from out/ never sees its files missing).
const expected = new Set(entryPoints.map((file) => path.relative(sourceDir, file).replace(/\.ts$/, '.js')));
for (const name of fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
  const js = name.replace(/\.map$/, '');
  if (js.endsWith('.js') && !expected.has(js)) fs.rmSync(path.join(outDir, name), { force: true });
}

// The web worker bundle: the web entry first (it installs describe/it), then each test file,
// named before it is evaluated so results say which file a test is in.
const webOutfile = path.join(repoRoot, 'out', 'test', 'web', 'suite.js');
// Tests for the Node host only: scripts/node-only-tests.mjs says which and why.
const testFiles = entryPoints
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => path.relative(sourceDir, file).split(path.sep).join('/'))
  .filter((file) => !isNodeOnlyTest(file));
await esbuild.build({
  absWorkingDir: repoRoot,
  stdin: {
    contents: [
      "const web = require('./web/index.ts');",
      ...testFiles.map((file) => `web.beginTestFile(${JSON.stringify(file.replace(/\.ts$/, '.js'))});\nrequire(${JSON.stringify(`./${file}`)});`),
      'module.exports = { run: web.run };',
    ].join('\n'),
    resolveDir: sourceDir,
    sourcefile: 'web-suite.js',
    loader: 'js',
  },
  outfile: webOutfile,
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  alias: { ...bundleAliases, 'node:assert/strict': path.join(sourceDir, 'web', 'assert-strict.cjs') },
  define: {
    PLAN_TRACKER_TEST_HOST: '"web"',
    // The assert package reads these Node settings; the worker has no `process` (and the suite
    // checks that it has none, so none is provided: only these reads are replaced).
    'process.env.NODE_DEBUG': 'undefined',
    'process.stderr': 'undefined',
    'process.emitWarning': 'undefined',
  },
  logLevel: 'warning',
});

console.log(`[build-tests] ${entryPoints.length} file(s) → ${path.relative(repoRoot, outDir)}/, ${testFiles.length} test file(s) → ${path.relative(repoRoot, webOutfile)}`);
