/** `verdicts serve` (and the end of `verdicts demo`): the GraphQL server until SIGTERM or Ctrl-C. */
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/client';
import { startServer } from '../server';
import { describeDatabase, openMigratedDatabase } from './database';

export async function serveCommand(config: Config): Promise<number> {
  const database = await openMigratedDatabase(config);
  await serveUntilStopped(database, config);
  return new Promise<number>(() => undefined);
}

export async function serveUntilStopped(database: DatabaseHandle, config: Config, firstQuery?: string): Promise<void> {
  const server = await startServer({ database, ...config });
  console.log(`Verdicts GraphQL API on ${server.url} (database: ${describeDatabase(config, database)})`);
  if (!config.production) console.log(`Open ${server.url.replace(/graphql$/, '')} in a browser for Apollo Sandbox.`);
  if (firstQuery) console.log(`\nA first query to run there:\n\n${firstQuery}\n`);

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
