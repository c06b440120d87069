/**
 * The writes this process is serving, so that live recomputation can give way to them. A live
 * leaderboard's refit holds the event loop; started while a `recordVerdicts` batch is being
 * parsed, validated and stored, it delays that batch, and a stream of batches is slowed by one
 * refit per distinct live input per coalescing window (issue 20: 0.46× the writer's throughput
 * with 1,000 subscribers at 100k verdicts). Deferred while writes go on, a burst of batches costs
 * one recomputation once it ends, and the events it gives still see every batch of the burst.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';

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

/** Counts every mutation from the moment its operation is known until its answer is sent. */
export function writesInFlight(activity: WriteActivity): ApolloServerPlugin {
  return {
    requestDidStart: () => {
      let end: (() => void) | null = null;
      return Promise.resolve({
        didResolveOperation: ({ operation }) => {
          if (operation?.operation === OperationTypeNode.MUTATION) end = activity.begin();
          return Promise.resolve();
        },
        // Apollo calls it for every answer, errors included.
        willSendResponse: () => {
          end?.();
          return Promise.resolve();
        },
      });
    },
  };
}
