import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseHandle } from './client';

/**
 * `drizzle/` sits two levels above this file both in `src/db/` and in the compiled `dist/db/`;
 * three in `dist-bench/src/db/`, where the arena bench runs a server in its own process.
 */
const MIGRATION_PLACES = [2, 3].map((up) =>
  path.resolve(__dirname, ...Array<string>(up).fill('..'), 'drizzle'),
);
export const MIGRATIONS_FOLDER = MIGRATION_PLACES.find(existsSync) ?? MIGRATION_PLACES[0];

// Any constant works; it only has to be the same for every server process of this project.
const MIGRATION_LOCK_KEY = 7_305_114_021;

/**
 * Applies pending migrations. On PostgreSQL several servers may start at once, so the run holds
 * a transaction-scoped advisory lock; drizzle's own journal makes a second run a no-op.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === 'pglite') {
    // The handle's type is the drivers' common base; this handle was opened by the PGlite driver.
    // eslint-disable-next-line no-restricted-syntax -- drizzle types each driver's migrator apart
    await migratePglite(handle.db as unknown as PgliteDatabase, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    // The migrator only uses the dialect and session, which a node-postgres transaction has too.
    // eslint-disable-next-line no-restricted-syntax -- drizzle's migrator is typed for a database
    await migrateNodePostgres(tx as unknown as NodePgDatabase, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  });
}
