import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { DataDirectoryInUse } from '../db/data-dir-lock';
import { migrateDatabase } from '../db/migrate';
import { analyseIfNeverAnalysed } from '../db/planner-statistics';

/**
 * What a refused command can do instead. Reading commands can ask the running server; the others
 * write to the database itself, which the server owns while it runs.
 */
export type WhileServed = 'use --url' | 'stop the server';

/**
 * Commands that write many rows keep PostgreSQL's default buffer pool, as the server does; the
 * others are short-lived and open faster with a small one (db/pglite-open.ts).
 */
const BULK_COMMANDS = new Set(['import', 'demo']);

/** The database every command uses: the server's settings, migrations applied. */
export async function openMigratedDatabase(
  config: Config,
  command?: { name: string; whileServed: WhileServed },
): Promise<DatabaseHandle> {
  let database: DatabaseHandle;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      pgliteTemplate: config.pgliteTemplate,
      pgliteSmallBufferPool: command !== undefined && !BULK_COMMANDS.has(command.name),
    });
  } catch (error) {
    if (error instanceof DataDirectoryInUse && command)
      throw new Error(refusal(error, command), { cause: error });
    throw error;
  }
  try {
    await migrateDatabase(database);
    await analyseIfNeverAnalysed(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function refusal(error: DataDirectoryInUse, command: { name: string; whileServed: WhileServed }) {
  const instead =
    command.whileServed === 'use --url'
      ? `\`verdicts ${command.name}\` can ask the running server instead: add --url http://localhost:4000/graphql (the server's GraphQL URL; --api-key or VERDICTS_API_KEY if it needs a key).`
      : `\`verdicts ${command.name}\` writes to the database itself, so stop the server first (or point both at a PostgreSQL server with DATABASE_URL).`;
  return `${error.message}\n${instead}`;
}

export function describeDatabase(config: Config, database: DatabaseHandle): string {
  return database.driver === 'pglite'
    ? `embedded PGlite in ${config.dataDir}`
    : 'PostgreSQL (DATABASE_URL)';
}
