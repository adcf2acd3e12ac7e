import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatePlanTracker, extensionUri, readText } from './support/planTracker';

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
  };
}

describe('Extension shell (manifest and API)', () => {
  let manifest: Manifest;

  before(async () => {
    manifest = JSON.parse(await readText(vscode.Uri.joinPath(extensionUri(), 'package.json'))) as Manifest;
  });

  it('activates and returns the typed API', async () => {
    const api = await activatePlanTracker();
    assert.equal(api.apiVersion, 1);
    await api.ready;
    assert.ok(Array.isArray(api.getPlans()));
    assert.equal(typeof api.onDidChangePlans, 'function');
  });

  it('does not activate on startup (*)', () => {
    assert.equal(manifest.activationEvents?.includes('*') ?? false, false);
  });

  it('contributes every planTracker command it registers (activation.test.ts checks the other direction)', async () => {
    await activatePlanTracker();
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const undeclared = (await vscode.commands.getCommands(true)).filter(
      (id) => id.startsWith('planTracker.') && !declared.has(id) && !id.startsWith('planTracker.plans.'),
    );
    assert.deepEqual(undeclared, [], 'registered but not declared in package.json');
  });

  it('names commands planTracker.<verb><Noun> with the Plan Tracker category and localized titles', () => {
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^planTracker\.[a-z]+[A-Z][A-Za-z]*$/);
      assert.equal(command.category, '%command.category%');
      assert.match(command.title, /^%[\w.]+%$/);
    }
  });

  it('only refers to declared commands from menus and welcome views', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) {
        assert.ok(declared.has(item.command), `${menu}: ${item.command}`);
      }
    }
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
    for (const welcome of manifest.contributes.viewsWelcome) {
      assert.ok(views.has(welcome.view), welcome.view);
    }
  });

  it('shows the Plans view', async () => {
    await vscode.commands.executeCommand('planTracker.plans.focus');
  });
});
