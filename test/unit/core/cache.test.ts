import * as assert from 'node:assert/strict';
import { CACHE_FORMAT, PlanCache, UNSETTLED_MS, cacheKey, isSettled, parsePlan, type FileStamp, type Plan } from '../../../src/core';
import { joinLines } from '../support/helpers';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const OLD: FileStamp = { size: 120, mtime: NOW - 60_000.25, ctime: NOW - 59_000.5 };
const KEY = cacheKey({ parser: 'build-1', alwaysPlans: ['**/tasks.md'] });

function roundTrip<V>(cache: PlanCache<V>, key = KEY): { cache: PlanCache<V>; discarded?: string } {
  return PlanCache.decode<V>(cache.encode(), key);
}

describe('plan cache (format and validity)', () => {
  const plan = parsePlan(joinLines('# Cached plan', '**Status:** Implementation In Progress', '', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B', ''));

  it('round-trips a model: the value read back is the one stored (as JSON: absent fields stay absent), for the same stamp', () => {
    const cache = PlanCache.empty<Plan>(KEY);
    cache.set('/w/docs/plans/a.md', OLD, plan, NOW);
    const { cache: read, discarded } = roundTrip(cache);
    assert.equal(discarded, undefined);
    assert.deepEqual(read.get('/w/docs/plans/a.md', { ...OLD }), JSON.parse(JSON.stringify(plan)));
    assert.equal(read.get('/w/docs/plans/a.md', { ...OLD })?.progress.done, 1);
    assert.equal(read.size, 1);
  });

  it('misses when anything of the stamp differs (size, mtime to the fraction of a ms, ctime, ctime missing)', () => {
    const cache = PlanCache.empty<string>(KEY);
    cache.set('a.md', OLD, 'old answer', NOW);
    const { cache: read } = roundTrip(cache);
    for (const changed of [{ ...OLD, size: 121 }, { ...OLD, mtime: OLD.mtime + 0.001 }, { ...OLD, ctime: OLD.ctime! + 1 }, { size: OLD.size, mtime: OLD.mtime }]) {
      assert.equal(read.get('a.md', changed), undefined, JSON.stringify(changed));
    }
    assert.equal(read.get('b.md', OLD), undefined);
    assert.equal(read.get('a.md', OLD), 'old answer');
  });

  it('does not store a file written within the last two seconds or stamped in the future (a same-second, same-size rewrite would look unchanged)', () => {
    const cache = PlanCache.empty<string>(KEY);
    const justWritten: FileStamp = { size: 120, mtime: NOW - 500, ctime: NOW - 500 };
    const future: FileStamp = { size: 120, mtime: NOW + 3_600_000, ctime: NOW - 60_000 };
    const touchedBack: FileStamp = { size: 120, mtime: NOW - 60_000, ctime: NOW - 10 };
    cache.set('recent.md', justWritten, 'first text', NOW);
    cache.set('future.md', future, 'first text', NOW);
    cache.set('touched.md', touchedBack, 'first text', NOW);
    cache.set('settled.md', OLD, 'first text', NOW);
    const { cache: read } = roundTrip(cache);
    // The same stamp after a rewrite of the same size in the same tick: the cache has no answer, so the file is parsed again.
    assert.equal(read.get('recent.md', justWritten), undefined);
    assert.equal(read.get('future.md', future), undefined);
    assert.equal(read.get('touched.md', touchedBack), undefined);
    assert.equal(read.get('settled.md', OLD), 'first text');
    assert.equal(isSettled({ size: 1, mtime: NOW - UNSETTLED_MS, ctime: NOW - UNSETTLED_MS }, NOW), true);
    assert.equal(isSettled({ size: 1, mtime: NOW - UNSETTLED_MS + 1 }, NOW), false);
  });

  it('discards a cache that is corrupt, of another format or of another key, with the reason', () => {
    const cache = PlanCache.empty<string>(KEY);
    cache.set('a.md', OLD, 'answer', NOW);
    const text = cache.encode();
    const cases: [string | undefined, string, RegExp | undefined][] = [
      [undefined, KEY, undefined],
      [text.slice(0, text.length / 2), KEY, /not readable/],
      ['', KEY, /not readable/],
      ['null', KEY, /not readable/],
      [JSON.stringify({ format: CACHE_FORMAT, key: KEY, entries: [['a.md', 'big', 1, null, 'x']] }), KEY, /not readable/],
      [text.replace(`"format":${CACHE_FORMAT}`, '"format":0'), KEY, /format 0/],
      [text, cacheKey({ parser: 'build-2', alwaysPlans: ['**/tasks.md'] }), /another build or with other settings/],
    ];
    for (const [stored, key, reason] of cases) {
      const { cache: read, discarded } = PlanCache.decode<string>(stored, key);
      if (reason) assert.match(discarded ?? '', reason, String(stored));
      else assert.equal(discarded, undefined);
      assert.equal(read.get('a.md', OLD), undefined);
    }
  });

  it('writes only the entries of this run and says whether anything changed', () => {
    const first = PlanCache.empty<string>(KEY);
    first.set('a.md', OLD, 'a', NOW);
    first.set('b.md', OLD, 'b', NOW);
    assert.equal(first.changed, true);
    const same = roundTrip(first).cache;
    same.get('a.md', OLD);
    same.get('b.md', OLD);
    assert.equal(same.changed, false);
    const gone = roundTrip(first).cache;
    gone.get('a.md', OLD); // b.md was deleted
    assert.equal(gone.changed, true);
    assert.equal(roundTrip(gone).cache.get('b.md', OLD), undefined);
  });

  it('keys by settings whatever order they were given in', () => {
    assert.equal(cacheKey({ a: 1, b: { d: [2, 1], c: new Set(['y', 'x']) } }), cacheKey({ b: { c: new Set(['x', 'y']), d: [2, 1] }, a: 1 }));
    assert.notEqual(cacheKey({ a: 1, b: [1, 2] }), cacheKey({ a: 1, b: [2, 1] }));
  });
});
