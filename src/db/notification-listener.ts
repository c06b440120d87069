/**
 * LISTEN on one channel, for either driver. On PostgreSQL a dedicated connection (never one of
 * the pool's, which the pool would hand to queries and recycle) holds the LISTEN; when it is lost
 * (server restart, pg_terminate_backend, network) it reconnects with exponential backoff, listens
 * again and reports `onReconnected`, so the caller can check what changed while it was away:
 * PostgreSQL does not queue notifications for a session that is not listening (NOTIFY docs).
 * PGlite is one embedded instance in this process; its `listen` cannot lose its connection.
 */
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';

export interface NotificationHandlers {
  onNotification(payload: string): void;
  /** Listening again after a lost connection; notifications sent meanwhile were not delivered. */
  onReconnected(): void;
}

export interface ReconnectBackoff {
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface NotificationListener {
  close(): Promise<void>;
}

export const DEFAULT_BACKOFF: ReconnectBackoff = { initialDelayMs: 100, maxDelayMs: 5000 };

/** Seen in pg_stat_activity.application_name, so operators (and tests) can find the session. */
export const LISTENER_APPLICATION_NAME = 'verdicts-listen';

export async function listenOnPglite(
  client: PGlite,
  channel: string,
  handlers: NotificationHandlers,
): Promise<NotificationListener> {
  const unlisten = await client.listen(channel, (payload) => handlers.onNotification(payload));
  return {
    async close() {
      if (!client.closed) await unlisten();
    },
  };
}

export async function listenOnPostgres(
  connectionString: string,
  channel: string,
  handlers: NotificationHandlers,
  backoff: ReconnectBackoff = DEFAULT_BACKOFF,
): Promise<NotificationListener> {
  let closed = false;
  let client: Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = backoff.initialDelayMs;

  const connect = async (): Promise<void> => {
    const next = new Client({
      connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: 5000,
      // A peer that vanished without closing is noticed within about a minute.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    next.on('notification', (message) => handlers.onNotification(message.payload ?? ''));
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      next.removeAllListeners('end');
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
  };

  const lost = (which: Client): void => {
    if (closed || client !== which) return;
    client = null;
    which.removeAllListeners('end');
    which.end().catch(() => undefined);
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    if (closed || retry !== null) return;
    // Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): processes that lost
    // the same server do not come back in lockstep.
    const wait =
      backoff.initialDelayMs + Math.random() * Math.max(0, delay - backoff.initialDelayMs);
    delay = Math.min(backoff.maxDelayMs, delay * 2);
    retry = setTimeout(() => {
      retry = null;
      connect().then(
        () => {
          delay = backoff.initialDelayMs;
          if (closed) void client?.end().catch(() => undefined);
          else handlers.onReconnected();
        },
        () => scheduleReconnect(),
      );
    }, wait);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry !== null) clearTimeout(retry);
      const open = client;
      client = null;
      if (open) {
        open.removeAllListeners('end');
        await open.end().catch(() => undefined);
      }
    },
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
