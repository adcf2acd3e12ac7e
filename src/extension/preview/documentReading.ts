/**
 * The VS Code side of the preview's header: the reading of the document being rendered, from the
 * Uri that VS Code's Markdown preview puts in markdown-it's render environment, as the plan index
 * reads the file (markdownItPlugin.ts stays free of `vscode`).
 */
import * as vscode from 'vscode';
import type { PlanIndex } from '../planIndex/vscodePlanIndex';
import type { ReadingOf } from './markdownItPlugin';

/** `document` as a Uri: VS Code's own, or a value with a Uri's parts (another extension's copy of the class). */
function asUri(document: unknown): vscode.Uri | undefined {
  if (document instanceof vscode.Uri) return document;
  const parts = document as Partial<Record<'scheme' | 'authority' | 'path' | 'query' | 'fragment', unknown>> | null;
  if (typeof parts !== 'object' || parts === null || typeof parts.scheme !== 'string' || typeof parts.path !== 'string') return undefined;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return vscode.Uri.from({ scheme: parts.scheme, authority: text(parts.authority), path: parts.path, query: text(parts.query), fragment: text(parts.fragment) });
}

/** How the preview reads a document: as `index` reads it (its place below its folder, its folder's settings). */
export function previewReading(index: PlanIndex): ReadingOf {
  return (document) => {
    const uri = asUri(document);
    return uri ? index.readingOf(uri) : undefined;
  };
}
