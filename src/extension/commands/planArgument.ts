import * as vscode from 'vscode';
import type { IndexedPlan } from '../planIndex/vscodePlanIndex';
import { uriOf } from './commandArgs';
import { planName } from '../../core';

/** The part of the plan index the plan commands read. */
export interface PlanLookup {
  get(uri: vscode.Uri): IndexedPlan | undefined;
  getPlans(): readonly IndexedPlan[];
}

/** The part of the plan at hand the plan commands read. */
export interface PlanAtHandLookup {
  current(): { readonly entry: { readonly uri: vscode.Uri } } | undefined;
}

/**
 * Which plan a command acts on: the one its argument names (a tree element, a Uri, a URI string,
 * `{ uri }`), else the plan at hand — the active editor's plan, else the most recently edited
 * plan in progress (the one the status bar shows). Undefined when there is none: the command
 * says so. Set Status, Mark Phase Done, Show Phases and Open Plan act on the plan at hand.
 */
export function planAtHandUri(arg: unknown, planAtHand: PlanAtHandLookup): vscode.Uri | undefined {
  return uriOf(arg) ?? planAtHand.current()?.entry.uri;
}

/**
 * Which plan an editing command acts on when there may be no plan at hand: the one its argument names (a tree element, a Uri, a URI string,
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
      label: planName(entry.plan.title, entry.uri.path),
      description: vscode.workspace.asRelativePath(entry.uri),
      detail: entry.plan.status,
      uri: entry.uri,
    })),
    { title, placeHolder: vscode.l10n.t('Which plan?') },
  );
  return picked?.uri;
}
