import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatePlanTracker, extensionUri, readText, waitFor } from './support/planTracker';

describe('Section snippets', () => {
  let prefixes: string[];
  let bodies: Map<string, string>;

  before(async () => {
    await activatePlanTracker();
    const file = JSON.parse(await readText(vscode.Uri.joinPath(extensionUri(), 'snippets', 'plan.code-snippets'))) as Record<
      string,
      { prefix: string; body: string[] }
    >;
    prefixes = Object.values(file).map((snippet) => snippet.prefix).sort();
    bodies = new Map(Object.values(file).map((snippet) => [snippet.prefix, snippet.body.join('\n')]));
  });

  afterEach(async () => {
    // The documents are untitled and dirty: revert them, so no "Save?" dialog comes up.
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('offers every plan- snippet when "plan" is typed in a Markdown document', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'plan' });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(0, 4),
    );
    const offered = list.items
      .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
      .map((item) => (typeof item.label === 'string' ? item.label : item.label.label))
      .filter((label) => label.startsWith('plan-'))
      .sort();
    assert.deepEqual([...new Set(offered)], prefixes);
  });

  it('is not offered in a plain-text document', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'plan' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(0, 4),
    );
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.equal(labels.some((label) => prefixes.includes(label)), false);
  });

  it('inserts plan-tracking as a Status Tracking section the plan index reads as a plan', async () => {
    const api = await activatePlanTracker();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    const body = bodies.get('plan-tracking');
    assert.ok(body);
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(body)));

    assert.match(document.getText(), /^## Status Tracking\n\n- \[ \] Phase 1: Core Infrastructure\n/);
    const plan = await (async () => {
      for (let i = 0; i < 100; i++) {
        await api.settle();
        const found = api.getPlan(document.uri);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    })();
    assert.ok(plan, 'the untitled document is indexed as a plan');
    assert.equal(plan.plan.phases.length, 6);

    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(async () => {
      await api.settle();
      return !api.getPlan(document.uri) || undefined;
    }, 'the closed untitled plan to leave the index');
  });
});
