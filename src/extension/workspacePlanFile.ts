/**
 * The core's `PlanFilePort` over `vscode.workspace.fs`, so the atomic writer works on every file
 * system VS Code reaches (local disk, remote, virtual), in the Node and the web worker host alike.
 *
 * - The temporary file is `.<name>.<random>.plan-tracker.tmp` in the plan's folder, made by
 *   copying the plan and then overwriting the copy: a copy keeps the file's mode (an executable or
 *   private plan stays so after the rename) without reaching for Node's `fs`.
 * - The rename is `native.replace` (Node's atomic `rename(2)`) where given and the plan is a local
 *   file that VS Code has no document loaded for; otherwise `workspace.fs.rename`, which on the
 *   local disk deletes the target first (a moment without the file).
 * - A plan that is a symbolic link is written in place (a rename would replace the link with a file).
 * - Where the temporary file cannot be made or renamed (a file system without rename, a folder
 *   that is not writable), the plan is written in place, still only after the re-read check; the
 *   reason is kept in `inPlaceReason` so the caller can say so.
 */
import * as vscode from 'vscode';
import { errorText, type PlanFilePort } from '../core';
import type { NativeFileOps } from './host';

export type TempFile = { readonly kind: 'temp'; readonly uri: vscode.Uri; readonly bytes: Uint8Array } | { readonly kind: 'inPlace'; readonly bytes: Uint8Array };

export class WorkspacePlanFile implements PlanFilePort<TempFile> {
  /** Why the last write went in place instead of through a rename, if it did. */
  inPlaceReason: string | undefined;
  private symlink: boolean | undefined;

  constructor(
    readonly uri: vscode.Uri,
    private readonly native?: NativeFileOps,
  ) {}

  read(): Promise<Uint8Array> {
    return Promise.resolve(vscode.workspace.fs.readFile(this.uri));
  }

  async writeTemp(bytes: Uint8Array): Promise<TempFile> {
    if (this.symlink === undefined) {
      const stat = await vscode.workspace.fs.stat(this.uri);
      this.symlink = (stat.type & vscode.FileType.SymbolicLink) !== 0;
    }
    if (this.symlink) {
      this.inPlaceReason = vscode.l10n.t('the plan is a symbolic link');
      return { kind: 'inPlace', bytes };
    }
    const temp = tempSibling(this.uri);
    try {
      await vscode.workspace.fs.copy(this.uri, temp, { overwrite: false });
      await vscode.workspace.fs.writeFile(temp, bytes);
      return { kind: 'temp', uri: temp, bytes };
    } catch (error) {
      await this.remove({ kind: 'temp', uri: temp, bytes });
      this.inPlaceReason = vscode.l10n.t('no temporary file could be made next to it ({0})', errorText(error));
      return { kind: 'inPlace', bytes };
    }
  }

  async replace(temp: TempFile): Promise<void> {
    if (temp.kind === 'temp') {
      try {
        // A document VS Code keeps loaded (closed editor) follows a rename-over badly: deleted soon
        // after, the file stayed in the index as that document. Such plans go through VS Code's rename.
        const loaded = vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.uri.toString());
        if (loaded || !(await this.native?.replace(temp.uri, this.uri))) await vscode.workspace.fs.rename(temp.uri, this.uri, { overwrite: true });
        this.inPlaceReason = undefined;
        return;
      } catch (error) {
        await this.remove(temp);
        this.inPlaceReason = vscode.l10n.t('its file system could not rename the temporary file over it ({0})', errorText(error));
      }
    }
    await vscode.workspace.fs.writeFile(this.uri, temp.bytes);
  }

  async remove(temp: TempFile): Promise<void> {
    if (temp.kind !== 'temp') return;
    try {
      await vscode.workspace.fs.delete(temp.uri, { useTrash: false });
    } catch {
      // Already gone, or never made.
    }
  }
}

function tempSibling(uri: vscode.Uri): vscode.Uri {
  const slash = uri.path.lastIndexOf('/');
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  return uri.with({ path: `${uri.path.slice(0, slash + 1)}.${uri.path.slice(slash + 1)}.${random}.plan-tracker.tmp` });
}
