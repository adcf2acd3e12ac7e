import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, constants, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readThroughHandle as readAsync, SyncHandleReader, type ReadDecision } from '../../../src/node/readThroughHandle';

const everything = { limit: Number.MAX_SAFE_INTEGER };

type Read = <R>(file: string, decide: (stat: Stats) => ReadDecision<R>) => Promise<{ readonly bytes: Uint8Array; readonly stat: Stats } | { readonly refuse: R }>;

/** The sync reader behind the same signature; its bytes copied out, since its buffer is reused. */
function syncRead(reader = new SyncHandleReader()): Read {
  return async (file, decide) => {
    const read = reader.read(file, decide);
    return 'bytes' in read ? { bytes: read.bytes.slice(), stat: read.stat } : read;
  };
}

for (const [name, readThroughHandle] of [
  ['readThroughHandle', readAsync],
  ['SyncHandleReader', syncRead()],
] as const) {
  describe(`${name}: how the CLI and the Node extension host read a file`, () => {
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
}

describe('SyncHandleReader: one buffer from file to file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'plan-readsync-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands out exactly the bytes of each file, whatever the buffer held before', () => {
    const reader = new SyncHandleReader();
    const files = ['a'.repeat(200_000), 'short', '', 'b'.repeat(70_000), 'tail'];
    files.forEach((text, i) => writeFileSync(path.join(dir, `${i}.md`), text));
    for (const [i, text] of files.entries()) {
      const read = reader.read(path.join(dir, `${i}.md`), () => everything);
      assert.ok('bytes' in read);
      assert.equal(Buffer.from(read.bytes).toString(), text);
    }
  });

  it('keeps one buffer for files up to 1 MB; a larger file gets one of its own, which is not kept', () => {
    const reader = new SyncHandleReader();
    writeFileSync(path.join(dir, 'a.md'), 'a'.repeat(100_000));
    writeFileSync(path.join(dir, 'b.md'), 'b'.repeat(50_000));
    writeFileSync(path.join(dir, 'big.md'), 'c'.repeat(3_000_000));
    const bufferOf = (name: string): ArrayBufferLike => {
      const read = reader.read(path.join(dir, name), () => everything);
      assert.ok('bytes' in read);
      return read.bytes.buffer;
    };
    const kept = bufferOf('a.md');
    assert.equal(bufferOf('b.md'), kept, 'small files share one buffer');
    const big = bufferOf('big.md');
    assert.notEqual(big, kept);
    assert.equal(bufferOf('b.md'), kept, 'after a large file, the kept buffer is the small one still');
  });

  it('with O_NOFOLLOW, refuses to open a symbolic link (the extension then asks the slower way)', function () {
    if (constants.O_NOFOLLOW === undefined) this.skip();
    const file = path.join(dir, 'plan.md');
    writeFileSync(file, 'text');
    symlinkSync(file, path.join(dir, 'link.md'));
    const reader = new SyncHandleReader();
    assert.ok('bytes' in reader.read(file, () => everything, constants.O_NOFOLLOW));
    assert.throws(() => reader.read(path.join(dir, 'link.md'), () => everything, constants.O_NOFOLLOW), (e: NodeJS.ErrnoException) => e.code === 'ELOOP' || e.code === 'EMLINK');
  });
});
