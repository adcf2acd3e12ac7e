import * as assert from 'node:assert/strict';
import { MAX_PLAN_FILE_BYTES, phaseStorage, sectionStorage, stepStorage, taskStorage } from '../../../../src/core';
import { PlanIndex } from '../../../../src/extension/planIndex/planIndex';
import type { IndexLogger } from '../../../../src/extension/planIndex/port';
import type { PlanIndexChangeEvent, PlanIndexSettings, PlanIndexTuning } from '../../../../src/extension/planIndex/types';
import { waitUntil } from '../../support/helpers';
import { InMemoryWorkspace, recordingLogger, type MemFolder, type MemUri } from '../../support/inMemoryWorkspace';

/**
 * The plan index's own rules, through its workspace port (an in-memory workspace): what the scan
 * finds, how notifications are queued and coalesced, and which text wins (document or disk).
 * The VS Code side of the port is tested in the real editor (test/integration/planIndex.test.ts).
 */

const ROOT = '/ws';

function planText(title: string, done = false): string {
  return [`# ${title}`, '', '**Status:** Implementation In Progress', '', '## Status Tracking', '', `- [${done ? 'x' : ' '}] Phase 1: Build it`, '- [ ] Phase 2: Ship it', ''].join('\n');
}

const SETTINGS: PlanIndexSettings<MemFolder> = {
  getInclude: () => '**/*.md',
  getExclude: () => ['**/node_modules/**'],
  getParseOptions: () => ({}),
  getAlwaysPlans: () => ['**/.kiro/specs/*/tasks.md'],
};

interface Harness {
  readonly ws: InMemoryWorkspace;
  readonly index: PlanIndex<MemUri, MemFolder>;
  readonly events: PlanIndexChangeEvent<MemUri>[];
  /** The plans held, as paths. */
  paths(): string[];
}

/** How `start` makes the port read: asynchronously only, or synchronously too (`WorkspacePort.readNow`), or that and a walk of the folders (`WorkspacePort.walk`), as the Node host's does. */
type PortMode = 'async' | 'sync' | 'sync and walk';
let mode: PortMode = 'async';

async function start(setup: (ws: InMemoryWorkspace) => void = () => undefined, options: { tuning?: Partial<PlanIndexTuning>; logger?: IndexLogger; root?: string } = {}): Promise<Harness> {
  const ws = new InMemoryWorkspace(options.root ?? ROOT);
  if (mode !== 'async') ws.readSynchronously();
  // The listing answers late, as the search service does while the workbench starts: the scan starts from the walk.
  if (mode === 'sync and walk') ws.walkDirectly({ listingMs: 20 });
  setup(ws);
  const index = new PlanIndex(ws, { settings: SETTINGS, logger: options.logger, tuning: { quietMs: 5, maxWaitMs: 50, ...options.tuning } });
  const events: PlanIndexChangeEvent<MemUri>[] = [];
  index.onDidChange((event) => events.push(event));
  index.start();
  await index.ready;
  harnesses.push(index);
  return { ws, index, events, paths: () => index.getPlans().map((p) => p.uri.path) };
}

const harnesses: PlanIndex<MemUri, MemFolder>[] = [];
afterEach(() => {
  for (const index of harnesses.splice(0)) index.dispose();
});

const paths = (uris: readonly MemUri[]) => uris.map((u) => u.path).sort();

// Every rule holds the same whichever way the port reads: asynchronously only (the web worker,
// remote file systems), or synchronously where it can, and starting from a walk of the folders
// (the Node host's local disk).
for (const portMode of ['async', 'sync', 'sync and walk'] as const) {
  describe(`PlanIndex (through an in-memory workspace port${portMode === 'async' ? '' : portMode === 'sync' ? ' that also reads synchronously' : ' that also reads synchronously and walks its folders'})`, () => {
    before(() => (mode = portMode));
    after(() => (mode = 'async'));

    it('a scan follows the first one and finds what changed without a file event (the watcher starts late); a second does not', async () => {
      const logged: string[] = [];
      const logger = recordingLogger(logged);
      const { ws, index, events, paths: held } = await start(
        (w) => {
          w.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
          w.writeFile(`${ROOT}/docs/plans/b.md`, planText('B'));
          for (let i = 0; i < 5; i++) w.writeFile(`${ROOT}/docs/notes-${i}.md`, `# Notes ${i}\n\nNo tasks.\n`);
        },
        { tuning: { catchUpMs: 40, catchUps: 1 }, logger },
      );
      // Written, changed and deleted before the watcher reports anything: no notification.
      ws.writeFile(`${ROOT}/docs/plans/new.md`, planText('New'), { silent: true });
      ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A', true), { silent: true });
      ws.deleteFile(`${ROOT}/docs/plans/b.md`, { silent: true });
      events.length = 0;
      const reads = ws.reads;
      await waitUntil(() => index.stats.scans === 2);
      await index.settle();
      // The plans it held and the file it had not seen; not the Markdown that was no plan.
      assert.equal(ws.reads - reads, 2);
      assert.deepEqual(held(), [`${ROOT}/docs/plans/a.md`, `${ROOT}/docs/plans/new.md`]);
      assert.equal(index.get(ws.uri(`${ROOT}/docs/plans/a.md`))?.plan.phases[0].state, 'done');
      // One event, or two where the scan starts from a walk (what the walk found, then what the listing settled).
      assert.ok(events.length >= 1 && events.length <= (mode === 'sync and walk' ? 2 : 1), `${events.length} events`);
      assert.deepEqual(paths(events.flatMap((e) => e.changed)), [`${ROOT}/docs/plans/a.md`, `${ROOT}/docs/plans/new.md`]);
      assert.deepEqual(paths(events.flatMap((e) => e.removed)), [`${ROOT}/docs/plans/b.md`]);
      assert.equal(logged.filter((m) => m.includes('catch-up scan found 3 plan(s)')).length, 1, logged.join('\n'));
      // Once only, and the index parsed only the changed plan and the new one again (7 files first).
      await new Promise((resolve) => setTimeout(resolve, 120));
      assert.equal(index.stats.scans, 2);
      assert.equal(index.stats.indexedFiles, 9);
    });

    it('while the watcher has reported nothing, catch-up scans go on, each three times later, up to `catchUps`; one that starts after a watcher event is the last', async () => {
      const quiet = await start((w) => w.writeFile(`${ROOT}/docs/plans/a.md`, planText('A')), { tuning: { catchUpMs: 15, catchUps: 3 } });
      await waitUntil(() => quiet.index.stats.scans === 2);
      // Written after the first catch-up, still without an event: the second finds it.
      quiet.ws.writeFile(`${ROOT}/docs/plans/late.md`, planText('Late'), { silent: true });
      await waitUntil(() => quiet.index.stats.scans === 3);
      await quiet.index.settle();
      assert.deepEqual(quiet.paths(), [`${ROOT}/docs/plans/a.md`, `${ROOT}/docs/plans/late.md`]);
      await waitUntil(() => quiet.index.stats.scans === 4);
      await new Promise((resolve) => setTimeout(resolve, 15 * 27 + 100));
      assert.equal(quiet.index.stats.scans, 4, 'no more than 3 catch-ups');

      const heard = await start((w) => w.writeFile(`${ROOT}/docs/plans/a.md`, planText('A')), { tuning: { catchUpMs: 15, catchUps: 3 } });
      heard.ws.writeFile(`${ROOT}/docs/plans/b.md`, planText('B'));
      await waitUntil(() => heard.index.stats.scans === 2);
      await new Promise((resolve) => setTimeout(resolve, 15 * 3 + 100));
      assert.equal(heard.index.stats.scans, 2, 'the watcher runs: the first catch-up is the last');
      await heard.index.settle();
      assert.deepEqual(heard.paths(), [`${ROOT}/docs/plans/a.md`, `${ROOT}/docs/plans/b.md`]);
    });

    it('no scan follows the first one when another has started since (a Refresh)', async () => {
      const { index } = await start((w) => w.writeFile(`${ROOT}/docs/plans/a.md`, planText('A')), { tuning: { catchUpMs: 30 } });
      await index.refresh('refresh', { reparse: false });
      await new Promise((resolve) => setTimeout(resolve, 90));
      await index.settle();
      assert.equal(index.stats.scans, 2);
    });

    it('the scan that follows the first one reports nothing when nothing changed', async () => {
      const { index, events } = await start((w) => w.writeFile(`${ROOT}/docs/plans/a.md`, planText('A')), { tuning: { catchUpMs: 10 } });
      events.length = 0;
      await waitUntil(() => index.stats.scans === 2);
      await index.settle();
      assert.equal(events.length, 0);
      assert.equal(index.stats.indexedFiles, 1);
    });

    it('the first scan holds the plans in scope: not other Markdown, not excluded folders, not other files', async () => {
      const { paths: held, index, events } = await start((ws) => {
        ws.writeFile(`${ROOT}/docs/plans/b.md`, planText('B'));
        ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
        ws.writeFile(`${ROOT}/README.md`, '# Readme\n\nJust text.\n');
        ws.writeFile(`${ROOT}/node_modules/pkg/plan.md`, planText('Vendored'));
        ws.writeFile(`${ROOT}/docs/plans/notes.txt`, planText('Not Markdown'));
      });
      assert.deepEqual(held(), [`${ROOT}/docs/plans/a.md`, `${ROOT}/docs/plans/b.md`]);
      assert.equal(index.get(index.getPlans()[0].uri)?.plan.title, 'A');
      assert.equal(events.length, 1);
      assert.equal(index.stats.scans, 1);
    });

    it('a file that becomes a plan is added; one that stops being a plan is removed', async () => {
      const { ws, index, events, paths: held } = await start((w) => w.writeFile(`${ROOT}/docs/x.md`, '# Notes\n'));
      assert.deepEqual(held(), []);
      ws.writeFile(`${ROOT}/docs/x.md`, planText('X'));
      await index.settle();
      assert.deepEqual(held(), [`${ROOT}/docs/x.md`]);
      assert.deepEqual(paths(events.at(-1)!.changed), [`${ROOT}/docs/x.md`]);
      ws.writeFile(`${ROOT}/docs/x.md`, '# Notes again\n');
      await index.settle();
      assert.deepEqual(held(), []);
      assert.deepEqual(paths(events.at(-1)!.removed), [`${ROOT}/docs/x.md`]);
    });

    it('an alwaysPlans file is a plan whatever it holds', async () => {
      const { paths: held } = await start((ws) => ws.writeFile(`${ROOT}/.kiro/specs/auth/tasks.md`, '# Tasks\n\n- [ ] 1. Do it\n'));
      assert.deepEqual(held(), [`${ROOT}/.kiro/specs/auth/tasks.md`]);
    });

    it('a checklist in a plans folder of the workspace is a plan; folders above the workspace say nothing', async () => {
      // The workspace is a checkout in ~/plans/: its own docs are not plans for that.
      const root = '/home/me/plans/ws';
      const checklist = '# Auth\n\n- [x] Add the provider\n- [ ] Map the groups\n';
      const { paths: held } = await start(
        (ws) => {
          ws.writeFile(`${root}/docs/plans/auth.md`, checklist);
          ws.writeFile(`${root}/docs/notes.md`, checklist);
          ws.writeFile(`${root}/PLAN.md`, checklist);
        },
        { root },
      );
      assert.deepEqual(held().sort(), [`${root}/PLAN.md`, `${root}/docs/plans/auth.md`]);
    });

    it('an unsaved document wins over the disk: a change on disk does not clobber it', async () => {
      const path = `${ROOT}/docs/plans/a.md`;
      const { ws, index } = await start((w) => w.writeFile(path, planText('On disk')));
      ws.openDocument(path);
      ws.editDocument(path, planText('Typed, unsaved'));
      await index.settle();
      const uri = ws.uri(path);
      assert.equal(index.get(uri)?.plan.title, 'Typed, unsaved');
      assert.equal(index.get(uri)?.fromDocument, true);

      ws.writeFile(path, planText('Another program wrote this'));
      await index.settle();
      assert.equal(index.get(uri)?.plan.title, 'Typed, unsaved');

      // Saved: the disk and the document agree; closed: the disk counts.
      ws.saveDocument(path);
      await index.settle();
      assert.equal(index.get(uri)?.plan.title, 'Typed, unsaved');
      ws.closeDocument(path);
      ws.writeFile(path, planText('Disk again'));
      await index.settle();
      assert.equal(index.get(uri)?.plan.title, 'Disk again');
      assert.equal(index.get(uri)?.fromDocument, false);
    });

    it('a text read from disk (its bytes hashed) and the same text in an editor (hashed as UTF-8) are one text: not parsed again', async () => {
      const path = `${ROOT}/p.md`;
      // A byte order mark, which the text does not hold, and characters of two, three and four bytes.
      const text = planText('Çà — ✅ 🚀 one text');
      const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
      const { ws, index } = await start((w) => w.writeFile(path, bom));
      const before = index.get(ws.uri(path))!;
      assert.equal(before.plan.title, 'Çà — ✅ 🚀 one text');
      const parsed = index.stats.indexedFiles;
      ws.openDocument(path);
      ws.editDocument(path, text);
      await index.settle();
      const after = index.get(ws.uri(path))!;
      assert.deepEqual([after.fromDocument, after.plan.version], [true, 2], 'the document is read');
      assert.equal(index.stats.indexedFiles, parsed, 'and its text is not parsed again');
      // Only the version moved: the plan's lists stay packed, shared with the plan read from disk.
      for (const storage of [taskStorage, sectionStorage, phaseStorage, stepStorage]) {
        assert.ok(storage.packedOf(before.plan));
        assert.equal(storage.packedOf(after.plan), storage.packedOf(before.plan));
      }
    });

    it('the same text saved keeps the same object and fires no event', async () => {
      const path = `${ROOT}/p.md`;
      const { ws, index, events } = await start((w) => w.writeFile(path, planText('P')));
      const before = index.get(ws.uri(path));
      ws.writeFile(path, planText('P'));
      await index.settle();
      assert.equal(index.get(ws.uri(path)), before);
      assert.equal(events.length, 1);
    });

    it('one plan changed keeps the sorted list: the same order, that entry replaced, the others the same objects', async () => {
      const names = ['c', 'a', 'e', 'b', 'd'];
      const { ws, index } = await start((w) => names.forEach((n) => w.writeFile(`${ROOT}/docs/${n}.md`, planText(n.toUpperCase()))));
      const before = index.getPlans();
      assert.deepEqual(before.map((p) => p.plan.title), ['A', 'B', 'C', 'D', 'E']);
      ws.writeFile(`${ROOT}/docs/c.md`, planText('C', true));
      await index.settle();
      const after = index.getPlans();
      assert.notEqual(after, before);
      assert.deepEqual(after.map((p) => p.plan.title), ['A', 'B', 'C', 'D', 'E']);
      assert.equal(after[2].plan.progress.done, 1);
      assert.deepEqual([0, 1, 3, 4].map((i) => after[i] === before[i]), [true, true, true, true]);
      // A list handed out never changes under its holder, however many plans one batch replaces.
      ws.writeFile(`${ROOT}/docs/a.md`, planText('A', true));
      ws.writeFile(`${ROOT}/docs/e.md`, planText('E', true));
      await index.settle();
      const third = index.getPlans();
      assert.ok(Object.isFrozen(before) && Object.isFrozen(after) && Object.isFrozen(third));
      assert.deepEqual([before, after, third].map((list) => list.map((p) => p.plan.progress.done)), [
        [0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0],
        [1, 0, 1, 0, 1],
      ]);
      assert.equal(index.getPlans(), third, 'the same array until something changes');
      // A plan added or removed sorts them again.
      ws.writeFile(`${ROOT}/docs/bb.md`, planText('BB'));
      ws.deleteFile(`${ROOT}/docs/d.md`);
      await index.settle();
      assert.deepEqual(index.getPlans().map((p) => p.plan.title), ['A', 'B', 'BB', 'C', 'E']);
    });

    it('a folder deleted (one watcher event for the folder) removes the plans below it, in one event', async () => {
      const { ws, index, events, paths: held } = await start((w) => {
        w.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
        w.writeFile(`${ROOT}/docs/plans/sub/b.md`, planText('B'));
        w.writeFile(`${ROOT}/other/c.md`, planText('C'));
      });
      ws.deleteFolder(`${ROOT}/docs`);
      await index.settle();
      assert.deepEqual(held(), [`${ROOT}/other/c.md`]);
      assert.deepEqual(paths(events.at(-1)!.removed), [`${ROOT}/docs/plans/a.md`, `${ROOT}/docs/plans/sub/b.md`]);
      assert.equal(events.length, 2);
    });

    it('a folder created (or moved in) is looked into', async () => {
      const { ws, index, paths: held } = await start();
      ws.writeFile(`${ROOT}/moved/in/a.md`, planText('A'), { silent: true });
      ws.notifyDisk(`${ROOT}/moved`, 'create');
      await index.settle();
      assert.deepEqual(held(), [`${ROOT}/moved/in/a.md`]);
    });

    it('a folder deleted and created again, which reaches the index as one change event, is looked into', async () => {
      const { ws, index, paths: held } = await start();
      ws.writeFile(`${ROOT}/tmp-plans/a.md`, planText('A'), { silent: true });
      ws.notifyDisk(`${ROOT}/tmp-plans`, 'change');
      await index.settle();
      assert.deepEqual(held(), [`${ROOT}/tmp-plans/a.md`]);
      // Not the workspace folder itself: a change reported for it lists nothing.
      const listings = ws.listings;
      ws.notifyDisk(ROOT, 'change');
      await index.settle();
      assert.equal(ws.listings, listings);
    });

    it('a folder created inside a created folder is listed again: what the watcher never reports there is found (mkdir -p on Linux)', async () => {
      const { ws, index, events, paths: held } = await start(() => undefined, { tuning: { createdFolderPollMs: 15 } });
      // `mkdir -p .cursor/plans` and a first plan: the watcher reports `.cursor` only.
      ws.writeFile(`${ROOT}/.cursor/plans/a.plan.md`, planText('A'), { silent: true });
      ws.notifyDisk(`${ROOT}/.cursor`, 'create');
      await index.settle();
      assert.deepEqual(held(), [`${ROOT}/.cursor/plans/a.plan.md`]);
      // Then, with no event at all: a plan added, one ticked, one deleted.
      ws.writeFile(`${ROOT}/.cursor/plans/b.plan.md`, planText('B'), { silent: true });
      await waitUntil(() => held().includes(`${ROOT}/.cursor/plans/b.plan.md`));
      ws.writeFile(`${ROOT}/.cursor/plans/a.plan.md`, planText('A', true), { silent: true });
      await waitUntil(() => index.getPlans()[0].plan.progress.done === 1);
      ws.deleteFile(`${ROOT}/.cursor/plans/b.plan.md`, { silent: true });
      await waitUntil(() => held().length === 1);
      // A look that finds nothing changed reports nothing.
      const reported = events.length;
      await new Promise((resolve) => setTimeout(resolve, 60));
      await index.settle();
      assert.equal(events.length, reported);
      // A folder deleted is no longer looked at.
      ws.deleteFolder(`${ROOT}/.cursor`);
      await waitUntil(() => held().length === 0);
    });

    it('a plan written in a created folder before the index first looks at it again is read again (a tick right after the copy)', async () => {
      const { ws, index } = await start(() => undefined, { tuning: { createdFolderPollMs: 60 } });
      ws.writeFile(`${ROOT}/docs/exec-plans/active/a.md`, planText('A'), { silent: true });
      ws.notifyDisk(`${ROOT}/docs/exec-plans`, 'create');
      await index.settle();
      assert.equal(index.getPlans()[0].plan.progress.done, 0);
      // Ticked with no event, before the first look: that look must not take the ticked file for what the index read.
      ws.writeFile(`${ROOT}/docs/exec-plans/active/a.md`, planText('A', true), { silent: true });
      await waitUntil(() => index.getPlans()[0].plan.progress.done === 1);
    });

    it('a folder created with a leading dot (.planning, .kiro) is looked into too: it has no extension', async () => {
      const { ws, index, paths: held } = await start();
      ws.writeFile(`${ROOT}/.planning/a.md`, planText('A'), { silent: true });
      ws.writeFile(`${ROOT}/.kiro/specs/b.md`, planText('B'), { silent: true });
      ws.writeFile(`${ROOT}/release-2.0/c.md`, planText('C'), { silent: true });
      ws.notifyDisk(`${ROOT}/.planning`, 'create');
      ws.notifyDisk(`${ROOT}/.kiro`, 'create');
      ws.notifyDisk(`${ROOT}/release-2.0`, 'create');
      await index.settle();
      // A name with an extension is taken for a file (a build writes many): release-2.0 waits for its own events.
      assert.deepEqual(held(), [`${ROOT}/.kiro/specs/b.md`, `${ROOT}/.planning/a.md`]);
    });

    it('a revert arriving after a delete does not bring the plan back', async () => {
      const path = `${ROOT}/docs/a.md`;
      const { ws, index, paths: held } = await start((w) => w.writeFile(path, planText('A')));
      ws.openDocument(path);
      ws.editDocument(path, planText('A, edited'));
      await index.settle();
      assert.deepEqual(held(), [path]);
      // The file is deleted, then the editor reverts the document: the revert's edit event comes last.
      ws.deleteFile(path, { silent: true });
      ws.revertDocument(path, { silent: true });
      ws.notifyDisk(path, 'delete');
      ws.notifyDocument(path);
      await index.settle();
      assert.deepEqual(held(), []);
    });

    it('the dirty document of a deleted file stays out; typing in it again brings the plan back as unsaved text', async () => {
      const path = `${ROOT}/docs/a.md`;
      const { ws, index, paths: held } = await start((w) => w.writeFile(path, planText('A')));
      ws.openDocument(path);
      ws.deleteFile(path);
      await index.settle();
      assert.deepEqual(held(), []);
      await index.refresh();
      assert.deepEqual(held(), [], 'a scan does not bring it back either');
      ws.editDocument(path, planText('A, typed after the delete'));
      await index.settle();
      assert.equal(index.get(ws.uri(path))?.plan.title, 'A, typed after the delete');
    });

    it('500 files changed at once are read in one batch and reported in one event', async () => {
      const { ws, index, events } = await start((w) => {
        for (let i = 0; i < 500; i++) w.writeFile(`${ROOT}/plans/p${i}.md`, planText(`P${i}`));
      });
      assert.equal(index.getPlans().length, 500);
      const flushes = index.stats.flushes;
      const eventsBefore = events.length;
      for (let i = 0; i < 500; i++) ws.writeFile(`${ROOT}/plans/p${i}.md`, planText(`P${i}`, true));
      await index.settle();
      assert.equal(index.stats.flushes - flushes, 1);
      assert.equal(index.stats.lastFlushFiles, 500);
      assert.equal(events.length - eventsBefore, 1);
      assert.equal(events.at(-1)!.changed.length, 500);
      assert.ok(index.getPlans().every((p) => p.plan.tasks.some((t) => t.state === 'done')));
    });

    it('one file notified many times is read once', async () => {
      const path = `${ROOT}/a.md`;
      const { ws, index } = await start((w) => w.writeFile(path, planText('A')));
      const reads = ws.reads;
      for (let i = 0; i < 20; i++) ws.writeFile(path, planText(`A${i}`));
      await index.settle();
      assert.equal(ws.reads - reads, 1);
      assert.equal(index.get(ws.uri(path))?.plan.title, 'A19');
    });

    it('a file too large or binary is skipped with the reason, and leaves the list once it is readable', async () => {
      const big = `${ROOT}/big.md`;
      const binary = `${ROOT}/binary.md`;
      const { ws, index } = await start((w) => {
        w.writeFile(big, new Uint8Array(MAX_PLAN_FILE_BYTES + 1).fill(0x41));
        const bytes = new TextEncoder().encode(planText('Binary'));
        bytes[10] = 0;
        w.writeFile(binary, bytes);
      });
      assert.deepEqual(
        index.getSkipped().map((s) => [s.uri.path, s.reason]),
        [
          [big, 'skipped: 5.0 MB is larger than the 5 MB limit for a plan file'],
          [binary, 'skipped: binary file, not Markdown'],
        ],
      );
      assert.equal(index.stats.skippedFiles, 2);
      assert.equal(index.getPlans().length, 0);
      ws.writeFile(binary, planText('Text now'));
      await index.settle();
      assert.deepEqual(index.getSkipped().map((s) => s.uri.path), [big]);
      assert.equal(index.get(ws.uri(binary))?.plan.title, 'Text now');
    });

    it('one real file reached through a linked folder is held once, at the path without the link', async () => {
      const { paths: held } = await start((ws) => {
        ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
        ws.linkFolder(`${ROOT}/alias`, `${ROOT}/docs`);
      });
      assert.deepEqual(held(), [`${ROOT}/docs/plans/a.md`]);
    });

    it('says whether its model is current for a document version', async () => {
      const path = `${ROOT}/a.md`;
      const { ws, index } = await start((w) => w.writeFile(path, planText('A')));
      ws.openDocument(path);
      const document = ws.document(path);
      assert.ok(index.currentFor(document), 'a model read from disk is current for a clean document');
      ws.editDocument(path, planText('A2'), { silent: true });
      assert.equal(index.currentFor(document), undefined, 'not for a document with unsaved edits the index has not read');
      ws.notifyDocument(path);
      await index.settle();
      assert.equal(index.currentFor(document)?.plan.title, 'A2');
      assert.equal(index.currentFor(document)?.plan.version, document.version);
    });

    it('untitled documents outside every folder are followed', async () => {
      const { ws, index } = await start();
      ws.openDocument('/elsewhere/untitled-1');
      ws.editDocument('/elsewhere/untitled-1', planText('Untitled'));
      await index.settle();
      assert.equal(index.getPlans()[0]?.plan.title, 'Untitled');
      assert.equal(index.getPlans()[0]?.folder, undefined);
    });
  });
}

describe('PlanIndex: synchronous reads (WorkspacePort.readNow)', () => {
  const logged: string[] = [];
  const logger = recordingLogger(logged);

  async function startWith(ws: InMemoryWorkspace): Promise<PlanIndex<MemUri, MemFolder>> {
    const index = new PlanIndex(ws, { settings: SETTINGS, logger, tuning: { quietMs: 5, maxWaitMs: 50 } });
    harnesses.push(index);
    index.start();
    await index.ready;
    return index;
  }
  beforeEach(() => (logged.length = 0));

  it('reads plain files on disk synchronously; an open document, the twins through a linked folder and a refused file as before', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.readSynchronously();
    for (let i = 0; i < 300; i++) ws.writeFile(`${ROOT}/docs/p${i}.md`, planText(`P${i}`), { silent: true });
    ws.writeFile(`${ROOT}/open.md`, planText('On disk'), { silent: true });
    ws.openDocument(`${ROOT}/open.md`, { silent: true });
    ws.editDocument(`${ROOT}/open.md`, planText('Unsaved'), { silent: true });
    ws.writeFile(`${ROOT}/big.md`, new Uint8Array(MAX_PLAN_FILE_BYTES + 1).fill(0x41), { silent: true });
    ws.linkFolder(`${ROOT}/alias`, `${ROOT}/docs`);
    const index = await startWith(ws);
    assert.equal(index.getPlans().length, 301);
    assert.equal(index.get(ws.uri(`${ROOT}/open.md`))?.plan.title, 'Unsaved');
    assert.ok(!index.getPlans().some((p) => p.uri.path.startsWith(`${ROOT}/alias/`)), 'the twins through the link are the same files');
    assert.deepEqual(index.getSkipped().map((s) => s.uri.path), [`${ROOT}/big.md`]);
    // 300 plans twice (at both paths) and the large file's stat; never the open document.
    assert.equal(ws.readsNow, 601);
    assert.equal(ws.reads, 600);
  });

  it('reads few files ahead of the parse (the texts read and not parsed yet are what a young-generation collection copies)', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    const index = new PlanIndex(ws, { settings: SETTINGS, tuning: { quietMs: 5, maxWaitMs: 50 } });
    harnesses.push(index);
    let ahead = 0;
    // Called before each synchronous read: how many files were read by then and not stored yet.
    ws.readSynchronously({ slowFor: () => ((ahead = Math.max(ahead, ws.reads - index.getPlans().length)), false) });
    for (let i = 0; i < 600; i++) ws.writeFile(`${ROOT}/docs/p${i}.md`, planText(`P${i}`), { silent: true });
    index.start();
    await index.ready;
    assert.equal(index.getPlans().length, 600);
    assert.ok(ahead > 0 && ahead <= 64, `${ahead} files read ahead of the parse (at most two batches of 32)`);
  });

  it('a change on disk is read synchronously too', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.readSynchronously();
    ws.writeFile(`${ROOT}/a.md`, planText('A'), { silent: true });
    const index = await startWith(ws);
    const before = ws.readsNow;
    ws.writeFile(`${ROOT}/a.md`, planText('A2'));
    await index.settle();
    assert.equal(index.get(ws.uri(`${ROOT}/a.md`))?.plan.title, 'A2');
    assert.equal(ws.readsNow - before, 1);
  });

  it('a few slow reads, a share of those so far, turn them off for the rest of the scan, with a line in the log; the next scan tries again', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    let slow = (path: string) => /\/p[0-2]\.md$/.test(path);
    ws.readSynchronously({ slowFor: (path) => slow(path), slowMs: 10 });
    for (let i = 0; i < 100; i++) ws.writeFile(`${ROOT}/p${i}.md`, planText(`P${i}`), { silent: true });
    const index = await startWith(ws);
    assert.equal(index.getPlans().length, 100, 'every plan is read, the rest asynchronously');
    assert.equal(ws.readsNow, 3);
    assert.equal(logged.filter((m) => /p2\.md took \d+ ms, 3 of 3 reads over 8 ms; the rest of this scan reads asynchronously/.test(m)).length, 1, logged.join('\n'));

    // A few slow reads among many (the OS ran other processes meanwhile) are not a slow disk.
    slow = (path) => /\/p(30|60|90)\.md$/.test(path);
    await index.refresh();
    assert.equal(ws.readsNow, 3 + 100);
    assert.equal(index.getPlans().length, 100);
    assert.equal(logged.filter((m) => /reads asynchronously/.test(m)).length, 1);
  });
});

describe('PlanIndex: a scan that starts from a walk of the folders (WorkspacePort.walk)', () => {
  async function startWith(ws: InMemoryWorkspace, onEvent?: (event: PlanIndexChangeEvent<MemUri>, index: PlanIndex<MemUri, MemFolder>) => void) {
    const index = new PlanIndex(ws, { settings: SETTINGS, tuning: { quietMs: 5, maxWaitMs: 5_000 } });
    harnesses.push(index);
    const events: { readonly changed: string[]; readonly removed: string[]; readonly listings: number }[] = [];
    index.onDidChange((event) => {
      events.push({ changed: paths(event.changed), removed: paths(event.removed), listings: ws.listings });
      onEvent?.(event, index);
    });
    let paintedBeforeReady = false;
    void index.painted.then(() => (paintedBeforeReady = index.stats.scans === 0));
    index.start();
    await index.ready;
    return { index, events, paintedBeforeReady: () => paintedBeforeReady };
  }

  it('reports what the walk found before the listing answers; the listing, the truth, then only corrects it', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.readSynchronously();
    ws.walkDirectly({ listingMs: 50, unlisted: (path) => path.includes('/hidden-from-search/') });
    for (let i = 0; i < 20; i++) ws.writeFile(`${ROOT}/plans/p${i}.md`, planText(`P${i}`), { silent: true });
    ws.writeFile(`${ROOT}/hidden-from-search/h.md`, planText('H'), { silent: true });
    ws.writeFile(`${ROOT}/node_modules/pkg/n.md`, planText('N'), { silent: true });
    ws.writeFile(`${ROOT}/notes.md`, '# Notes\n\nNot a plan.\n', { silent: true });
    ws.linkFolder(`${ROOT}/alias`, `${ROOT}/plans`);
    const { index, events, paintedBeforeReady } = await startWith(ws);

    assert.equal(ws.walks, 1);
    const stats = index.stats;
    assert.ok(stats.lastScanWalkMs >= 0 && stats.lastScanWalkMs < stats.lastScanListMs, `walked at ${stats.lastScanWalkMs} ms, listed at ${stats.lastScanListMs} ms`);
    assert.ok(stats.lastScanShownMs < stats.lastScanListMs, `shown at ${stats.lastScanShownMs} ms, before the listing at ${stats.lastScanListMs} ms`);
    assert.ok(paintedBeforeReady(), 'the views may show the walked plans before the scan is done');
    assert.equal(events.length, 2);
    // First what the walk found (no link followed, nothing below an excluded folder), before any listing ...
    assert.equal(events[0].listings, 0);
    assert.deepEqual(events[0].changed, [`${ROOT}/hidden-from-search/h.md`, ...Array.from({ length: 20 }, (_, i) => `${ROOT}/plans/p${i}.md`).sort()]);
    // ... then the listing's correction: a file it does not list is no plan of the workspace.
    assert.deepEqual(events[1], { changed: [], removed: [`${ROOT}/hidden-from-search/h.md`], listings: 1 });
    assert.equal(index.getPlans().length, 20);
    assert.ok(!index.getPlans().some((p) => /alias|node_modules|hidden/.test(p.uri.path)));
  });

  it('a file the listing finds and the walk did not (created meanwhile) is read too, in the same scan', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.walkDirectly({ listingMs: 30 });
    ws.writeFile(`${ROOT}/a.md`, planText('A'), { silent: true });
    let created = false;
    const { index, events } = await startWith(ws, () => {
      if (created) return;
      created = true;
      ws.writeFile(`${ROOT}/b.md`, planText('B'), { silent: true });
    });
    assert.deepEqual(events.map((e) => e.changed), [[`${ROOT}/a.md`], [`${ROOT}/b.md`]]);
    assert.deepEqual(index.getPlans().map((p) => p.plan.title), ['A', 'B']);
    assert.equal(index.stats.scannedFiles, 2);
  });

  it('when the listing answers first the walk is stopped and not used; a refresh walks again', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.walkDirectly();
    const walk = ws.walk!;
    let walkMs = 30;
    ws.walk = async (base, filter, signal) => {
      await new Promise((resolve) => setTimeout(resolve, walkMs));
      return walk(base, filter, signal);
    };
    for (let i = 0; i < 5; i++) ws.writeFile(`${ROOT}/p${i}.md`, planText(`P${i}`), { silent: true });
    const { index, events } = await startWith(ws);
    assert.equal(ws.walks, 0, 'stopped: it found the signal aborted');
    assert.equal(index.stats.lastScanWalkMs, -1);
    assert.equal(index.stats.lastScanShownMs, index.stats.lastScanMs);
    assert.equal(events.length, 1);
    assert.equal(index.getPlans().length, 5);

    walkMs = 0;
    ws.walkDirectly({ listingMs: 30 });
    ws.writeFile(`${ROOT}/p0.md`, planText('P0', true), { silent: true });
    await index.refresh('test', { reparse: false });
    assert.equal(ws.walks, 1);
    assert.ok(index.stats.lastScanWalkMs >= 0);
    assert.deepEqual(events.slice(1).map((e) => e.changed), [[`${ROOT}/p0.md`]], 'only the changed plan, once');
    assert.equal(index.get(ws.uri(`${ROOT}/p0.md`))?.plan.progress.done, 1);
  });
});

describe('PlanIndex: the stats of its slices', () => {
  it('counts each slice\'s thread CPU time (from the start of the slice to its end) where the host tells it, and -1 where it cannot', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    for (let i = 0; i < 20; i++) ws.writeFile(`${ROOT}/p${i}.md`, planText(`P${i}`), { silent: true });
    // A CPU clock that moves 1 ms between any two readings: every slice took exactly 1 ms of CPU.
    let cpu = 0;
    const index = new PlanIndex(ws, { settings: SETTINGS, tuning: { quietMs: 5, maxWaitMs: 50 }, threadCpuMs: () => cpu++ });
    harnesses.push(index);
    index.start();
    await index.ready;
    const stats = index.stats;
    assert.equal(stats.lastScanLongestSliceCpuMs, 1);
    assert.equal(stats.longestSliceCpuMs, 1);
    assert.ok(stats.lastScanWorkCpuMs >= 2, `a scan has several slices: ${stats.lastScanWorkCpuMs}`);
    assert.equal(cpu, 2 * stats.lastScanWorkCpuMs, 'read twice a slice, at its start and at its end');

    const { index: plain } = await start((w) => w.writeFile(`${ROOT}/a.md`, planText('A')));
    assert.deepEqual([plain.stats.longestSliceCpuMs, plain.stats.lastScanLongestSliceCpuMs, plain.stats.lastScanWorkCpuMs], [-1, -1, -1]);
  });
});
