import * as assert from 'node:assert/strict';
import { ByteOut, layout, linesWriter, StreamedJson } from '../../../src/cli/jsonStream';

/** Everything a `ByteOut` wrote, as text; `chunks` counts the writes. */
function collect(): { out: ByteOut; text: () => string; chunks: () => number } {
  const parts: Buffer[] = [];
  // The writer copies: ByteOut reuses its chunk once `write` returns.
  const out = new ByteOut((bytes) => parts.push(Buffer.from(bytes)));
  return { out, text: () => Buffer.concat(parts).toString(), chunks: () => parts.length };
}

const DOCS: { head: Record<string, unknown>; items: unknown[]; tail: Record<string, unknown> }[] = [
  { head: { schemaVersion: 1 }, items: [], tail: { totals: { plans: 0 }, errors: [] } },
  { head: { schemaVersion: 1, ok: false }, items: [{ path: 'a.md', ok: true, findings: [] }], tail: {} },
  {
    head: { schemaVersion: 1 },
    items: [
      { path: 'docs/plans/ü "q".md', phases: [{ label: 'Phase 1: ✓', tasks: { done: 1, total: 2 } }], frontMatter: null, fields: {} },
      { path: 'b.md', nested: [[1, [2, {}]], 'x\ny'] },
    ],
    tail: { errors: [{ path: 'c.md', message: 'no such file or folder' }] },
  },
];

describe('streamed JSON (byte for byte JSON.stringify(document, null, 2))', () => {
  it('lays a value out at any depth as JSON.stringify does there', () => {
    const value = { a: [1, { b: 'c' }], d: {}, e: [] };
    for (let depth = 0; depth <= 4; depth++) {
      let doc: unknown = value;
      for (let i = 0; i < depth; i++) doc = { k: doc };
      const printed = JSON.stringify(doc, null, 2);
      const at = printed.indexOf('{\n' + '  '.repeat(depth + 1) + '"a"');
      assert.equal(layout(value, depth), printed.slice(at, at + layout(value, depth).length), `depth ${depth}`);
    }
    assert.equal(layout([], 3), '[]');
    assert.equal(layout(undefined, 1), 'undefined');
  });

  it('prints documents as JSON.stringify does, items as text or as bytes in parts', () => {
    for (const doc of DOCS) {
      const name = 'plans';
      const expected = `${JSON.stringify({ ...doc.head, [name]: doc.items, ...doc.tail }, null, 2)}\n`;
      const asText = collect();
      const json = new StreamedJson(asText.out, doc.head, name);
      for (const item of doc.items) json.item(layout(item, 2));
      json.end(doc.tail);
      assert.equal(asText.text(), expected);

      const asBytes = collect();
      const inParts = new StreamedJson(asBytes.out, doc.head, name);
      for (const item of doc.items) {
        const text = layout(item, 2);
        const cut = text.indexOf('\n') + 1;
        inParts.item(text.slice(0, cut), Buffer.from(text.slice(cut, cut + 7)), Buffer.from(text.slice(cut + 7)));
      }
      inParts.end(doc.tail);
      assert.equal(asBytes.text(), expected);
    }
  });

  it('writes in chunks of at most 256 KB, larger parts on their own, in order', () => {
    const { out, text, chunks } = collect();
    const big = 'é'.repeat(300_000);
    out.text('a');
    out.bytes(Buffer.from('b'.repeat(200_000)));
    out.text(big);
    out.bytes(Buffer.from('c'.repeat(300_000)));
    out.text('d'.repeat(100_000));
    out.flush();
    assert.equal(text(), `a${'b'.repeat(200_000)}${big}${'c'.repeat(300_000)}${'d'.repeat(100_000)}`);
    assert.equal(chunks(), 4);
  });

  it('linesWriter passes whole lines on, a character split between chunks included', () => {
    const lines: string[] = [];
    const write = linesWriter((s) => lines.push(s));
    const bytes = Buffer.from('first ✓\nsecond ✓ line\nthird\n');
    const split = bytes.indexOf('✓', 12) + 1;
    write(bytes.subarray(0, split));
    write(bytes.subarray(split));
    assert.deepEqual(lines, ['first ✓', 'second ✓ line\nthird']);
  });
});
