/**
 * Live leaderboards are recomputed after every write, all at once: run back to back, their
 * synchronous parts (the bootstrap refits) would hold the event loop for the sum of them, and
 * nothing else (`/healthz`, queries) would be answered meanwhile (issue 19: 11 s). Here each one
 * starts after a `setImmediate`, so that the event loop serves pending I/O between two of them;
 * with live bootstrap rounds capped, one computation is short.
 *
 * `concurrency` computations may be under way at once while no write is being served: their
 * database reads overlap the refit of another (the database is another process, on another core),
 * while the refits themselves still take the event loop one at a time.
 *
 * With `writes`, live work gives way to writers (write-activity.ts): while writes are being
 * served, one computation runs at a time, and only once `1 / share - 1` times the last one's
 * duration has passed since it ended (else it waits for the writes to pause), so that under a
 * steady stream of writes live work takes about that share of the time and still moves.
 */
import type { WriteActivity } from './write-activity';

/** The writers' pace with subscribers attached should stay ≥ 0.9 of it without (issue 20). */
const BESIDE_WRITES_SHARE = 0.1;

export interface SerialComputationOptions {
  concurrency?: number;
  writes?: WriteActivity | null;
  /** The share of the time live work may take while writes go on; default BESIDE_WRITES_SHARE. */
  shareBesideWrites?: number;
}

export class SerialComputations {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly writes: WriteActivity | null;
  private readonly share: number;
  /** Before this performance.now(), a computation starts only once the writes pause. */
  private notBefore = 0;
  /** The computation running beside writes, if any: the others wait for it. */
  private besideWrites: Promise<void> | null = null;

  constructor(options: SerialComputationOptions = {}) {
    this.concurrency = options.concurrency ?? 1;
    this.writes = options.writes ?? null;
    this.share = options.shareBesideWrites ?? BESIDE_WRITES_SHARE;
  }

  async run<T>(compute: () => Promise<T>): Promise<T> {
    await this.slot();
    try {
      const endBesideWrites = await this.turnBesideWrites();
      const started = performance.now();
      try {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return await compute();
      } finally {
        const took = performance.now() - started;
        this.notBefore = Math.max(this.notBefore, performance.now() + took * (1 / this.share - 1));
        endBesideWrites?.();
      }
    } finally {
      this.release();
    }
  }

  /**
   * Resolves with null when the writes are quiet, or with the function that ends this turn beside
   * them (the others wait for it).
   */
  private async turnBesideWrites(): Promise<(() => void) | null> {
    for (;;) {
      if (this.writes === null || this.writes.quiet) return null;
      if (this.besideWrites !== null) await this.besideWrites;
      else if (performance.now() >= this.notBefore) {
        let end = () => undefined as void;
        this.besideWrites = new Promise<void>((resolve) => (end = resolve));
        return () => {
          this.besideWrites = null;
          end();
        };
      } else await this.writes.untilQuiet(this.notBefore);
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    // The slot passes straight to the next waiter, in the order they asked (release below).
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
