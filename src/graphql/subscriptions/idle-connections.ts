/**
 * A connection that holds no subscription for `idleTimeoutMs` is closed with 4504, so that
 * connections opened and left (issue 19: slots held indefinitely) give their slot back. Checked
 * by one sweep for all connections, a quarter of the timeout apart.
 */
import type { WebSocket } from 'ws';
import { closeWith, IDLE_TIMEOUT } from './close-codes';

export class IdleConnections {
  /** When each connection's last subscription ended (or it opened); null while it holds one. */
  private readonly idleSince = new Map<WebSocket, number | null>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number) {
    this.timer = setInterval(() => this.sweep(), Math.max(25, Math.floor(timeoutMs / 4)));
    this.timer.unref();
  }

  opened(socket: WebSocket): void {
    this.idleSince.set(socket, performance.now());
  }

  /** Called whenever the connection's number of subscriptions changes. */
  holding(socket: WebSocket, subscriptions: number): void {
    if (!this.idleSince.has(socket)) return;
    if (subscriptions > 0) this.idleSince.set(socket, null);
    else if (this.idleSince.get(socket) === null) this.idleSince.set(socket, performance.now());
  }

  closed(socket: WebSocket): void {
    this.idleSince.delete(socket);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    const now = performance.now();
    for (const [socket, since] of this.idleSince) {
      if (since === null || now - since < this.timeoutMs) continue;
      this.idleSince.delete(socket);
      closeWith(
        socket,
        IDLE_TIMEOUT,
        'IDLE_TIMEOUT',
        `no subscription for ${this.timeoutMs} ms; subscribe after connecting, or reconnect later.`,
      );
    }
  }
}
