// The web worker integration suite in VS Code's own web build, through @vscode/test-web: for
// machines that can download it (test-web fetches VS Code for the web from Microsoft's servers,
// and playwright's browsers). Not part of `npm test`: offline, `npm run test:integration` runs
// the same bundle in code-server's web worker host. The folder is opened as test-web's virtual
// workspace (scheme vscode-test-web, changes kept in memory), the virtual-workspace case too.
//
//   npm install --no-save @vscode/test-web && npm run test:web
//
// Build first (npm run build && npm run build:tests; `npm run test:web` does). Opens a temp copy
// of test/fixtures/workspace; the suite's results are in the log (no results file: there is no
// remote file system to write one to).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { copyWorkspace, removeOnExit } from './code-server.mjs';
import { repoRoot } from './test-env.mjs';
import { runMain } from './runMain.mjs';

let testWeb;
try {
  // Not a dependency (installed on demand, see above): imported by a name held in a variable, so
  // the type check does not look for its types.
  const moduleName = '@vscode/test-web';
  testWeb = await import(moduleName);
} catch {
  console.error('[test-web] @vscode/test-web is not installed: npm install --no-save @vscode/test-web');
  process.exit(1);
}

const suite = path.join(repoRoot, 'out', 'test', 'web', 'suite.js');
if (!fs.existsSync(suite)) {
  console.error('[test-web] not built: run npm run build && npm run build:tests');
  process.exit(1);
}
const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-test-web-'));
removeOnExit(tempRoot);
const workspace = copyWorkspace(path.join(repoRoot, 'test', 'fixtures', 'workspace'), tempRoot);
await runMain('test-web', async () => {
  await testWeb.runTests({
    browserType: 'chromium',
    headless: true,
    // Without a remote, the web build runs the `browser` entry whatever `main` and extensionKind say.
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suite,
    folderPath: workspace,
    quality: process.env.PLAN_TRACKER_VSCODE_QUALITY || 'stable',
  });
  console.log('[test-web] passed');
}, { exit: false });
