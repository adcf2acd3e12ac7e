import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Folders never worth walking into. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.next', '.nuxt',
  'target', '.venv', 'venv', '__pycache__', '.vscode-test', '.cache', '.turbo', 'bower_components',
]);

const MARKDOWN = /\.(md|markdown)$/i;

export interface Candidate {
  /** Absolute path. */
  readonly file: string;
  /** Whether the user named this file itself (then a non-plan is worth a word). */
  readonly explicit: boolean;
}

export interface WalkResult {
  readonly candidates: Candidate[];
  readonly errors: { path: string; message: string }[];
}

/**
 * The Markdown files under the given paths: folders are walked (skipping SKIPPED_DIRS and the
 * `exclude` globs, matched against the path relative to the current folder), files are taken as
 * they are. A path that cannot be read is reported and the walk goes on.
 */
export async function findMarkdownFiles(paths: readonly string[], exclude: readonly string[], cwd: string): Promise<WalkResult> {
  const isExcluded = exclude.length ? picomatch(exclude as string[], { dot: true }) : () => false;
  const rel = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/');
  const candidates: Candidate[] = [];
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();

  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ path: rel(dir) || '.', message: describe(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || isExcluded(rel(abs)) || isExcluded(`${rel(abs)}/`)) continue;
        await walk(abs);
      } else if (entry.isFile() && MARKDOWN.test(entry.name) && !isExcluded(rel(abs)) && !seen.has(abs)) {
        seen.add(abs);
        candidates.push({ file: abs, explicit: false });
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (error) {
      errors.push({ path: p, message: describe(error) });
      continue;
    }
    if (stat.isDirectory()) await walk(abs);
    else if (!seen.has(abs)) {
      seen.add(abs);
      candidates.push({ file: abs, explicit: true });
    }
  }
  return { candidates, errors };
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
      return error instanceof Error ? error.message : String(error);
  }
}
