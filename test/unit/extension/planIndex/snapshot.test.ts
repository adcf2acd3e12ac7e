import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ownRows, parsePlan, phaseStorage, sectionStorage, stepStorage, taskStorage } from '../../../../src/core';
import type { PackedRows } from '../../../../src/core/packedProperty';
import { PlanIndex } from '../../../../src/extension/planIndex/planIndex';
import { decodeSnapshot, encodeSnapshot, snapshotKey, type SnapshotStore } from '../../../../src/extension/planIndex/snapshot';
import type { IndexLogger } from '../../../../src/extension/planIndex/port';
import type { PlanIndexChangeEvent, PlanIndexSettings } from '../../../../src/extension/planIndex/types';
import { waitUntil } from '../../support/helpers';
import { InMemoryWorkspace, MemUri, recordingLogger, type MemFolder } from '../../support/inMemoryWorkspace';

/**
 * Paint first (snapshot.ts): the plans of the last session fill the index before the first scan,
 * which then confirms or corrects them. Through the in-memory workspace port; the VS Code side
 * (workspace storage through `workspace.fs`) runs in the real editor.
 */

const ROOT = '/ws';

function planText(title: string, done = false): string {
  return [`# ${title}`, '', '**Status:** Implementation In Progress', '', '## Status Tracking', '', `- [${done ? 'x' : ' '}] Phase 1: Build it`, '- [ ] Phase 2: Ship it', ''].join('\n');
}

const settings = (marks?: Record<string, 'open' | 'done'>): PlanIndexSettings<MemFolder> => ({
  getInclude: () => '**/*.md',
  getExclude: () => ['**/node_modules/**'],
  getParseOptions: () => (marks ? { marks } : {}),
});

class MemorySnapshot implements SnapshotStore<MemUri> {
  bytes: Uint8Array | undefined;
  writes = 0;
  async read(): Promise<Uint8Array | undefined> {
    return this.bytes;
  }
  async write(bytes: Uint8Array): Promise<void> {
    this.bytes = bytes;
    this.writes++;
  }
  uriOf(text: string): MemUri {
    return new MemUri(text.replace(/^file:\/\//, ''));
  }
}

const lines: string[] = [];
const logger: IndexLogger = recordingLogger(lines);

const indexes: PlanIndex<MemUri, MemFolder>[] = [];
afterEach(() => {
  for (const index of indexes.splice(0)) index.dispose();
  lines.length = 0;
});

function open(ws: InMemoryWorkspace, snapshot: MemorySnapshot, s = settings(), catchUpMs?: number): { index: PlanIndex<MemUri, MemFolder>; events: PlanIndexChangeEvent<MemUri>[] } {
  const index = new PlanIndex(ws, { settings: s, logger, snapshot, tuning: { quietMs: 5, maxWaitMs: 50, ...(catchUpMs === undefined ? {} : { catchUpMs }) } });
  indexes.push(index);
  const events: PlanIndexChangeEvent<MemUri>[] = [];
  index.onDidChange((e) => events.push(e));
  return { index, events };
}

const firstEvent = (index: PlanIndex<MemUri, MemFolder>): Promise<void> => new Promise((resolve) => index.onDidChange(() => resolve()));
const summary = (index: PlanIndex<MemUri, MemFolder>): string[] => index.getPlans().map((p) => `${p.uri.path} ${p.plan.progress.done}/${p.plan.progress.total}`);

describe('PlanIndex paint first (snapshot of the last session)', () => {
  // Whichever way the scan finds the files: the listing only, or a walk of the folders first (the Node host).
  for (const walks of [false, true]) {
    const how = walks ? ' (the scan starts from a walk of the folders)' : '';
    const workspace = (): InMemoryWorkspace => {
      const ws = new InMemoryWorkspace(ROOT);
      if (walks) {
        ws.readSynchronously();
        ws.walkDirectly({ listingMs: 20 });
      }
      return ws;
    };

    it(`paints the last session before the scan, then the scan corrects what changed while the editor was closed${how}`, async () => {
      const ws = workspace();
      ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
      ws.writeFile(`${ROOT}/docs/plans/b.md`, planText('B'));
      const snapshot = new MemorySnapshot();
      const first = open(ws, snapshot);
      first.index.start();
      await first.index.ready;
      await first.index.saveSnapshot();
      assert.ok(snapshot.writes >= 1);
      assert.ok(lines.some((l) => /^Plan index: 2 plans saved for the next session$/.test(l)), lines.join('\n'));
      first.index.dispose();

      // While the editor was closed: a.md ticked, b.md deleted, c.md added.
      ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A', true), { silent: true });
      ws.deleteFile(`${ROOT}/docs/plans/b.md`, { silent: true });
      ws.writeFile(`${ROOT}/docs/plans/c.md`, planText('C'), { silent: true });

      const second = open(ws, snapshot);
      const painted = firstEvent(second.index);
      second.index.start();
      await painted;
      // Painted from the snapshot: the plans as they were, before any file was read; the views
      // (which wait for `painted`, not `ready`) can show them.
      assert.deepEqual(summary(second.index), ['/ws/docs/plans/a.md 0/2', '/ws/docs/plans/b.md 0/2']);
      assert.equal(await Promise.race([second.index.painted.then(() => 'painted'), second.index.ready.then(() => 'ready')]), 'painted');
      assert.equal(second.index.stats.paintedPlans, 2);
      assert.equal(second.index.stats.scans, 0);
      await second.index.ready;
      assert.deepEqual(summary(second.index), ['/ws/docs/plans/a.md 1/2', '/ws/docs/plans/c.md 0/2']);
      assert.equal(second.index.stats.indexedFiles, 2, 'the changed and the new file are parsed');
      assert.ok(second.index.stats.longestSliceMs < 1000);
    });

    it(`a painted plan whose file the scan finds with the same text is not parsed again: made whole, reported once, equal to a parse${how}`, async () => {
      const ws = workspace();
      const texts = new Map<string, string>();
      for (const name of ['a', 'b', 'c']) {
        texts.set(`${ROOT}/docs/plans/${name}.md`, planText(name.toUpperCase(), name === 'b'));
        ws.writeFile(`${ROOT}/docs/plans/${name}.md`, texts.get(`${ROOT}/docs/plans/${name}.md`)!);
      }
      const snapshot = new MemorySnapshot();
      const first = open(ws, snapshot);
      first.index.start();
      await first.index.ready;
      await first.index.saveSnapshot();
      first.index.dispose();
      // While the editor was closed: c.md rewritten with the same length (another text all the same).
      const changed = planText('X', false);
      assert.equal(changed.length, texts.get(`${ROOT}/docs/plans/c.md`)!.length);
      ws.writeFile(`${ROOT}/docs/plans/c.md`, changed, { silent: true });
      texts.set(`${ROOT}/docs/plans/c.md`, changed);

      const second = open(ws, snapshot);
      // What each plan was painted with: confirmed, a plan keeps these very packed forms.
      const paintedForms = new Map<string, [unknown, unknown, unknown]>();
      const listener = second.index.onDidChange(() => {
        for (const e of second.index.getPlans()) if (!paintedForms.has(e.uri.path)) paintedForms.set(e.uri.path, [taskStorage.packedOf(e.plan), sectionStorage.packedOf(e.plan), phaseStorage.packedOf(e.plan)]);
        listener.dispose();
      });
      second.index.start();
      await second.index.ready;
      assert.equal(second.index.stats.paintedPlans, 3);
      assert.equal(second.index.stats.indexedFiles, 1, 'only c.md, whose text changed, is parsed');
      const afterScan = second.events.at(-1)!;
      assert.deepEqual(afterScan.changed.map((u) => u.path).sort(), [...texts.keys()].sort(), 'the scan reports every painted plan once, as a parse would');
      for (const entry of second.index.getPlans()) {
        const fresh = parsePlan({ text: texts.get(entry.uri.path)!, uri: entry.uri.toString() });
        for (const part of ['sections', 'steps', 'tasks'] as const) {
          // Not read lazily out of the snapshot's bytes any more: as a parse holds it (tasks packed).
          assert.equal(Object.getOwnPropertyDescriptor(entry.plan, part)?.get, Object.getOwnPropertyDescriptor(fresh, part)?.get, `${entry.uri.path}: ${part}`);
        }
        const [tasks, sections, phases] = paintedForms.get(entry.uri.path)! as [PackedRows, PackedRows, PackedRows];
        const confirmed = entry.uri.path !== `${ROOT}/docs/plans/c.md`;
        const forms = [taskStorage.packedOf(entry.plan)!, sectionStorage.packedOf(entry.plan)!, phaseStorage.packedOf(entry.plan)!];
        assert.equal(stepStorage.packedOf(entry.plan), forms[2], `${entry.uri.path}: phases and steps in one packed form`);
        // Confirmed: the painted bytes copied out of the snapshot's (which can then go), not unpacked and packed again (the evidence rows are the very same).
        for (const [i, painted] of [tasks, sections, phases].entries()) {
          assert.equal(forms[i].bytes.buffer === painted.bytes.buffer, false, `${entry.uri.path}: bytes of its own`);
          assert.equal(forms[i].bytes.byteLength, forms[i].bytes.buffer.byteLength);
          if (confirmed) assert.deepEqual([...forms[i].bytes], [...painted.bytes], `${entry.uri.path}: the painted bytes`);
        }
        if (confirmed) assert.equal((forms[0] as { evidence?: unknown }).evidence, (tasks as { evidence?: unknown }).evidence);
        const { version: _v, ...parsed } = fresh;
        const { version: _w, ...held } = entry.plan;
        assert.deepEqual(JSON.parse(JSON.stringify(held)), JSON.parse(JSON.stringify(parsed)), entry.uri.path);
      }
    });
  }

  it('the catch-up scan after the first one saves the snapshot again only when it found a change', async () => {
    for (const change of [false, true]) {
      const ws = new InMemoryWorkspace(ROOT);
      ws.writeFile(`${ROOT}/docs/a.md`, planText('A'));
      const snapshot = new MemorySnapshot();
      const { index } = open(ws, snapshot, settings(), 30);
      index.start();
      await index.ready;
      await waitUntil(() => snapshot.writes === 1);
      if (change) ws.writeFile(`${ROOT}/docs/a.md`, planText('A', true), { silent: true });
      await waitUntil(() => index.stats.scans === 2);
      await index.settle();
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(snapshot.writes, change ? 2 : 1, change ? 'a change found: saved' : 'nothing found: not saved');
    }
  });

  it('drops a corrupt snapshot or one made with other settings, with one log line, and scans as without one', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
    for (const [bytes, why] of [
      [new TextEncoder().encode('{"format":1,"key":'), /could not be read/],
      [await encodeSnapshot(snapshotKey(ws.folders(), settings({ ' ': 'open', x: 'done' })), [], 8), /other settings or another build/],
      [new TextEncoder().encode('{"format":0,"key":""}\n'), /format 0/],
    ] as const) {
      const snapshot = new MemorySnapshot();
      snapshot.bytes = bytes;
      const { index } = open(ws, snapshot);
      index.start();
      await index.ready;
      assert.equal(index.stats.paintedPlans, 0);
      assert.deepEqual(summary(index), ['/ws/docs/plans/a.md 0/2']);
      assert.equal(lines.filter((l) => why.test(l)).length, 1, lines.join('\n'));
      lines.length = 0;
    }
  });

  it('round-trips plans a record each, and a plan outside the scope of this session is not painted', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    ws.writeFile(`${ROOT}/docs/plans/a.md`, planText('A'));
    ws.writeFile(`${ROOT}/node_modules/x/plan.md`, planText('Vendored'));
    const snapshot = new MemorySnapshot();
    const key = snapshotKey(ws.folders(), settings());
    const planOf = async (path: string): Promise<{ uri: MemUri; plan: import('../../../../src/core').Plan }> => {
      const probe = open(ws, new MemorySnapshot(), { ...settings(), getExclude: () => [] });
      probe.index.start();
      await probe.index.ready;
      const found = probe.index.getPlans().find((p) => p.uri.path === path)!;
      return { uri: found.uri, plan: found.plan };
    };
    const entries = [await planOf(`${ROOT}/docs/plans/a.md`), await planOf(`${ROOT}/node_modules/x/plan.md`)];
    snapshot.bytes = await encodeSnapshot(key, entries, 8);
    const decoded = await decodeSnapshot(snapshot.bytes, key, (s) => snapshot.uriOf(s), 8);
    assert.deepEqual(decoded?.map((e) => e.uri.path), [`${ROOT}/docs/plans/a.md`, `${ROOT}/node_modules/x/plan.md`]);
    assert.deepEqual(JSON.parse(JSON.stringify(decoded?.[0].plan)), JSON.parse(JSON.stringify(entries[0].plan)));
    const { index } = open(ws, snapshot);
    const painted = firstEvent(index);
    index.start();
    await painted;
    assert.deepEqual(summary(index), ['/ws/docs/plans/a.md 0/2']);
  });

  it('deflates the task texts of the plans it holds once idle, saves them so, and paints them so; the tasks read as a parse gives them', async () => {
    const ws = new InMemoryWorkspace(ROOT);
    const long = (title: string) => [`# ${title}`, '', '**Status:** Implementation In Progress', '', '## Phase 1: Build', ...Array.from({ length: 30 }, (_, i) => `- [${i % 4 ? ' ' : 'x'}] Write the ${title} handler number ${i} and its tests 😀`), ''].join('\n');
    // The small one: too few words to be worth it, left as it is.
    const texts = new Map([[`${ROOT}/docs/plans/a.md`, long('A')], [`${ROOT}/docs/plans/b.md`, long('B')], [`${ROOT}/docs/plans/small.md`, planText('Small')]]);
    for (const [file, text] of texts) ws.writeFile(file, text);
    const snapshot = new MemorySnapshot();
    const first = open(ws, snapshot);
    first.index.start();
    await first.index.ready;
    await waitUntil(() => snapshot.writes >= 1);
    const deflated = (index: PlanIndex<MemUri, MemFolder>) => index.getPlans().map((p) => `${p.uri.path} ${taskStorage.packedOf(p.plan)?.deflated === true}`);
    assert.deepEqual(deflated(first.index), ['/ws/docs/plans/a.md true', '/ws/docs/plans/b.md true', '/ws/docs/plans/small.md false']);
    assert.ok(first.index.stats.deflatedBytes > 1000, String(first.index.stats.deflatedBytes));
    const parsed = (p: { uri: MemUri }) => JSON.parse(JSON.stringify(parsePlan({ text: texts.get(p.uri.path)!, uri: p.uri.toString() }).tasks));
    for (const p of first.index.getPlans()) assert.deepEqual(JSON.parse(JSON.stringify(p.plan.tasks)), parsed(p), p.uri.path);
    first.index.dispose();

    const second = open(ws, snapshot);
    const painted = firstEvent(second.index);
    second.index.start();
    await painted;
    assert.deepEqual(deflated(second.index), ['/ws/docs/plans/a.md true', '/ws/docs/plans/b.md true', '/ws/docs/plans/small.md false']);
    for (const p of second.index.getPlans()) assert.deepEqual(JSON.parse(JSON.stringify(p.plan.tasks)), parsed(p), p.uri.path);
    await second.index.ready;
    // Confirmed by the scan without a parse: still deflated, nothing to deflate again.
    assert.equal(second.index.stats.indexedFiles, 0);
    assert.deepEqual(deflated(second.index), ['/ws/docs/plans/a.md true', '/ws/docs/plans/b.md true', '/ws/docs/plans/small.md false']);
  });

  it('keeps the tasks packed, unpacked when first read, evidence and every state included', async () => {
    const text = ['# T', '', '## Status Tracking', '', '- [x] Done one', '  - Evidence: tests pass (2026-12-01)', '- [ ] Open one', '  - [-] Nested, in progress', '- [~] Skipped one', ''].join('\n');
    const plan = parsePlan({ text, uri: 'file:///ws/t.md' }, { marks: { ' ': 'open', x: 'done', '-': 'inProgress', '~': 'skipped' } });
    assert.deepEqual(plan.tasks.map((t) => t.state), ['done', 'open', 'inProgress', 'skipped']);
    assert.ok(plan.tasks[0].evidence);
    const bytes = await encodeSnapshot('k', [{ uri: new MemUri('/ws/t.md'), plan }], 8);
    const [decoded] = (await decodeSnapshot(bytes, 'k', (s) => new MemUri(s), 8))!;
    assert.equal(typeof Object.getOwnPropertyDescriptor(decoded.plan, 'tasks')?.get, 'function');
    assert.deepEqual(decoded.plan.tasks, JSON.parse(JSON.stringify(plan.tasks)));
    assert.equal(decoded.plan.tasks, decoded.plan.tasks);
    assert.deepEqual(JSON.parse(JSON.stringify(decoded.plan)), JSON.parse(JSON.stringify(plan)));
  });

  it('every fixture survives as rows: the plan as JSON, with its optional keys (status, front matter, kind, a phase\'s number), CRLF plans, a plan without a fingerprint and a transient parse', async () => {
    const root = path.join(__dirname, '..', '..', '..', 'fixtures');
    const files = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.md')).sort();
    const entries = files.flatMap((file, i) => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const uri = new MemUri(`/ws/${file}`);
      // Each fixture also as CRLF, so both line endings are met; every third without a fingerprint.
      return [
        { uri, plan: parsePlan({ text, uri: uri.toString() }), text: i % 3 === 0 ? undefined : { hash: i, length: text.length } },
        { uri: new MemUri(`/ws/crlf/${file}`), plan: parsePlan(text.replace(/\r?\n/g, '\r\n')), text: { hash: -1 - i, length: i } },
        // A transient parse's lists are plain: packed when written.
        { uri: new MemUri(`/ws/transient/${file}`), plan: parsePlan(text, { transient: true }), text: undefined },
      ];
    });
    const bytes = await encodeSnapshot('k', entries, 8);
    const decoded = (await decodeSnapshot(bytes, 'k', (s) => new MemUri(s.replace(/^file:\/\//, '')), 8))!;
    assert.equal(decoded.length, entries.length);
    const seen = { status: 0, frontMatter: 0, kind: 0, number: 0, crlf: 0, steps: 0 };
    decoded.forEach((d, i) => {
      const { uri, plan, text } = entries[i];
      assert.equal(d.uri.toString(), uri.toString());
      assert.deepEqual(d.text, text, uri.path);
      assert.deepEqual(JSON.parse(JSON.stringify(d.plan)), JSON.parse(JSON.stringify(plan)), uri.path);
      for (const storage of [phaseStorage, sectionStorage, taskStorage]) assert.equal(storage.packedOf(d.plan)!.bytes.byteOffset % 4, 0, uri.path);
      if (plan.status !== undefined) seen.status++;
      if (plan.frontMatter !== undefined) seen.frontMatter++;
      if (plan.kind !== undefined) seen.kind++;
      if (plan.phases.some((p) => p.number !== undefined)) seen.number++;
      if (plan.eol === '\r\n') seen.crlf++;
      if (plan.steps.length > 0) seen.steps++;
    });
    for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `a fixture with ${what}`);
  });

  it('finds each record from the sizes its head gives; a record that does not fit them drops the snapshot', async () => {
    const plan = (title: string): ReturnType<typeof parsePlan> => parsePlan(planText(title));
    const bytes = await encodeSnapshot('k', [{ uri: new MemUri('/ws/a.md'), plan: plan('A') }, { uri: new MemUri('/ws/b.md'), plan: plan('B') }], 8);
    const lines: string[] = [];
    const decode = async (b: Uint8Array) => (await decodeSnapshot(b, 'k', (s) => s, 8, recordingLogger(lines)))?.map((d) => [d.uri.replace('file://', ''), d.plan.title, d.plan.tasks.length]);
    assert.deepEqual(await decode(bytes), [['/ws/a.md', 'A', 2], ['/ws/b.md', 'B', 2]]);
    assert.deepEqual(lines, []);
    // The second record's head starts right after the first record's newline, wherever the packed bytes put newlines of their own.
    const second = new TextEncoder().encode('["file:///ws/b.md"');
    const at = bytes.findIndex((_, i) => i > 0 && second.every((b, j) => bytes[i + j] === b));
    assert.equal(bytes[at - 1], 10);

    // One byte more or less in a record, or a record cut short: dropped whole, with one line.
    const cases: [string, Uint8Array][] = [
      ['a byte more', new Uint8Array([...bytes.subarray(0, at - 3), 32, ...bytes.subarray(at - 3)])],
      ['a byte less', new Uint8Array([...bytes.subarray(0, at - 3), ...bytes.subarray(at - 2)])],
      ['cut short', bytes.subarray(0, bytes.length - 5)],
      ['without its last newline', bytes.subarray(0, bytes.length - 1)],
    ];
    for (const [what, damaged] of cases) {
      lines.length = 0;
      assert.equal(await decode(damaged), undefined, what);
      assert.equal(lines.length, 1, what);
      assert.match(lines[0], /could not be read .*dropped/, what);
    }
  });

  it('paints from the heads alone: phases and steps, sections and tasks stay packed as saved, and confirming a plan unpacks nothing', async () => {
    const text = ['# T', '', '## Implementation Roadmap', '', '### Phase 1: A', '- [x] a', '- [ ] b', '', '## Rollout Plan', '', '### Step 1: Ship', '- [ ] ship', '', '## Status Tracking', '- [ ] Phase 1: A', ''].join('\n');
    const plan = parsePlan({ text, uri: 'file:///ws/t.md' });
    assert.ok(plan.sections.length > 2 && plan.tasks.length === 4 && plan.steps.length === 1);
    const bytes = await encodeSnapshot('k', [{ uri: new MemUri('/ws/t.md'), plan }], 8);
    const [decoded] = (await decodeSnapshot(bytes, 'k', (s) => new MemUri(s), 8))!;
    const painted = decoded.plan;
    // The packed forms are the parser's, byte for byte: views on the snapshot (nothing copied at paint), at offsets of any alignment.
    assert.deepEqual([...taskStorage.packedOf(painted)!.bytes], [...taskStorage.packedOf(plan)!.bytes]);
    assert.deepEqual([...sectionStorage.packedOf(painted)!.bytes], [...sectionStorage.packedOf(plan)!.bytes]);
    assert.deepEqual([...phaseStorage.packedOf(painted)!.bytes], [...phaseStorage.packedOf(plan)!.bytes]);
    assert.equal(phaseStorage.packedOf(painted)!.phases, 1);
    assert.equal(stepStorage.packedOf(painted), phaseStorage.packedOf(painted));
    assert.equal(taskStorage.packedOf(painted)!.bytes.buffer, bytes.buffer);
    assert.equal(phaseStorage.packedOf(painted)!.bytes.buffer, bytes.buffer);
    // Each part starts at a multiple of 4 of the snapshot's bytes: its numbers are read in place.
    for (const storage of [phaseStorage, sectionStorage, taskStorage]) assert.equal(storage.packedOf(painted)!.bytes.byteOffset % 4, 0);
    // The same snapshot one byte further into its buffer: every view moves to the other parity, and the plans still read.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const [moved] = (await decodeSnapshot(shifted.subarray(1), 'k', (s) => new MemUri(s), 8))!;
    const views = [painted, moved.plan].flatMap((p) => [taskStorage.packedOf(p)!, sectionStorage.packedOf(p)!, phaseStorage.packedOf(p)!]);
    assert.ok(views.some((p) => p.bytes.byteOffset % 2 === 1), 'one of them at an odd offset');
    assert.deepEqual(JSON.parse(JSON.stringify(moved.plan)), JSON.parse(JSON.stringify(plan)));

    // Read into a Node Buffer, as the Node host reads the snapshot (a small file lands in Node's
    // shared pool, at any offset), whose `slice` is a view, not a copy: unpacked and confirmed all the same.
    for (const shift of [0, 1, 2, 3]) {
      const pooled = Buffer.concat([Buffer.alloc(shift), Buffer.from(bytes)]).subarray(shift);
      const [fromBuffer] = (await decodeSnapshot(pooled, 'k', (s) => new MemUri(s), 8))!;
      assert.deepEqual(JSON.parse(JSON.stringify(fromBuffer.plan)), JSON.parse(JSON.stringify(plan)), `shift ${shift}`);
      const own = ownRows(taskStorage.packedOf(fromBuffer.plan)!);
      assert.notEqual(own.bytes.buffer, pooled.buffer, `shift ${shift}: confirmed rows copied out of the buffer`);
      assert.equal(own.bytes.byteOffset, 0);
    }
    for (const getter of ['phases', 'sections', 'steps', 'tasks']) assert.equal(typeof Object.getOwnPropertyDescriptor(painted, getter)?.get, 'function', getter);
    assert.deepEqual(painted.steps.map((s) => s.label), ['Step 1: Ship']);
    assert.deepEqual(painted.phases.map((s) => s.label), ['Phase 1: A']);
    assert.deepEqual(JSON.parse(JSON.stringify(painted)), JSON.parse(JSON.stringify(plan)));

    // A record of an older layout (three JSON texts) does not decode: the snapshot is dropped.
    const old = new TextEncoder().encode(`${new TextDecoder().decode(bytes).split('\n')[0]}\n${JSON.stringify(['/ws/t.md', { phases: [] }, '[]'])}\n`);
    assert.equal(await decodeSnapshot(old, 'k', (s) => new MemUri(s), 8), undefined);
  });
});
