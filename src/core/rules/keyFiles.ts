/**
 * The key-files rule, pure half: which workspace paths a plan names in its `Key Files`,
 * `Files to Create` and `Files to Modify` lists (list items and code-fence trees). Whether they
 * exist is the adapter's question (the CLI can answer it with the file system, the extension
 * with `workspace.fs`); `keyFileFindings` turns the answers into findings.
 */
import { finding, type Finding } from '../findings';
import { splitLines } from '../text';
import { indentOf } from './outline';

export type KeyFileList = 'Key Files' | 'Files to Create' | 'Files to Modify';

export interface KeyFilePath {
  /** Workspace-relative, `/`-separated, without `./` or a trailing `/`. */
  readonly path: string;
  readonly list: KeyFileList;
  /** Written with a trailing `/`, or with entries under it in a tree. */
  readonly directory: boolean;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** Index (in the returned array) of the tree directory this path was listed under, -1 when none. */
  readonly parent: number;
}

const LISTS: readonly KeyFileList[] = ['Key Files', 'Files to Create', 'Files to Modify'];
/** `**Key Files:**`, `**Files to Create**:`, `### Files to Modify`, `- **Key Files:** …` */
const LABEL = /^\s{0,3}(?:#{1,6}\s+|[-*+]\s+)?(?:\*\*|__)\s*(key files|files to create|files to modify)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:?)\s*(.*)$|^\s{0,3}#{1,6}\s+(key files|files to create|files to modify)\s*:?\s*$/i;
const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/;
const THEMATIC_BREAK = /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^(\s*)(`{3,}|~{3,})/;
const CODE_SPAN = /`([^`\n]+)`/;
const TREE_ENTRY = /^(.*?)(?:├──|└──|├─|└─|\|--|`--)\s*(.*)$/;
/** A path as plans write it: no spaces, no globs or template placeholders, not a URL. */
const PATH_SHAPE = /^(?:\.{1,2}\/|\/)?[\w@.+-]+(?:\/[\w@.+-]+)*\/?$/;

/** The path written in `raw`, normalized, or undefined when it does not look like one. */
export function normalizeKeyPath(raw: string): string | undefined {
  let p = raw.trim().replace(/[,;:]+$/, '');
  if (!PATH_SHAPE.test(p) || /XXXX|YYYY|\.\.\.$/.test(p)) return undefined;
  const hasSlash = p.includes('/');
  if (!hasSlash && !/^\.?[\w@+-]+\.[A-Za-z0-9]{1,10}$/.test(p) && !/^\.[\w-]+$/.test(p)) return undefined;
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '').replace(/\/{2,}/g, '/').replace(/\/$/, '');
  if (!p || p === '.' || /^(?:https?|ftp)$/i.test(p)) return undefined;
  return p;
}

/** Every path named in the plan's key-file lists, in document order. */
export function findKeyFilePaths(text: string): KeyFilePath[] {
  const lines = splitLines(text);
  const found: KeyFilePath[] = [];
  let list: KeyFileList | undefined;
  /** The last list item's path, the base for a tree fence inside that item. */
  let itemPath: { index: number; path: string } | undefined;

  for (let line = 0; line < lines.length; line++) {
    const l = lines[line];
    const label = LABEL.exec(l);
    if (label) {
      const name = (label[1] ?? label[3]).toLowerCase();
      list = LISTS.find((x) => x.toLowerCase() === name);
      itemPath = undefined;
      // Paths on the label line itself: `**Key Files:** `a.ts`, `b.ts``
      const rest = label[2] ?? '';
      const restStart = l.length - rest.length;
      for (const m of rest.matchAll(/`([^`\n]+)`/g)) {
        const p = normalizeKeyPath(m[1]);
        if (p && list) found.push(candidate(p, list, m[1], line, restStart + m.index! + 1, -1));
      }
      continue;
    }
    if (!list) continue;

    const fence = FENCE.exec(l);
    if (fence) {
      const close = findFenceEnd(lines, line, fence[2]);
      const body = lines.slice(line + 1, close);
      if (body.some((b) => /[├└]/.test(b) || /^\s*(?:\|--|`--)/.test(b))) {
        readTree(body, line + 1, list, itemPath, found);
      }
      line = close;
      continue;
    }
    if (!l.trim()) continue;
    if (HEADING.test(l) || THEMATIC_BREAK.test(l)) {
      list = undefined;
      continue;
    }
    const item = LIST_ITEM.exec(l);
    if (item) {
      itemPath = undefined;
      const content = item[2];
      const contentStart = l.length - content.length;
      const span = CODE_SPAN.exec(content);
      let raw: string | undefined;
      let at = -1;
      if (span) {
        raw = span[1];
        at = contentStart + span.index + 1;
      } else {
        const word = /^(?:\*\*|__)?([^\s*_]+)/.exec(content);
        if (word && word[1].includes('/')) {
          raw = word[1];
          at = contentStart + content.indexOf(word[1]);
        }
      }
      const p = raw !== undefined ? normalizeKeyPath(raw) : undefined;
      if (p && raw !== undefined) {
        found.push(candidate(p, list, raw, line, at, -1));
        itemPath = { index: found.length - 1, path: p };
      }
      continue;
    }
    // Indented text belongs to the current list item; text at the margin ends the list.
    if (indentOf(l) === 0) {
      list = undefined;
      itemPath = undefined;
    }
  }
  return found;
}

function candidate(path: string, list: KeyFileList, raw: string, line: number, start: number, parent: number): KeyFilePath {
  const trimmed = raw.trim().replace(/[,;:]+$/, '');
  const lead = raw.indexOf(trimmed);
  return { path, list, directory: trimmed.endsWith('/'), line, start: start + Math.max(lead, 0), end: start + Math.max(lead, 0) + trimmed.length, parent };
}

function findFenceEnd(lines: readonly string[], open: number, marker: string): number {
  const char = marker[0];
  for (let l = open + 1; l < lines.length; l++) {
    const m = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[l]);
    if (m && m[1][0] === char && m[1].length >= marker.length) return l;
  }
  return lines.length - 1;
}

/**
 * Reads a `tree`-style listing:
 * ```
 * services/agent/src/
 * ├── core/
 * │   └── file1.py     # comment
 * ```
 * A root line (a path without tree marks) is the base of the entries after it; without one, the
 * list item's own path is (when the root is a suffix of the item's path, the item's path wins).
 */
function readTree(body: readonly string[], firstLine: number, list: KeyFileList, itemPath: { index: number; path: string } | undefined, found: KeyFilePath[]): void {
  let base: { index: number; path: string } | undefined = itemPath;
  const stack: { column: number; index: number; path: string }[] = [];
  for (let i = 0; i < body.length; i++) {
    const l = body[i];
    const line = firstLine + i;
    const entry = TREE_ENTRY.exec(l);
    if (!entry || /[^\s│|]/.test(entry[1])) {
      // A root line: `services/agent/src/` (maybe with a comment).
      const m = /^(\s*)([^\s#]+)/.exec(l);
      if (!m || /[│├└]/.test(l)) continue;
      const p = normalizeKeyPath(m[2]);
      if (!p) continue;
      stack.length = 0;
      if (itemPath && (itemPath.path === p || itemPath.path.endsWith(`/${p}`))) {
        base = itemPath;
        continue;
      }
      found.push({ path: p, list, directory: true, line, start: m[1].length, end: m[1].length + m[2].length, parent: itemPath?.index ?? -1 });
      base = { index: found.length - 1, path: p };
      continue;
    }
    const column = entry[1].length;
    const nameMatch = /^([^\s#]+)/.exec(entry[2]);
    if (!nameMatch) continue;
    const raw = nameMatch[1];
    if (/^(?:\.\.\.|…)$/.test(raw) || !PATH_SHAPE.test(raw.replace(/[,;:]+$/, ''))) continue;
    while (stack.length && stack[stack.length - 1].column >= column) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : base;
    const joined = parent ? `${parent.path}/${raw}` : raw;
    const p = normalizeKeyPath(joined.replace(/\/{2,}/g, '/'));
    if (!p) continue;
    if (parent && parent === stack[stack.length - 1]) {
      const parentEntry = found[parent.index];
      if (!parentEntry.directory) found[parent.index] = { ...parentEntry, directory: true };
    }
    const start = l.length - entry[2].length;
    found.push({ path: p, list, directory: raw.endsWith('/'), line, start, end: start + raw.length, parent: parent?.index ?? -1 });
    stack.push({ column, index: found.length - 1, path: p });
  }
}

/**
 * Findings for the paths that `missing` says are absent. A path under a directory that is itself
 * missing is not reported again; the directory's finding counts it.
 */
export function keyFileFindings(paths: readonly KeyFilePath[], missing: (path: KeyFilePath) => boolean): Finding[] {
  const absent = paths.map((p) => missing(p));
  const hidden = new Array<number>(paths.length).fill(0);
  const suppressed = paths.map(() => false);
  for (let i = 0; i < paths.length; i++) {
    for (let p = paths[i].parent; p >= 0; p = paths[p].parent) {
      if (absent[p]) {
        suppressed[i] = true;
        if (absent[i]) hidden[topMissing(paths, absent, i)]++;
        break;
      }
    }
  }
  const findings: Finding[] = [];
  for (let i = 0; i < paths.length; i++) {
    if (!absent[i] || suppressed[i]) continue;
    const p = paths[i];
    const shown = `\`${p.path}${p.directory ? '/' : ''}\``;
    const under = hidden[i] > 0 ? ` (nor ${hidden[i]} ${hidden[i] === 1 ? 'path' : 'paths'} listed under it)` : '';
    const message =
      p.list === 'Files to Create'
        ? `${shown}${under} does not exist yet (listed under Files to Create).`
        : `${shown}${under} does not exist in the workspace (listed under ${p.list}).`;
    findings.push(finding('key-file-missing', message, p));
  }
  return findings;
}

function topMissing(paths: readonly KeyFilePath[], absent: readonly boolean[], i: number): number {
  let top = i;
  for (let p = paths[i].parent; p >= 0; p = paths[p].parent) if (absent[p]) top = p;
  return top;
}
