/**
 * Names for the files the CLI writes, made without loading `node:crypto` (with its streams, a
 * tenth of the CLI's start-up): temporary files renamed over their target, and cache files.
 */
import * as os from 'node:os';
import * as path from 'node:path';

let counter = 0;

/** The end of a temporary file's name: unique enough for an exclusive create (`wx`, which fails rather than reuse a name). */
export function tempSuffix(): string {
  counter = (counter + 1) % 0x10000;
  const random = Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return `${process.pid}.${random}${counter.toString(16)}.tmp`;
}

/**
 * A 64-bit hash of a string's UTF-16 code units as 16 hex digits, for short names of cache files:
 * two FNV-1a lanes of 32 bits with different offsets (no BigInt, no crypto module). A collision
 * costs a cache discarded by its key, never a wrong answer.
 */
export function shortHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The folder of all Plan Tracker caches, from the environment; undefined when there is no home to put it in. */
export function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'plan-tracker');
  const home = env.HOME || os.homedir();
  return home ? path.join(home, '.cache', 'plan-tracker') : undefined;
}
