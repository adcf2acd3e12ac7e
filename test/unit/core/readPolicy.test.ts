import * as assert from 'node:assert/strict';
import { BINARY_SNIFF_BYTES, MAX_PLAN_FILE_BYTES, checkBeforeRead, checkAfterRead, describeSkip } from '../../../src/core';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('read policy (one rule for the CLI and the editor)', () => {
  it('reads regular files up to the cap and refuses pipes, devices and folders without reading', () => {
    assert.equal(checkBeforeRead({ type: 'file', size: MAX_PLAN_FILE_BYTES }), undefined);
    assert.deepEqual(checkBeforeRead({ type: 'file', size: MAX_PLAN_FILE_BYTES + 1 }), { kind: 'too-large', size: MAX_PLAN_FILE_BYTES + 1 });
    // A FIFO or /dev/zero reports size 0: the type decides, not the size.
    assert.deepEqual(checkBeforeRead({ type: 'other', size: 0 }), { kind: 'not-regular' });
    assert.deepEqual(checkBeforeRead({ type: 'directory', size: 4096 }), { kind: 'directory' });
  });

  it('treats bytes beyond the cap as too large (a file that grew after its stat)', () => {
    const bytes = new Uint8Array(MAX_PLAN_FILE_BYTES + 1).fill(0x61);
    assert.deepEqual(checkAfterRead(bytes), { skip: { kind: 'too-large', size: MAX_PLAN_FILE_BYTES + 1 } });
  });

  it('sniffs a NUL in the first 8,000 bytes as binary, and not one after them', () => {
    const early = utf8('# Plan\n'.padEnd(100, 'x'));
    early[50] = 0;
    assert.deepEqual(checkAfterRead(early), { skip: { kind: 'binary' } });
    const late = new Uint8Array(BINARY_SNIFF_BYTES + 10).fill(0x61);
    late[BINARY_SNIFF_BYTES + 5] = 0;
    assert.ok('text' in checkAfterRead(late));
  });

  it('drops a UTF-8 byte order mark, decodes UTF-16 by its mark, and replaces invalid UTF-8; gives the UTF-8 bytes decoded', () => {
    // `utf8`: the bytes the text was decoded from, without the mark (what the index hashes).
    assert.deepEqual(checkAfterRead(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# Plan')])), { text: '# Plan', utf8: utf8('# Plan') });
    assert.deepEqual(checkAfterRead(utf8('# Plan ✅')), { text: '# Plan ✅', utf8: utf8('# Plan ✅') });
    const le = new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x50, 0x00]);
    assert.deepEqual(checkAfterRead(le), { text: '# P' });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x23, 0x00, 0x20, 0x00, 0x50]);
    assert.deepEqual(checkAfterRead(be), { text: '# P' });
    assert.deepEqual(checkAfterRead(new Uint8Array([0x61, 0xff, 0x62])), { text: 'a\uFFFDb', utf8: new Uint8Array([0x61, 0xff, 0x62]) });
  });

  it('says why a file was skipped, in words', () => {
    assert.equal(describeSkip({ kind: 'not-regular' }), 'skipped: not a regular file (a pipe, socket or device)');
    assert.equal(describeSkip({ kind: 'binary' }), 'skipped: binary file, not Markdown');
    assert.equal(describeSkip({ kind: 'too-large', size: 19.5 * 1024 * 1024 }), 'skipped: 19.5 MB is larger than the 5 MB limit for a plan file');
  });
});
