/**
 * A real graphql-ws client on Node's `ws`, and a subscription recorder that tests await event by
 * event: `next()` resolves with the next event (or rejects after a timeout), `quiet(ms)` checks
 * that nothing arrives for a while.
 */
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

export function subscriptionClient(httpUrl: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...options,
  });
}

export interface Received<Data> {
  data?: Data;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export class Recorder<Data = any> {
  readonly events: Received<Data>[] = [];
  /** Date.now() when each event arrived. */
  readonly arrivals: number[] = [];
  /** What the sink's `error` received: GraphQL errors, or the socket's CloseEvent. */
  failure: any = null;
  completed = false;
  private consumed = 0;
  private wake: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables?: Record<string, unknown>) {
    this.unsubscribe = client.subscribe<Data>(
      { query, variables },
      {
        next: (event) =>
          this.settle(() => {
            this.events.push(event as Received<Data>);
            this.arrivals.push(Date.now());
          }),
        error: (error) => this.settle(() => (this.failure = error)),
        complete: () => this.settle(() => (this.completed = true)),
      },
    );
  }

  async next(timeoutMs = 15_000): Promise<Received<Data>> {
    await this.until(
      () => this.events.length > this.consumed || this.failure !== null || this.completed,
      timeoutMs,
      'an event',
    );
    if (this.events.length > this.consumed) return this.events[this.consumed++];
    throw new Error(
      `the subscription ended instead: ${JSON.stringify(this.failure?.reason ?? this.failure)}`,
    );
  }

  /** Resolves when the subscription has failed or completed. */
  async ended(timeoutMs = 15_000): Promise<void> {
    await this.until(
      () => this.failure !== null || this.completed,
      timeoutMs,
      'the end of the subscription',
    );
  }

  /** True when no new event arrived within `ms`. */
  async quiet(ms: number): Promise<boolean> {
    const before = this.events.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.events.length === before;
  }

  stop(): void {
    this.unsubscribe();
  }

  private settle(change: () => void): void {
    change();
    this.wake?.();
  }

  private async until(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no ${what} within ${timeoutMs} ms (${this.events.length} events so far)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
