// Bundles the extension (twice, from the same sources: for Node and for the browser's web worker),
// the CLI and the dashboard webview with esbuild.
//   node esbuild.js               development build (source maps)
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');
const fs = require('node:fs');

const production = process.argv.includes('--production');

/** The sources' hash, the caches' "parser version" (scripts/buildId.cjs). */
function buildId() {
  return watch ? `watch-${Date.now()}` : require('./scripts/buildId.cjs').buildId(__dirname);
}

const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * Packages bundled from another entry than their `main` (scripts/build-tests.mjs uses these too):
 * jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ES build bundles.
 */
const bundleAliases = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
  alias: bundleAliases,
};

/**
 * Imports left to run time, as plain require()s of another bundle in dist/: `plan-tracker mcp`
 * lives in dist/mcp.js (with the MCP SDK), so other commands never load the SDK; the CLI itself
 * (src/cli/main.ts) in dist/cliMain.js, which dist/cli.js (src/cli/launch.ts) loads only when
 * there is work for it.
 * @param {Record<string, string>} bundles an import as written → the bundle it loads
 * @returns {import('esbuild').Plugin}
 */
const separateBundles = (bundles) => ({
  name: 'separate-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w.]+$/ }, (args) => (args.path in bundles ? { path: bundles[args.path], external: true } : undefined));
  },
});

const BUILD_ID = JSON.stringify(buildId());

/**
 * The CLI's bundles: CommonJS for Node 20, each import() of another bundle a plain require().
 * @type {import('esbuild').BuildOptions}
 */
const nodeCli = { ...common, platform: 'node', format: 'cjs', target: 'node20', supported: { 'dynamic-import': false } };

/** @typedef {import('esbuild').BuildOptions & { entryPoints: string[]; outfile: string }} Target */

/** @type {Target[]} */
const targets = [
  {
    // package.json `main`: the Node extension host (desktop, Remote, Codespaces, code-server).
    ...common,
    entryPoints: ['src/extension/extension.node.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    define: { PLAN_TRACKER_BUILD: BUILD_ID },
  },
  {
    // package.json `browser`: the web worker extension host (vscode.dev, github.dev). No Node
    // built-ins and no polyfills: an import of one fails this build (and the lint before it).
    ...common,
    entryPoints: ['src/extension/extension.browser.ts'],
    outfile: 'dist/browser/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    define: { PLAN_TRACKER_BUILD: BUILD_ID },
  },
  {
    // package.json `bin`: a few KB that load dist/cliMain.js when there is work for it.
    ...nodeCli,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { PLAN_TRACKER_CLI_BUNDLE: JSON.stringify('cliMain.js') },
    plugins: [...(common.plugins ?? []), separateBundles({ './main.js': './cliMain.js' })],
  },
  {
    ...nodeCli,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cliMain.js',
    define: { PLAN_TRACKER_VERSION: JSON.stringify(require('./package.json').version), PLAN_TRACKER_BUILD: BUILD_ID },
    plugins: [...(common.plugins ?? []), separateBundles({ './mcp.js': './mcp.js' })],
  },
  {
    ...nodeCli,
    entryPoints: ['src/cli/mcp.ts'],
    outfile: 'dist/mcp.js',
  },
];

/** @type {Target[]} */
const optional = [
  {
    ...common,
    entryPoints: ['src/webview/dashboard.ts'],
    outfile: 'dist/webview/dashboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/**
 * The dashboard's icon font, shipped next to its script (the webview may load only dist/webview
 * and media). A production build also drops source maps a development build left there, since
 * .vscodeignore ships dist/webview/** as it is.
 */
function copyCodicons() {
  if (!fs.existsSync('src/webview/dashboard.ts')) return;
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(require.resolve(`@vscode/codicons/dist/${file}`), `dist/webview/${file}`);
  }
  if (production) {
    for (const file of fs.readdirSync('dist/webview')) if (file.endsWith('.map')) fs.rmSync(`dist/webview/${file}`);
  }
}

async function main() {
  copyCodicons();
  const all = [...targets, ...optional.filter((t) => fs.existsSync(t.entryPoints[0]))];
  const contexts = await Promise.all(all.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

// The bundle benchmark (bench/bundles.mjs) reads the targets; `node esbuild.js` builds them.
module.exports = { targets, bundleAliases };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
