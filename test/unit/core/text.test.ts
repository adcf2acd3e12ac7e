import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { errorText, fileNameOf, planName, fnv1a, hashText, hashUtf8, labelText, withoutDoneAt } from '../../../src/core';
import { lineAt, lineStarts, lineStartsInto, splitLines } from '../../../src/core/text';
import { normalizeName, plainText } from '../../../src/core/text';

/** The definitions the fast paths must keep: normalizeName and plainText as regular expressions. */
const normalizeNameByRegExp = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/^[\s\d.]+(?=[a-z])/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const headingish = fc.string({ unit: fc.constantFrom(...'aZq09 .\t\n*_`~-:#()[]é✅\u00a0'.split('')), maxLength: 24 });

describe('core/text', () => {
  it('withoutDoneAt takes the time an ExecPlan writes before a done step off its text', () => {
    assert.deepEqual(withoutDoneAt('(2025-10-01 13:00Z) Example step.'), { text: 'Example step.', at: '2025-10-01 13:00Z' });
    assert.deepEqual(withoutDoneAt('(2026-02-17T18:37:00Z) P1 [M1] Types'), { text: 'P1 [M1] Types', at: '2026-02-17T18:37:00Z' });
    assert.deepEqual(withoutDoneAt('(2026-03-03) Queue edits'), { text: 'Queue edits', at: '2026-03-03' });
    for (const text of ['(optional) Add tests', 'Ship (2026-03-03)', '(2026-03) Monthly', 'Plain']) assert.deepEqual(withoutDoneAt(text), { text }, text);
  });

  it('labelText keeps the words of emphasis, code and links', () => {
    assert.equal(labelText('Run `./stack check` on **all** [files](http://x) ~~now~~'), 'Run ./stack check on all files now');
  });

  it('planName: the title, else the file name, with its folder when every feature has a file of that name', () => {
    assert.equal(planName(' Add 2FA ', 'openspec/changes/add-2fa/tasks.md'), 'Add 2FA');
    assert.equal(planName('', 'openspec/changes/add-2fa/tasks.md'), 'add-2fa/tasks.md');
    assert.equal(planName('', '/ws/.kiro/specs/login/TASKS.md'), 'login/TASKS.md');
    assert.equal(planName('', 'docs/plans/untitled-plan.md'), 'untitled-plan.md');
    assert.equal(planName('', 'tasks.md'), 'tasks.md');
  });

  it('fileNameOf: the last segment of a path or URI path', () => {
    assert.equal(fileNameOf('/ws/docs/plans/auth.md'), 'auth.md');
    assert.equal(fileNameOf('auth.md'), 'auth.md');
    assert.equal(fileNameOf('docs/plans/'), '');
  });

  it('errorText: the message of an Error, anything else as a string', () => {
    assert.equal(errorText(new Error('disk full')), 'disk full');
    assert.equal(errorText('plain'), 'plain');
    assert.equal(errorText(42), '42');
  });

  it('normalizeName: lower-case words without numbering, marks or punctuation', () => {
    assert.equal(normalizeName('6. Quality Checks'), 'quality checks');
    assert.equal(normalizeName('📋 Implementation **Status** Tracking'), 'implementation status tracking');
    assert.equal(normalizeName('Phase 1.2: Core_parser'), 'phase 1 2 coreparser');
    assert.equal(normalizeName('1.2'), '1 2');
  });

  it('normalizeName: its one-pass ASCII path equals the regular-expression definition on any string', () => {
    fc.assert(fc.property(headingish, (s) => assert.equal(normalizeName(s), normalizeNameByRegExp(s))), { numRuns: 5000 });
  });

  it('plainText: text with no inline marks comes back trimmed; code spans and emphasis are read', () => {
    assert.equal(plainText('  Phase 1: Core  '), 'Phase 1: Core');
    assert.equal(plainText('**Phase 2**: `upgrade_phase1` ~~old~~'), 'Phase 2: upgrade_phase1 old');
  });

  it('fnv1a: the 32-bit FNV-1a of the code units (reference values), and a text\'s hash is its parts\' chained', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => fnv1a(a + b) === fnv1a(b, fnv1a(a))));
  });

  it('lineStarts: a line ends at \\n, \\r\\n or \\r; lineStartsInto writes into the array given while it has room', () => {
    assert.deepEqual([...lineStarts('')], [0]);
    assert.deepEqual([...lineStarts('a\nbc\r\nd\re\n')], [0, 2, 6, 8, 10]);
    assert.deepEqual([...lineStarts('\r\r\n\n')], [0, 1, 3, 4]);
    const into = new Int32Array(3);
    const some = lineStartsInto('a\nb', into);
    assert.deepEqual([...some], [0, 2]);
    assert.equal(some.buffer, into.buffer, 'room enough: the array given');
    const more = lineStartsInto('1\n2\n3\n4\n5', into);
    assert.deepEqual([...more], [0, 2, 4, 6, 8]);
    assert.notEqual(more.buffer, into.buffer, 'no room: a larger array');
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\r\n');
    assert.deepEqual([...lineStartsInto(text, new Int32Array(1))], [...lineStarts(text)]);
    assert.equal(lineStarts(text).length, 5000);
    // Each answer is an array of its own, of its exact length: the next call does not change it.
    const first = lineStarts('a\nb\nc');
    const big = lineStarts(text);
    assert.deepEqual([...lineStarts('x\ny')], [0, 2]);
    assert.deepEqual([...first], [0, 2, 4]);
    assert.equal(big.length, 5000);
    assert.equal(first.buffer.byteLength, 3 * 4);
  });

  it('splitLines: the lines between the starts lineStarts finds, whichever line breaks the text uses', () => {
    const text = fc.stringMatching(/^(?:[a-c ]|\r\n|\r|\n)*$/);
    fc.assert(
      fc.property(text, (t) => {
        const starts = lineStarts(t);
        const byStarts = [...starts].map((_, i) => lineAt(t, starts, i));
        assert.deepEqual(splitLines(t), byStarts);
      }),
      { numRuns: 2000 },
    );
  });

  it('hashUtf8: MurmurHash3 (x86, 32-bit, seed 0) of the bytes (reference values); a change to any one byte changes it', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    for (const [s, want] of [['', 0], ['test', 0xba6bd213], ['Hello, world!', 0xc0363e43], ['The quick brown fox jumps over the lazy dog', 0x2e4ff723]] as const) {
      assert.equal(hashUtf8(bytes(s)), want, s);
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 70 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (data, at, flip) => {
        const changed = data.slice();
        changed[at % data.length] ^= flip;
        return hashUtf8(changed) !== hashUtf8(data);
      }),
      { numRuns: 5000 },
    );
    // A view at an odd offset of a larger buffer reads its own bytes.
    const whole = bytes('xx- [ ] a task');
    assert.equal(hashUtf8(whole.subarray(2)), hashUtf8(bytes('- [ ] a task')));
    // Bytes at a multiple of four are read a word at a time, others a byte at a time: one hash.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.integer({ min: 1, max: 3 }), (data, offset) => {
        const shifted = new Uint8Array(data.length + offset);
        shifted.set(data, offset);
        return hashUtf8(shifted.subarray(offset)) === hashUtf8(data);
      }),
      { numRuns: 2000 },
    );
  });

  it('hashText: the hash of the text as UTF-8 (what the index reads from disk), at any length', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => hashText(text) === hashUtf8(encoder.encode(text))),
      { numRuns: 3000 },
    );
    // A lone surrogate is U+FFFD, as TextEncoder writes it.
    assert.equal(hashText('a\ud800b'), hashUtf8(encoder.encode('a\ufffdb')));
    // At the edge of the scratch space it encodes into (a third of 256 KB), past it, then small again.
    for (const text of ['é'.repeat(87_381), '✅'.repeat(87_382), '✅ done '.repeat(200_000), '- [x] small']) assert.equal(hashText(text), hashUtf8(encoder.encode(text)), `${text.length} code units`);
  });
});
