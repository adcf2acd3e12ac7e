import * as vscode from 'vscode';
import { PhaseCodeLensProvider } from './codeLens/phaseCodeLens';
import { PlanCodeActionProvider } from './diagnostics/planCodeActions';
import { GitHeadBaseline } from './diagnostics/gitDrift';
import { PlanDiagnostics } from './diagnostics/planDiagnostics';
import { templatePlaceholders, type TemplatePlaceholders } from '../core';
import { readSettings } from './config';
import type { PlanIndex } from './planIndex/vscodePlanIndex';
import { loadPlanTemplate } from './templates';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/**
 * Wires plan health in the editor: diagnostics (drift against git HEAD too) with quick fixes and the phase CodeLens (their
 * commands are registered in commandList.ts). Every disposable goes to the context.
 */
export function registerPlanHealth(context: vscode.ExtensionContext, index: PlanIndex): void {
  // Drift against git HEAD; silent without the Git extension (the web worker host), a repository or Git.
  const gitHead = new GitHeadBaseline();
  const diagnostics = new PlanDiagnostics(index, undefined, undefined, templatePlaceholdersFor(context.extensionUri), gitHead);
  const codeLens = new PhaseCodeLensProvider(index);
  context.subscriptions.push(
    diagnostics,
    gitHead,
    codeLens,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new PlanCodeActionProvider(index), PlanCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(MARKDOWN, codeLens),
  );
}

/**
 * The placeholders of the template New Plan would use for a plan (its folder's template, else the
 * bundled one), read on each call and derived once per template text.
 */
function templatePlaceholdersFor(extensionUri: vscode.Uri): (uri: vscode.Uri) => Promise<TemplatePlaceholders> {
  let last: { text: string; placeholders: TemplatePlaceholders } | undefined;
  return async (uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const { text } = await loadPlanTemplate(extensionUri, folder, readSettings(folder ?? uri));
    if (last?.text !== text) last = { text, placeholders: templatePlaceholders(text) };
    return last.placeholders;
  };
}
