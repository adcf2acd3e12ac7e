/**
 * Writes a JSON document whose one large member is an array, an item at a time, byte for byte as
 * `JSON.stringify(document, null, 2)` would print it, in chunks of about 64 KB: the document is
 * never held whole (`status --json` of 10,000 plans is over 50 MB).
 */
const CHUNK = 64 * 1024;

/** The text `JSON.stringify` prints before a value two levels down: `{"": {"": value}}`. */
const DEPTH_TWO_HEAD = '{\n  "": {\n    "": '.length;

function indented(value: unknown, indent: '  ' | '    '): string {
  // JSON.stringify lays a value out at its depth itself: wrapped one or two levels down, its text
  // (less the wrapper) is the value indented as deep, in one pass and without a second copy to
  // indent it (a replace of every newline cost more than the stringify on a cold run).
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(JSON.stringify(value));
  if (indent === '  ') {
    const s = JSON.stringify({ '': value }, null, 2);
    return s.slice('{\n  "": '.length, s.length - '\n}'.length);
  }
  const s = JSON.stringify({ '': { '': value } }, null, 2);
  return s.slice(DEPTH_TWO_HEAD, s.length - '\n  }\n}'.length);
}

export class StreamedJson {
  private lines: string[] = [];
  private size = 0;
  private previous: string | undefined;
  private opened = false;

  /** `out` is called with whole lines (joined by newlines, without the last one). */
  constructor(
    private readonly out: (lines: string) => void,
    head: Readonly<Record<string, unknown>>,
    private readonly arrayName: string,
  ) {
    this.push('{');
    for (const [k, v] of Object.entries(head)) this.push(`  ${JSON.stringify(k)}: ${indented(v, '  ')},`);
  }

  /** An item of the array, as `JSON.stringify(value, null, 2)` would lay it out there. */
  item(value: unknown): void {
    this.rawItem(StreamedJson.layout(value).slice(4));
  }

  /** An item already laid out (`layout`), less the indentation of its first line. */
  rawItem(text: string): void {
    if (!this.opened) {
      this.push(`  ${JSON.stringify(this.arrayName)}: [`);
      this.opened = true;
    }
    if (this.previous !== undefined) this.push(`${this.previous},`);
    this.previous = `    ${text}`;
  }

  /** `value` laid out as an item of the array: indented to its depth, first line included. */
  static layout(value: unknown): string {
    return `    ${indented(value, '    ')}`;
  }

  end(tail: Readonly<Record<string, unknown>>): void {
    if (this.opened) {
      this.push(this.previous!);
      this.push('  ]' + (Object.keys(tail).length ? ',' : ''));
    } else {
      this.push(`  ${JSON.stringify(this.arrayName)}: []${Object.keys(tail).length ? ',' : ''}`);
    }
    const entries = Object.entries(tail);
    entries.forEach(([k, v], i) => this.push(`  ${JSON.stringify(k)}: ${indented(v, '  ')}${i < entries.length - 1 ? ',' : ''}`));
    this.push('}');
    this.flush();
  }

  private push(line: string): void {
    this.lines.push(line);
    this.size += line.length + 1;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.out(this.lines.join('\n'));
    this.lines = [];
    this.size = 0;
  }
}
