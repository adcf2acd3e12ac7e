import * as assert from 'node:assert/strict';
import { decodePlanBytes, editFileAtomically, encodePlanText, KeyedQueue, setTaskStateEdit, toggleTaskEdit, type EditResult } from '../../../src/core';
import { joinLines } from '../support/helpers';
import { InMemoryPlanFile } from '../support/inMemoryPlanFile';

const tasks = (n: number): string[] => Array.from({ length: n }, (_, i) => `- [ ] Task ${i + 1}`);
const plan = (n: number): string => joinLines('# Plan', '', '**Status:** Implementation In Progress', '', '## Tasks', '', ...tasks(n), '');
const tick = (line: number, text: string) => (t: string): EditResult => setTaskStateEdit(t, { line, mark: ' ', text }, 'done');

describe('editFileAtomically', () => {
  it('writes the edit through a temporary file and one rename', async () => {
    const file = new InMemoryPlanFile(plan(2));
    const outcome = await editFileAtomically(file, tick(6, 'Task 1'));
    assert.equal(outcome.kind, 'written');
    assert.equal(file.text, plan(2).replace('- [ ] Task 1', '- [x] Task 1'));
    assert.equal(file.renames, 1);
    assert.equal(file.temps.size, 0);
    assert.equal(file.reads, 2, 'read once to compute, once just before the rename');
  });

  it('keeps a change another program made between the read and the rename, and recomputes the edit from it', async () => {
    const file = new InMemoryPlanFile(plan(3));
    const external = plan(3).replace('## Tasks', '## Tasks\n\nA line another program inserted.');
    file.onRead = (n, f) => {
      if (n === 2) f.writeExternally(external);
    };
    const outcome = await editFileAtomically(file, tick(8, 'Task 3'));
    assert.equal(outcome.kind, 'written');
    assert.equal(outcome.kind === 'written' && outcome.recomputed, true);
    assert.equal(file.text, external.replace('- [ ] Task 3', '- [x] Task 3'), 'the external line is kept and the task, now two lines lower, ticked');
    assert.equal(file.temps.size, 0, 'the temporary file computed from the older text is removed');
  });

  it('refuses, writing nothing, when another program removed the task meanwhile', async () => {
    const file = new InMemoryPlanFile(plan(3));
    const external = plan(3).replace('- [ ] Task 2\n', '');
    file.onRead = (n, f) => {
      if (n === 2) f.writeExternally(external);
    };
    const outcome = await editFileAtomically(file, tick(7, 'Task 2'));
    assert.equal(outcome.kind, 'refused');
    assert.match(outcome.kind === 'refused' ? outcome.reason : '', /no longer holds a task|is now "Task 3"/);
    assert.equal(outcome.kind === 'refused' && outcome.recomputed, true);
    assert.equal(file.text, external);
    assert.equal(file.renames, 0);
    assert.equal(file.temps.size, 0);
  });

  it('gives up as busy when the file changes before every rename, and writes nothing', async () => {
    const file = new InMemoryPlanFile(plan(1));
    file.onRead = (n, f) => f.writeExternally(`${f.text}\nappended ${n}`);
    const outcome = await editFileAtomically(file, tick(6, 'Task 1'), { maxAttempts: 3 });
    assert.deepEqual(outcome, { kind: 'busy', attempts: 3 });
    assert.equal(file.renames, 0);
    assert.equal(file.temps.size, 0);
    assert.doesNotMatch(file.text, /\[x\]/);
  });

  it('keeps the BOM and CRLF line endings byte for byte', async () => {
    const text = plan(2).replace(/\n/g, '\r\n');
    const file = new InMemoryPlanFile(encodePlanText(text, true));
    await editFileAtomically(file, tick(6, 'Task 1'));
    assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(decodePlanBytes(file.bytes)?.text, text.replace('- [ ] Task 1', '- [x] Task 1'));
  });

  it('leaves a file that is not UTF-8 alone', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('- [ ] caf'), 0xe9, 0x0a]);
    const file = new InMemoryPlanFile(latin1);
    assert.deepEqual(await editFileAtomically(file, (t) => toggleTaskEdit(t, { line: 0 })), { kind: 'notUtf8' });
    assert.equal(file.renames, 0);
    assert.deepEqual(file.bytes, latin1);
  });

  it('writes nothing when the edit changes nothing', async () => {
    const file = new InMemoryPlanFile(plan(1).replace('[ ]', '[x]'));
    const outcome = await editFileAtomically(file, (t) => setTaskStateEdit(t, { line: 6 }, 'done'));
    assert.deepEqual(outcome, { kind: 'unchanged', attempts: 1 });
    assert.equal(file.temps.size + file.renames, 0);
  });

  it('removes the temporary file and rejects when the rename fails; the plan is untouched', async () => {
    const file = new InMemoryPlanFile(plan(1));
    file.failReplace = new Error('rename is not supported');
    await assert.rejects(editFileAtomically(file, tick(6, 'Task 1')), /rename is not supported/);
    assert.equal(file.text, plan(1));
    assert.equal(file.temps.size, 0);
  });
});

describe('KeyedQueue + editFileAtomically: one writer per plan', () => {
  it('lands all of N concurrent edits to one plan', async () => {
    const n = 40;
    const file = new InMemoryPlanFile(plan(n));
    const queue = new KeyedQueue();
    const outcomes = await Promise.all(
      Array.from({ length: n }, (_, i) => queue.run('plan.md', () => editFileAtomically(file, tick(6 + i, `Task ${i + 1}`)))),
    );
    assert.deepEqual(new Set(outcomes.map((o) => o.kind)), new Set(['written']));
    assert.equal(file.text, plan(n).replace(/- \[ \]/g, '- [x]'));
    assert.ok(
      file.history.every((bytes) => bytes.length > 0),
      'a reader never sees the file empty',
    );
  });

  it('lands every edit and every external change when another program writes between the edits', async () => {
    const n = 20;
    const start = `${plan(n)}\n## Log\n\n`;
    const file = new InMemoryPlanFile(start);
    const queue = new KeyedQueue();
    // Another program appends a line on every third read: before an edit computes or just before its rename.
    let appended = 0;
    file.onRead = (read, f) => {
      if (read % 3 === 0) f.writeExternally(`${f.text}external ${++appended}\n`);
    };
    const outcomes = await Promise.all(
      Array.from({ length: n }, (_, i) => queue.run('plan.md', () => editFileAtomically(file, tick(6 + i, `Task ${i + 1}`), { maxAttempts: 10 }))),
    );
    assert.deepEqual(new Set(outcomes.map((o) => o.kind)), new Set(['written']));
    assert.ok(outcomes.some((o) => o.kind === 'written' && o.recomputed), 'some edits met an external change');
    const expected = start.replace(/- \[ \]/g, '- [x]') + Array.from({ length: appended }, (_, i) => `external ${i + 1}\n`).join('');
    assert.equal(file.text, expected);
  });

  it('needs the queue: without it, two edits of this process inside the check-to-rename window overwrite each other', async () => {
    // Why both halves exist: the re-read catches writers that change the file before the check,
    // not a rename that lands between another edit's check and its rename.
    const n = 10;
    const file = new InMemoryPlanFile(plan(n));
    const outcomes = await Promise.all(Array.from({ length: n }, (_, i) => editFileAtomically(file, tick(6 + i, `Task ${i + 1}`), { maxAttempts: 2 * n })));
    const written = outcomes.filter((o) => o.kind === 'written').length;
    const ticked = (file.text.match(/- \[x\]/g) ?? []).length;
    assert.ok(ticked < written, `unqueued: ${written} written, ${ticked} in the file`);
  });
});

describe('KeyedQueue', () => {
  const defer = (): { promise: Promise<void>; resolve: () => void } => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('runs jobs for one key one after another, in the order queued', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gate = defer();
    const a = queue.run('k', async () => {
      log.push('a start');
      await gate.promise;
      log.push('a end');
    });
    const b = queue.run('k', async () => {
      log.push('b');
    });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(log, ['a start']);
    assert.equal(queue.pending('k'), 2);
    gate.resolve();
    await Promise.all([a, b]);
    assert.deepEqual(log, ['a start', 'a end', 'b']);
    await queue.idle('k');
    assert.equal(queue.pending('k'), 0);
  });

  it('runs jobs for different keys in parallel', async () => {
    const queue = new KeyedQueue();
    const gate = defer();
    let otherRan = false;
    const a = queue.run('one', () => gate.promise);
    await queue.run('two', async () => {
      otherRan = true;
    });
    assert.equal(otherRan, true, 'the second plan did not wait for the first');
    gate.resolve();
    await a;
  });

  it('goes on after a failing job, which rejects only its own caller', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('k', () => Promise.reject(new Error('boom')));
    const next = queue.run('k', () => Promise.resolve(42));
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 42);
  });
});
