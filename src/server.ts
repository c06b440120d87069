/**
 * Wires the HTTP server: `/graphql` (and `/`, where a browser gets Apollo Sandbox in development)
 * to Apollo Server, `/healthz` to a database check. Body parsing is ours so that the size limit
 * and malformed JSON get coded GraphQL-shaped errors.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { QueryLimits } from './config';
import type { DatabaseHandle } from './db/client';
import { operationGuard } from './graphql/guards/operation-guard';
import { requestLog, type LogSink } from './graphql/guards/request-log';
import { authenticate, type Principal } from './services/api-keys';
import { LeaderboardCache } from './services/leaderboard-cache';
import { formatError } from './graphql/common/errors';
import { createContext, type Context } from './graphql/context';
import { buildVerdictsSchema } from './graphql/schema';

export interface ServerOptions {
  database: DatabaseHandle;
  port: number;
  host: string;
  production: boolean;
  maxRequestBytes: number;
  auth: boolean;
  publicRead: boolean;
  limits: QueryLimits;
  /** Where the one-line-per-request JSON log goes; none when absent. */
  log?: LogSink;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops taking requests, lets in-flight ones finish, then returns. The database stays open. */
  stop(): Promise<void>;
}

const GRAPHQL_PATHS = new Set(['/', '/graphql']);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const httpServer = http.createServer();
  const apollo = new ApolloServer<Context>({
    schema: await buildVerdictsSchema(),
    formatError: formatError(options.production),
    introspection: !options.production,
    // `serve` handles SIGTERM itself (drain, then close the database); Apollo's own handlers
    // (installed unless NODE_ENV=test) would re-raise the signal before the database is closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      operationGuard({ auth: options.auth, publicRead: options.publicRead, limits: options.limits }),
      ...(options.log ? [requestLog(options.log)] : []),
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  const leaderboards = new LeaderboardCache();
  const stopping = { value: false };

  httpServer.on('request', (req, res) => {
    if (stopping.value) res.setHeader('connection', 'close');
    handleRequest(req, res, apollo, options, leaderboards).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, graphqlErrorBody('Internal server error.', 'INTERNAL_SERVER_ERROR'));
      else res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    port,
    async stop() {
      // Idle keep-alive sockets would otherwise hold the drain for its whole grace period; busy
      // ones are answered with `Connection: close` and end with their response.
      stopping.value = true;
      httpServer.closeIdleConnections();
      await apollo.stop();
    },
  };
}

async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse, apollo: ApolloServer<Context>, options: ServerOptions, leaderboards: LeaderboardCache): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    await healthCheck(res, options.database);
    return;
  }
  if (!GRAPHQL_PATHS.has(url.pathname)) {
    sendJson(res, 404, graphqlErrorBody(`No such path ${JSON.stringify(url.pathname.slice(0, 100))}; GraphQL is served at /graphql.`, 'NOT_FOUND'));
    return;
  }
  let body: unknown;
  if (req.method === 'POST') {
    const read = await readJsonBody(req, options.maxRequestBytes);
    if (!read.ok) {
      sendJson(res, read.status, graphqlErrorBody(read.message, read.code));
      return;
    }
    body = read.body;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context: async () => createContext(options.database.db, leaderboards, await principalOf(req, options.database)),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A request without a key is anonymous; a bad key is refused even where none is needed. */
async function principalOf(req: http.IncomingMessage, database: DatabaseHandle): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const result = await authenticate(database.db, header);
  if (!result.ok) throw new GraphQLError(result.reason, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  return result.principal;
}

type BodyResult = { ok: true; body: unknown } | { ok: false; status: number; code: string; message: string };

async function readJsonBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    return { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE', message: `Request bodies must be at most ${limit} bytes, but this one declares ${declared}.` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE', message: `Request bodies must be at most ${limit} bytes, but this one is larger.` };
    }
    chunks.push(chunk as Buffer);
  }
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(contentType)) {
    // Apollo's CSRF prevention and content negotiation answer this case with their own error.
    return { ok: true, body: Buffer.concat(chunks).toString('utf8') };
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { ok: true, body: JSON.parse(text.decode(Buffer.concat(chunks))) };
  } catch (error) {
    const reason = error instanceof TypeError ? 'it is not valid UTF-8' : 'it is not valid JSON';
    return { ok: false, status: 400, code: 'BAD_REQUEST', message: `The request body must be a JSON GraphQL request, but ${reason}.` };
  }
}

async function healthCheck(res: http.ServerResponse, database: DatabaseHandle): Promise<void> {
  try {
    await database.db.execute(sql`SELECT 1`);
    sendJson(res, 200, { status: 'ok', database: database.driver });
  } catch {
    sendJson(res, 503, { status: 'unavailable', database: database.driver });
  }
}

function graphqlErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
