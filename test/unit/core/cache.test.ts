import * as assert from 'node:assert/strict';
import { CACHE_FORMAT, PlanCache, UNSETTLED_MS, cacheKey, cacheSourceOf, isSettled, type CacheEntry, type CacheSource, type FileStamp } from '../../../src/core';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const OLD: FileStamp = { size: 120, mtime: NOW - 60_000.25, ctime: NOW - 59_000.5 };
const KEY = cacheKey({ parser: 'build-1', alwaysPlans: ['**/tasks.md'] });

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : new TextDecoder().decode(b));
const entry = <M>(meta: M, slice: string): CacheEntry<M> => ({ meta, slice: bytes(slice) });

/** A cache file as a writer makes it: what `set` handed out as it went, then `finish`. */
class File<M> {
  readonly parts: Uint8Array[] = [];
  constructor(readonly cache: PlanCache<M>) {}
  set(path: string, stamp: FileStamp, e: CacheEntry<M>, startedAt = NOW): void {
    this.parts.push(...this.cache.set(path, stamp, e, startedAt));
  }
  bytes(): Uint8Array {
    return Buffer.concat([...this.parts, ...this.cache.finish()]);
  }
}

function reread<M>(file: File<M>, key = KEY): { cache: PlanCache<M>; discarded?: string } {
  return PlanCache.decode<M>(cacheSourceOf(file.bytes()), key);
}

describe('plan cache (format and validity)', () => {
  it('round-trips meta and slice for the same stamp; the slice is the bytes written, unparsed (newlines, quotes, non-ASCII)', () => {
    const file = new File(PlanCache.empty<{ status: string | null; done: number }>(KEY));
    const slice = '      "title": "Plan \\"ü\\"",\n      "x": [\n        1\n      ]';
    file.set('/w/docs/plans/a.md', OLD, entry({ status: 'Completed', done: 3 }, slice));
    file.set('/w/docs/plans/b.md', OLD, entry({ status: null, done: 0 }, ''));
    const { cache: read, discarded } = reread(file);
    assert.equal(discarded, undefined);
    assert.deepEqual(read.get('/w/docs/plans/a.md', { ...OLD })?.meta, { status: 'Completed', done: 3 });
    assert.equal(text(read.get('/w/docs/plans/a.md', { ...OLD })?.slice), slice);
    assert.equal(text(read.get('/w/docs/plans/b.md', { ...OLD })?.slice), '');
    assert.equal(read.size, 2);
  });

  it('lays the file out as documented: head line, slices, index, offset of the index', () => {
    const file = new File(PlanCache.empty<number>(KEY));
    file.set('a.md', OLD, entry(1, 'AAA'));
    file.set('b.md', OLD, entry(2, 'BB'));
    const written = text(file.bytes())!;
    const head = `{"format":${CACHE_FORMAT},"key":${JSON.stringify(KEY)}}\n`;
    assert.ok(written.startsWith(`${head}AAABB[`), written);
    const lines = written.split('\n');
    assert.equal(Number(lines[lines.length - 2]), Buffer.byteLength(`${head}AAABB`));
    assert.deepEqual(JSON.parse(lines[lines.length - 3].slice('AAABB'.length)), [
      ['a.md', OLD.size, OLD.mtime, OLD.ctime, head.length, 3, 1],
      ['b.md', OLD.size, OLD.mtime, OLD.ctime, head.length + 3, 2, 2],
    ]);
  });

  it('hands out each slice as it is set (head first), so a writer never holds them', () => {
    const cache = PlanCache.empty<number>(KEY);
    const first = cache.set('a.md', OLD, entry(1, 'AAA'), NOW);
    assert.deepEqual(first.map(text), [`{"format":${CACHE_FORMAT},"key":${JSON.stringify(KEY)}}\n`, 'AAA']);
    assert.deepEqual(cache.set('b.md', OLD, entry(2, 'BB'), NOW).map(text), ['BB']);
  });

  it('misses when anything of the stamp differs (size, mtime to the fraction of a ms, ctime, ctime missing)', () => {
    const file = new File(PlanCache.empty<string>(KEY));
    file.set('a.md', OLD, entry('old answer', 'x'));
    const { cache: read } = reread(file);
    for (const changed of [{ ...OLD, size: 121 }, { ...OLD, mtime: OLD.mtime + 0.001 }, { ...OLD, ctime: OLD.ctime! + 1 }, { size: OLD.size, mtime: OLD.mtime }]) {
      assert.equal(read.get('a.md', changed), undefined, JSON.stringify(changed));
    }
    assert.equal(read.get('b.md', OLD), undefined);
    assert.equal(read.get('a.md', OLD)?.meta, 'old answer');
  });

  it('does not store a file written within the last two seconds or stamped in the future (a same-second, same-size rewrite would look unchanged)', () => {
    const file = new File(PlanCache.empty<string>(KEY));
    const justWritten: FileStamp = { size: 120, mtime: NOW - 500, ctime: NOW - 500 };
    const future: FileStamp = { size: 120, mtime: NOW + 3_600_000, ctime: NOW - 60_000 };
    const touchedBack: FileStamp = { size: 120, mtime: NOW - 60_000, ctime: NOW - 10 };
    assert.deepEqual(file.cache.set('recent.md', justWritten, entry('first text', 'x'), NOW), []);
    file.set('future.md', future, entry('first text', 'x'));
    file.set('touched.md', touchedBack, entry('first text', 'x'));
    file.set('settled.md', OLD, entry('first text', 'x'));
    const { cache: read } = reread(file);
    // The same stamp after a rewrite of the same size in the same tick: the cache has no answer, so the file is parsed again.
    assert.equal(read.get('recent.md', justWritten), undefined);
    assert.equal(read.get('future.md', future), undefined);
    assert.equal(read.get('touched.md', touchedBack), undefined);
    assert.equal(read.get('settled.md', OLD)?.meta, 'first text');
    assert.equal(isSettled({ size: 1, mtime: NOW - UNSETTLED_MS, ctime: NOW - UNSETTLED_MS }, NOW), true);
    assert.equal(isSettled({ size: 1, mtime: NOW - UNSETTLED_MS + 1 }, NOW), false);
  });

  it('discards a cache that is corrupt, of another format or of another key, with the reason', () => {
    const file = new File(PlanCache.empty<string>(KEY));
    file.set('a.md', OLD, entry('answer', 'slice'));
    const good = text(file.bytes())!;
    const lines = good.split('\n');
    const head = `${lines[0]}\nslice`;
    const index = lines[1].slice('slice'.length);
    const withIndex = (rows: unknown): string => `${head}${JSON.stringify(rows)}\n${lines[2]}\n`;
    const row = JSON.parse(index)[0] as unknown[];
    const cases: [string | undefined, string, RegExp | undefined][] = [
      [undefined, KEY, undefined],
      [good.slice(0, good.length / 2), KEY, /not readable/],
      [good.slice(0, good.length - 1), KEY, /not readable/],
      ['', KEY, /not readable/],
      ['null', KEY, /not readable/],
      [`{"format":${CACHE_FORMAT},"key":`, KEY, /not readable/],
      [good.replace(/\n\d+\n$/, '\n7\n'), KEY, /not readable/],
      [withIndex([['a.md', 'big', 1, null, row[4], row[5], 'x']]), KEY, /not readable/],
      [withIndex([[...row.slice(0, 5), 10_000, 'x']]), KEY, /not readable/],
      [withIndex({ a: 1 }), KEY, /not readable/],
      // Format 1 was one JSON document; its head is read without parsing the rest.
      [JSON.stringify({ format: 1, key: KEY, entries: [] }), KEY, /format 1, expected 2/],
      [good.replace(`"format":${CACHE_FORMAT}`, '"format":0'), KEY, /format 0/],
      [good, cacheKey({ parser: 'build-2', alwaysPlans: ['**/tasks.md'] }), /another build or with other settings/],
    ];
    for (const [stored, key, reason] of cases) {
      const { cache: read, discarded } = PlanCache.decode<string>(stored === undefined ? undefined : cacheSourceOf(bytes(stored)), key);
      if (reason) assert.match(discarded ?? '', reason, String(stored));
      else assert.equal(discarded, undefined);
      assert.equal(read.get('a.md', OLD), undefined);
    }
    assert.equal(withIndex(JSON.parse(index)), good, 'the corruptions above start from the good file');
  });

  it('writes only the entries of this run and says whether anything changed; kept entries are copied, not re-made', () => {
    const first = new File(PlanCache.empty<string>(KEY));
    first.set('a.md', OLD, entry('a', 'slice of a'));
    first.set('b.md', OLD, entry('b', 'slice of b'));
    assert.equal(first.cache.changed, true);
    const same = reread(first).cache;
    same.get('a.md', OLD);
    same.get('b.md', OLD);
    assert.equal(same.changed, false);

    const gone = new File(reread(first).cache);
    gone.cache.get('a.md', OLD); // b.md was deleted
    assert.equal(gone.cache.changed, true);
    const afterGone = reread(gone).cache;
    assert.equal(afterGone.get('b.md', OLD), undefined);
    assert.equal(text(afterGone.get('a.md', OLD)?.slice), 'slice of a');

    const oneChanged = new File(reread(first).cache);
    oneChanged.cache.get('a.md', OLD);
    const newer = { ...OLD, mtime: OLD.mtime + 1 };
    assert.equal(oneChanged.cache.get('b.md', newer), undefined);
    oneChanged.set('b.md', newer, entry('b2', 'new slice of b'));
    const afterChange = reread(oneChanged).cache;
    assert.equal(afterChange.size, 0);
    assert.equal(text(afterChange.get('a.md', OLD)?.slice), 'slice of a');
    assert.equal(text(afterChange.get('b.md', newer)?.slice), 'new slice of b');
    assert.equal(afterChange.get('b.md', newer)?.meta, 'b2');
    assert.equal(afterChange.get('b.md', OLD), undefined);
  });

  it('reads slices through a source that reuses one buffer (each look-up gets its own bytes), and misses when a slice cannot be read', () => {
    const first = new File(PlanCache.empty<string>(KEY));
    first.set('a.md', OLD, entry('a', 'slice of a'));
    first.set('b.md', OLD, entry('b', 'slice of b'));
    const stored = first.bytes();
    const window = new Uint8Array(stored.length);
    const reads: [number, number][] = [];
    let failing = false;
    const source: CacheSource = {
      size: stored.length,
      read: (offset, length) => {
        reads.push([offset, length]);
        if (failing) return undefined;
        window.fill(0);
        window.set(stored.subarray(offset, offset + length));
        return window.subarray(0, length);
      },
    };
    const { cache: read } = PlanCache.decode<string>(source, KEY);
    assert.equal(text(read.get('a.md', OLD)?.slice), 'slice of a');
    assert.equal(text(read.get('b.md', OLD)?.slice), 'slice of b');
    const next = new File(PlanCache.decode<string>(source, KEY).cache);
    assert.equal(text(next.cache.get('b.md', OLD)?.slice), 'slice of b');
    failing = true;
    assert.equal(next.cache.get('a.md', OLD), undefined, 'an unreadable slice is a miss');
    failing = false;
    reads.length = 0;
    // a.md went unread: the next file holds b.md alone, its slice copied from the old file.
    const after = PlanCache.decode<string>(cacheSourceOf(next.bytes()), KEY).cache;
    assert.equal(reads.length, 1);
    assert.equal(text(after.get('b.md', OLD)?.slice), 'slice of b');
    assert.equal(after.get('a.md', OLD), undefined);
  });

  it('hands a long index out in parts, and reads it back whole', () => {
    const file = new File(PlanCache.empty<string>(KEY));
    const meta = 'm'.repeat(500);
    for (let i = 0; i < 5000; i++) file.set(`docs/plans/p${i}.md`, OLD, entry(meta, `s${i}`));
    const { cache: read, discarded } = reread(file);
    assert.equal(discarded, undefined);
    for (const i of [0, 2047, 4999]) assert.equal(text(read.get(`docs/plans/p${i}.md`, OLD)?.slice), `s${i}`);
    assert.equal(read.size, 3);
  });

  it('keys by settings whatever order they were given in', () => {
    assert.equal(cacheKey({ a: 1, b: { d: [2, 1], c: new Set(['y', 'x']) } }), cacheKey({ b: { c: new Set(['x', 'y']), d: [2, 1] }, a: 1 }));
    assert.notEqual(cacheKey({ a: 1, b: [1, 2] }), cacheKey({ a: 1, b: [2, 1] }));
  });
});
