import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import { nodeFileOps } from '../../src/extension/node/nodeFileOps';
import { activatePlanTracker, waitFor } from './support/planTracker';

/**
 * Links and special files in the workspace, as the CLI treats them (one rule): links are
 * followed, each real file counts once, a link back up never loops, and a pipe or a link to
 * /dev/zero is skipped without hanging the index. The files are made with Node here: a test
 * may do what the extension must not.
 */
describe('Plan index: links and special files', function () {
  this.timeout(60_000);

  let api: PlanTrackerApi;
  let root: string;
  let outside: string;
  const made: string[] = [];

  const planText = (title: string): string =>
    [`# ${title}`, '', '**Created:** 2025-01-01', '**Status:** Implementation In Progress', '', '## Status Tracking', '', '- [x] Phase 1: Build it', '- [ ] Phase 2: Ship it', ''].join('\n');
  const relative = (uri: vscode.Uri): string => path.relative(root, uri.fsPath).split(path.sep).join('/');
  const inRoot = (): string[] => api.getPlans().filter((p) => p.uri.scheme === 'file' && !relative(p.uri).startsWith('..')).map((p) => relative(p.uri));

  before(async function () {
    api = await activatePlanTracker();
    await api.ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file' || process.platform === 'win32') this.skip();
    root = folder.uri.fsPath;
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-links-outside-'));
  });

  after(async () => {
    for (const p of made.splice(0).reverse()) fs.rmSync(p, { force: true, recursive: false });
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
    if (api) await api.refresh();
  });

  it('lists a plan reached through a folder link once, follows a link to a file outside, and does not loop', async () => {
    await api.settle();
    const before = inRoot();
    // A plan of the fixture's first folder (docs/plans/dark-mode.md, or alpha's in the multi-root one).
    const known = before.find((p) => p.startsWith('docs/plans/'));
    assert.ok(known, `a fixture plan under docs/plans: ${before.join(', ')}`);

    fs.writeFileSync(path.join(outside, 'shared.md'), planText('Shared from outside'));
    const link = (target: string, at: string): void => {
      fs.symlinkSync(target, path.join(root, at));
      made.push(path.join(root, at));
    };
    link('docs/plans', 'tmp-links-alias'); // every plan a second time, through a folder link
    link('..', 'docs/plans/tmp-links-up'); // a loop back up
    link(path.basename(known), 'docs/plans/tmp-links-same.md'); // a file link to a plan in the workspace
    link(path.join(outside, 'shared.md'), 'docs/plans/tmp-links-shared.md'); // a file link to a plan outside
    await api.refresh();
    await api.settle();

    // The watcher's own events for the new links can still be in flight after the refresh (a path it
    // was told about is left to that later update): the index must settle on each real file once.
    const expected = [...before, 'docs/plans/tmp-links-shared.md'].sort();
    await waitFor(() => JSON.stringify(inRoot()) === JSON.stringify(expected), 'each real file listed once').catch(() => undefined);
    const after = inRoot();
    assert.deepEqual(after, expected);
    assert.ok(!after.some((p) => p.startsWith('tmp-links-alias/') || p.includes('tmp-links-up/')), after.join(', '));
  });

  it('skips a named pipe and a link to /dev/zero without hanging, and says why when it meets them', async function () {
    const fifo = path.join(root, 'docs/plans/tmp-links-fifo.md');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    made.push(fifo);
    fs.symlinkSync('/dev/zero', path.join(root, 'docs/plans/tmp-links-zero.md'));
    made.push(path.join(root, 'docs/plans/tmp-links-zero.md'));
    const before = api.getPlans().length;
    // The watcher may or may not report them; a full scan reads whatever the listing holds.
    await api.refresh();
    await api.settle();
    assert.equal(api.getPlans().length, before);
    for (const skipped of api.skippedFiles().filter((s) => /tmp-links-(fifo|zero)/.test(s.uri.path))) {
      assert.equal(skipped.reason, 'skipped: not a regular file (a pipe, socket or device)');
    }
    // And the index still follows the disk: a new plan comes in.
    const fresh = path.join(root, 'docs/plans/tmp-links-fresh.md');
    fs.writeFileSync(fresh, planText('Fresh'));
    made.push(fresh);
    await waitFor(() => api.getPlan(vscode.Uri.file(fresh)), 'a plan written after the special files is indexed');
  });

  // The index reads plain local files synchronously in this host (NativeFileOps.readNow), links
  // and the rest through workspace.fs: both must say the same of a file, or one file read both
  // ways would look like two.
  it('the Node host\'s synchronous read says what workspace.fs.stat says', async () => {
    const file = path.join(root, 'docs/plans/tmp-links-stat.md');
    fs.writeFileSync(file, planText('Stat'));
    made.push(file);
    for (const target of [vscode.Uri.file(file), vscode.Uri.file(path.join(root, 'docs/plans'))]) {
      const viaVscode = await vscode.workspace.fs.stat(target);
      const type = viaVscode.type === vscode.FileType.File ? 'file' : viaVscode.type === vscode.FileType.Directory ? 'directory' : 'other';
      const read = nodeFileOps.readNow(target, (stat) => (stat.type === 'file' ? 1 << 20 : undefined));
      assert.deepEqual(read?.stat, { type, size: viaVscode.size, mtime: viaVscode.mtime, ctime: viaVscode.ctime }, target.fsPath);
    }
    const read = nodeFileOps.readNow(vscode.Uri.file(file), () => 1 << 20);
    assert.equal(new TextDecoder().decode(read?.bytes), planText('Stat'));
  });
});

