/**
 * The block scan: the one place that runs a Markdown parser. It turns a document into a flat
 * outline (headings, list items with the text they start with, pipe tables, code regions) and keeps none of
 * the parser's tokens, so the model built from it is small. Swap this module to change the
 * parse path; nothing else depends on markdown-it.
 */
import MarkdownIt from 'markdown-it';

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

let md: MarkdownIt | undefined;

function blockParser(): MarkdownIt {
  if (!md) {
    // GitHub-like Markdown, as VS Code's preview renders it. Only the block rules run: inline
    // parsing (emphasis, links…) is three quarters of markdown-it's time and adds nothing here.
    md = new MarkdownIt('default', { html: true });
    md.core.ruler.enableOnly(['normalize', 'block']);
  }
  return md;
}

export function scanBlocks(text: string): Outline {
  const tokens = blockParser().parse(text, {});
  const blocks: (OutlineHeading | OutlineItem | OutlineTable)[] = [];
  let table: { kind: 'table'; line: number; header: string[]; rows: { line: number; cells: string[] }[] } | undefined;
  let row: string[] | undefined;
  const opaque: [number, number][] = [];
  const itemStack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        if (t.map && inline?.type === 'inline') {
          blocks.push({ kind: 'heading', level: Number(t.tag.slice(1)) || 1, line: t.map[0], text: inline.content });
        }
        break;
      }
      case 'list_item_open': {
        const para = tokens[i + 1];
        const inline = tokens[i + 2];
        const startsWithParagraph = para?.type === 'paragraph_open' && inline?.type === 'inline' && inline.map;
        const line = startsWithParagraph ? inline.map![0] : (t.map?.[0] ?? 0);
        blocks.push({
          kind: 'item',
          line,
          depth: itemStack.length,
          parent: itemStack.length ? itemStack[itemStack.length - 1] : -1,
          content: startsWithParagraph ? inline.content : undefined,
        });
        itemStack.push(blocks.length - 1);
        break;
      }
      case 'list_item_close':
        itemStack.pop();
        break;
      case 'table_open':
        table = { kind: 'table', line: t.map?.[0] ?? 0, header: [], rows: [] };
        blocks.push(table);
        break;
      case 'table_close':
        table = undefined;
        break;
      case 'tr_open':
        if (!table) break;
        row = [];
        if (table.header.length === 0 && tokens[i - 1]?.type === 'thead_open') table.header = row;
        else table.rows.push({ line: t.map?.[0] ?? 0, cells: row });
        break;
      case 'inline':
        if (row && tokens[i - 1] && (tokens[i - 1].type === 'th_open' || tokens[i - 1].type === 'td_open')) row.push(t.content);
        break;
      case 'tr_close':
        row = undefined;
        break;
      case 'fence':
      case 'code_block':
      case 'html_block':
        if (t.map) opaque.push([t.map[0], t.map[1]]);
        break;
    }
  }
  return { blocks, opaque };
}
