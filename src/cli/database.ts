import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';

/** The database every command uses: the server's settings, migrations applied. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgliteTemplate: config.pgliteTemplate,
  });
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export function describeDatabase(config: Config, database: DatabaseHandle): string {
  return database.driver === 'pglite'
    ? `embedded PGlite in ${config.dataDir}`
    : 'PostgreSQL (DATABASE_URL)';
}
