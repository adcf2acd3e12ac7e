// @ts-check
import tseslint from 'typescript-eslint';

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
        paths: [{ name: 'vscode', message: 'src/core must stay pure: no vscode import. Put adapters in src/extension.' }],
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'fs/*'], message: 'src/core must not use Node built-ins; take what you need as a parameter.' },
          { group: ['../extension/*', '../cli/*', '../webview/*'], message: 'src/core must not depend on its adapters.' },
        ],
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
