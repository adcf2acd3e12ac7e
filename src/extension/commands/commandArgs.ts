/**
 * Argument conventions shared by the commands: a tree element, a `vscode.Uri`, a URI string, or
 * an object with a `uri` member all name a plan.
 */
import * as vscode from 'vscode';
import { planUriOfNode } from '../views/planTreeNodes';

/** The plan URI an argument names, or undefined when it names none. */
export function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  const fromNode = planUriOfNode(value);
  if (fromNode) return fromNode;
  if (typeof value === 'string') return parseUri(value);
  if (typeof value === 'object' && value !== null && 'uri' in value) {
    const uri = (value as { uri: unknown }).uri;
    if (uri instanceof vscode.Uri) return uri;
    if (typeof uri === 'string') return parseUri(uri);
  }
  return undefined;
}

function parseUri(value: string): vscode.Uri | undefined {
  if (value.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(value)) return vscode.Uri.file(value);
  if (/^[a-zA-Z][\w+.-]*:/.test(value)) {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
