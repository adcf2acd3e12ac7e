/**
 * The block scan: turns a document into a flat outline (headings, list items with the text they
 * start with, pipe tables, code and HTML regions) for the model.
 *
 * A line scanner: the block structure of CommonMark + GFM tables exactly as markdown-it's block
 * rules see it (the preview's parser; `html: true`, nesting capped at 100), without tokens, inline
 * parsing or a normalised copy of the text. Per-line facts live in typed arrays reused from one
 * scan to the next; the scan works on character codes and allocates only what it returns.
 * scanMarkdownIt.ts holds markdown-it's own outline: the oracle the agreement tests compare with.
 */

export interface OutlineHeading {
  readonly kind: 'heading';
  readonly level: number;
  readonly line: number;
  readonly text: string;
}

export interface OutlineItem {
  readonly kind: 'item';
  /** Line of the item's first paragraph (where a task mark would be). */
  readonly line: number;
  /** Number of enclosing list items. */
  readonly depth: number;
  /** Index in `Outline.blocks` of the enclosing item, -1 at top level. */
  readonly parent: number;
  /** Raw inline text of the item's first paragraph; undefined when the item does not start with one. */
  readonly content: string | undefined;
}

/** A pipe table: its header cells and body rows, cells as raw inline text. */
export interface OutlineTable {
  readonly kind: 'table';
  readonly line: number;
  readonly header: readonly string[];
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

export interface Outline {
  readonly blocks: readonly (OutlineHeading | OutlineItem | OutlineTable)[];
  /** Line ranges `[start, end)` of fenced and indented code and HTML blocks, in order. */
  readonly opaque: readonly (readonly [number, number])[];
}


/**
 * The outline of `text`. Lines before `fromLine` count as blank (front matter the caller has read);
 * line numbers stay those of `text`. `starts`: `lineStarts(text)` where the caller has it (the
 * scan then finds where each line ends there, not by searching the text). Never throws.
 */
export function scanBlocks(text: string, fromLine = 0, starts?: ArrayLike<number>): Outline {
  const blocks: Block[] = [];
  const opaque: [number, number][] = [];
  if (typeof text !== 'string' || text.length === 0) return { blocks, opaque };
  // markdown-it reads NUL as U+FFFD; same length, so offsets stay.
  src = text.indexOf('\0') < 0 ? text : text.replace(/\0/g, '\uFFFD');
  out = blocks;
  regions = opaque;
  try {
    setup(fromLine, starts);
    tokenize(0, lineMax);
  } finally {
    src = '';
    out = [];
    regions = [];
    itemStack.length = 0;
  }
  return { blocks, opaque };
}

type Block = OutlineHeading | OutlineItem | OutlineTable;
interface MutableItem {
  kind: 'item';
  line: number;
  depth: number;
  parent: number;
  content: string | undefined;
}

const MAX_NESTING = 100;
/** markdown-it's `state.parentType`, as far as the rules look at it. */
const enum Parent {
  Root,
  List,
  Blockquote,
  Paragraph,
  Reference,
  Table,
}

// The scan state: markdown-it's StateBlock, as module variables (a scan runs to its end before
// the next starts). Per line: begin offset, end offset (at the line break), width of the leading
// whitespace in characters, its indent in columns, and the column the line's content was cut at.
let bMarks = new Int32Array(1024);
let eMarks = new Int32Array(1024);
let tShift = new Int32Array(1024);
let sCount = new Int32Array(1024);
let bsCount = new Int32Array(1024);
let src = '';
let lineMax = 0;
let blkIndent = 0;
let listIndent = -1;
let parent = Parent.Root;
let level = 0;
/** `state.line`: where the last rule stopped. */
let cur = 0;
let out: Block[] = [];
let regions: [number, number][] = [];
/** The item whose first child block is still to come (its content is that block's, if a paragraph). */
let pendingItem = -1;
const itemStack: number[] = [];

/** Makes room for `lines` lines, keeping the facts of the lines already measured. */
function grow(lines: number): void {
  if (lines <= bMarks.length) return;
  let size = bMarks.length;
  while (size < lines) size *= 2;
  const larger = (old: Int32Array) => {
    const copy = new Int32Array(size);
    copy.set(old);
    return copy;
  };
  bMarks = larger(bMarks);
  eMarks = larger(eMarks);
  tShift = larger(tShift);
  sCount = larger(sCount);
  bsCount = larger(bsCount);
}

/** Splits the text into lines (`\n`, `\r\n` and `\r` all end one) and measures their indentation. */
function setup(fromLine: number, starts: ArrayLike<number> | undefined): void {
  const s = src;
  const len = s.length;
  const hasCr = s.indexOf('\r') >= 0;
  let n = 0;
  let pos = 0;
  while (pos < len) {
    if (n + 2 > bMarks.length) grow(n + 2);
    const start = pos;
    let indent = 0;
    let offset = 0;
    for (; pos < len; pos++) {
      const c = s.charCodeAt(pos);
      if (c === 32) offset++;
      else if (c === 9) offset += 4 - (offset % 4);
      else break;
      indent++;
    }
    // markdown-it drops a last line of only spaces with no line break after it.
    if (pos >= len) break;
    let end: number;
    if (hasCr) {
      end = pos;
      while (end < len) {
        const c = s.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
    } else if (starts) {
      end = n + 1 < starts.length ? starts[n + 1] - 1 : len;
    } else {
      end = s.indexOf('\n', pos);
      if (end < 0) end = len;
    }
    if (n < fromLine) {
      bMarks[n] = end;
      tShift[n] = 0;
      sCount[n] = 0;
    } else {
      bMarks[n] = start;
      tShift[n] = indent;
      sCount[n] = offset;
    }
    eMarks[n] = end;
    bsCount[n] = 0;
    n++;
    pos = end + 1;
    if (hasCr && s.charCodeAt(end) === 13 && s.charCodeAt(pos) === 10) pos++;
  }
  if (n + 1 > bMarks.length) grow(n + 1);
  bMarks[n] = len;
  eMarks[n] = len;
  tShift[n] = 0;
  sCount[n] = 0;
  bsCount[n] = 0;
  lineMax = n;
  blkIndent = 0;
  listIndent = -1;
  parent = Parent.Root;
  level = 0;
  cur = 0;
  pendingItem = -1;
  itemStack.length = 0;
}

const isSpace = (c: number): boolean => c === 32 || c === 9;
const isEmpty = (line: number): boolean => bMarks[line] + tShift[line] >= eMarks[line];
const firstChar = (line: number): number => src.charCodeAt(bMarks[line] + tShift[line]);

function skipEmptyLines(from: number): number {
  while (from < lineMax && bMarks[from] + tShift[from] >= eMarks[from]) from++;
  return from;
}

function skipSpaces(pos: number): number {
  const len = src.length;
  while (pos < len && isSpace(src.charCodeAt(pos))) pos++;
  return pos;
}

function skipChars(pos: number, code: number): number {
  const len = src.length;
  while (pos < len && src.charCodeAt(pos) === code) pos++;
  return pos;
}

/** The text of lines `[begin, end)` with `indent` columns cut from each, as markdown-it joins them. */
function getLines(begin: number, end: number, indent: number): string {
  let text = '';
  for (let line = begin; line < end; line++) {
    const lineStart = bMarks[line];
    let first = lineStart;
    const last = eMarks[line];
    let lineIndent = 0;
    while (first < last && lineIndent < indent) {
      const c = src.charCodeAt(first);
      if (c === 9) lineIndent += 4 - ((lineIndent + bsCount[line]) % 4);
      else if (c === 32 || first - lineStart < tShift[line]) lineIndent++;
      else break;
      first++;
    }
    const piece = lineIndent > indent ? ' '.repeat(lineIndent - indent) + src.slice(first, last) : src.slice(first, last);
    text = line + 1 < end ? `${text}${piece}\n` : text + piece;
  }
  return text;
}

const isAsciiTrimmable = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

function asciiTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isAsciiTrimmable(s.charCodeAt(start))) start++;
  while (end > start && isAsciiTrimmable(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** A block other than a paragraph opens: the pending item does not start with a paragraph. */
function opened(): void {
  pendingItem = -1;
}

function tokenize(startLine: number, endLine: number): void {
  let line = startLine;
  while (line < endLine) {
    line = skipEmptyLines(line);
    cur = line;
    if (line >= endLine) break;
    if (sCount[line] < blkIndent) break;
    if (level >= MAX_NESTING) {
      cur = endLine;
      break;
    }
    if (
      !table(line, endLine, false) &&
      !code(line, endLine) &&
      !fence(line, endLine, false) &&
      !blockquote(line, endLine, false) &&
      !hr(line, false) &&
      !list(line, endLine, false) &&
      !reference(line) &&
      !htmlBlock(line, endLine, false) &&
      !heading(line, false)
    ) {
      paragraphOrSetextHeading(line, endLine);
    }
    line = cur;
    if (line < endLine && isEmpty(line)) {
      line++;
      cur = line;
    }
  }
}

/** Rules that may end a paragraph (or a reference definition), tried silently at `line`. */
function interruptsParagraph(line: number, endLine: number): boolean {
  return table(line, endLine, true) || interrupts(line, endLine, true);
}

/**
 * Rules that may end a block quote's lazy lines or a table (`full`), or a list (not `full`:
 * fences, block quotes and thematic breaks only).
 */
function interrupts(line: number, endLine: number, full: boolean): boolean {
  switch (firstChar(line)) {
    case 96: // `
    case 126: // ~
      return fence(line, endLine, true);
    case 62: // >
      return blockquote(line, endLine, true);
    case 95: // _
      return hr(line, true);
    case 42: // *
    case 45: // -
      return hr(line, true) || (full && list(line, endLine, true));
    case 60: // <
      return full && htmlBlock(line, endLine, true);
    case 35: // #
      return full && heading(line, true);
    default:
      return full && list(line, endLine, true);
  }
}

/** A code or HTML block: lines `[start, end)`, opaque to the model. */
function region(start: number, end: number): true {
  cur = end;
  opened();
  regions.push([start, end]);
  return true;
}

function code(startLine: number, endLine: number): boolean {
  if (sCount[startLine] - blkIndent < 4) return false;
  let next = startLine + 1;
  let last = next;
  while (next < endLine) {
    if (isEmpty(next)) {
      next++;
      continue;
    }
    if (sCount[next] - blkIndent >= 4) {
      next++;
      last = next;
      continue;
    }
    break;
  }
  return region(startLine, last);
}

function fence(startLine: number, endLine: number, silent: boolean): boolean {
  let pos = bMarks[startLine] + tShift[startLine];
  let max = eMarks[startLine];
  if (sCount[startLine] - blkIndent >= 4) return false;
  if (pos + 3 > max) return false;
  const marker = src.charCodeAt(pos);
  if (marker !== 126 && marker !== 96) return false;
  let mem = pos;
  pos = skipChars(pos, marker);
  const len = pos - mem;
  if (len < 3) return false;
  if (marker === 96) {
    const tick = src.indexOf('`', pos);
    if (tick >= 0 && tick < max) return false;
  }
  if (silent) return true;
  let next = startLine;
  let closed = false;
  for (;;) {
    next++;
    if (next >= endLine) break;
    pos = mem = bMarks[next] + tShift[next];
    max = eMarks[next];
    if (pos < max && sCount[next] < blkIndent) break;
    if (src.charCodeAt(pos) !== marker) continue;
    if (sCount[next] - blkIndent >= 4) continue;
    pos = skipChars(pos, marker);
    if (pos - mem < len) continue;
    pos = skipSpaces(pos);
    if (pos < max) continue;
    closed = true;
    break;
  }
  return region(startLine, next + (closed ? 1 : 0));
}

function blockquote(startLine: number, endLine: number, silent: boolean): boolean {
  let pos = bMarks[startLine] + tShift[startLine];
  let max = eMarks[startLine];
  if (sCount[startLine] - blkIndent >= 4) return false;
  if (src.charCodeAt(pos) !== 62) return false;
  if (silent) return true;
  const oldLineMax = lineMax;
  // The lines' facts before the quote cut its markers off; put back when it ends.
  const saved: number[] = [];
  const oldParent = parent;
  parent = Parent.Blockquote;
  let lastLineEmpty = false;
  let next: number;
  for (next = startLine; next < endLine; next++) {
    const outdented = sCount[next] < blkIndent;
    pos = bMarks[next] + tShift[next];
    max = eMarks[next];
    if (pos >= max) break;
    if (src.charCodeAt(pos++) === 62 && !outdented) {
      let initial = sCount[next] + 1;
      let spaceAfterMarker = false;
      let adjustTab = false;
      const after = src.charCodeAt(pos);
      if (after === 32) {
        pos++;
        initial++;
        spaceAfterMarker = true;
      } else if (after === 9) {
        spaceAfterMarker = true;
        if ((bsCount[next] + initial) % 4 === 3) {
          pos++;
          initial++;
        } else {
          adjustTab = true;
        }
      }
      let offset = initial;
      saved.push(bMarks[next], tShift[next], sCount[next], bsCount[next]);
      bMarks[next] = pos;
      while (pos < max) {
        const c = src.charCodeAt(pos);
        if (c === 9) offset += 4 - ((offset + bsCount[next] + (adjustTab ? 1 : 0)) % 4);
        else if (c === 32) offset++;
        else break;
        pos++;
      }
      lastLineEmpty = pos >= max;
      bsCount[next] = sCount[next] + 1 + (spaceAfterMarker ? 1 : 0);
      sCount[next] = offset - initial;
      tShift[next] = pos - bMarks[next];
      continue;
    }
    if (lastLineEmpty) break;
    if (interrupts(next, endLine, true)) {
      lineMax = next;
      if (blkIndent !== 0) {
        saved.push(bMarks[next], tShift[next], sCount[next], bsCount[next]);
        sCount[next] -= blkIndent;
      }
      break;
    }
    saved.push(bMarks[next], tShift[next], sCount[next], bsCount[next]);
    sCount[next] = -1; // a lazy continuation line
  }
  const oldIndent = blkIndent;
  blkIndent = 0;
  opened();
  level++;
  tokenize(startLine, next);
  level--;
  lineMax = oldLineMax;
  parent = oldParent;
  for (let i = 0, line = startLine; i < saved.length; i += 4, line++) {
    bMarks[line] = saved[i];
    tShift[line] = saved[i + 1];
    sCount[line] = saved[i + 2];
    bsCount[line] = saved[i + 3];
  }
  blkIndent = oldIndent;
  return true;
}

function hr(line: number, silent: boolean): boolean {
  const max = eMarks[line];
  if (sCount[line] - blkIndent >= 4) return false;
  let pos = bMarks[line] + tShift[line];
  const marker = src.charCodeAt(pos++);
  if (marker !== 42 && marker !== 45 && marker !== 95) return false;
  let count = 1;
  while (pos < max) {
    const c = src.charCodeAt(pos++);
    if (c !== marker && !isSpace(c)) return false;
    if (c === marker) count++;
  }
  if (count < 3) return false;
  if (silent) return true;
  cur = line + 1;
  opened();
  return true;
}

/** Position after a `-`, `+` or `*` list marker, -1 when the line has none. */
function bulletMarkerEnd(line: number): number {
  const max = eMarks[line];
  let pos = bMarks[line] + tShift[line];
  const marker = src.charCodeAt(pos++);
  if (marker !== 42 && marker !== 45 && marker !== 43) return -1;
  if (pos < max && !isSpace(src.charCodeAt(pos))) return -1;
  return pos;
}

/** Position after a `1.` or `1)` list marker (at most 9 digits), -1 when the line has none. */
function orderedMarkerEnd(line: number): number {
  const start = bMarks[line] + tShift[line];
  const max = eMarks[line];
  let pos = start;
  if (pos + 1 >= max) return -1;
  let c = src.charCodeAt(pos++);
  if (c < 48 || c > 57) return -1;
  for (;;) {
    if (pos >= max) return -1;
    c = src.charCodeAt(pos++);
    if (c >= 48 && c <= 57) {
      if (pos - start >= 10) return -1;
      continue;
    }
    if (c === 41 || c === 46) break;
    return -1;
  }
  if (pos < max && !isSpace(src.charCodeAt(pos))) return -1;
  return pos;
}

function list(startLine: number, endLine: number, silent: boolean): boolean {
  let next = startLine;
  if (sCount[next] - blkIndent >= 4) return false;
  // A list item indented 4+ columns past its parent's list is code, not a nested list.
  if (listIndent >= 0 && sCount[next] - listIndent >= 4 && sCount[next] < blkIndent) return false;
  const terminatingParagraph = silent && parent === Parent.Paragraph && sCount[next] >= blkIndent;
  let posAfterMarker = orderedMarkerEnd(next);
  const ordered = posAfterMarker >= 0;
  if (ordered) {
    if (terminatingParagraph) {
      // Only a list starting at 1 interrupts a paragraph.
      let value = 0;
      for (let p = bMarks[next] + tShift[next]; p < posAfterMarker - 1; p++) value = value * 10 + src.charCodeAt(p) - 48;
      if (value !== 1) return false;
    }
  } else {
    posAfterMarker = bulletMarkerEnd(next);
    if (posAfterMarker < 0) return false;
  }
  if (terminatingParagraph && skipSpaces(posAfterMarker) >= eMarks[next]) return false;
  if (silent) return true;

  const markerChar = src.charCodeAt(posAfterMarker - 1);
  const oldParent = parent;
  parent = Parent.List;
  opened();
  level++;
  while (next < endLine) {
    let pos = posAfterMarker;
    const max = eMarks[next];
    const initial = sCount[next] + posAfterMarker - (bMarks[next] + tShift[next]);
    let offset = initial;
    while (pos < max) {
      const c = src.charCodeAt(pos);
      if (c === 9) offset += 4 - ((offset + bsCount[next]) % 4);
      else if (c === 32) offset++;
      else break;
      pos++;
    }
    const contentStart = pos;
    let indentAfterMarker = contentStart >= max ? 1 : offset - initial;
    if (indentAfterMarker > 4) indentAfterMarker = 1;
    const indent = initial + indentAfterMarker;

    const item: MutableItem = {
      kind: 'item',
      line: next,
      depth: itemStack.length,
      parent: itemStack.length ? itemStack[itemStack.length - 1] : -1,
      content: undefined,
    };
    out.push(item);
    itemStack.push(out.length - 1);
    pendingItem = out.length - 1;

    const oldTShift = tShift[next];
    const oldSCount = sCount[next];
    const oldListIndent = listIndent;
    listIndent = blkIndent;
    blkIndent = indent;
    tShift[next] = contentStart - bMarks[next];
    sCount[next] = offset;
    level++;
    if (contentStart >= max && isEmpty(next + 1)) cur = Math.min(cur + 2, endLine);
    else tokenize(next, endLine);
    level--;
    blkIndent = listIndent;
    listIndent = oldListIndent;
    tShift[next] = oldTShift;
    sCount[next] = oldSCount;
    itemStack.pop();
    pendingItem = -1;

    next = cur;
    if (next >= endLine) break;
    if (sCount[next] < blkIndent) break;
    if (sCount[next] - blkIndent >= 4) break;
    if (interrupts(next, endLine, false)) break;
    posAfterMarker = ordered ? orderedMarkerEnd(next) : bulletMarkerEnd(next);
    if (posAfterMarker < 0) break;
    if (markerChar !== src.charCodeAt(posAfterMarker - 1)) break;
  }
  level--;
  cur = next;
  parent = oldParent;
  return true;
}

function heading(line: number, silent: boolean): boolean {
  let pos = bMarks[line] + tShift[line];
  let max = eMarks[line];
  if (sCount[line] - blkIndent >= 4) return false;
  let c = src.charCodeAt(pos);
  if (c !== 35 || pos >= max) return false;
  let depth = 1;
  c = src.charCodeAt(++pos);
  while (c === 35 && pos < max && depth <= 6) {
    depth++;
    c = src.charCodeAt(++pos);
  }
  if (depth > 6 || (pos < max && !isSpace(c))) return false;
  if (silent) return true;
  // Trailing spaces, then a closing run of `#` when a space precedes it.
  while (max > pos && isSpace(src.charCodeAt(max - 1))) max--;
  let hashes = max;
  while (hashes > pos && src.charCodeAt(hashes - 1) === 35) hashes--;
  if (hashes > pos && isSpace(src.charCodeAt(hashes - 1))) max = hashes;
  cur = line + 1;
  opened();
  out.push({ kind: 'heading', level: depth, line, text: asciiTrim(src.slice(pos, max)) });
  return true;
}

/**
 * A paragraph, or a setext heading when an `===`/`---` underline comes before the paragraph ends
 * (markdown-it's lheading and paragraph rules, which stop at the same lines, in one pass).
 */
function paragraphOrSetextHeading(startLine: number, endLine: number): void {
  const oldParent = parent;
  parent = Parent.Paragraph;
  let depth = 0;
  let next = startLine + 1;
  for (; next < endLine && !isEmpty(next); next++) {
    const indent = sCount[next];
    if (indent - blkIndent > 3) continue;
    if (indent >= blkIndent) {
      let pos = bMarks[next] + tShift[next];
      const max = eMarks[next];
      const marker = src.charCodeAt(pos);
      if (pos < max && (marker === 45 || marker === 61)) {
        pos = skipSpaces(skipChars(pos, marker));
        if (pos >= max) {
          depth = marker === 61 ? 1 : 2;
          break;
        }
      }
    }
    if (indent < 0) continue;
    if (interruptsParagraph(next, endLine)) break;
  }
  parent = oldParent;
  if (sCount[startLine] - blkIndent < 4 && depth > 0) {
    cur = next + 1;
    opened();
    out.push({ kind: 'heading', level: depth, line: startLine, text: asciiTrim(getLines(startLine, next, blkIndent)) });
    return;
  }
  cur = next;
  if (pendingItem >= 0) {
    const item = out[pendingItem] as MutableItem;
    item.line = startLine;
    item.content = asciiTrim(getLines(startLine, next, blkIndent));
    pendingItem = -1;
  }
}

const MAX_AUTOCOMPLETED_CELLS = 0x10000;

/**
 * Cells of a table row (already trimmed): split at `|` not preceded by a backslash; `\|` stands
 * for `|`. A leading and a trailing empty cell (the outer pipes) are dropped.
 */
function splitRow(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  let lastPos = 0;
  let escaped = false;
  for (let pos = 0; pos < row.length; pos++) {
    const c = row.charCodeAt(pos);
    if (c === 124) {
      if (!escaped) {
        cells.push(current + row.substring(lastPos, pos));
        current = '';
        lastPos = pos + 1;
      } else {
        current += row.substring(lastPos, pos - 1);
        lastPos = pos;
      }
    }
    escaped = c === 92;
  }
  cells.push(current + row.substring(lastPos));
  if (cells.length && cells[0] === '') cells.shift();
  if (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Columns of a delimiter row (`| --- | :-: |`), -1 when a cell is not `:?-+:?`. */
function delimiterColumns(line: number): number {
  const start = bMarks[line] + tShift[line];
  const max = eMarks[line];
  let columns = 0;
  let segment = 0;
  let from = start;
  for (let pos = start; pos <= max; pos++) {
    if (pos < max && src.charCodeAt(pos) !== 124) continue;
    // The cell [from, pos), trimmed.
    let a = from;
    let b = pos;
    while (a < b && isSpace(src.charCodeAt(a))) a++;
    while (b > a && isSpace(src.charCodeAt(b - 1))) b--;
    const last = pos >= max;
    if (a === b) {
      if (segment !== 0 && !last) return -1;
    } else {
      if (src.charCodeAt(a) === 58) a++;
      if (b > a && src.charCodeAt(b - 1) === 58) b--;
      if (a === b) return -1;
      for (let p = a; p < b; p++) if (src.charCodeAt(p) !== 45) return -1;
      columns++;
    }
    segment++;
    from = pos + 1;
  }
  return columns;
}

function table(startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine + 2 > endLine) return false;
  let next = startLine + 1;
  if (sCount[next] < blkIndent) return false;
  if (sCount[next] - blkIndent >= 4) return false;
  let pos = bMarks[next] + tShift[next];
  const max = eMarks[next];
  if (pos >= max) return false;
  const first = src.charCodeAt(pos++);
  if (first !== 124 && first !== 45 && first !== 58) return false;
  if (pos >= max) return false;
  const second = src.charCodeAt(pos++);
  if (second !== 124 && second !== 45 && second !== 58 && !isSpace(second)) return false;
  if (first === 45 && isSpace(second)) return false;
  for (; pos < max; pos++) {
    const c = src.charCodeAt(pos);
    if (c !== 124 && c !== 45 && c !== 58 && !isSpace(c)) return false;
  }
  const aligns = delimiterColumns(next);
  if (aligns < 0) return false;
  const headerText = src.slice(bMarks[startLine] + tShift[startLine], eMarks[startLine]).trim();
  if (headerText.indexOf('|') < 0) return false;
  if (sCount[startLine] - blkIndent >= 4) return false;
  const header = splitRow(headerText);
  const columnCount = header.length;
  if (columnCount === 0 || columnCount !== aligns) return false;
  if (silent) return true;

  const oldParent = parent;
  parent = Parent.Table;
  opened();
  const rows: { line: number; cells: string[] }[] = [];
  out.push({ kind: 'table', line: startLine, header: header.map((h) => h.trim()), rows });
  let autocompleted = 0;
  for (next = startLine + 2; next < endLine; next++) {
    if (sCount[next] < blkIndent) break;
    if (interrupts(next, endLine, true)) break;
    const rowText = src.slice(bMarks[next] + tShift[next], eMarks[next]).trim();
    if (!rowText) break;
    if (sCount[next] - blkIndent >= 4) break;
    const columns = splitRow(rowText);
    autocompleted += columnCount - columns.length;
    if (autocompleted > MAX_AUTOCOMPLETED_CELLS) break;
    const cells: string[] = new Array<string>(columnCount);
    for (let i = 0; i < columnCount; i++) cells[i] = columns[i] ? columns[i].trim() : '';
    rows.push({ line: next, cells });
  }
  cur = next;
  parent = oldParent;
  return true;
}

// HTML blocks (CommonMark's seven kinds, as markdown-it tells them). Only tried on lines that
// start with `<`.
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const ATTRIBUTE = `(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*"))?)`;
const HTML_KINDS: readonly (readonly [RegExp, RegExp | undefined, boolean])[] = [
  [/^<(?:script|pre|style|textarea)(?=\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i, true],
  [/^<!--/, /-->/, true],
  [/^<\?/, /\?>/, true],
  [/^<![A-Za-z]/, />/, true],
  [/^<!\[CDATA\[/, /\]\]>/, true],
  [new RegExp(`^</?(?:${BLOCK_TAGS})(?=\\s|/?>|$)`, 'i'), undefined, true],
  // A lone open or close tag; it cannot interrupt a paragraph. (undefined: ends at a blank line.)
  [new RegExp(`^(?:<[A-Za-z][A-Za-z0-9-]*${ATTRIBUTE}*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)\\s*$`), undefined, false],
];

function htmlBlock(startLine: number, endLine: number, silent: boolean): boolean {
  const pos = bMarks[startLine] + tShift[startLine];
  if (sCount[startLine] - blkIndent >= 4) return false;
  if (src.charCodeAt(pos) !== 60) return false;
  const firstLine = src.slice(pos, eMarks[startLine]);
  const kind = HTML_KINDS.find(([open]) => open.test(firstLine));
  if (!kind) return false;
  if (silent) return kind[2];
  const close = kind[1];
  let next = startLine + 1;
  if (!close || !close.test(firstLine)) {
    for (; next < endLine; next++) {
      if (sCount[next] < blkIndent && (!close || !isEmpty(next))) break;
      const empty = isEmpty(next);
      if (close ? close.test(src.slice(bMarks[next] + tShift[next], eMarks[next])) : empty) {
        if (!empty) next++;
        break;
      }
    }
  }
  return region(startLine, next);
}

// Link reference definitions (`[label]: destination "title"`): they make no block of the outline,
// but the lines they take are no paragraph (and no first paragraph of an item).

const isLineBreak = (c: number): boolean => c === 10 || c === 13;

/** End of `line` for the definition's character stream: its line break included. */
const streamEnd = (line: number): number => Math.min(eMarks[line] + 1, src.length);

/** Where a definition continues on `line`, -1 when it cannot (blank, past the end, or interrupted). */
function continuation(line: number): number {
  if (line >= lineMax || isEmpty(line)) return -1;
  if (sCount[line] - blkIndent <= 3 && sCount[line] >= 0) {
    const oldParent = parent;
    parent = Parent.Reference;
    const interrupted = interruptsParagraph(line, lineMax);
    parent = oldParent;
    if (interrupted) return -1;
  }
  return bMarks[line] + tShift[line];
}

/** End of a link destination at `pos`, -1 when there is none. */
function destinationEnd(pos: number, max: number): number {
  if (src.charCodeAt(pos) === 60) {
    for (pos++; pos < max; pos++) {
      const c = src.charCodeAt(pos);
      if (c === 10 || c === 60) return -1;
      if (c === 62) return pos + 1;
      if (c === 92 && pos + 1 < max) pos++;
    }
    return -1;
  }
  const start = pos;
  let depth = 0;
  while (pos < max) {
    const c = src.charCodeAt(pos);
    if (c === 32 || c < 32 || c === 127) break;
    if (c === 92 && pos + 1 < max) {
      pos += src.charCodeAt(pos + 1) === 32 ? 1 : 2;
      continue;
    }
    if (c === 40) {
      depth++;
      if (depth > 32) return -1;
    }
    if (c === 41) {
      if (depth === 0) break;
      depth--;
    }
    pos++;
  }
  return start === pos || depth !== 0 ? -1 : pos;
}

/** A link destination markdown-it refuses (`javascript:`, most `data:`…). */
function unsafeDestination(start: number, end: number): boolean {
  let d = src.slice(start, end);
  if (d.charCodeAt(0) === 60) d = d.slice(1, -1);
  d = d.replace(/\\([!-/:-@[-`{-~])/g, '$1').trim().toLowerCase();
  return /^(?:vbscript|javascript|file|data):/.test(d) && !/^data:image\/(?:gif|png|jpeg|webp);/.test(d);
}

/** A definition's read position: offset, end of the current line's stream, the next line. */
const gap = { pos: 0, max: 0, next: 0 };

/** Skips spaces and the line breaks a definition may span. */
function skipGap(): void {
  while (gap.pos < gap.max) {
    const c = src.charCodeAt(gap.pos);
    if (isLineBreak(c)) {
      const at = continuation(gap.next);
      if (at < 0) break;
      gap.pos = at;
      gap.max = streamEnd(gap.next++);
    } else if (isSpace(c)) gap.pos++;
    else break;
  }
}

function reference(startLine: number): boolean {
  let pos = bMarks[startLine] + tShift[startLine];
  if (sCount[startLine] - blkIndent >= 4) return false;
  if (src.charCodeAt(pos) !== 91) return false;
  let next = startLine + 1;
  let max = streamEnd(startLine);
  // The label, possibly over several lines.
  let labelLength = 0;
  let blankLabel = true;
  let labelEnd = -1;
  let segment = ++pos;
  while (pos < max) {
    if (labelLength + pos - segment > 1998) return false;
    let c = src.charCodeAt(pos);
    if (c === 91) return false;
    if (c === 93) {
      labelEnd = pos;
      break;
    }
    if (c === 92) c = src.charCodeAt(++pos);
    if (isLineBreak(c) && pos < max) {
      const at = continuation(next);
      if (at < 0) return false;
      labelLength += max - segment;
      if (blankLabel && src.slice(segment, max).trim()) blankLabel = false;
      pos = segment = at;
      max = streamEnd(next++);
      continue;
    }
    pos++;
  }
  if (labelEnd < 0 || src.charCodeAt(labelEnd + 1) !== 58) return false;
  if (blankLabel && src.slice(segment, labelEnd).trim()) blankLabel = false;
  labelLength += labelEnd - segment;
  if (labelLength > 999 && codePoints(startLine, labelEnd) > 999) return false;
  // Spaces and at most the line breaks markdown-it allows, then the destination.
  pos = labelEnd + 2;
  gap.pos = pos;
  gap.max = max;
  gap.next = next;
  skipGap();
  ({ pos, max, next } = gap);
  const destEnd = destinationEnd(pos, max);
  if (destEnd < 0 || unsafeDestination(pos, destEnd)) return false;
  pos = destEnd;
  const afterDest = pos;
  const afterDestMax = max;
  const afterDestLine = next;
  gap.pos = pos;
  gap.max = max;
  gap.next = next;
  skipGap();
  ({ pos, max, next } = gap);
  // An optional title, possibly over several lines.
  const titleStart = pos;
  let titleEnd = -1;
  let marker = src.charCodeAt(pos);
  if (pos < max && (marker === 34 || marker === 39 || marker === 40)) {
    if (marker === 40) marker = 41;
    pos++;
    for (;;) {
      let ended = false;
      while (pos < max) {
        const c = src.charCodeAt(pos);
        if (c === marker) {
          titleEnd = pos + 1;
          break;
        }
        if (c === 40 && marker === 41) {
          ended = true;
          break;
        }
        if (c === 92 && pos + 1 < max) pos++;
        pos++;
      }
      if (titleEnd >= 0 || ended) break;
      const at = continuation(next);
      if (at < 0) break;
      pos = at;
      max = streamEnd(next++);
    }
  }
  let titled = titleStart !== afterDest && titleEnd >= 0;
  if (titled) {
    pos = titleEnd;
  } else {
    pos = afterDest;
    max = afterDestMax;
    next = afterDestLine;
  }
  while (pos < max && isSpace(src.charCodeAt(pos))) pos++;
  if (pos < max && !isLineBreak(src.charCodeAt(pos)) && titled) {
    // Something after the title: the definition ends at its destination, if that ends the line.
    titled = false;
    pos = afterDest;
    max = afterDestMax;
    next = afterDestLine;
    while (pos < max && isSpace(src.charCodeAt(pos))) pos++;
  }
  if (pos < max && !isLineBreak(src.charCodeAt(pos))) return false;
  if (blankLabel) return false;
  cur = next;
  return true;
}

/** Code points of a label from the `[` on `startLine` to `end` (a long label's exact length). */
function codePoints(startLine: number, end: number): number {
  const label = src.slice(bMarks[startLine] + tShift[startLine] + 1, end);
  let n = 0;
  for (const _ of label) n++;
  return n;
}
