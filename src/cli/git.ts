/**
 * The few git reads the CLI needs for drift (`check --since REV`, the post-edit hook): where the
 * repository is, whether a revision exists, and a file's text at a revision. git runs as a child
 * process (never through a shell); its absence or a folder outside any repository are answers,
 * not errors.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { checkAfterRead } from '../core';

/** The output of one git command: stdout on exit 0, else undefined (git missing, not a repository, no such object). */
async function git(args: readonly string[], cwd: string): Promise<Buffer | undefined> {
  // Loaded on first use: child_process (with net and streams) is a third of the CLI's start-up, and only drift needs it.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

export interface GitRepo {
  /** The work tree's top folder, as a real path. */
  readonly root: string;
}

/** The repository `cwd` is in, or undefined when it is in none (or git is not installed). */
export async function findRepo(cwd: string): Promise<GitRepo | undefined> {
  const out = await git(['rev-parse', '--show-toplevel'], cwd);
  const top = out?.toString('utf8').trim();
  if (!top) return undefined;
  return { root: realOr(top, top) };
}

/** The commit `rev` names (a branch, a tag, HEAD~2…), or undefined when it names none. */
export async function resolveCommit(repo: GitRepo, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-')) return undefined; // never an option to git
  const out = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], repo.root);
  return out?.toString('utf8').trim() || undefined;
}

/**
 * A file's text at `commit`, by the read policy plans are read by; undefined when the file is not
 * in that commit (a plan new since then), lies outside the repository, or is not readable text.
 */
export async function fileAtCommit(repo: GitRepo, commit: string, file: string): Promise<string | undefined> {
  const real = realOr(file, path.resolve(file));
  const rel = path.relative(repo.root, real);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return blobText(await git(['cat-file', 'blob', `${commit}:${rel.split(path.sep).join('/')}`], repo.root));
}

/**
 * A file's text in the commit HEAD names, in the repository the file is in, with one git command
 * (the post-edit hook runs after every edit an agent makes); undefined when the file's folder is
 * in no repository, the repository has no commit yet, or the file is not in HEAD or not text.
 */
export async function fileAtHead(file: string): Promise<string | undefined> {
  const real = realOr(file, path.resolve(file));
  // `HEAD:./name` names the path from git's working folder, the file's own.
  return blobText(await git(['cat-file', 'blob', `HEAD:./${path.basename(real)}`], path.dirname(real)));
}

/** A blob git printed, as text by the read policy plans are read by; undefined for none, or one that is not readable text. */
function blobText(out: Buffer | undefined): string | undefined {
  if (!out) return undefined;
  const read = checkAfterRead(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  return 'text' in read ? read.text : undefined;
}

/** The real path of `file`, or `fallback` when it has none (missing, a loop). */
function realOr(file: string, fallback: string): string {
  try {
    return realpathSync(file);
  } catch {
    return fallback;
  }
}
