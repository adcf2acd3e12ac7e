/**
 * Where the CLI keeps its cache (the format and the rule are the core's `PlanCache`):
 *
 *   $XDG_CACHE_HOME/plan-tracker/<root>/<run>.json     (XDG_CACHE_HOME unset: ~/.cache)
 *
 * `<root>` names the folder the CLI ran in, `<run>` the command with its paths and options, each
 * a short hash, so an agent's `check docs/plans/x.md` and a full `status` keep caches of their own.
 * A cache is written whole to a temporary file next to it and renamed over it: a run reading at the
 * same time sees the old file or the new one, never half of one, and of two runs writing at once
 * the last rename wins. A cache that cannot be read or written costs speed, never an answer.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PlanCache } from '../core';

/** The folder of all Plan Tracker caches, from the environment; undefined when there is no home to put it in. */
export function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'plan-tracker');
  const home = env.HOME || os.homedir();
  return home ? path.join(home, '.cache', 'plan-tracker') : undefined;
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** The cache file of one kind of run in one folder. */
export function cacheFile(folder: string, root: string, run: unknown): string {
  return path.join(folder, shortHash(root), `${shortHash(JSON.stringify(run))}.json`);
}

/** Reads the cache at `file` (missing: empty). A cache discarded as unreadable or stale says so in one line on `log`. */
export function loadCache<V>(file: string, key: string, log: (line: string) => void): PlanCache<V> {
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  const { cache, discarded } = PlanCache.decode<V>(text, key);
  if (discarded) log(`plan-tracker: cache ${file} discarded (${discarded}); it is rebuilt.`);
  return cache;
}

/** Writes the cache when this run changed it: temporary file, then rename. Failures are quiet (the cache is an optimisation). */
export function saveCache(file: string, cache: PlanCache<unknown>): void {
  if (!cache.changed) return;
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      // An entry at a time: the cache of 10,000 plans is never one string in memory.
      let chunk = '';
      for (const part of cache.encodeParts()) {
        chunk += part;
        if (chunk.length >= 1 << 20) {
          fs.writeSync(fd, chunk);
          chunk = '';
        }
      }
      fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
