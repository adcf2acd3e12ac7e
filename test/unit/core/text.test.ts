import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { errorText, fileNameOf, fnv1a, hashText, labelText } from '../../../src/core';
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
  it('labelText keeps the words of emphasis, code and links', () => {
    assert.equal(labelText('Run `./stack check` on **all** [files](http://x) ~~now~~'), 'Run ./stack check on all files now');
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

  it('hashText: a change to any one code unit, in any lane or the tail, changes the hash; same text, same hash', () => {
    assert.equal(hashText('plan'), hashText(`pl${'an'}`));
    assert.notEqual(hashText(''), hashText('\0'));
    const unit = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), fc.nat(), unit, (text, at, code) => {
        fc.pre(text.length > 0);
        const i = at % text.length;
        fc.pre(text.charCodeAt(i) !== code);
        const changed = text.slice(0, i) + String.fromCharCode(code) + text.slice(i + 1);
        return hashText(changed) !== hashText(text);
      }),
      { numRuns: 5000 },
    );
    // A tick, the edit the index sees most: every position of a 13-unit text (three lanes' worth, and a tail).
    const text = '- [ ] a task.';
    for (let i = 0; i < text.length; i++) assert.notEqual(hashText(`${text.slice(0, i)}x${text.slice(i + 1)}`), hashText(text), `position ${i}`);
    // Code units moved from one lane to the next, and a unit moved past the end.
    assert.notEqual(hashText('abcdefgh'), hashText('bacdefgh'));
    assert.notEqual(hashText('abcdefgh'), hashText('abcdefg'));
  });
});
