/**
 * One factory for both drivers: embedded PGlite (default) or a node-postgres pool when a
 * `DATABASE_URL` is given. Both run the same Drizzle schema and the same `drizzle/` migrations.
 */
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm';
import { Pool } from 'pg';
import { lockDataDirectory } from './data-dir-lock';
import { openPgliteDirectory, openPgliteInMemory, type PgliteOrigin } from './pglite-open';
import { drizzleClient } from './pglite-parsers';
import {
  listenOnPglite,
  listenOnPostgres,
  type NotificationHandlers,
  type NotificationListener,
  type ReconnectBackoff,
} from './notification-listener';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** What `db.transaction(…)` hands its callback. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DriverName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
  /** PGlite only: whether the database was loaded from the template, made by initdb or found. */
  pgliteOrigin?: PgliteOrigin;
  /** SQL statements sent through Drizzle since the handle opened (the N+1 tests read it). */
  statementCount(): number;
  /** LISTEN on a channel outside the pool's rotation (notification-listener.ts). */
  listen(
    channel: string,
    handlers: NotificationHandlers,
    backoff?: ReconnectBackoff,
  ): Promise<NotificationListener>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** PGlite only: a directory, or `memory://` for a throwaway in-memory database. */
  dataDir: string;
  /** PGlite only: false creates a new database with initdb, not from the template (default true). */
  pgliteTemplate?: boolean;
  /** PGlite on a data directory only: a 32 MB buffer pool, for short-lived commands (pglite-open.ts). */
  pgliteSmallBufferPool?: boolean;
  poolSize?: number;
}

class CountingLogger implements Logger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const logger = new CountingLogger();
  if (options.databaseUrl) {
    // A server that does not answer must not hold requests until the TCP timeout.
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
    });
    // A client losing its server (crash, restart, failover) must not crash the process: idle
    // clients report through the pool, checked-out ones through the query that fails.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db: Database = drizzleNodePostgres({ client: pool, schema, logger });
    const url = options.databaseUrl;
    return {
      db,
      driver: 'postgres',
      statementCount: () => logger.count,
      listen: (channel, handlers, backoff) => listenOnPostgres(url, channel, handlers, backoff),
      close: () => pool.end(),
    };
  }
  const inMemory = options.dataDir === 'memory://';
  const unlock = inMemory ? () => undefined : lockDataDirectory(options.dataDir);
  let client: PGlite;
  let origin: PgliteOrigin;
  try {
    const useTemplate = options.pgliteTemplate ?? true;
    ({ client, origin } = await (inMemory
      ? openPgliteInMemory(useTemplate)
      : openPgliteDirectory(options.dataDir, useTemplate, options.pgliteSmallBufferPool)));
  } catch (error) {
    unlock();
    throw error;
  }
  const db: Database = drizzlePglite({ client: drizzleClient(client), schema, logger });
  return {
    db,
    driver: 'pglite',
    pgliteOrigin: origin,
    statementCount: () => logger.count,
    listen: (channel, handlers) => listenOnPglite(client, channel, handlers),
    close: async () => {
      await client.close();
      unlock();
    },
  };
}
