import * as vscode from 'vscode';
import type { IndexedPlan } from '../planIndex/vscodePlanIndex';
import { uriOf } from './commandArgs';
import { fileNameOf } from '../../core';

/** The part of the plan index the plan commands read. */
export interface PlanLookup {
  get(uri: vscode.Uri): IndexedPlan | undefined;
  getPlans(): readonly IndexedPlan[];
}

/**
 * The plan a command is about: the one its argument names (a tree element, a Uri, a URI string,
 * `{ uri }`), else the active editor's plan, else one the user picks from the workspace's plans.
 */
export async function resolvePlanUri(index: PlanLookup, arg: unknown, title: string): Promise<vscode.Uri | undefined> {
  const named = uriOf(arg);
  if (named) return named;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && index.get(active)) return active;
  const plans = index.getPlans();
  if (plans.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no plans in this workspace yet.'));
    return undefined;
  }
  if (plans.length === 1) return plans[0].uri;
  const picked = await vscode.window.showQuickPick(
    plans.map((entry) => ({
      label: entry.plan.title || fileNameOf(entry.uri.path),
      description: vscode.workspace.asRelativePath(entry.uri),
      detail: entry.plan.status,
      uri: entry.uri,
    })),
    { title, placeHolder: vscode.l10n.t('Which plan?') },
  );
  return picked?.uri;
}
