import * as assert from 'node:assert/strict';
import { BurstDebouncer } from '../../../../src/extension/util/debounce';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('extension/util/debounce BurstDebouncer', () => {
  it('runs once after a burst goes quiet', async () => {
    let calls = 0;
    const debouncer = new BurstDebouncer(() => calls++, 30, 1000);
    for (let i = 0; i < 10; i++) debouncer.trigger();
    assert.equal(calls, 0);
    await sleep(60);
    assert.equal(calls, 1);
    debouncer.dispose();
  });

  it('still runs at the max wait while triggers never pause', async () => {
    let calls = 0;
    const debouncer = new BurstDebouncer(() => calls++, 40, 100);
    const started = Date.now();
    while (Date.now() - started < 260) {
      debouncer.trigger();
      await sleep(10);
    }
    debouncer.dispose();
    assert.ok(calls >= 2 && calls <= 3, `calls: ${calls}`);
  });

  it('flush runs the pending call now; dispose cancels it', async () => {
    let calls = 0;
    const debouncer = new BurstDebouncer(() => calls++, 30, 100);
    debouncer.flush();
    assert.equal(calls, 0);
    debouncer.trigger();
    debouncer.flush();
    assert.equal(calls, 1);
    debouncer.trigger();
    debouncer.dispose();
    await sleep(50);
    assert.equal(calls, 1);
  });
});
