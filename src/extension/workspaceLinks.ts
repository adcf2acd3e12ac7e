import * as vscode from 'vscode';

/**
 * Where a path from the workspace (a template, a key file, a plan) really leads, as far as
 * `workspace.fs` can tell without a realpath: whether the path leaves its workspace folder, and
 * whether a symbolic link lies on the way (the file itself, or a folder between it and the
 * workspace folder; `FileType.SymbolicLink` in the stat). A link can point anywhere, so in an
 * untrusted workspace a path through one counts as outside.
 */
export type WorkspacePathPlace = 'inside' | 'outside' | 'through-link';

/** Whether `uri` is a symbolic link; false when it does not exist or cannot be looked at. */
export type IsLink = (uri: vscode.Uri) => Promise<boolean>;

export const statIsLink: IsLink = async (uri) => {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0;
  } catch {
    return false;
  }
};

/** The path of `uri` below `folder`, as segments; undefined when `uri` is not inside `folder`. */
export function segmentsBelow(folder: vscode.Uri, uri: vscode.Uri): string[] | undefined {
  if (folder.scheme !== uri.scheme || folder.authority !== uri.authority) return undefined;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  if (!uri.path.startsWith(base)) return undefined;
  const segments = uri.path.slice(base.length).split('/').filter((s) => s !== '');
  return segments.includes('..') ? undefined : segments;
}

/**
 * Where `uri` leads from `folder`: `outside` when it is not below the folder, `through-link`
 * when it or a folder on the way is a symbolic link, else `inside`. Each step is asked of
 * `isLink` (pass a cached one to ask each folder once).
 */
export async function placeInWorkspace(folder: vscode.Uri, uri: vscode.Uri, isLink: IsLink = statIsLink): Promise<WorkspacePathPlace> {
  const segments = segmentsBelow(folder, uri);
  if (!segments) return 'outside';
  let step = folder;
  for (const segment of segments) {
    step = vscode.Uri.joinPath(step, segment);
    if (await isLink(step)) return 'through-link';
  }
  return 'inside';
}
