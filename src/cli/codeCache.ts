/**
 * Loads the CLI's bundle (dist/cliMain.js) with V8's code cache: a run reuses the code that an
 * earlier run of the same command compiled, instead of compiling ~200 KB of JavaScript again.
 * Claude Code runs the CLI after every edit an agent makes to a plan, and compiling is about a
 * fifth of what such a run costs over starting Node (`npm run bench:cli`).
 *
 * The bundle is compiled as Node compiles a CommonJS module (the same wrapper function), through
 * `vm.Script` with the cached data an earlier run wrote. V8 checks that data (its own version,
 * its flags, the source's length) and rejects it when anything differs; the run then compiles as
 * usual. A run that found no data, or data V8 rejected, writes new data when it exits, made after
 * the run (so it holds the functions the run compiled, not only the top level): one file per
 * command, since `status` and `hook post-edit` compile different parts of the CLI.
 *
 * V8 checks the source by its length only, so a file is named by the bundle's stamp (device,
 * inode, size, modification and change times) and Node's version: an upgraded CLI never runs the
 * old code, even at the same length. The files live in `<cache folder>/code/` (see `cacheFolder`),
 * at most `KEEP` of them: writing one removes the oldest beyond that. Like the plan cache, the
 * code cache costs speed, never an answer: any failure loads the bundle the plain way, and a run
 * that cannot write the file goes on without it. `--no-cache` and Node's own switch,
 * NODE_DISABLE_COMPILE_CACHE=1, turn it off; so does `--enable-source-maps` (the plain load then
 * keeps Node's mapping of stack traces).
 *
 * Node ≥ 22 has a module compile cache of its own (`module.enableCompileCache`), but it saves only
 * what is compiled before the module runs (the top level): the functions a run needs are compiled
 * lazily, later, and that is most of the time this module saves. So one mechanism, this one, on
 * every Node version.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { cacheFolder, shortHash, tempSuffix } from './fileNames';

/** How many code cache files the folder keeps (a few commands, a Node version or two, an upgrade). */
export const KEEP = 24;

/** Where a run's code cache goes: the cache folder, and the command (one file per command). */
export interface CodeCacheOptions {
  readonly folder: string;
  readonly command: string;
}

/** The command a run's code cache is named by, from the CLI's arguments. */
export function commandOf(argv: readonly string[]): string {
  const verb = argv[0] ?? '';
  return /^[a-z][a-z-]{0,31}$/.test(verb) ? verb : 'other';
}

/**
 * The options of a run's code cache, or undefined when the run must not use one: `--no-cache`,
 * NODE_DISABLE_COMPILE_CACHE set, no cache folder, or source maps enabled.
 */
export function codeCacheOf(argv: readonly string[], env: NodeJS.ProcessEnv): CodeCacheOptions | undefined {
  const folder = cacheFolder(env);
  if (!folder || argv.includes('--no-cache') || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return undefined;
  return { folder: path.join(folder, 'code'), command: commandOf(argv) };
}

/**
 * Runs the CommonJS bundle at `file` as `require` would and returns its exports; with `cache`,
 * through the code cache (see the module comment).
 */
export function requireBundle(file: string, cache: CodeCacheOptions | undefined): unknown {
  const moduleRequire = Module.createRequire(file);
  const known = moduleRequire.cache[file];
  if (known) return known.exports;
  if (!cache) return moduleRequire(file);
  let source: string;
  let stamp: fs.Stats;
  const fd = fs.openSync(file, 'r');
  try {
    stamp = fs.fstatSync(fd);
    source = fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
  const name = `${shortHash([process.version, process.arch, file, stamp.dev, stamp.ino, stamp.size, stamp.mtimeMs, stamp.ctimeMs].join('\n'))}-${cache.command}.bin`;
  const dataFile = path.join(cache.folder, name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(dataFile);
  } catch {
    cachedData = undefined; // none yet, or unreadable: compiled as usual, then written
  }
  // Node's CommonJS wrapper, on a line of its own so that line and column numbers stay the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source.startsWith('#!') ? `//${source}` : source}\n})`, {
    filename: file,
    lineOffset: -1,
    cachedData,
  });
  // Written at exit, with what the run compiled by then.
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCodeCache(script, cache.folder, dataFile));
  // A module as Node makes one, in require's cache (a later require of the bundle finds it).
  const module = new Module(file);
  module.filename = file;
  moduleRequire.cache[file] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, moduleRequire, module, file, path.dirname(file));
  } catch (error) {
    delete moduleRequire.cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

/** Writes the code V8 has for `script` to `dataFile` (temporary file, then rename); quietly nothing when it cannot. */
function writeCodeCache(script: vm.Script, folder: string, dataFile: string): void {
  const temp = `${dataFile}.${tempSuffix()}`;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, script.createCachedData(), { flag: 'wx', mode: 0o600 });
    fs.renameSync(temp, dataFile);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // not ours to remove either
    }
    return;
  }
  prune(folder, dataFile);
}

/** Removes the oldest code cache files beyond `KEEP` (never `keep`, the file just written). */
function prune(folder: string, keep: string): void {
  try {
    const files = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.bin'))
      .map((f) => path.join(folder, f));
    if (files.length <= KEEP) return;
    const byAge = files.filter((f) => f !== keep).map((f) => ({ f, t: fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
    byAge.sort((a, b) => a.t - b.t);
    for (const { f } of byAge.slice(0, files.length - KEEP)) fs.rmSync(f, { force: true });
  } catch {
    // another run pruned at the same time, or the folder is not ours to list: left as it is
  }
}
