/**
 * Live leaderboards are recomputed after every write, all at once: run back to back, their
 * synchronous parts (the bootstrap refits) would hold the event loop for the sum of them, and
 * nothing else (`/healthz`, queries) would be answered meanwhile (issue 19: 11 s). Here they run
 * one at a time, each after a `setImmediate`, so that the event loop serves pending I/O between
 * two of them; with live bootstrap rounds capped, one computation is short.
 */
export class SerialComputations {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(compute: () => Promise<T>): Promise<T> {
    // The tail never rejects: a failed computation fails only its own caller.
    const turn = this.tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    const result = turn.then(compute);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
