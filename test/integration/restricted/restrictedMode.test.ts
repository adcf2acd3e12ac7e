import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../../src/extension/api';
import { openPlan } from '../support/planHealth';
import { activatePlanTracker, closeAllEditors, extensionUri, readText, waitFor } from '../support/planTracker';

/**
 * Restricted Mode: run by scripts/run-integration.mjs on test/fixtures/restricted with workspace
 * trust on and the folder untrusted. A repository can ship links; nothing the extension reads
 * for the workspace may come from outside its folder through them.
 */
describe('Restricted Mode (untrusted workspace)', function () {
  this.timeout(60_000);

  const SECRET = 'SECRET-KEY-MATERIAL do not commit';
  let api: PlanTrackerApi;
  let root: string;
  let outside: string;
  let bundled: string;
  const made: string[] = [];

  const link = (target: string, at: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, at)), { recursive: true });
    fs.symlinkSync(target, path.join(root, at));
    made.push(path.join(root, at));
  };
  const newPlan = async (title: string): Promise<string> => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('planTracker.newPlan', { title, open: false, ifExists: 'cancel' });
    assert.ok(uri, 'New Plan made a plan');
    made.push(uri.fsPath);
    return readText(uri);
  };

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened this folder untrusted');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder && folder.uri.scheme === 'file', 'a folder on disk is open');
    root = folder.uri.fsPath;
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-restricted-outside-'));
    fs.writeFileSync(path.join(outside, 'id_rsa'), `# Template\n\n${SECRET}\n`);
    bundled = fs.readFileSync(vscode.Uri.joinPath(extensionUri(), 'templates', 'plan-template.md').fsPath, 'utf8');
  });

  afterEach(async () => {
    await closeAllEditors();
    for (const p of made.splice(0).reverse()) fs.rmSync(p, { force: true, recursive: true });
  });

  after(() => {
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it('refuses a .vscode/plan-template.md that is a symbolic link to a file elsewhere, and uses the bundled template', async () => {
    link(path.join(outside, 'id_rsa'), '.vscode/plan-template.md');
    made.unshift(path.join(root, '.vscode'));
    const text = await newPlan('Linked Template');
    assert.ok(!text.includes(SECRET), 'the linked file was not copied into the plan');
    assert.ok(text.includes('## Status Tracking') && bundled.includes('## Status Tracking'), 'the bundled template was used');
  });

  it('refuses a template inside a linked .vscode folder', async () => {
    fs.copyFileSync(path.join(outside, 'id_rsa'), path.join(outside, 'plan-template.md'));
    link(outside, '.vscode');
    const text = await newPlan('Linked Folder');
    assert.ok(!text.includes(SECRET), 'the file behind the linked folder was not copied into the plan');
    assert.ok(text.includes('## Status Tracking'));
  });

  it('still uses a plain template file inside the folder', async () => {
    fs.mkdirSync(path.join(root, '.vscode'), { recursive: true });
    made.push(path.join(root, '.vscode'));
    fs.writeFileSync(path.join(root, '.vscode/plan-template.md'), '# ${1:title}\n\nWORKSPACE-TEMPLATE\n\n## Status Tracking\n\n- [ ] Phase 1: One\n');
    const text = await newPlan('Plain Template');
    assert.ok(text.includes('WORKSPACE-TEMPLATE'), text);
  });

  it('does not look up key files through a link: only paths inside the folder are reported missing', async () => {
    link(outside, 'linked');
    const plan = path.join(root, 'docs/plans/tmp-restricted-keys.md');
    fs.writeFileSync(
      plan,
      [
        '# Key Files Plan',
        '',
        '**Created:** 2026-01-05',
        '**Status:** Implementation In Progress',
        '',
        '## 2. Codebase Context',
        '',
        '**Key Files:**',
        '- `linked/not-there.txt` - behind a link, leads outside',
        '- `nowhere/missing.ts` - inside, missing',
        '',
        '## Status Tracking',
        '',
        '- [ ] Phase 1: One',
        '',
      ].join('\n'),
    );
    made.push(plan);
    const uri = vscode.Uri.file(plan);
    await waitFor(async () => {
      await api.settle();
      return api.getPlan(uri);
    }, 'the plan is indexed');
    await openPlan(api, uri);
    const keyFindings = (): string[] =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => String(d.code) === 'key-file-missing')
        .map((d) => d.message);
    await waitFor(() => (keyFindings().some((m) => m.includes('nowhere/missing.ts')) ? true : undefined), 'the inside path is reported missing', 30_000).catch((error: unknown) => {
      assert.fail(`${String(error)}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.code, d.message]))}`);
    });
    assert.deepEqual(keyFindings().filter((m) => m.includes('linked/')), [], 'the path through the link was not looked up');
  });
});
