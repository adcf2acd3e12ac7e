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
 * Lets the event loop run (I/O, other extensions' events) before the caller continues. A zero
 * timeout, not Node's setImmediate: the web worker extension host has no setImmediate.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
