/**
 * Glob patterns as VS Code writes them in settings (`files.exclude`, `planTracker.include`):
 * `*`, `?`, `**` (any number of path segments), `{a,b}` (nested too) and `[abc]` / `[!abc]`.
 * Patterns match a path relative to its workspace folder, with `/` separators.
 *
 * The plan index needs this twice: to turn several exclude settings into the single exclude glob
 * `workspace.findFiles` takes, and to filter file watcher and document events by the same rules
 * the scan used. No `vscode` import, so it is unit-tested in plain mocha.
 */

/** Expansion stops here so that a pathological pattern cannot blow up memory. */
const MAX_EXPANSIONS = 1000;

/**
 * Expands `{a,b}` alternatives (nested ones too) into plain patterns:
 * `**\/*.{md,markdown}` → `**\/*.md`, `**\/*.markdown`. Brackets (`[{]`) are not alternatives.
 */
export function expandBraces(pattern: string): string[] {
  const open = findTopLevelBrace(pattern);
  if (!open) return [pattern];
  const prefix = pattern.slice(0, open.start);
  const suffix = pattern.slice(open.end + 1);
  const out: string[] = [];
  for (const alternative of splitTopLevel(pattern.slice(open.start + 1, open.end))) {
    for (const expanded of expandBraces(prefix + alternative + suffix)) {
      out.push(expanded);
      if (out.length >= MAX_EXPANSIONS) return out;
    }
  }
  return out;
}

function findTopLevelBrace(pattern: string): { start: number; end: number } | undefined {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close > 0) i = close;
    } else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && depth > 0) {
      if (--depth === 0) return { start, end: i };
    }
  }
  return undefined;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

/** Regular-expression source of one brace-free glob, not anchored. */
function braceFreeGlobSource(glob: string): string {
  const segments = glob.split('/').filter((segment) => segment !== '');
  let out = '';
  let needSeparator = false;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      // `a/**` also matches `a` itself; `**/b` also matches `b`; `a/**/b` also matches `a/b`.
      if (last) out += needSeparator ? '(?:/.*)?' : '.*';
      else out += needSeparator ? '(?:/.*)?/' : '(?:.*/)?';
      needSeparator = false;
      return;
    }
    if (needSeparator) out += '/';
    out += segmentSource(segment);
    needSeparator = true;
  });
  return out;
}

function segmentSource(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      let negate = false;
      if (body[0] === '!' || body[0] === '^') {
        negate = true;
        body = body.slice(1);
      }
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else {
      out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}

/** One anchored regular expression for a glob (braces included) or a set of globs. */
export function globToRegExp(globs: string | readonly string[], ignoreCase = false): RegExp {
  const list = typeof globs === 'string' ? [globs] : globs;
  const sources = list.flatMap((glob) => expandBraces(glob.trim())).filter((g) => g !== '').map(braceFreeGlobSource);
  if (sources.length === 0) return /(?!)/;
  return new RegExp(`^(?:${sources.join('|')})$`, ignoreCase ? 'i' : '');
}

/**
 * Several globs as the single glob `workspace.findFiles` takes for its `exclude`: `{a,b,c}`.
 * Each pattern's own braces are expanded first because search engines reject nested
 * alternatives (ripgrep: "nested alternate groups are not allowed"). `null` when there is none,
 * which tells `findFiles` to exclude nothing.
 */
export function combineGlobs(globs: readonly string[]): string | null {
  const flat = [...new Set(globs.flatMap((glob) => expandBraces(glob.trim())).filter((g) => g !== ''))];
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0];
  return `{${flat.join(',')}}`;
}

/**
 * Which files of a workspace folder the index reads: those whose relative path matches
 * `include` and neither the path nor any folder above it matches an exclude (the way
 * `files.exclude` hides `**\/.git` together with everything inside it).
 */
export class PathFilter {
  private readonly includeRe: RegExp;
  private readonly excludeRe: RegExp;
  /**
   * Folder (relative) → whether it or a folder above it is excluded. A scan asks this for every
   * file, and thousands of plans share a few folders: each folder's answer is worked out once.
   */
  private readonly folders = new Map<string, boolean>();

  constructor(include: string | readonly string[], exclude: readonly string[], ignoreCase = false) {
    this.includeRe = globToRegExp(include, ignoreCase);
    this.excludeRe = globToRegExp(exclude, ignoreCase);
  }

  /** `relativePath` uses `/` and has no leading `/`. */
  matches(relativePath: string): boolean {
    return this.includeRe.test(relativePath) && !this.isExcluded(relativePath);
  }

  /** Whether the include globs match the path, whatever the excludes say. */
  includes(relativePath: string): boolean {
    return this.includeRe.test(relativePath);
  }

  /** Whether the path, or a folder above it, is excluded. */
  isExcluded(relativePath: string): boolean {
    const slash = relativePath.lastIndexOf('/');
    return (slash >= 0 && this.folderExcluded(relativePath.slice(0, slash))) || this.excludeRe.test(relativePath);
  }

  private folderExcluded(folder: string): boolean {
    let excluded = this.folders.get(folder);
    if (excluded === undefined) {
      excluded = this.isExcluded(folder);
      if (this.folders.size >= MAX_FOLDERS_KNOWN) this.folders.clear();
      this.folders.set(folder, excluded);
    }
    return excluded;
  }
}

/** How many folders' answers a `PathFilter` keeps: a walk of a large monorepo starts over, not grows. */
const MAX_FOLDERS_KNOWN = 4096;
