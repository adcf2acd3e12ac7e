import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { nodeFileOps } from '../../../../src/extension/node/nodeFileOps';

/** The two fields of a `vscode.Uri` the Node host's file operations read. */
const uri = (scheme: string, fsPath: string): vscode.Uri => ({ scheme, fsPath }) as unknown as vscode.Uri;

describe('the Node host file operations: readFile (plain Node, local files)', () => {
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
});
