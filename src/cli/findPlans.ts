import * as fs from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { errorText } from '../core/errors';

/** Folders never worth walking into. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.next', '.nuxt',
  'target', '.venv', 'venv', '__pycache__', '.vscode-test', '.cache', '.turbo', 'bower_components',
]);

const MARKDOWN = /\.(md|markdown)$/i;

export interface Candidate {
  /** The path to show: as the user gave it, joined with the way down to the file. */
  readonly path: string;
  /** Absolute path, as reached (through links, if any). */
  readonly file: string;
  /** Whether the user named this file itself (then a non-plan is worth a word). */
  readonly explicit: boolean;
}

export interface WalkResult {
  readonly candidates: Candidate[];
  readonly errors: { path: string; message: string }[];
}

/**
 * Tells whether a path is excluded by the `--exclude` globs: matched against the path as the user
 * gave it (`../x/a.md`, `/abs/a.md`, `docs/a.md`) and against the path relative to the folder the
 * walk started from, so `--exclude 'archive/**'` works for `plan-tracker status ../elsewhere` too;
 * an absolute path inside `cwd` is also matched relative to it (`docs/**` for `$PWD/docs`).
 * An empty pattern is a usage error (thrown as `ExcludeError`).
 */
export function excludeMatcher(exclude: readonly string[], cwd: string): (given: string, fromRoot: string) => boolean {
  if (exclude.some((g) => g.trim() === '')) throw new ExcludeError('--exclude needs a glob, not an empty string');
  if (exclude.length === 0) return () => false;
  const match = picomatch(exclude as string[], { dot: true });
  const tidy = (p: string): string => p.split(path.sep).join('/').replace(/^\.\/+/, '');
  const matches = (p: string): boolean => p !== '' && (match(p) || match(`${p}/`));
  return (given, fromRoot) => {
    const inCwd = path.isAbsolute(given) ? tidy(path.relative(cwd, given)) : '';
    return matches(tidy(given)) || matches(tidy(fromRoot)) || (!inCwd.startsWith('..') && matches(inCwd));
  };
}

export class ExcludeError extends Error {}

/**
 * Tells whether a path (relative, `/`-separated) is a plan whatever it holds: one of the
 * `--always-plan` globs (the editor's `planTracker.alwaysPlans`) matches it.
 */
export function alwaysPlanMatcher(globs: readonly string[]): (relative: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch(globs as string[], { dot: true });
  return (relative) => match(relative);
}

interface Frame {
  /** The folder as the user would write it (the given path joined with the way down). */
  readonly given: string;
  /** Absolute path as reached, and its real path (links resolved). */
  readonly abs: string;
  readonly real: string;
  /** Path from the walk's root folder, '' for the root itself. */
  readonly fromRoot: string;
  readonly entries: Dirent[];
  /** `given` with '/' whatever the platform and a trailing '/' ('' for '.'): an entry's `given` is this and its name. */
  readonly givenPrefix: string;
  next: number;
}

/** A folder to walk, before it is opened. */
type Folder = Omit<Frame, 'entries' | 'givenPrefix' | 'next'>;

/**
 * The Markdown files under the given paths. Folders are walked (skipping SKIPPED_DIRS and the
 * `exclude` globs) with an explicit stack, so no depth or number of files can overflow the call
 * stack. Links are followed, to files and to folders; each real file is listed once (under a
 * path without links when there is one) and a folder whose real path was walked already is not
 * walked again, so a link back up never loops. Files are taken as they are. A path that cannot
 * be read is reported and the walk goes on. Synchronous: a one-shot CLI run has nothing else to do
 * meanwhile, and a promise per folder and link only adds waiting.
 */
export function findMarkdownFiles(paths: readonly string[], exclude: readonly string[], cwd: string): WalkResult {
  const isExcluded = excludeMatcher(exclude, cwd);
  const errors: { path: string; message: string }[] = [];
  /** Real path → the candidate for it, and whether it was reached through a link. */
  const byReal = new Map<string, { candidate: Candidate; viaLink: boolean }>();
  const walkedDirs = new Set<string>();

  const add = (real: string, candidate: Candidate, viaLink: boolean): void => {
    const known = byReal.get(real);
    if (!known || (known.viaLink && !viaLink)) byReal.set(real, { candidate: known ? { ...candidate, explicit: known.candidate.explicit || candidate.explicit } : candidate, viaLink });
  };

  const open = (frame: Folder): Frame | undefined => {
    try {
      const entries = fs.readdirSync(frame.abs, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const givenPrefix = frame.given === '' ? '' : `${frame.given.split(path.sep).join('/').replace(/\/$/, '')}/`;
      return { ...frame, entries, givenPrefix, next: 0 };
    } catch (error) {
      errors.push({ path: frame.given || '.', message: describe(error) });
      return undefined;
    }
  };

  /**
   * Walks `root`. Folders reached through a link wait until the folders without one are walked,
   * so a plan is listed under its own path and a link to a folder already walked is passed by.
   */
  const walk = (root: Folder): void => {
    const linked: { dir: Folder; viaLink: boolean }[] = [{ dir: root, viaLink: false }];
    for (let k = 0; k < linked.length; k++) {
      const { dir, viaLink } = linked[k];
      if (walkedDirs.has(dir.real)) continue;
      walkedDirs.add(dir.real);
      const first = open(dir);
      const stack: Frame[] = first ? [first] : [];
      while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.next >= frame.entries.length) {
          stack.pop();
          continue;
        }
        const entry = frame.entries[frame.next++];
        let isDir = entry.isDirectory();
        const isLink = entry.isSymbolicLink();
        // Most entries of a source tree are neither folders nor Markdown: passed by before any path is built.
        if (!isDir && !isLink && !MARKDOWN.test(entry.name)) continue;
        const given = frame.givenPrefix + entry.name;
        const fromRoot = frame.fromRoot ? `${frame.fromRoot}/${entry.name}` : entry.name;
        // The folder's paths are normalised already and a name has no separator: joined without path.join's normalising.
        const abs = joinName(frame.abs, entry.name);
        let real = joinName(frame.real, entry.name);
        if (isLink) {
          try {
            real = fs.realpathSync(abs);
            isDir = fs.statSync(real).isDirectory();
          } catch (error) {
            // A dangling link or a loop: worth a word only when it looks like a plan.
            if (MARKDOWN.test(entry.name) && !isExcluded(given, fromRoot)) errors.push({ path: given, message: describe(error) });
            continue;
          }
        }
        if (isDir) {
          if (SKIPPED_DIRS.has(entry.name) || isExcluded(given, fromRoot) || walkedDirs.has(real)) continue;
          if (isLink) {
            linked.push({ dir: { given, abs, real, fromRoot }, viaLink: true });
            continue;
          }
          walkedDirs.add(real);
          const child = open({ given, abs, real, fromRoot });
          if (child) stack.push(child);
        } else if (MARKDOWN.test(entry.name) && !isExcluded(given, fromRoot)) {
          // Not only regular files: a pipe or device named *.md is read by the policy, which says why it is skipped.
          add(real, { path: given, file: abs, explicit: false }, viaLink || isLink);
        }
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat;
    let real;
    try {
      stat = fs.statSync(abs);
      real = fs.realpathSync(abs);
    } catch (error) {
      errors.push({ path: p, message: describe(error) });
      continue;
    }
    if (isExcluded(p, '')) continue;
    // Shown as given, less a leading './' and trailing slashes: `./docs/` lists `docs/…`.
    const given = /^[\\/]+$/.test(p) ? '/' : p.replace(/^(?:\.[\\/]+)+/, '').replace(/[\\/]+$/, '').replace(/^\.$/, '');
    if (stat.isDirectory()) {
      walk({ given, abs, real, fromRoot: '' });
    } else {
      add(real, { path: given, file: abs, explicit: true }, false);
    }
  }
  return { candidates: [...byReal.values()].map((v) => v.candidate), errors };
}

/** `dir` + separator + `name`, for a normalised absolute `dir` and a name without separators (what `path.join` gives for them). */
function joinName(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'a link that loops back on itself';
    default:
      return errorText(error);
  }
}
