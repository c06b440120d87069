/**
 * A real Verdicts server for one test file: a fresh database (in-memory PGlite, or a new database
 * on the PostgreSQL server named by DATABASE_URL), migrations applied, HTTP on a free port.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  DEFAULT_LIMITS,
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type QueryLimits,
  type SubscriptionSettings,
} from '../../src/config';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { startServer, type RunningServer } from '../../src/server';

export interface GraphQLResult<Data = any> {
  status: number;
  data?: Data;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  /** The scratch database on PostgreSQL, for a second server process; null on PGlite. */
  databaseUrl: string | null;
  database: DatabaseHandle;
  server: RunningServer;
  graphql<Data = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<Data>>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  production?: boolean;
  /** Off unless a test is about keys: most tests exercise other behaviour. */
  auth?: boolean;
  publicRead?: boolean;
  limits?: Partial<QueryLimits>;
  log?: (line: string) => void;
  /** Unexpected errors' log lines; standard error when absent. */
  errorLog?: (line: string) => void;
  subscriptions?: Partial<SubscriptionSettings>;
  allowedHosts?: string[];
  allowedOrigins?: string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' });
  await migrateDatabase(database);
  const server = await startServer({
    database,
    port: 0,
    host: '127.0.0.1',
    production: options.production ?? false,
    maxRequestBytes: options.maxRequestBytes ?? 32 * 1024 * 1024,
    maxResponseBytes: options.maxResponseBytes,
    auth: options.auth ?? false,
    publicRead: options.publicRead ?? true,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    log: options.log,
    errorLog: options.errorLog,
    subscriptions: { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...options.subscriptions },
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
  });
  return {
    url: server.url,
    databaseUrl: scratch.url,
    database,
    server,
    graphql: (query, variables, headers) => postGraphQL(server.url, query, variables, headers),
    async close() {
      await server.stop();
      await database.close();
      await scratch.drop();
    },
  };
}

export async function postGraphQL<Data = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<Data>, 'status'>;
  return { status: response.status, ...body };
}

/** On PostgreSQL each test file gets its own database, dropped afterwards. */
export async function createScratchDatabase(): Promise<{
  url: string | null;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: null, drop: async () => undefined };
  const name = `verdicts_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
