/**
 * Writes a JSON document whose one large member is an array, an item at a time, byte for byte as
 * `JSON.stringify(document, null, 2)` would print it, in chunks of about 64 KB: the document is
 * never held whole (`status --json` of 10,000 plans is over 50 MB).
 */
const CHUNK = 64 * 1024;

function indented(value: unknown, indent: string): string {
  // JSON text has no raw newline inside a string, so every newline is a line break of the layout.
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
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
