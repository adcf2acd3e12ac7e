import type { PlanFilePort } from '../../../src/core';

/**
 * An in-memory plan file behind the core's `PlanFilePort`, for unit tests of the atomic writer.
 * Every port call yields to the event loop first (as a real file system does), and `onRead` lets a
 * test play "another program" at an exact point: it runs before each read resolves.
 */
export class InMemoryPlanFile implements PlanFilePort<string> {
  bytes: Uint8Array;
  readonly temps = new Map<string, Uint8Array>();
  /** Every state the file was in, in order: what a concurrent reader could have seen. */
  readonly history: Uint8Array[] = [];
  reads = 0;
  renames = 0;
  onRead?: (read: number, file: InMemoryPlanFile) => void;
  failReplace?: Error;
  private nextTemp = 0;

  constructor(text: string | Uint8Array) {
    this.bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
    this.history.push(this.bytes);
  }

  get text(): string {
    return new TextDecoder().decode(this.bytes);
  }

  /** Another program writing the whole file. */
  writeExternally(text: string): void {
    this.bytes = new TextEncoder().encode(text);
    this.history.push(this.bytes);
  }

  async read(): Promise<Uint8Array> {
    await tick();
    this.reads++;
    this.onRead?.(this.reads, this);
    return this.bytes.slice();
  }

  async writeTemp(bytes: Uint8Array): Promise<string> {
    await tick();
    const name = `temp-${this.nextTemp++}`;
    this.temps.set(name, bytes.slice());
    return name;
  }

  async replace(temp: string): Promise<void> {
    await tick();
    if (this.failReplace) throw this.failReplace;
    const bytes = this.temps.get(temp);
    if (!bytes) throw new Error(`no temporary file ${temp}`);
    this.temps.delete(temp);
    this.bytes = bytes;
    this.history.push(bytes);
    this.renames++;
  }

  async remove(temp: string): Promise<void> {
    await tick();
    this.temps.delete(temp);
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
