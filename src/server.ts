/**
 * Wires the HTTP server: `/graphql` (where a browser gets Apollo Sandbox in development; `/sandbox`
 * redirects there) and POST `/` to Apollo Server, other GETs to the dashboard
 * (web/static-site.ts), `/healthz` to a database check. Body parsing is ours so that the size limit
 * and malformed JSON get coded GraphQL-shaped errors. Cacheable queries (graphql/cache/) are
 * answered from the response cache when an identical request has been answered at the current
 * data version, without parsing, validating or executing them again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { QueryLimits } from './config';
import type { DatabaseHandle } from './db/client';
import { operationGuard } from './graphql/guards/operation-guard';
import { requestLog, requestLogLine, type LogSink } from './graphql/guards/request-log';
import { authenticate, type Principal } from './services/api-keys';
import { LeaderboardCache } from './services/leaderboard-cache';
import { DataVersionReader } from './services/data-version';
import { ModelStatsCache } from './services/model-stats-cache';
import { DocumentAnalyses } from './graphql/cache/cacheable-document';
import { ResponseCache, type StoredResponse } from './graphql/cache/response-cache';
import { cacheableRequest } from './graphql/cache/response-key';
import { formatError } from './graphql/common/errors';
import { createContext, type Context, type ProcessState } from './graphql/context';
import { buildVerdictsSchema } from './graphql/schema';
import { FreshnessReader } from './services/freshness';
import { StaticSite } from './web/static-site';

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
  const state: ServerState = {
    versions: new DataVersionReader(options.database.db),
    leaderboards: new LeaderboardCache(),
    modelStats: new ModelStatsCache(),
    freshness: new FreshnessReader(),
    site: StaticSite.load(),
    responses: new ResponseCache(),
    documents: new DocumentAnalyses(),
  };
  const stopping = { value: false };

  httpServer.on('request', (req, res) => {
    if (stopping.value) res.setHeader('connection', 'close');
    handleRequest(req, res, apollo, options, state).catch((error: unknown) => {
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

interface ServerState extends ProcessState {
  site: StaticSite;
  responses: ResponseCache;
  documents: DocumentAnalyses;
}

async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse, apollo: ApolloServer<Context>, options: ServerOptions, state: ServerState): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    await healthCheck(res, options.database);
    return;
  }
  if (url.pathname === '/sandbox') {
    res.writeHead(302, { location: '/graphql' }).end();
    return;
  }
  if (state.site.handles(req, url.pathname)) {
    state.site.serve(req, res, url.pathname);
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
  const started = process.hrtime.bigint();
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  // Authenticated once, before Apollo; a refused key becomes Apollo's error, formatted as every other.
  const authenticated = await principalOf(req, options.database).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  const execute = (version?: number) =>
    apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => {
        if (!authenticated.ok) throw authenticated.error;
        return createContext(options.database.db, state, authenticated.value, version);
      },
    });

  // Only JSON POSTs: Apollo's CSRF prevention lets every one of them through, so serving them
  // from the cache skips no check. A refused key always goes to Apollo.
  const principal = authenticated.ok ? authenticated.value : null;
  const cacheable = req.method === 'POST' && authenticated.ok
    ? cacheableRequest(body, req.headers.accept, principal?.scope ?? 'anonymous', state.documents)
    : null;
  let response: HTTPGraphQLResponse;
  if (cacheable === null) {
    response = await execute();
  } else {
    const version = await state.versions.read();
    const served = await state.responses.serve(cacheable.key, version, () => execute(version));
    if ('stored' in served) {
      sendStored(res, served.stored);
      if (served.cached) {
        options.log?.(requestLogLine({ operation: cacheable.operationName, type: 'query', started, httpStatus: 200, errorCodes: [], apiKeyId: principal?.apiKeyId ?? null, cached: true }));
      }
      return;
    }
    response = served.live;
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function sendStored(res: http.ServerResponse, stored: StoredResponse): void {
  for (const [key, value] of stored.headers) res.setHeader(key, value);
  res.statusCode = 200;
  res.end(stored.body);
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
