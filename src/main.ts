/**
 * CLI entry: `verdicts <command>`. Every command reads the same database settings as the server
 * (DATABASE_URL, VERDICTS_DATA_DIR) and exits non-zero with a message on failure.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { printVerdictsSchema } from './graphql/schema';
import { startServer } from './server';

const USAGE = `Usage: verdicts <command> [options]

Commands:
  serve          Run the GraphQL server (PORT, HOST, DATABASE_URL, VERDICTS_DATA_DIR)
  migrate        Apply pending database migrations and exit
  emit-schema    Write the GraphQL schema to schema.graphql

Environment:
  DATABASE_URL        postgres://… to use a PostgreSQL server; unset for embedded PGlite
  VERDICTS_DATA_DIR   PGlite data directory (default ./.verdicts-data)
  PORT, HOST          where to listen (default 4000 on 127.0.0.1)`;

async function serve(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const server = await startServer({ database, ...config });
  const where = database.driver === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Verdicts GraphQL API on ${server.url} (database: ${where})`);
  if (!config.production) console.log(`Open ${server.url.replace(/graphql$/, '')} in a browser for Apollo Sandbox.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then closing the database.`);
    await server.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function migrate(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    console.log('Migrations applied.');
  } finally {
    await database.close();
  }
}

async function emitSchema(): Promise<void> {
  const target = path.resolve(__dirname, '..', 'schema.graphql');
  await writeFile(target, await printVerdictsSchema());
  console.log(`Wrote ${target}`);
}

async function main(argv: string[]): Promise<void> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return migrate(config);
    case 'emit-schema':
      return emitSchema();
    default:
      throw new Error(`Unknown command ${JSON.stringify(command)}; expected one of serve, migrate, emit-schema. See verdicts --help.`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`verdicts: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
