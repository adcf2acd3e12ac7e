import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatePlanTracker, closeAllEditors, deleteAndSettle, waitFor, workspaceFolders, type PlanTrackerApi } from './support/planTracker';

/**
 * The edit adapter (src/extension/planEdits.ts) on plans that are not open: the file itself is
 * edited, byte for byte, whatever VS Code keeps loaded.
 */
describe('Plan edits on closed files', () => {
  let api: PlanTrackerApi;
  let uri: vscode.Uri;

  before(async () => {
    api = await activatePlanTracker();
    await api.ready;
  });

  afterEach(async () => {
    await closeAllEditors();
    if (uri) await deleteAndSettle(api, uri);
  });

  const bytesOf = async (u: vscode.Uri): Promise<Uint8Array> => vscode.workspace.fs.readFile(u);
  const differing = (a: Uint8Array, b: Uint8Array): number[] => [...a].flatMap((byte, i) => (byte === b[i] ? [] : [i]));

  it('ticks a task in a closed CRLF plan with a BOM by changing exactly one byte (the BOM and line endings kept)', async () => {
    uri = vscode.Uri.joinPath(workspaceFolders()[0].uri, 'docs', 'plans', 'tmp-edits-bom.md');
    const text = ['# BOM plan', '', '**Status:** Implementation In Progress', '', '## Status Tracking', '', '- [x] Phase 1: Start', '- [ ] Phase 2: Finish', ''].join('\r\n');
    const original = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    await vscode.workspace.fs.writeFile(uri, original);
    const entry = await waitFor(() => api.getPlan(uri), 'the plan is indexed');
    const task = entry.plan.tasks.find((t) => t.text === 'Phase 2: Finish');
    assert.ok(task);

    const outcome = await vscode.commands.executeCommand('planTracker.toggleTask', { uri: uri.toString(), line: task.line, mark: task.mark, text: task.text });
    assert.deepEqual(outcome, { applied: true, changed: true });
    const after = await bytesOf(uri);
    assert.equal(after.length, original.length);
    assert.deepEqual(differing(original, after), [3 + text.indexOf('- [ ] Phase 2') + 3]);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.isDirty ?? false, false);
  });

  it('edits the disk, not a hidden document that still holds older text', async () => {
    uri = vscode.Uri.joinPath(workspaceFolders()[0].uri, 'docs', 'plans', 'tmp-edits-hidden.md');
    const v1 = ['# Hidden', '**Status:** Implementation In Progress', '## Status Tracking', '- [ ] Phase 1: One', ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(v1));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await closeAllEditors(); // VS Code keeps the document loaded
    const v2 = v1.replace('## Status Tracking', 'Inserted on disk.\n\n## Status Tracking');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(v2));
    const entry = await waitFor(() => (api.getPlan(uri)?.plan.tasks[0]?.line === 5 ? api.getPlan(uri) : undefined), 'the index follows the disk');
    const task = entry.plan.tasks[0];

    const outcome = await vscode.commands.executeCommand('planTracker.toggleTask', { uri: uri.toString(), line: task.line, mark: task.mark, text: task.text });
    assert.deepEqual(outcome, { applied: true, changed: true });
    assert.equal(new TextDecoder().decode(await bytesOf(uri)), v2.replace('- [ ] Phase 1: One', '- [x] Phase 1: One'));
  });
});
