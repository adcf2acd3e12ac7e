// @vscode/test-cli configuration (`npx vscode-test`, or the Extension Test Runner in VS Code):
// the same compiled integration suite as `npm run test:integration`, in desktop VS Code, which
// test-cli downloads from update.code.visualstudio.com (so: not on offline machines; there use
// `npm run test:integration`, which runs it in code-server).
//
// Build first: npm run build && npm run build:tests. Unlike scripts/run-integration.mjs, test-cli
// opens the fixture folders in place (tests are expected to clean up what they create) and uses
// its own mocha runner, so test-results/integration-results.json is not written.
import { defineConfig } from '@vscode/test-cli';

const common = {
  files: 'out/test/integration/**/*.test.js',
  mocha: { ui: 'bdd', timeout: 20_000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
};

export default defineConfig([
  { ...common, label: 'integration', workspaceFolder: 'test/fixtures/workspace' },
  { ...common, label: 'integration-multi-root', workspaceFolder: 'test/fixtures/multi-root/multi-root.code-workspace' },
]);
