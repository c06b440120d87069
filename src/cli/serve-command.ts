/** `verdicts serve` (and the end of `verdicts demo`): the GraphQL server until SIGTERM or Ctrl-C. */
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/client';
import { startServer } from '../server';
import { countLiveApiKeys } from '../services/api-keys';
import { describeDatabase, openMigratedDatabase } from './database';

export async function serveCommand(config: Config): Promise<number> {
  const database = await openMigratedDatabase(config);
  await serveUntilStopped(database, config);
  return new Promise<number>(() => undefined);
}

export async function serveUntilStopped(
  database: DatabaseHandle,
  config: Config,
  firstQuery?: string,
): Promise<void> {
  await refuseUnprotectedExposure(database, config);
  const server = await startServer({
    database,
    ...config,
    log: config.logRequests ? (line) => process.stdout.write(`${line}\n`) : undefined,
  });

  // Handlers first: a SIGTERM that follows the "listening" line at once must still drain cleanly.
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

  if (!config.auth)
    console.log('API keys are off (VERDICTS_AUTH=off): anyone who can reach the server may write.');
  if (firstQuery) console.log(`A first query to run in Apollo Sandbox:\n\n${firstQuery}\n`);
  console.log(`Dashboard: ${server.url.replace(/graphql$/, '')}`);
  if (!config.production)
    console.log(`Apollo Sandbox: ${server.url.replace(/graphql$/, 'sandbox')}`);
  console.log(
    `Verdicts GraphQL API on ${server.url} (database: ${describeDatabase(config, database)})`,
  );
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** With auth on and no key yet, nobody could write, and a public address would invite guessing. */
async function refuseUnprotectedExposure(database: DatabaseHandle, config: Config): Promise<void> {
  if (!config.auth || LOOPBACK.test(config.host)) return;
  if ((await countLiveApiKeys(database.db)) > 0) return;
  await database.close();
  throw new Error(
    `refusing to listen on ${config.host}: API keys are on but none exists. Create one first ` +
      '(`verdicts keys create --scope admin --name <you>`), listen on 127.0.0.1, or set VERDICTS_AUTH=off explicitly.',
  );
}
