// Start code-server and a headless Debian chromium on it: shared by the integration runner
// (scripts/run-integration.mjs), the UI tests (test/ui/) and `npm start` (scripts/start.mjs).
//
// code-server listens on 127.0.0.1 only, with no auth, its own temporary user-data, extensions
// and config folders (nothing is written to ~/.config or ~/.local), and is started in a process
// group of its own so `stop()` ends it with its extension host and helpers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { CHROMIUM_PATH, repoRoot, seconds } from './test-env.mjs';
import { errorText } from './runMain.mjs';

/** Flags for a headless chromium with nothing reaching out to the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
export async function freePort(preferred = 0) {
  const tryPort = (port) =>
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryPort(0);
}

/**
 * @typedef {object} CodeServer
 * @property {string} url        http://127.0.0.1:PORT/
 * @property {number} port
 * @property {string} authority  127.0.0.1:PORT (what `vscode-remote://` URIs use)
 * @property {string} tempDir    user data, extensions and config live under it
 * @property {import('node:child_process').ChildProcess} process
 * @property {() => Promise<void>} stop  ends code-server and everything it started; idempotent
 * @property {number} startedInMs  how long it took to listen
 * @property {string[]} output     what it printed so far
 */

/**
 * Starts code-server and resolves once it listens.
 * @param {import('./test-env.mjs').TestEnv} env
 * @param {object} [options]
 * @param {number} [options.port]            preferred port (0 or absent: any free port)
 * @param {boolean} [options.smokeTestDriver] let the workbench run extension tests from the URL payload
 * @param {boolean} [options.workspaceTrust] workspace trust on: the folder opens untrusted, in Restricted Mode (default: off, all trusted)
 * @param {string} [options.tempDir]         where to put user data etc. (default: a fresh temp folder, removed on stop)
 * @param {string[]} [options.args]          more code-server arguments (e.g. a folder to open by default)
 * @param {Record<string, string>} [options.env] more environment for code-server and its extension host
 * @param {(line: string) => void} [options.onOutput] each output line (default: kept quiet, shown on failure)
 * @param {number} [options.timeoutMs]       how long to wait for "HTTP server listening" (default 60 s)
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(env, options = {}) {
  const ownTemp = !options.tempDir;
  const tempDir = options.tempDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-code-server-'));
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const configDir = path.join(tempDir, 'config');
  for (const dir of [userDataDir, extensionsDir, configDir]) fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(configDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  writeDefaultSettings(userDataDir, { workspaceTrust: Boolean(options.workspaceTrust) });

  const port = await freePort(options.port ?? 0);
  const args = [
    env.codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(env.nodeBin, args, {
    cwd: tempDir,
    detached: true, // its own process group: stop() ends the extension host and helpers too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...serverEnv(),
      PATH: `${path.dirname(env.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(tempDir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(tempDir, 'xdg-cache'),
      // An extension development host must not be mistaken for a user's VS Code.
      VSCODE_IPC_HOOK_CLI: '',
      // No extension gallery (open-vsx.org): nothing to look up offline, no errors in the log.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
      ...(options.env ?? {}),
    },
  });

  const output = [];
  let stopped = false;
  const tracked = { pid: child.pid, tempDir: ownTemp ? tempDir : undefined };
  trackUntilExit(tracked);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killGroup(child);
    if (ownTemp) fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
    liveServers.delete(tracked);
  };

  const started = Date.now();
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`code-server did not start within ${seconds(options.timeoutMs ?? 60_000)}`)),
        options.timeoutMs ?? 60_000,
      );
      const onLine = (line) => {
        output.push(line);
        if (output.length > 200) output.shift();
        options.onOutput?.(line);
        const match = /HTTP server listening on (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1].endsWith('/') ? match[1] : `${match[1]}/`);
        }
      };
      lines(child.stdout, onLine);
      lines(child.stderr, onLine);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (${signal ?? `exit ${code}`})`));
      });
    });
    const { port: actualPort } = new URL(url);
    return {
      url,
      port: Number(actualPort),
      authority: `127.0.0.1:${actualPort}`,
      tempDir,
      process: child,
      stop,
      startedInMs: Date.now() - started,
      output,
    };
  } catch (error) {
    await stop();
    const message = errorText(error);
    throw new Error(`${message}\n--- code-server output ---\n${output.join('\n')}`);
  }
}

/**
 * code-server runs in a process group of its own, so it would outlive this process if it ended
 * without calling stop(): on exit, kill what is still running (and remove its temp folder). On
 * Ctrl-C, SIGTERM or SIGHUP, exit (after any handler registered earlier has run), so that happens.
 */
const liveServers = new Set();
const tempFolders = new Set();
let exitHooked = false;
function trackUntilExit(entry) {
  liveServers.add(entry);
  hookExit();
}

/**
 * Removes `dir` when this process exits, even on Ctrl-C; returns a function that removes it
 * now (and forgets it).
 */
export function removeOnExit(dir) {
  tempFolders.add(dir);
  hookExit();
  return () => {
    tempFolders.delete(dir);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}

function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const { pid, tempDir } of liveServers) {
      signalGroup(pid, 'SIGKILL');
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    }
    for (const dir of tempFolders) fs.rmSync(dir, { recursive: true, force: true });
  });
  for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]])) {
    process.on(signal, () => process.exit(code));
  }
}

/** This process's environment minus what code-server would read as its own settings. */
function serverEnv() {
  const env = { ...process.env };
  // $PORT overrides --bind-addr's port; the others would override the config we pass.
  for (const name of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'CODE_SERVER_CONFIG', 'GITHUB_TOKEN']) delete env[name];
  return env;
}

/**
 * Settings that keep a test workbench quiet and predictable. With `workspaceTrust`, workspace
 * trust is on and never prompts: a folder opened is untrusted, so the extension runs in
 * Restricted Mode.
 */
function writeDefaultSettings(userDataDir, { workspaceTrust = false } = {}) {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const settingsFile = path.join(userDir, 'settings.json');
  if (fs.existsSync(settingsFile)) return;
  fs.writeFileSync(
    settingsFile,
    `${JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': workspaceTrust,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'git.enabled': false,
        'window.restoreWindows': 'none',
        'files.hotExit': 'off',
        // The web workbench saves after a delay by default; tests of unsaved edits need it off.
        'files.autoSave': 'off',
      },
      null,
      2,
    )}\n`,
  );
}

/**
 * The workbench URL for a folder or a `.code-workspace` file, with an optional payload of
 * development keys (extensionDevelopmentPath, extensionTestsPath: absolute local paths).
 * @param {CodeServer} server
 * @param {{ workspace: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(server, options) {
  const params = new URLSearchParams();
  const workspace = path.resolve(options.workspace);
  if (workspace.endsWith('.code-workspace')) params.set('workspace', workspace);
  else params.set('folder', workspace);
  const remote = (file) => `vscode-remote://${server.authority}${path.resolve(file)}`;
  const payload = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (payload.length > 0) {
    payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
    params.set('payload', JSON.stringify(payload));
  }
  return `${server.url}?${params.toString()}`;
}

/** The extension hosts a test can load Plan Tracker in (PLAN_TRACKER_TEST_HOSTS, `--host`). */
export const EXTENSION_HOSTS = ['node', 'web'];

/**
 * What the web worker extension host loads: a copy of the built extension whose package.json has
 * no `main` and no `extensionKind`. code-server has a Node (remote) host, and an extension that
 * can run there (a `main`) or says it prefers it (`extensionKind: ["workspace"]`) goes there: a
 * `main`-less copy still "activates" in it, with no code. vscode.dev and github.dev have no Node
 * host, so there the `browser` entry runs whatever extensionKind says; without both keys it does
 * here too. Same bundles, contributions, media, snippets and templates otherwise; `extra` copies
 * more files (repo-relative, e.g. the worker's test bundle).
 * Returns the staged folder, to pass as extensionDevelopmentPath.
 * @param {string} target  a folder to create (under a temp folder)
 * @param {{ extra?: string[] }} [options]
 */
export function stageWebExtension(target, options = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  if (!manifest.browser || !fs.existsSync(path.join(repoRoot, manifest.browser))) {
    throw new Error(`not built: ${manifest.browser ?? 'package.json has no browser entry'} (run npm run build)`);
  }
  delete manifest.main;
  delete manifest.extensionKind;
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const shipped = fs.readdirSync(repoRoot).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
  for (const entry of [...shipped, 'dist', 'media', 'snippets', 'templates', 'l10n', 'README.md', 'LICENSE', ...(options.extra ?? [])]) {
    const source = path.join(repoRoot, entry);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(target, entry), { recursive: true });
  }
  return target;
}

/**
 * Copies the workspace to a temp folder: a folder as it is; a `.code-workspace` file together
 * with its folder (its roots are usually relative paths next to it). Returns what to open.
 */
export function copyWorkspace(workspace, tempRoot) {
  if (!fs.existsSync(workspace)) throw new Error(`workspace not found: ${workspace}`);
  const isFile = workspace.endsWith('.code-workspace');
  const source = isFile ? path.dirname(workspace) : workspace;
  const target = path.join(tempRoot, path.basename(source));
  fs.cpSync(source, target, { recursive: true });
  return isFile ? path.join(target, path.basename(workspace)) : target;
}

/**
 * Launches Debian's chromium headless through playwright-core (no browser download).
 * @param {{ headless?: boolean }} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium(options = {}) {
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: install the Debian package chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** Ends a process started with `detached: true` and its whole group: TERM, then KILL after 5 s. */
export async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    signalGroup(child.pid, 'SIGKILL'); // leftovers of the group (extension host, watchers)
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid, signal) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function lines(stream, onLine) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let index;
    while ((index = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, index).replace(/\r$/, ''));
      buffer = buffer.slice(index + 1);
    }
  });
  stream.on('end', () => {
    if (buffer) onLine(buffer);
  });
}

/**
 * What the extension host logged against Plan Tracker at warning or error level, in the
 * extension host logs under `dirs` (the Node host's is on the server, the web worker's comes with
 * the workbench's logs): VS Code's own complaints (a setting read with the wrong scope, say) and
 * Plan Tracker's errors. A clean run has none; each distinct message is reported once.
 */
export function extensionHostComplaints(dirs) {
  const complaints = new Set();
  for (const file of dirs.flatMap((dir) => logFiles(dir, /exthost\.log$/))) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const match = /\[(warning|error)\] \[plan-tracker\.plan-tracker\] (.*)$/.exec(line);
      if (match) complaints.add(`[${match[1]}] ${match[2]}`);
    }
  }
  return [...complaints];
}

/**
 * The log files under a code-server logs folder `dir` (every window's, every session's) whose
 * name matches `name` (`exthost.log`, `remoteexthost.log`, `Plan Tracker.log`), sorted; none
 * when the folder does not exist yet.
 * @param {string} dir
 * @param {RegExp} name
 * @returns {string[]}
 */
export function logFiles(dir, name) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(path.basename(file)))
    .sort()
    .map((file) => path.join(dir, file));
}
