import type { TextEdit, TextPosition } from './types';

const LINE_BREAK = /\r\n|\r|\n/;

/** The line ending a document uses: that of its first line break, `\n` when it has none. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Lines without their line breaks. `\r\n`, `\r` and `\n` all end a line, as in VS Code. */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The text of one line (without its break), or undefined past the end. */
export function lineAt(text: string, starts: ArrayLike<number>, line: number): string | undefined {
  if (line < 0 || line >= starts.length) return undefined;
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(starts[line], end);
}

function offsetAt(text: string, starts: readonly number[], pos: TextPosition): number {
  if (pos.line >= starts.length) return text.length;
  const lineText = lineAt(text, starts, pos.line) ?? '';
  return starts[pos.line] + Math.min(Math.max(0, pos.character), lineText.length);
}

/**
 * Applies non-overlapping edits to a text (what VS Code does with a WorkspaceEdit);
 * used by the CLI and by tests.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const starts = lineStarts(text);
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, starts, e.range.start), end: offsetAt(text, starts, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of resolved) {
    if (e.end > lastStart) throw new Error('applyEdits: overlapping edits');
    result = result.slice(0, e.start) + e.newText + result.slice(e.end);
    lastStart = e.start;
  }
  return result;
}

/**
 * Returns a flat copy of `s` that does not keep a larger string alive. V8 represents substrings as
 * slices of their parent, so a task text cut out of a 12 KB document would retain the whole
 * document; the model must not (its memory budget is per plan, not per source). A JSON round trip
 * allocates a fresh sequential string, without the 32-byte slice header a concatenation leaves.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** `detach` of many strings in one round trip (a pair of native calls in all, not a pair each). */
export function detachAll(strings: readonly string[]): string[] {
  return strings.length === 0 ? [] : (JSON.parse(JSON.stringify(strings)) as string[]);
}

/**
 * Inline Markdown as plain text: code spans keep their content as written (`upgrade_phase1_results`),
 * emphasis and strike-through marks go, and an underscore inside a word stays.
 */
/** The last segment of a `/`-separated path or URI path: `docs/plans/auth.md` → `auth.md`. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Task or heading text as a label: link text without its target, emphasis and code ticks left
 * out, white space collapsed. What the tree, the quick picks and the quick-fix titles show.
 */
export function labelText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function plainText(s: string): string {
  if (!hasInlineMarks(s)) return s.trim(); // most headings and labels: nothing to strip
  let out = '';
  let last = 0;
  const code = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  for (let m = code.exec(s); m; m = code.exec(s)) {
    out += stripEmphasis(s.slice(last, m.index)) + m[2].trim();
    last = m.index + m[0].length;
  }
  return (out + stripEmphasis(s.slice(last))).trim();
}

/** Whether `s` holds a backtick, `*`, `~` or `_`: the characters plainText removes or reads. */
function hasInlineMarks(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 96 || c === 42 || c === 126 || c === 95) return true;
  }
  return false;
}

function stripEmphasis(s: string): string {
  return s.replace(/[*~]+/g, '').replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '');
}

/** Lower-case words of a heading or label, without numbering, emoji, Markdown or punctuation. */
export function normalizeName(s: string): string {
  const ascii = normalizeAsciiName(s);
  if (ascii !== undefined) return ascii;
  return s
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/^[\s\d.]+(?=[a-z])/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const isDroppedMark = (c: number): boolean => c === 42 || c === 95 || c === 96 || c === 126; // * _ ` ~
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isAsciiWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** normalizeName of an all-ASCII string, in one pass without regular expressions; undefined for any other string. */
function normalizeAsciiName(s: string): string | undefined {
  const n = s.length;
  // A leading run of spaces, digits and dots (numbering) goes when a letter follows it.
  let j = 0;
  let numbering = false;
  for (; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c >= 128) return undefined;
    if (isDroppedMark(c)) continue;
    if (isAsciiSpace(c) || (c >= 48 && c <= 57) || c === 46) numbering = true;
    else break;
  }
  const next = j < n ? s.charCodeAt(j) | 32 : 0;
  // Words are copied a run at a time (a run ends at any other character; a dropped mark joins two).
  const lower = s.toLowerCase();
  let out = '';
  let gap = false;
  let run = -1;
  for (let i = numbering && next >= 97 && next <= 122 ? j : 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    if (c >= 128) return undefined;
    if (isAsciiWordChar(c)) {
      if (run < 0) {
        if (gap && out.length > 0) out += ' ';
        gap = false;
        run = i;
      }
      continue;
    }
    if (run >= 0) {
      out += lower.slice(run, i);
      run = -1;
    }
    if (!isDroppedMark(c)) gap = true;
  }
  return out;
}

const FNV_PRIME = 0x01000193;

/**
 * A 32-bit hash of a whole text's UTF-16 code units, to tell "same text as last time" without
 * keeping the text (the plan index hashes every file it reads). FNV-1a in four lanes, each taking
 * every fourth code unit, folded together with the length at the end: one lane's chain of
 * multiplies is the loop's whole cost, and four independent chains run about twice as fast.
 * Like FNV-1a, a change to any one code unit always changes the hash (each step is a bijection of
 * the lane's state, and so is the fold in each lane).
 */
export function hashText(text: string): number {
  const n = text.length;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x1b873593;
  let d = 0x6b43a9b5;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    a = Math.imul(a ^ text.charCodeAt(i), FNV_PRIME);
    b = Math.imul(b ^ text.charCodeAt(i + 1), FNV_PRIME);
    c = Math.imul(c ^ text.charCodeAt(i + 2), FNV_PRIME);
    d = Math.imul(d ^ text.charCodeAt(i + 3), FNV_PRIME);
  }
  for (; i < n; i++) a = Math.imul(a ^ text.charCodeAt(i), FNV_PRIME);
  let h = Math.imul(a ^ b, FNV_PRIME);
  h = Math.imul(h ^ c, FNV_PRIME);
  h = Math.imul(h ^ d, FNV_PRIME);
  return Math.imul(h ^ n, FNV_PRIME) >>> 0;
}

/**
 * 32-bit FNV-1a of the UTF-16 code units: tells "same text as last time" without keeping the text.
 * `seed`: the hash so far, to go on from (the hash of a text is that of its parts, chained).
 */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}
