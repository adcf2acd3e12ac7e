// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import { NODE_ONLY_TESTS } from './scripts/node-only-tests.mjs';

/**
 * Node's built-in modules, by exact name with and without `node:` (`fs`, `fs/promises`,
 * `node:path`, …): kept out of every file the web worker bundle (dist/browser/extension.js)
 * includes. Exact names (`paths`), so a folder of ours called `util` or `path` is not caught.
 */
const NODE_BUILTINS = builtinModules.flatMap((name) => (name.startsWith('node:') ? [name] : [name, `node:${name}`]));
const nodeBuiltinPaths = (message, allowed = []) =>
  NODE_BUILTINS.filter((name) => !allowed.includes(name)).map((name) => ({ name, message }));
/** Node's globals: absent in a browser's web worker (vscode.dev, github.dev). */
const NODE_GLOBALS = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];
const WEB_MESSAGE =
  'also runs in the browser (vscode.dev, github.dev: a web worker, no Node). Use vscode.workspace.fs, vscode.Uri and ' +
  'web APIs (TextDecoder, setTimeout). Node-only code lives in src/extension/node/ (wired only by ' +
  'src/extension/extension.node.ts) or in src/cli/.';
/** The files dist/browser/extension.js is built from (and the ones it must never import). */
const WEB_FILES = ['src/extension/**/*.ts', 'src/shared/**/*.ts'];
const NODE_ONLY_FILES = ['src/extension/extension.node.ts', 'src/extension/node/**/*.ts'];
/**
 * The imports a file bundled for the web worker may not make, plus `paths` and `patterns` of its own.
 * @param {{ name: string; message: string }[]} [paths]
 * @param {{ group: string[]; message: string }[]} [patterns]
 * @returns {import('eslint').Linter.RuleEntry}
 */
const webImports = (paths = [], patterns = []) => ['error', {
  paths: [...paths, ...nodeBuiltinPaths(`This file is bundled for the web worker extension host: it ${WEB_MESSAGE}`)],
  patterns: [
    { group: ['./node/*', '../node/*', '../../node/*', '**/extension/node/*'], message: `Only extension.node.ts may import src/extension/node/: this file ${WEB_MESSAGE}` },
    { group: ['../../../node/*', '../../../../node/*'], message: `src/node/ is Node-only (the CLI and src/extension/node/ use it): this file ${WEB_MESSAGE}` },
    ...patterns,
  ],
}];
const webGlobals = (where) => NODE_GLOBALS.map((name) => ({ name, message: `${where} ${WEB_MESSAGE}` }));

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', 'test/fixtures/**', 'examples/**', 'test-results/**'],
  },
  ...tseslint.configs.recommended,
  {
    // Node scripts written as CommonJS (esbuild.js): require() is how they import.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The core is pure: no VS Code API and no Node built-ins, so it runs in the extension host,
    // the CLI, a web worker and plain mocha alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must stay pure: no vscode import. Put adapters in src/extension.' },
          ...nodeBuiltinPaths(`src/core must not use Node built-ins; take what you need as a parameter. It ${WEB_MESSAGE}`),
        ],
        patterns: [
          { group: ['../extension/*', '../cli/*', '../webview/*'], message: 'src/core must not depend on its adapters.' },
        ],
      }],
      'no-restricted-globals': ['error', ...webGlobals('src/core')],
    },
  },
  {
    // The extension's shared code is bundled for the web worker too (esbuild.js, `browser` in
    // package.json): no Node built-ins, no Node globals, and no import of the Node-only folder.
    files: WEB_FILES,
    ignores: NODE_ONLY_FILES,
    rules: {
      'no-restricted-imports': webImports(),
      'no-restricted-globals': ['error', ...webGlobals('This file is bundled for the web worker extension host: it')],
    },
  },
  {
    // The plan index reaches the workspace only through its port (src/extension/planIndex/port.ts),
    // so its rules run in plain mocha over an in-memory workspace: only the VS Code side of the
    // port (vscodePlanIndex.ts) may import vscode. The web worker rules above still hold.
    files: ['src/extension/planIndex/**/*.ts'],
    ignores: ['src/extension/planIndex/vscodePlanIndex.ts'],
    rules: {
      'no-restricted-imports': webImports(
        [{ name: 'vscode', message: 'The plan index reaches the workspace through WorkspacePort (port.ts); only vscodePlanIndex.ts imports vscode.' }],
        [{ group: ['../workspaceFs', '../workspaceLinks', '../config', '../commands/*', '../views/*'], message: 'These import vscode: the plan index reaches the workspace through WorkspacePort (port.ts).' }],
      ),
    },
  },
  {
    // Data flows one way: views read the index and edit through PlanEditor; commands sit above
    // the views (a command may drive a view, a view never reaches up into a command).
    files: ['src/extension/views/**/*.ts'],
    rules: {
      'no-restricted-imports': webImports([], [
        { group: ['../commands/*', '../commandList', '../commandManager'], message: 'Views do not import commands: edit through the PlanEditor (planEditor.ts), or run a command by its id.' },
      ]),
    },
  },
  {
    // The integration suite runs in both extension hosts (Node, and the web worker bundle built by
    // scripts/build-tests.mjs). `node:assert/strict` is the one Node module it may use (bundled for
    // the worker); the runner's entry (index.ts) and the worker's entry (web/) are host-specific,
    // and so are the Node-only tests scripts/build-tests.mjs leaves out of the worker's bundle
    // (scripts/node-only-tests.mjs).
    files: ['test/integration/**/*.ts'],
    ignores: ['test/integration/index.ts', 'test/integration/web/**', ...NODE_ONLY_TESTS.map((t) => `test/integration/${t}${t.endsWith('/') ? '**' : ''}`)],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltinPaths(
          'Integration tests also run in the web worker extension host: use vscode.workspace.fs and vscode.Uri, not Node modules ' +
            '(node:assert/strict is the exception). A test that needs a local process skips itself there (skipInWebWorker in support/host.ts).',
          ['node:assert/strict'],
        ),
      }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({
        name,
        message: 'Integration tests also run in the web worker extension host, where Node globals do not exist: skip the test there (support/host.ts) or use a web API.',
      }))],
    },
  },
  {
    // Node-only code that the CLI and the Node extension host's entry share (src/extension/node/):
    // a leaf under both, so it imports neither, nor the VS Code API.
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/node/ is shared with the CLI, which has no VS Code API.' }],
        patterns: [{ group: ['../cli/*', '../extension/*', '../extension/**'], message: 'src/node/ is shared by the CLI and the extension: it imports neither (they import it).' }],
      }],
    },
  },
  {
    // The webview runs in a browser frame: it may only import types from the shared protocol.
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview cannot use the vscode API.' }] }],
    },
  },
);
