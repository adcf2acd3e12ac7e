import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { nodeFileOps } from '../../../../src/extension/node/nodeFileOps';

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
});

