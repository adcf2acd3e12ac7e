/**
 * The block outline as markdown-it sees it: the reference the line scanner (scan.ts) is tested and
 * benchmarked against. Only tests and benchmarks load this module; the core's parse path does not.
 */
import MarkdownIt from 'markdown-it';
import type { Outline, OutlineHeading, OutlineItem, OutlineTable } from './scan';

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

export function scanWithMarkdownIt(text: string): Outline {
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
