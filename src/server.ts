/**
 * Wires the HTTP server: `/graphql` (where a browser gets Apollo Sandbox in development, pointing
 * to GraphiQL at `/graphiql` when offline: web/sandbox-landing-page.ts; `/sandbox` redirects there) and POST `/` to Apollo Server, other GETs to the dashboard
 * (web/static-site.ts), `/healthz` to a database check. Body parsing is ours so that the size limit
 * and malformed JSON get coded GraphQL-shaped errors. Cacheable queries (graphql/cache/) are
 * answered from the response cache when an identical request has been answered at the current
 * data version, without parsing, validating or executing them again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RATING_WORKERS,
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type QueryLimits,
  type SubscriptionSettings,
} from './config';
import type { DatabaseHandle } from './db/client';
import { errorLog, errorLogLine } from './graphql/guards/error-log';
import { httpStatusByCode } from './graphql/guards/http-status';
import { operationGuard } from './graphql/guards/operation-guard';
import { refusalOf, type Refusal } from './graphql/guards/refusal';
import { REQUEST_ID_HEADER, requestIdFor } from './graphql/guards/request-id';
import { HOST_REFUSED, hostAllowed } from './graphql/guards/request-origin';
import { requestShapeError } from './graphql/guards/request-shape';
import { responseSizeGuard } from './graphql/guards/response-size';
import { requestLog, requestLogLine, type LogSink } from './graphql/guards/request-log';
import { authenticate, type Principal } from './services/api-keys';
import { LeaderboardCache } from './services/leaderboard-cache';
import { DataVersionReader } from './services/data-version';
import { ModelStatsCache } from './services/model-stats-cache';
import { DocumentAnalyses } from './graphql/cache/cacheable-document';
import { noStoreHeader } from './graphql/cache/no-store-header';
import { ResponseCache, type StoredResponse } from './graphql/cache/response-cache';
import { cacheableRequest } from './graphql/cache/response-key';
import { formatError } from './graphql/common/errors';
import { createContext, type Context, type ProcessState } from './graphql/context';
import { buildVerdictsSchema } from './graphql/schema';
import { attachSubscriptionServer } from './graphql/subscriptions/websocket-server';
import { SerialComputations } from './graphql/subscriptions/serial-computations';
import { WriteActivity } from './graphql/subscriptions/write-activity';
import { DataChanges } from './services/data-changes';
import { DataChangeHistory } from './services/data-change-history';
import { FreshnessReader } from './services/freshness';
import { IN_PROCESS_RATINGS } from './services/rating-task';
import { RatingWorkers } from './services/rating-workers';
import { StaticSite } from './web/static-site';
import { sandboxLandingPage } from './web/sandbox-landing-page';
import { excerpt } from './domain/excerpt';

/** How long an idle keep-alive connection stays open (see startServer). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface ServerOptions {
  database: DatabaseHandle;
  port: number;
  host: string;
  production: boolean;
  maxRequestBytes: number;
  /** Largest answer body (graphql/guards/response-size.ts); DEFAULT_MAX_RESPONSE_BYTES when absent. */
  maxResponseBytes?: number;
  auth: boolean;
  publicRead: boolean;
  limits: QueryLimits;
  /** Where the one-line-per-request JSON log goes; none when absent. */
  log?: LogSink;
  /** Where unexpected errors are logged (graphql/guards/error-log.ts); standard error by default. */
  errorLog?: LogSink;
  /** WebSocket subscriptions (config.ts); the defaults when absent. */
  subscriptions?: SubscriptionSettings;
  /** Host names (besides IP literals and localhost) and browser origins allowed (request-origin.ts). */
  allowedHosts?: string[];
  allowedOrigins?: string[];
  /** Worker threads for leaderboard fits (config.ts); DEFAULT_RATING_WORKERS when absent. */
  ratingWorkers?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops taking requests, lets in-flight ones finish, then returns. The database stays open. */
  stop(): Promise<void>;
  /** Subscriptions listening for data changes, and open WebSocket connections (for tests). */
  liveCounts(): { subscriptions: number; connections: number };
  /** WebSocket connections closed as slow consumers (4508) so far (for tests). */
  slowConsumersDropped(): number;
  /** Leaderboard fits running in worker threads now; null when they run on this thread (tests). */
  ratingsInWorkers(): number | null;
}

const GRAPHQL_PATHS = new Set(['/', '/graphql']);
/** Longer than a client's turnaround between two sequential batches: they are one burst. */
const WRITE_QUIET_MS = 50;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const httpServer = http.createServer();
  // A client reuses an idle keep-alive connection until a little before the server's timeout;
  // with Node's 5 s default a reply-less reset (ECONNRESET) lands whenever a client's next request
  // crosses the server's close, which a busy client or a load balancer's 60 s idle pool makes
  // likely. Outliving the common 60 s proxy idle timeout leaves the closing to the client.
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const logError = options.errorLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  const format = formatError(options.production);
  const schema = await buildVerdictsSchema();
  const subscriptionSettings = options.subscriptions ?? DEFAULT_SUBSCRIPTION_SETTINGS;
  const { reconnectInitialDelayMs: initialDelayMs, reconnectMaxDelayMs: maxDelayMs } =
    subscriptionSettings;
  const changes = await DataChanges.start(options.database, { initialDelayMs, maxDelayMs });
  const workerCount = options.ratingWorkers ?? DEFAULT_RATING_WORKERS;
  const workers = workerCount > 0 ? new RatingWorkers(workerCount) : null;
  const writes = new WriteActivity(WRITE_QUIET_MS);
  const state: ServerState = {
    versions: new DataVersionReader(options.database.db),
    leaderboards: new LeaderboardCache(
      undefined,
      new DataChangeHistory(changes),
      workers ?? IN_PROCESS_RATINGS,
    ),
    modelStats: new ModelStatsCache(),
    freshness: new FreshnessReader(),
    site: StaticSite.load(),
    responses: new ResponseCache(),
    documents: new DocumentAnalyses(),
    live: {
      changes,
      coalesceMs: subscriptionSettings.coalesceMs,
      computations: new SerialComputations({
        concurrency: subscriptionSettings.liveConcurrency,
        writes,
      }),
    },
  };
  const guard = { auth: options.auth, publicRead: options.publicRead, limits: options.limits };
  const origins = {
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
  };
  const subscriptions = attachSubscriptionServer({
    httpServer,
    paths: GRAPHQL_PATHS,
    schema,
    database: options.database,
    state,
    guard,
    settings: subscriptionSettings,
    origins,
    formatError: format,
    errorLog: logError,
    production: options.production,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: format,
    introspection: !options.production,
    // `serve` handles SIGTERM itself (drain, then close the database); Apollo's own handlers
    // (installed unless NODE_ENV=test) would re-raise the signal before the database is closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    parseOptions: { maxTokens: options.limits.maxTokens },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      subscriptions.drainPlugin,
      operationGuard(guard),
      // Before the status and log plugins: they report the answer it may replace.
      responseSizeGuard(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, logError),
      httpStatusByCode(),
      ApolloServerPluginCacheControlDisabled(),
      noStoreHeader(),
      errorLog(logError),
      ...(options.log ? [requestLog(options.log)] : []),
      options.production ? ApolloServerPluginLandingPageDisabled() : sandboxLandingPage(),
    ],
  });
  await apollo.start();
  const stopping = { value: false };

  httpServer.on('request', (req, res) => {
    if (stopping.value) res.setHeader('connection', 'close');
    const requestId = requestIdFor(req.headers);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (!hostAllowed(req.headers.host, origins)) {
      sendJson(res, 403, graphqlErrorBody(HOST_REFUSED, 'FORBIDDEN'));
      return;
    }
    const served = { requestId, format, logError };
    if (req.method === 'POST') writes.countRequest(req, res);
    handleRequest(req, res, apollo, options, state, served).catch((error: unknown) => {
      // Formatted as Apollo's errors are: a database that went away is 503, not an internal error.
      if (!res.headersSent) {
        const refusal = refusalOf(error, format, requestId, logError);
        sendJson(res, refusal.status, refusal.body);
        return;
      }
      logError(errorLogLine({ requestId, operation: null, code: 'INTERNAL_SERVER_ERROR', error }));
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl =
    options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    port,
    liveCounts: () => ({
      subscriptions: changes.subscriberCount,
      connections: subscriptions.connectionCount(),
    }),
    slowConsumersDropped: () => subscriptions.slowConsumersDropped(),
    ratingsInWorkers: () => workers?.busy ?? null,
    async stop() {
      // Idle keep-alive sockets would otherwise hold the drain for its whole grace period; busy
      // ones are answered with `Connection: close` and end with their response.
      stopping.value = true;
      httpServer.closeIdleConnections();
      await apollo.stop();
      await changes.close();
      await workers?.close();
    },
  };
}

/** What every request's handling shares: its id, the error formatter and the error log. */
interface Served {
  requestId: string;
  format: ReturnType<typeof formatError>;
  logError: LogSink;
}

interface ServerState extends ProcessState {
  site: StaticSite;
  responses: ResponseCache;
  documents: DocumentAnalyses;
}

async function handleRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  apollo: ApolloServer<Context>,
  options: ServerOptions,
  state: ServerState,
  { requestId, format, logError }: Served,
): Promise<void> {
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
    sendJson(
      res,
      404,
      graphqlErrorBody(
        `No such path ${excerpt(url.pathname)}; GraphQL is served at /graphql.`,
        'NOT_FOUND',
      ),
    );
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
  const refuse = (refusal: Refusal) => {
    sendJson(res, refusal.status, refusal.body);
    options.log?.(
      requestLogLine({
        requestId,
        operation: null,
        type: null,
        started,
        httpStatus: refusal.status,
        errorCodes: [refusal.code],
        apiKeyId: null,
      }),
    );
  };
  const tooDeep = requestShapeError(req.method === 'POST' ? body : searchJson(url));
  if (tooDeep) {
    const code = String(tooDeep.extensions?.code);
    refuse({ status: 400, code, body: { errors: [tooDeep] } });
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  // Authenticated once, before Apollo; a refused key becomes Apollo's error, formatted as every other.
  const authenticated = await principalOf(req, options.database).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (!authenticated.ok) {
    refuse(refusalOf(authenticated.error, format, requestId, logError));
    return;
  }
  const execute = (version?: number) =>
    apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.search,
        body,
      },
      context: async () => createContext(options.database.db, state, authenticated.value, version),
    });

  // Only JSON POSTs: Apollo's CSRF prevention lets every one of them through, so serving them
  // from the cache skips no check.
  const principal = authenticated.value;
  const cacheable =
    req.method === 'POST'
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
        options.log?.(
          requestLogLine({
            requestId,
            operation: cacheable.operationName,
            type: 'query',
            started,
            httpStatus: 200,
            errorCodes: [],
            apiKeyId: principal?.apiKeyId ?? null,
            cached: true,
          }),
        );
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
async function principalOf(
  req: http.IncomingMessage,
  database: DatabaseHandle,
): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const result = await authenticate(database.db, header);
  if (!result.ok)
    throw new GraphQLError(result.reason, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  return result.principal;
}

/** A GET request's JSON parameters, as Apollo will parse them; unparsable ones are Apollo's to refuse. */
function searchJson(url: URL): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const name of ['variables', 'extensions']) {
    const text = url.searchParams.get(name);
    if (text === null) continue;
    try {
      parsed[name] = JSON.parse(text);
    } catch {
      // Apollo answers malformed JSON parameters with BAD_REQUEST.
    }
  }
  return parsed;
}

type BodyResult =
  { ok: true; body: unknown } | { ok: false; status: number; code: string; message: string };

async function readJsonBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    return {
      ok: false,
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `Request bodies must be at most ${limit} bytes, but this one declares ${declared}.`,
    };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return {
        ok: false,
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `Request bodies must be at most ${limit} bytes, but this one is larger.`,
      };
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
    return {
      ok: false,
      status: 400,
      code: 'BAD_REQUEST',
      message: `The request body must be a JSON GraphQL request, but ${reason}.`,
    };
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
