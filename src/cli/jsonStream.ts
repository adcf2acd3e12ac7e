/**
 * Writes a JSON document whose one large member is an array, an item at a time, byte for byte as
 * `JSON.stringify(document, null, 2)` would print it: the document is never held whole
 * (`status --json` of 10,000 plans is over 50 MB). Items can come as text or as bytes already laid
 * out (the cache's slices), which are copied to the output without being decoded.
 */
const CHUNK = 256 * 1024;

/**
 * Bytes out in chunks of about 256 KB: text is encoded straight into the chunk, byte slices are
 * copied in. The one chunk is reused (fresh memory costs a page fault per 4 KB), so `write` must be
 * done with the bytes it is given when it returns (write them, or copy them).
 */
export class ByteOut {
  private readonly chunk = Buffer.allocUnsafe(CHUNK);
  private at = 0;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  text(s: string): void {
    const room = CHUNK - this.at;
    // A UTF-16 unit is at most 3 bytes of UTF-8: count only when it might not fit.
    if (s.length * 3 > room) {
      const size = Buffer.byteLength(s);
      if (size > room) {
        this.flush();
        if (size > CHUNK) return this.write(Buffer.from(s));
      }
    }
    this.at += this.chunk.write(s, this.at);
  }

  bytes(b: Uint8Array): void {
    if (b.length > CHUNK - this.at) {
      this.flush();
      if (b.length > CHUNK) return this.write(b);
    }
    this.chunk.set(b, this.at);
    this.at += b.length;
  }

  flush(): void {
    if (this.at === 0) return;
    this.write(this.chunk.subarray(0, this.at));
    this.at = 0;
  }
}

/**
 * A byte writer over a writer of lines (one that adds the newline itself, as the CLI's `out`):
 * whole lines are passed on as they arrive, the rest waits for its newline.
 */
export function linesWriter(out: (lines: string) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder();
  let pending = '';
  return (bytes) => {
    pending += decoder.decode(bytes, { stream: true });
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    out(pending.slice(0, end));
    pending = pending.slice(end + 1);
  };
}

const heads: string[] = [''];
const tails: string[] = [''];

/**
 * `value` as `JSON.stringify` lays it out `depth` levels down in a document indented by 2, less the
 * indentation of its first line. JSON.stringify does it itself when the value is wrapped that deep,
 * in one pass and without a second copy to indent (a replace of every newline cost more than the
 * stringify on a cold run).
 */
export function layout(value: unknown, depth: number): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(JSON.stringify(value));
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = { '': wrapped };
  for (let i = heads.length; i <= depth; i++) {
    heads[i] = `${heads[i - 1]}{\n${'  '.repeat(i)}"": `;
    tails[i] = `\n${'  '.repeat(i - 1)}}${tails[i - 1]}`;
  }
  const s = JSON.stringify(wrapped, null, 2);
  return s.slice(heads[depth].length, s.length - tails[depth].length);
}

export class StreamedJson {
  private count = 0;

  constructor(
    private readonly out: ByteOut,
    head: Readonly<Record<string, unknown>>,
    private readonly arrayName: string,
  ) {
    out.text('{\n');
    for (const [k, v] of Object.entries(head)) out.text(`  ${JSON.stringify(k)}: ${layout(v, 1)},\n`);
  }

  /**
   * An item of the array, in parts (text, and bytes already laid out) that together are the item as
   * `layout(item, 2)` gives it.
   */
  item(...parts: readonly (string | Uint8Array)[]): void {
    this.out.text(this.count++ === 0 ? `  ${JSON.stringify(this.arrayName)}: [\n    ` : ',\n    ');
    for (const p of parts) {
      if (typeof p === 'string') this.out.text(p);
      else this.out.bytes(p);
    }
  }

  end(tail: Readonly<Record<string, unknown>>): void {
    const entries = Object.entries(tail);
    this.out.text(this.count ? '\n  ]' : `  ${JSON.stringify(this.arrayName)}: []`);
    for (const [k, v] of entries) this.out.text(`,\n  ${JSON.stringify(k)}: ${layout(v, 1)}`);
    this.out.text('\n}\n');
    this.out.flush();
  }
}
