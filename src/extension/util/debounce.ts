/**
 * Runs `callback` once a burst of `trigger()` calls has gone quiet for `quietMs`, and at the
 * latest `maxWaitMs` after the first call of the burst, so a stream of events that never pauses
 * (typing, a long `git checkout`) is still handled at a steady rate. No `vscode` import.
 */
export class BurstDebouncer {
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly callback: () => void,
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Whether a call of `callback` is scheduled. */
  get isPending(): boolean {
    return this.quietTimer !== undefined;
  }

  trigger(): void {
    if (this.disposed) return;
    if (this.quietTimer !== undefined) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.fire(), this.quietMs);
    this.maxTimer ??= setTimeout(() => this.fire(), this.maxWaitMs);
  }

  /** Runs the pending call now (no-op when nothing is pending). */
  flush(): void {
    if (this.quietTimer !== undefined) this.fire();
  }

  cancel(): void {
    if (this.quietTimer !== undefined) clearTimeout(this.quietTimer);
    if (this.maxTimer !== undefined) clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private fire(): void {
    this.cancel();
    if (!this.disposed) this.callback();
  }
}

/**
 * Lets the event loop run (I/O, timers, other extensions' events) before the caller continues,
 * without the cost of a zero timeout, which waits at least 1 ms in Node and 4 ms in a browser once
 * nested (a scan that yields a few hundred times would pay that on every yield). Node: its
 * `setImmediate` (looked up on `globalThis`: the web worker extension host has none). A browser:
 * a message to itself through a `MessageChannel`, one task per message. Not a `MessageChannel` in
 * Node: it drains every message posted meanwhile in one go, so timers and I/O would starve.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (immediate) immediate(resolve);
    else if (yieldChannel) {
      yieldQueue.push(resolve);
      yieldChannel.port2.postMessage(undefined);
    } else setTimeout(resolve, 0);
  });
}

const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const yieldQueue: (() => void)[] = [];
/** The part of a web `MessageChannel` used here (Node's own typings describe its `worker_threads` one). */
interface WebMessageChannel {
  readonly port1: { onmessage: (() => void) | null };
  readonly port2: { postMessage(message: unknown): void };
}
const yieldChannel: WebMessageChannel | undefined =
  immediate || typeof MessageChannel !== 'function'
    ? undefined
    : (() => {
        const channel = new MessageChannel() as unknown as WebMessageChannel;
        channel.port1.onmessage = () => yieldQueue.shift()?.();
        return channel;
      })();
