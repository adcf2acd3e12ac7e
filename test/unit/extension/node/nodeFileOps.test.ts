import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { MAX_WALK_ENTRIES, nodeFileOps, walkFolders } from '../../../../src/extension/node/nodeFileOps';

/** The two fields of a `vscode.Uri` the Node host's file operations read. */
const uri = (scheme: string, fsPath: string): vscode.Uri => ({ scheme, fsPath }) as unknown as vscode.Uri;

describe('the Node host file operations: readFile and readNow (plain Node, local files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'plan-nodefileops-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // How the bytes are read is src/node/readThroughHandle.ts's (test/unit/node/readThroughHandle.test.ts).
  it('reads a whole local file, leaves other schemes to workspace.fs, throws ENOENT for a missing file, and refuses a pipe without blocking', async () => {
    const file = path.join(dir, 'snapshot.jsonl');
    const bytes = Buffer.alloc(300_000, 0x61);
    writeFileSync(file, bytes);
    assert.equal(Buffer.compare(Buffer.from((await nodeFileOps.readFile(uri('file', file)))!), bytes), 0);
    assert.equal(await nodeFileOps.readFile(uri('vscode-userdata', path.join(dir, 'x'))), undefined);
    await assert.rejects(nodeFileOps.readFile(uri('file', path.join(dir, 'missing'))), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(nodeFileOps.readFile(uri('file', fifo)), /not a regular file/);
  });

  it('readNow: a local file\'s stat (as workspace.fs.stat says it) and at most the bytes asked for; nothing for links, other schemes and errors', function () {
    const file = path.join(dir, 'plan.md');
    writeFileSync(file, '# Plan\n- [ ] a\n');
    const stat = statSync(file);
    const asked: number[] = [];
    const read = nodeFileOps.readNow(uri('file', file), (s) => (asked.push(s.size), 6));
    assert.deepEqual(read?.stat, { type: 'file', size: 15, mtime: stat.mtime.getTime(), ctime: stat.birthtime.getTime() });
    assert.deepEqual(asked, [15]);
    assert.equal(Buffer.from(read!.bytes!).toString(), '# Plan');
    assert.deepEqual(nodeFileOps.readNow(uri('file', file), () => undefined), { stat: read!.stat }, 'no bytes when none are asked for');
    mkdirSync(path.join(dir, 'folder'));
    assert.equal(nodeFileOps.readNow(uri('file', path.join(dir, 'folder')), () => undefined)?.stat.type, 'directory');
    assert.equal(nodeFileOps.readNow(uri('file', path.join(dir, 'missing.md')), () => 10), undefined);
    assert.equal(nodeFileOps.readNow(uri('vscode-remote', file), () => 10), undefined);
    if (process.platform === 'win32') return;
    symlinkSync(file, path.join(dir, 'link.md'));
    assert.equal(nodeFileOps.readNow(uri('file', path.join(dir, 'link.md')), () => 10), undefined, 'a link is left to the slower way, which tells links apart');
    const fifo = path.join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(nodeFileOps.readNow(uri('file', fifo), (s) => (s.type === 'file' ? 10 : undefined))?.stat.type, 'other');
  });

  it('walk: the plain files below a local folder that the filter keeps, links not followed, excluded folders not entered; nothing for other schemes, an abort or a huge tree', async function () {
    const write = (relative: string) => {
      mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      writeFileSync(path.join(dir, relative), '# x\n');
    };
    for (const file of ['a.md', 'b.txt', 'docs/c.md', 'docs/deep/er/d.md', '.github/e.md', 'node_modules/pkg/f.md', 'docs/node_modules/g.md']) write(file);
    mkdirSync(path.join(dir, 'empty'));
    const entered: string[] = [];
    const filter = {
      enter: (relative: string) => (entered.push(relative), !/(^|\/)node_modules$/.test(relative)),
      keep: (relative: string) => relative.endsWith('.md'),
    };
    const never = new AbortController().signal;
    const walk = async (signal = never) => [...((await nodeFileOps.walk(uri('file', dir), filter, signal)) ?? ['(undefined)'])].sort();
    const expected = ['.github/e.md', 'a.md', 'docs/c.md', 'docs/deep/er/d.md'];
    assert.deepEqual(await walk(), expected);
    assert.deepEqual(entered.sort(), ['.github', 'docs', 'docs/deep', 'docs/deep/er', 'docs/node_modules', 'empty', 'node_modules']);
    assert.equal(await nodeFileOps.walk(uri('vscode-remote', dir), filter, never), undefined);
    const aborted = new AbortController();
    aborted.abort();
    assert.deepEqual(await walk(aborted.signal), ['(undefined)']);
    if (process.platform !== 'win32') {
      symlinkSync(path.join(dir, 'docs'), path.join(dir, 'linked-docs'));
      symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'linked.md'));
      symlinkSync(dir, path.join(dir, 'docs', 'loop'));
      chmodSync(path.join(dir, 'docs', 'deep'), 0);
      try {
        // An unreadable folder is passed over (root reads it anyway; then it is there).
        const found = await walk();
        assert.ok(found.join() === expected.join() || found.join() === expected.filter((f) => !f.startsWith('docs/deep')).join(), found.join());
      } finally {
        chmodSync(path.join(dir, 'docs', 'deep'), 0o755);
      }
    }
    // A tree of more entries than a walk looks at is left to findFiles.
    const wide = { enter: () => true, keep: () => true };
    const all = (await walkFolders(dir, wide, never))!;
    assert.deepEqual([...all].sort(), ['.github/e.md', 'a.md', 'b.txt', 'docs/c.md', 'docs/deep/er/d.md', 'docs/node_modules/g.md', 'node_modules/pkg/f.md'], 'no path through a link');
    assert.equal(await walkFolders(dir, wide, never, 5), undefined);
    assert.equal(MAX_WALK_ENTRIES, 100_000);
  });
});
