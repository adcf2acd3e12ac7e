import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasNodeProcess, inWebWorker, TEST_HOST } from './support/host';
import { activatePlanTracker } from './support/planTracker';

describe(`Extension host (${TEST_HOST})`, () => {
  it('runs Plan Tracker in the extension host this build of the suite is for', async () => {
    const api = await activatePlanTracker();
    assert.ok(api, 'activate() returned no API: the extension ran no code in this host');
    assert.equal(api.hostKind, TEST_HOST);
  });

  it(TEST_HOST === 'web' ? 'is a web worker without Node: typeof process is undefined' : 'is Node: process exists', () => {
    if (TEST_HOST === 'web') {
      assert.equal(hasNodeProcess(), false, 'typeof process is not undefined: this is not the web worker host');
      assert.equal(inWebWorker(), true, 'no web worker global scope (importScripts)');
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    } else {
      assert.equal(hasNodeProcess(), true);
      assert.equal(inWebWorker(), false);
    }
  });

  it(TEST_HOST === 'web' ? 'the plan index cannot tell its slices\' CPU time here (-1)' : 'the plan index counts its slices\' CPU time where Node tells it', async () => {
    const api = await activatePlanTracker();
    await api.ready;
    const stats = api.indexStats();
    const nodeTells = TEST_HOST === 'node' && typeof (globalThis as { process?: { threadCpuUsage?: unknown } }).process?.threadCpuUsage === 'function';
    if (!nodeTells) {
      assert.equal(stats.longestSliceCpuMs, -1);
      return;
    }
    assert.ok(stats.longestSliceCpuMs >= 0, `longest slice: ${stats.longestSliceMs} ms wall, ${stats.longestSliceCpuMs} ms CPU`);
    assert.ok(stats.longestSliceCpuMs <= stats.longestSliceMs + 1, 'a slice cannot use more of its thread\'s CPU than its wall time');
  });

  it(TEST_HOST === 'web' ? 'the plan index has no walk of the folders here: its scans wait for findFiles' : 'the plan index starts a scan from its own walk of the local folders, and shows those plans before findFiles answers', async () => {
    const api = await activatePlanTracker();
    await api.ready;
    if (TEST_HOST === 'web') {
      await api.refresh();
      assert.equal(api.indexStats().lastScanWalkMs, -1);
      return;
    }
    // The walk of this small workspace takes a few ms; findFiles asks the search service. Which
    // answers first is a race, so a few scans are allowed for the walk to win one.
    const seen: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await api.refresh();
      const stats = api.indexStats();
      seen.push(`walked at ${stats.lastScanWalkMs.toFixed(1)} ms, shown at ${stats.lastScanShownMs.toFixed(1)} ms, listed at ${stats.lastScanListMs.toFixed(1)} ms`);
      if (stats.lastScanWalkMs < 0) continue;
      assert.ok(stats.lastScanWalkMs <= stats.lastScanListMs, seen.join('; '));
      assert.ok(stats.lastScanShownMs <= stats.lastScanMs, seen.join('; '));
      return;
    }
    assert.fail(`no scan started from the walk: ${seen.join('; ')}`);
  });
});
