import * as vscode from 'vscode';
import { percent } from '../../core';
import type { IndexedPlan, PlanIndex } from '../planIndex';

/**
 * The Plans view: one row per plan, from the plan index. Empty until the first scan is done
 * (the view shows its progress bar meanwhile), then the welcome view when there are no plans.
 */
export class PlanTreeProvider implements vscode.TreeDataProvider<IndexedPlan>, vscode.Disposable {
  static readonly viewId = 'planTracker.plans';

  private readonly emitter = new vscode.EventEmitter<IndexedPlan | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly index: PlanIndex) {
    this.listener = index.onDidChange(() => this.emitter.fire(undefined));
  }

  async getChildren(element?: IndexedPlan): Promise<IndexedPlan[]> {
    if (element) {
      return [];
    }
    await this.index.ready;
    return [...this.index.getPlans()];
  }

  getTreeItem(entry: IndexedPlan): vscode.TreeItem {
    const { plan, uri } = entry;
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const item = new vscode.TreeItem(plan.title || name, vscode.TreeItemCollapsibleState.None);
    item.id = uri.toString();
    item.resourceUri = uri;
    item.contextValue = 'plan';
    const { progress } = plan;
    item.description = vscode.l10n.t('{0}% · {1}', percent(progress), plan.status ?? vscode.l10n.t('no status'));
    item.tooltip = new vscode.MarkdownString(
      [
        `**${escapeMarkdown(plan.title || name)}**`,
        '',
        vscode.l10n.t('Status: {0}', escapeMarkdown(plan.status ?? vscode.l10n.t('none'))),
        '',
        vscode.l10n.t('{0} of {1} tasks done', progress.done, progress.total),
        '',
        escapeMarkdown(vscode.workspace.asRelativePath(uri)),
      ].join('\n'),
    );
    item.iconPath = new vscode.ThemeIcon(
      progress.total > 0 && progress.done === progress.total ? 'pass' : progress.done > 0 || progress.inProgress > 0 ? 'sync' : 'circle-large-outline',
    );
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Plan'), arguments: [uri] };
    return item;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
