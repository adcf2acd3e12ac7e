// Paint first, in a real workbench: the index keeps the session's plans in the workspace storage;
// after a window reload the Plans view is painted from them, then the first scan corrects what
// changed on disk meanwhile (a plan ticked, a plan the snapshot still names but that is gone).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, useWorkbench } from './workbench.mjs';

const VIEW = 'Plans';

describe('Paint first (snapshot in the workspace storage)', function () {
  const session = useWorkbench();

  it('after a reload the view is painted from the snapshot, and a plan changed or gone meanwhile is corrected', async () => {
    const { wb } = session;
    await wb.openViewContainer('Plan Tracker');
    await wb.waitForTreeRows(VIEW, { text: 'Dark Mode' });
    // The first scan writes the snapshot into the extension's workspace storage, and then says so
    // in its log, with the file's path: the signal to wait for (the file alone may be one an
    // earlier write left, or not yet renamed into place).
    await eventually(
      () => wb.planTrackerLogs(),
      (text) => /Plan index: 2 plans saved for the next session in /.test(text),
      'the log says the snapshot was written',
      60_000,
    );
    // A change after the first scan (a document the workbench restores, say) writes the snapshot
    // again 2 s later, which would undo the edit below: wait until no new write for 3 s.
    let writes = -1;
    let quietSince = Date.now();
    await eventually(
      () => {
        const count = (wb.planTrackerLogs().match(/plans saved for the next session/g) ?? []).length;
        if (count !== writes) [writes, quietSince] = [count, Date.now()];
        return Date.now() - quietSince;
      },
      (quietMs) => quietMs >= 3000,
      'the snapshot is not written again for 3 s',
      60_000,
    );
    // The latest such line: a window the workbench opened before this one (a slow first load, say)
    // has a log and a workspace storage of its own, and a reload comes back to this window's.
    const snapshot = [...wb.planTrackerLogs().matchAll(/^(\S+ \S+) .*Plan index: 2 plans saved for the next session in (.+)$/gm)]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .at(-1)[2]
      .trim();
    assert.ok(fs.readFileSync(snapshot, 'utf8').includes('Rebuild the Search Index'), snapshot);
    assert.match(snapshot, /workspaceStorage/);

    // While the window reloads: the search plan's title changes on disk, and the snapshot (as if
    // written before a plan was deleted) names a plan that is not there.
    const searchPlan = path.join(wb.workspaceDir, 'docs', 'plans', 'search-index.md');
    // A record (src/extension/planIndex/snapshot.ts) is a head, a JSON row that starts with the uri, gives the sizes of
    // the rest fourth and the title sixth (HeadRow in snapshotRows.ts), a tab, then the packed phases, sections and
    // tasks, each from a multiple of 4 bytes of the file (zero bytes before it), and a newline. The ghost is the first
    // record with another uri and title, its packed parts aligned again where they land: the sizes of the rest still hold.
    const bytes = fs.readFileSync(snapshot);
    const recordStart = bytes.indexOf(10) + 1;
    const headEnd = bytes.indexOf(9, recordStart);
    const ghost = JSON.parse(bytes.subarray(recordStart, headEnd).toString('utf8'));
    assert.ok(ghost[5] === 'Rebuild the Search Index' || ghost[5] === 'Dark Mode', `a head: ${JSON.stringify(ghost).slice(0, 200)}`);
    const padding = (at) => -at & 3;
    const packedParts = [];
    let at = headEnd + 1;
    for (const length of [ghost[3][3], ghost[3][6], ghost[3][9]]) {
      at += padding(at);
      packedParts.push(bytes.subarray(at, at + length));
      at += length;
    }
    assert.equal(bytes[at], 10, 'the record ends where its head says');
    ghost[0] = ghost[0].replace(/[^/]+\.md$/, 'deleted-while-closed.md');
    ghost[5] = 'Deleted While Closed';
    const record = [Buffer.from(`${JSON.stringify(ghost)}\t`)];
    let end = bytes.length + record[0].length;
    for (const part of packedParts) {
      record.push(Buffer.alloc(padding(end)), part);
      end += padding(end) + part.length;
    }
    fs.writeFileSync(snapshot, Buffer.concat([bytes, ...record, Buffer.from('\n')]));
    const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (frame) => frame === wb.page.mainFrame(), timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    fs.writeFileSync(searchPlan, fs.readFileSync(searchPlan, 'utf8').replace('# Rebuild the Search Index', '# Rebuilt While Closed'));

    await wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // As when the workbench opened: until it has restored its views, a click on the activity bar
    // can race the restore (and close the side bar it opens).
    await wb.page.waitForFunction(() => 'driver' in window, undefined, { timeout: 60_000 });
    await wb.page.evaluate(() => /** @type {any} */ (window).driver.whenWorkbenchRestored());
    await wb.openViewContainer('Plan Tracker');
    const rows = await eventually(
      async () => (await wb.treeRows(VIEW)).filter((r) => r.level === 1).map((r) => r.label),
      (titles) => titles.includes('Rebuilt While Closed') && titles.includes('Dark Mode') && !titles.includes('Deleted While Closed'),
      'the scan corrects the painted plans',
      60_000,
    );
    assert.ok(!rows.includes('Rebuild the Search Index'), rows.join(', '));
    // The log of the reloaded window says it painted from the snapshot first (3 plans: the two, and the ghost).
    await eventually(() => wb.planTrackerLogs(), (text) => /3 plans painted from the last session/.test(text), 'the log says 3 plans were painted');
    await wb.screenshot('paint-first-after-reload');
  });
});
