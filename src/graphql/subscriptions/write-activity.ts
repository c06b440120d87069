/**
 * The writes this process is serving, so that live recomputation can give way to them. A live
 * leaderboard's refit holds the event loop; started while a `recordVerdicts` batch is being
 * parsed, validated and stored, it delays that batch, and a stream of batches is slowed by one
 * refit per distinct live input per coalescing window (issue 20: 0.46× the writer's throughput
 * with 1,000 subscribers at 100k verdicts). While writes go on, live work takes about a tenth of
 * the time (serial-computations.ts); the events it gives still see every batch committed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class WriteActivity {
  private inFlight = 0;
  private lastEnded = Number.NEGATIVE_INFINITY;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  /**
   * `quietMs`: how long no write must have been in flight before live work starts, so that the
   * gap between one client's sequential batches does not count as the end of a burst.
   */
  constructor(private readonly quietMs: number) {}

  /** Marks one write as begun; the returned function marks it ended (once). */
  begin(): () => void {
    this.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      this.lastEnded = performance.now();
      this.wakeWhenQuiet();
    };
  }

  /**
   * Counts one POST from its first byte until its answer is sent or the client goes: a mutation
   * comes only by POST, and reading and parsing a large batch is part of its cost (a query sent
   * by POST counts too, which only makes live work yield to it as well).
   */
  countRequest(request: IncomingMessage, response: ServerResponse): void {
    const end = this.begin();
    response.once('close', end);
    request.once('error', end);
  }

  /** True when no write is in flight and none ended in the last `quietMs`. */
  get quiet(): boolean {
    return this.inFlight === 0 && performance.now() - this.lastEnded >= this.quietMs;
  }

  /** Resolves once the writes are quiet, or at `deadline` (performance.now()) if they never are. */
  untilQuiet(deadline: number): Promise<void> {
    if (this.quiet || performance.now() >= deadline) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(late);
        this.waiters.delete(done);
        resolve();
      };
      const late = setTimeout(done, deadline - performance.now());
      this.waiters.add(done);
      this.wakeWhenQuiet();
    });
  }

  private wakeWhenQuiet(): void {
    if (this.timer !== null || this.inFlight > 0 || this.waiters.size === 0) return;
    const left = this.lastEnded + this.quietMs - performance.now();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.quiet) for (const wake of [...this.waiters]) wake();
        else this.wakeWhenQuiet();
      },
      Math.max(0, left),
    );
  }
}
