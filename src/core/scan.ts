/**
 * The block scan: the one place that runs a Markdown parser. It turns a document into a flat
 * outline (headings, list items with the text they start with, pipe tables, code regions) and keeps none of
 * the parser's tokens, so the model built from it is small. Swap this module to change the
 * parse path; scanMarkdownIt.ts runs markdown-it.
 */
import { scanWithMarkdownIt } from './scanMarkdownIt';

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

export function scanBlocks(text: string): Outline {
  return scanWithMarkdownIt(text);
}
