import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlanTrackerApi } from '../../src/extension/api';
import { nodeFileOps } from '../../src/extension/node/nodeFileOps';
import { VscodeWorkspacePort } from '../../src/extension/planIndex/vscodePlanIndex';
import { combineGlobs, PathFilter } from '../../src/extension/util/glob';
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

  // The index starts a scan from a walk of the folders in this host (NativeFileOps.walk) while
  // workspace.findFiles runs, and findFiles then corrects it: the closer they agree, the less
  // there is to correct. The walk leaves links to the listing; otherwise they must agree, and
  // name each file by the same URI (the index keys plans by it).
  it('the Node host\'s walk finds what workspace.findFiles finds, less what lies behind links, by the same URIs', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const write = (relative: string): void => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), planText(relative));
    };
    const files = ['tmp-walk/.hidden/h.md', 'tmp-walk/with space/ü é.md', 'tmp-walk/node_modules/pkg/n.md', 'tmp-walk/a/b/c/deep.md', 'tmp-walk/not-markdown.txt', 'tmp-walk/UPPER.MD'];
    for (const file of files) write(file);
    fs.symlinkSync('../docs', path.join(root, 'tmp-walk/docs-link'));
    fs.symlinkSync('..', path.join(root, 'tmp-walk/a/up'));
    fs.symlinkSync('a/b/c/deep.md', path.join(root, 'tmp-walk/file-link.md'));
    try {
      const include = '**/*.md';
      const exclude = ['**/node_modules/**', '**/.git/**'];
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), combineGlobs(exclude));
      const filter = new PathFilter(include, exclude);
      const walked = await new VscodeWorkspacePort(nodeFileOps).walk!(
        folder.uri,
        { enter: (r) => !filter.isExcluded(r), keep: (r) => filter.matches(r) },
        new AbortController().signal,
      );
      assert.ok(walked, 'a local folder is walked');
      const keys = (uris: readonly vscode.Uri[]) => uris.map((u) => u.toString()).sort();
      // As the index takes the listing: through its own rules (here, `.MD` is not `*.md`).
      const listedKeys = new Set(keys(found.filter((u) => filter.matches(path.relative(root, u.fsPath).split(path.sep).join('/')))));
      const walkedKeys = keys(walked);
      assert.deepEqual(walkedKeys.filter((k) => !listedKeys.has(k)), [], 'the walk finds nothing the listing leaves out');
      // A path lies behind a link when the file itself or a folder on its way from the root is one.
      const behindLink = (key: string): boolean => {
        const parts = path.relative(root, vscode.Uri.parse(key).fsPath).split(path.sep);
        return parts.some((_, i) => fs.lstatSync(path.join(root, ...parts.slice(0, i + 1))).isSymbolicLink());
      };
      assert.deepEqual([...listedKeys].filter((k) => !walkedKeys.includes(k) && !behindLink(k)), [], 'the listing finds nothing more but what lies behind links');
      assert.ok([...listedKeys].some((k) => k.includes('/tmp-walk/docs-link/')), 'this listing follows links (search.followSymlinks)');
      for (const expected of ['tmp-walk/.hidden/h.md', 'tmp-walk/with space/ü é.md', 'tmp-walk/a/b/c/deep.md']) {
        assert.ok(walkedKeys.includes(vscode.Uri.joinPath(folder.uri, expected).toString()), expected);
      }
    } finally {
      fs.rmSync(path.join(root, 'tmp-walk'), { recursive: true, force: true });
    }
  });
});
