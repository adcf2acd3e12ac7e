import * as assert from 'node:assert/strict';
import { shortHash, tempSuffix } from '../../../src/cli/fileNames';

describe('CLI file names (no crypto module)', () => {
  it('shortHash is 16 hex digits, the same for the same string, and differs for near strings', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) {
      const h = shortHash(`{"cwd":"/work/ws","command":"status","paths":["docs/plans/${i}"]}`);
      assert.match(h, /^[0-9a-f]{16}$/);
      seen.add(h);
    }
    assert.equal(seen.size, 20000, 'no collision among 20,000 near keys');
    assert.equal(shortHash('/a/b'), shortHash('/a/b'));
    assert.notEqual(shortHash('ab'), shortHash('ba'));
    assert.notEqual(shortHash(''), shortHash('\0'));
  });

  it('tempSuffix gives a different .tmp name each time, naming the process', () => {
    const names = new Set(Array.from({ length: 1000 }, () => tempSuffix()));
    assert.equal(names.size, 1000);
    for (const n of names) assert.match(n, new RegExp(`^${process.pid}\\.[0-9a-f]+\\.tmp$`));
  });
});
