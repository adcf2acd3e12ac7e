import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readThroughHandle } from '../../../src/node/readThroughHandle';

const everything = { limit: Number.MAX_SAFE_INTEGER };

describe('readThroughHandle: how the CLI and the Node extension host read a file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'plan-readhandle-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the bytes on disk and the stat it decided by, for empty, small and large files', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('# Plan\n- [ ] a\n'), Buffer.alloc(3 * 1024 * 1024 + 7, 0x61)]) {
      const file = path.join(dir, 'plan.md');
      writeFileSync(file, bytes);
      const read = await readThroughHandle(file, () => everything);
      assert.ok('bytes' in read);
      assert.equal(Buffer.compare(Buffer.from(read.bytes), bytes), 0);
      assert.equal(read.stat.size, bytes.length);
    }
  });

  it('reads what a file grew by after its stat, and never more than the limit', async () => {
    const file = path.join(dir, 'growing.md');
    writeFileSync(file, 'x'.repeat(100));
    // The decision comes after the stat and before the first read: a writer appends in between.
    const grown = await readThroughHandle(file, () => (appendFileSync(file, 'y'.repeat(50_000)), everything));
    assert.ok('bytes' in grown);
    assert.equal(grown.stat.size, 100);
    assert.equal(grown.bytes.length, 50_100);
    const capped = await readThroughHandle(file, () => (appendFileSync(file, 'z'.repeat(10)), { limit: 120 }));
    assert.ok('bytes' in capped);
    assert.equal(Buffer.from(capped.bytes).toString(), 'x'.repeat(100) + 'y'.repeat(20));
  });

  it('stops at the limit on a source without end', async function () {
    if (!existsSync('/dev/zero')) this.skip();
    const read = await readThroughHandle('/dev/zero', () => ({ limit: 70_000 }));
    assert.ok('bytes' in read);
    assert.equal(read.bytes.length, 70_000);
  });

  it('hands back the reason of a refusal without reading, opens a pipe without blocking, and throws the errors of the file system', async () => {
    const file = path.join(dir, 'plan.md');
    writeFileSync(file, 'text');
    assert.deepEqual(await readThroughHandle(file, (stat) => ({ refuse: `size ${stat.size}` })), { refuse: 'size 4' });
    await assert.rejects(readThroughHandle(path.join(dir, 'missing.md'), () => everything), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(await readThroughHandle(fifo, (stat) => (stat.isFile() ? everything : { refuse: 'not a file' })), { refuse: 'not a file' });
  });
});
