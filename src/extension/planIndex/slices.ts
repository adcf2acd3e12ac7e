/**
 * The index's synchronous slices: each part of its work runs until it has used its budget, then
 * yields to the event loop. The meter adds up their wall time (and the thread's CPU time where the
 * host tells it: a slice's wall time also counts the moments the OS ran other processes) and keeps
 * the longest, since start and since the current scan began.
 */

const now = (): number => performance.now();

/** When a synchronous slice began: wall clock, and the thread's CPU time where the host tells it (else 0). */
export interface SliceStart {
  readonly wall: number;
  readonly cpu: number;
}

export class SliceMeter {
  /** Wall time of every slice so far. */
  totalMs = 0;
  /** The same in thread CPU time (0 where the host does not tell it). */
  totalCpuMs = 0;
  longestMs = 0;
  longestCpuMs = 0;
  /** The longest since `newScan()`. */
  scanLongestMs = 0;
  scanLongestCpuMs = 0;

  /** `threadCpuMs`: the thread's CPU time in ms, where the host tells it. */
  constructor(readonly threadCpuMs: (() => number) | undefined) {}

  start(): SliceStart {
    return { wall: now(), cpu: this.threadCpuMs?.() ?? 0 };
  }

  /** A slice that began at `started` ends now. */
  note(started: SliceStart): void {
    const ms = now() - started.wall;
    this.totalMs += ms;
    if (ms > this.longestMs) this.longestMs = ms;
    if (ms > this.scanLongestMs) this.scanLongestMs = ms;
    if (!this.threadCpuMs) return;
    const cpu = this.threadCpuMs() - started.cpu;
    this.totalCpuMs += cpu;
    if (cpu > this.longestCpuMs) this.longestCpuMs = cpu;
    if (cpu > this.scanLongestCpuMs) this.scanLongestCpuMs = cpu;
  }

  newScan(): void {
    this.scanLongestMs = 0;
    this.scanLongestCpuMs = 0;
  }
}
