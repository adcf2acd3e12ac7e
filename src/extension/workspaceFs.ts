import * as vscode from 'vscode';

/** Whether `error` says the file does not exist (as thrown by `vscode.workspace.fs`). */
export function isFileNotFound(error: unknown): boolean {
  if (error instanceof vscode.FileSystemError) {
    return error.code === 'FileNotFound' || error.code === 'EntryNotFound';
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'FileNotFound' || code === 'EntryNotFound' || code === 'ENOENT';
}

/** Whether `uri` exists. Errors other than "not found" are thrown. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (isFileNotFound(error)) {
      return false;
    }
    throw error;
  }
}

/** The file's text, or `undefined` when there is no such file. Other errors are thrown. */
export async function readTextIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decodeText(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (isFileNotFound(error)) {
      return undefined;
    }
    throw error;
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return decodeText(await vscode.workspace.fs.readFile(uri));
}

export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}
