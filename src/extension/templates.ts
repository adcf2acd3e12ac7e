import * as vscode from 'vscode';
import type { PlanTrackerSettings } from './config';
import { relativeSegments } from './planNaming';
import { readText, readTextIfExists } from './workspaceFs';
import { placeInWorkspace } from './workspaceLinks';

/** The bundled template, shipped in the .vsix. */
export const BUNDLED_TEMPLATE = ['templates', 'plan-template.md'] as const;

export interface PlanTemplate {
  readonly text: string;
  /** Where the text came from. */
  readonly uri: vscode.Uri;
  readonly origin: 'workspace' | 'bundled';
  /** Set when a configured template could not be used and the bundled one was taken instead. */
  readonly warning?: string;
}

/**
 * The template New Plan fills: the workspace's (`planTracker.templatePath`, by default
 * `.vscode/plan-template.md` in `folder`) when it exists, otherwise the bundled one.
 * Reads through `vscode.workspace.fs`, so it works for any file system provider. In an untrusted
 * workspace a template reached through a symbolic link is refused (with a warning) for the bundled one.
 */
export async function loadPlanTemplate(
  extensionUri: vscode.Uri,
  folder: vscode.WorkspaceFolder | undefined,
  settings: PlanTrackerSettings,
): Promise<PlanTemplate> {
  let warning: string | undefined;
  if (folder) {
    const uri = resolveTemplateUri(folder.uri, settings.templatePath);
    if (!uri) {
      warning = vscode.l10n.t(
        'The template path "{0}" must be relative to the workspace folder; the bundled template was used.',
        settings.templatePath,
      );
    } else if (!vscode.workspace.isTrusted && (await placeInWorkspace(folder.uri, uri)) !== 'inside') {
      // Restricted Mode: a repository must not make New Plan copy a file from elsewhere (a key, say)
      // into a plan it then commits. A link can lead anywhere, so it is not followed.
      warning = vscode.l10n.t(
        'Restricted Mode: the template "{0}" is a symbolic link or lies outside the workspace folder, so it was not read; the bundled template was used. Trust the workspace to use it.',
        settings.templatePath,
      );
    } else {
      const text = await readTextIfExists(uri);
      if (text !== undefined) {
        return { text, uri, origin: 'workspace' };
      }
      if (settings.templatePathIsExplicit) {
        warning = vscode.l10n.t('The template "{0}" was not found; the bundled template was used.', settings.templatePath);
      }
    }
  }
  const uri = vscode.Uri.joinPath(extensionUri, ...BUNDLED_TEMPLATE);
  return { text: await readText(uri), uri, origin: 'bundled', warning };
}

function resolveTemplateUri(folderUri: vscode.Uri, templatePath: string): vscode.Uri | undefined {
  const segments = relativeSegments(templatePath);
  return segments && segments.length > 0 ? vscode.Uri.joinPath(folderUri, ...segments) : undefined;
}
