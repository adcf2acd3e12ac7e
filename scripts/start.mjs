// `npm start`: build, then open examples/ in VS Code with Plan Tracker loaded from this folder.
//
//   - `code` on PATH: `code --extensionDevelopmentPath=<repo> <repo>/examples` (desktop VS Code).
//   - otherwise (or PLAN_TRACKER_START=code-server): code-server on 127.0.0.1 (port $PORT, else
//     8080 or the next free one) with the extension in development mode; prints the URL to open
//     and runs until Ctrl-C. Its user data stays in .vscode-test/start/ between runs.
//
// Run `npm run watch` in another terminal and "Developer: Reload Window" to pick up changes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { startCodeServer, workbenchUrl } from './code-server.mjs';
import { ensureTestEnv, repoRoot } from './test-env.mjs';
import { runMain } from './runMain.mjs';

const examples = path.join(repoRoot, 'examples');

function say(message) {
  console.log(`[start] ${message}`);
}

function build() {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[start] the build failed');
    process.exit(result.status ?? 1);
  }
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

async function main() {
  build();
  fs.mkdirSync(examples, { recursive: true });
  if (process.env.PLAN_TRACKER_START !== 'code-server' && onPath('code')) {
    say(`code --extensionDevelopmentPath=${repoRoot} ${examples}`);
    const child = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, examples], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  const env = await ensureTestEnv();
  const server = await startCodeServer(env, {
    port: Number(process.env.PORT) || 8080,
    // Without the smoke-test driver a built VS Code ignores extensionDevelopmentPath.
    smokeTestDriver: true,
    tempDir: path.join(repoRoot, '.vscode-test', 'start'),
    onOutput: (line) => {
      if (process.env.PLAN_TRACKER_TEST_VERBOSE || /error/i.test(line)) console.log(`[code-server] ${line}`);
    },
  });
  const url = workbenchUrl(server, { workspace: examples, extensionDevelopmentPath: repoRoot });
  say('Plan Tracker (development) in code-server, on this machine only. Open:');
  console.log(`\n  ${url}\n`);
  say('Rebuild with `npm run watch` in another terminal, then "Developer: Reload Window". Ctrl-C stops.');

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping code-server`);
    void server.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] code-server exited (${signal ?? `exit ${code}`})`);
    process.exit(1);
  });
}

await runMain('start', main);
