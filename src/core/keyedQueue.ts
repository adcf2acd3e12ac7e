/**
 * One writer per key: jobs run one after another for the same key (a plan's URI), and in parallel
 * for different keys. A job starts only when the one before it has settled, fulfilled or rejected,
 * so each job sees what the previous one left behind. A failing job does not stop the queue: its
 * own caller receives the rejection and the next job runs.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly counts = new Map<string, number>();

  /** Runs `job` after every job queued before it for `key`; resolves or rejects as `job` does. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const settled = (): void => undefined;
    const result = previous.then(settled, settled).then(job);
    const tail = result.then(settled, settled);
    this.tails.set(key, tail);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    void tail.then(() => {
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) {
        this.counts.set(key, left);
      } else {
        this.counts.delete(key);
        this.tails.delete(key);
      }
    });
    return result;
  }

  /** Jobs queued or running for `key`. */
  pending(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Resolves when every job queued so far for `key` has settled. */
  idle(key: string): Promise<void> {
    return (this.tails.get(key) ?? Promise.resolve()).then(() => undefined);
  }
}
