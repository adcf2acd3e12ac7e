import * as assert from 'node:assert/strict';
import { threadCpuMs } from '../../../../src/extension/node/threadCpu';

describe('threadCpuMs: the extension host thread\'s CPU time (plain Node)', () => {
  it('is this thread\'s CPU time in ms where Node tells it (23.9 and later), and undefined where it does not', () => {
    const clock = threadCpuMs();
    if (typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage !== 'function') {
      assert.equal(clock, undefined);
      return;
    }
    assert.ok(clock);
    const before = clock();
    const wallStart = performance.now();
    while (performance.now() - wallStart < 30) {
      // Busy: CPU time goes up with the wall clock.
    }
    const used = clock() - before;
    assert.ok(used >= 15 && used <= 200, `30 ms of busy loop took ${used} ms of this thread's CPU`);
  });
});
