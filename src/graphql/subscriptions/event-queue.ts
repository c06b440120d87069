/**
 * The source stream of one subscription: events are pushed in, GraphQL execution pulls them out.
 * An async generator would not do: its `return()` waits until the generator's pending `await`
 * settles, so a client that unsubscribes while nothing happens would leave it (and its listeners)
 * behind. Here `return()` ends the stream at once and runs the cleanup exactly once.
 */
export interface EventQueueOptions {
  /** Runs once, when the stream ends for any reason (unsubscribe, disconnect, error). */
  cleanup: () => void;
  /**
   * Unread events kept at most. `latest` keeps only the newest (a leaderboard: older ones are
   * superseded); `fail` ends the stream with `overflowError` (a feed must not drop items).
   */
  capacity: number;
  overflow: 'latest' | 'fail';
  overflowError?: () => Error;
}

export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: {
    resolve: (result: IteratorResult<T>) => void;
    reject: (error: unknown) => void;
  } | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(private readonly options: EventQueueOptions) {}

  get ended(): boolean {
    return this.done;
  }

  push(event: T): void {
    if (this.done) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.buffered.length >= this.options.capacity) {
      if (this.options.overflow === 'fail') {
        this.fail(
          this.options.overflowError?.() ?? new Error('The subscriber fell too far behind.'),
        );
        return;
      }
      this.buffered.shift();
    }
    this.buffered.push(event);
  }

  /** Ends the stream with an error, which the client receives as the subscription's error. */
  fail(reason: unknown): void {
    if (this.done) return;
    const error = reason instanceof Error ? reason : new Error(String(reason));
    this.finish();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(error);
    } else {
      this.failure = error;
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0)
      return Promise.resolve({ value: this.buffered.shift() as T, done: false });
    if (this.failure !== null) {
      const error = this.failure;
      this.failure = null;
      return Promise.reject(error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    this.buffered.length = 0;
    this.failure = null;
    if (this.waiting) {
      this.waiting.resolve({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.fail(error);
    return this.next();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.options.cleanup();
  }
}
