/** Environment → typed configuration. Nothing else in the code reads `process.env`. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects node-postgres; absent selects embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory; `memory://` keeps the database in memory (tests). */
  dataDir: string;
  /**
   * `VERDICTS_PGLITE_TEMPLATE=off` creates a new PGlite database with initdb instead of copying
   * the build's template (src/db/pglite-template.ts): for measuring what the template saves.
   */
  pgliteTemplate: boolean;
  production: boolean;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** `VERDICTS_AUTH=off` turns API keys off; otherwise mutations need a key. */
  auth: boolean;
  /** `VERDICTS_PUBLIC_READ=false` makes queries need a key too. */
  publicRead: boolean;
  limits: QueryLimits;
  /** One JSON line per request on stdout. */
  logRequests: boolean;
  subscriptions: SubscriptionSettings;
  /** `VERDICTS_API_KEY`: the key CLI commands that talk to a server (`leaderboard --watch`) send. */
  apiKey: string | null;
  /** `VERDICTS_ALLOWED_ORIGINS`: browser origins besides the server's own that may open WebSockets. */
  allowedOrigins: string[];
  /** `VERDICTS_ALLOWED_HOSTS`: host names the server answers to besides loopback and IP literals. */
  allowedHosts: string[];
  /**
   * `VERDICTS_RATING_WORKERS`: worker threads for leaderboard fits (services/rating-workers.ts);
   * 0 runs them on the server's own thread, which then answers nothing else meanwhile.
   */
  ratingWorkers: number;
}

/** One: the host's other core serves requests, and a burst of fits waits its turn (issue 19). */
export const DEFAULT_RATING_WORKERS = 1;

/** GraphQL subscriptions over WebSocket (graphql/subscriptions/). */
export interface SubscriptionSettings {
  /** Open WebSocket connections per server process; one more is closed with TOO_MANY_CONNECTIONS. */
  maxConnections: number;
  /** Active subscriptions per connection; one more gets an error coded LIMIT_EXCEEDED. */
  maxSubscriptionsPerConnection: number;
  /** Milliseconds between pings; a connection that has not answered by the next one is dropped. */
  keepAliveMs: number;
  /** Milliseconds between checks that the API keys of open connections are still live. */
  keyRecheckMs: number;
  /** At most one `leaderboardChanged` event per subscription per this many milliseconds. */
  coalesceMs: number;
  /** First and largest wait, in milliseconds, before the LISTEN connection reconnects. */
  reconnectInitialDelayMs: number;
  reconnectMaxDelayMs: number;
  /** Connections one address may hold without a key (counted from the upgrade on). */
  maxConnectionsPerAddress: number;
  /** Connections one API key may hold. */
  maxConnectionsPerKey: number;
  /** Of maxConnections, this many are kept for connections that present a key. */
  reservedKeyedConnections: number;
  /** A connection without any subscription for this many milliseconds is closed with 4504. */
  idleTimeoutMs: number;
  /** Bootstrap rounds a live leaderboard may ask for: it is recomputed after every write. */
  maxLiveBootstrapRounds: number;
  /** Distinct live leaderboard inputs per connection, per address or key, and per process. */
  maxLiveInputsPerConnection: number;
  maxLiveInputsPerClient: number;
  maxLiveInputs: number;
  /** Unsent bytes one socket may hold before it is closed with 4508, and all sockets together. */
  maxBufferedBytesPerSocket: number;
  maxBufferedBytes: number;
  /** Live recomputations under way at once (their reads overlap another's refit). */
  liveConcurrency: number;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = {
  maxConnections: 2000,
  maxSubscriptionsPerConnection: 20,
  keepAliveMs: 12_000,
  keyRecheckMs: 10_000,
  coalesceMs: 1000,
  liveConcurrency: 2,
  reconnectInitialDelayMs: 100,
  reconnectMaxDelayMs: 5000,
  maxConnectionsPerAddress: 50,
  maxConnectionsPerKey: 500,
  reservedKeyedConnections: 200,
  idleTimeoutMs: 60_000,
  maxLiveBootstrapRounds: 100,
  maxLiveInputsPerConnection: 4,
  maxLiveInputsPerClient: 8,
  maxLiveInputs: 64,
  maxBufferedBytesPerSocket: 16 * 1024 * 1024,
  maxBufferedBytes: 256 * 1024 * 1024,
};

/** Checked before any work is done; a request over one gets a coded error. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxBatchSize: number;
  maxPageSize: number;
  maxBootstrapRounds: number;
  /**
   * Lexical tokens in one document; the parser stops past it, so parsing is bounded too. Big
   * batches belong in variables, which it does not count. At most 20,000: graphql-js validates
   * fragment chains recursively, and a longer document could chain enough to overflow the stack.
   */
  maxTokens: number;
  /**
   * Response keys one selection set may give the same field when that field is or holds a large
   * text (a prompt, an answer, a judgment): aliases would otherwise repeat one text per item.
   */
  maxTextAliases: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxBatchSize: 5000,
  maxPageSize: 500,
  maxBootstrapRounds: 1000,
  maxTokens: 10_000,
  maxTextAliases: 4,
};

/** Largest answer body in bytes (VERDICTS_MAX_RESPONSE_BYTES); a larger one is refused with 413. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parseInteger(env.PORT, 4000, 'PORT', 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.VERDICTS_DATA_DIR) ?? path.resolve('.verdicts-data'),
    pgliteTemplate: parseSwitch(env.VERDICTS_PGLITE_TEMPLATE, true, 'VERDICTS_PGLITE_TEMPLATE'),
    production: env.NODE_ENV === 'production',
    maxRequestBytes: parseInteger(
      env.VERDICTS_MAX_REQUEST_BYTES,
      32 * 1024 * 1024,
      'VERDICTS_MAX_REQUEST_BYTES',
      1024,
    ),
    maxResponseBytes: parseInteger(
      env.VERDICTS_MAX_RESPONSE_BYTES,
      DEFAULT_MAX_RESPONSE_BYTES,
      'VERDICTS_MAX_RESPONSE_BYTES',
      1024,
      // V8's longest string is about 512 MiB; a body near it could not even be built.
      256 * 1024 * 1024,
    ),
    auth: parseSwitch(env.VERDICTS_AUTH, true, 'VERDICTS_AUTH'),
    publicRead: parseSwitch(env.VERDICTS_PUBLIC_READ, true, 'VERDICTS_PUBLIC_READ'),
    logRequests: parseSwitch(env.VERDICTS_LOG_REQUESTS, true, 'VERDICTS_LOG_REQUESTS'),
    apiKey: nonEmpty(env.VERDICTS_API_KEY),
    allowedOrigins: list(env.VERDICTS_ALLOWED_ORIGINS),
    allowedHosts: list(env.VERDICTS_ALLOWED_HOSTS),
    ratingWorkers: parseInteger(
      env.VERDICTS_RATING_WORKERS,
      DEFAULT_RATING_WORKERS,
      'VERDICTS_RATING_WORKERS',
      0,
      64,
    ),
    subscriptions: subscriptionSettings(env),
    limits: {
      maxDepth: parseInteger(
        env.VERDICTS_MAX_DEPTH,
        DEFAULT_LIMITS.maxDepth,
        'VERDICTS_MAX_DEPTH',
        2,
        100,
      ),
      maxAliases: parseInteger(
        env.VERDICTS_MAX_ALIASES,
        DEFAULT_LIMITS.maxAliases,
        'VERDICTS_MAX_ALIASES',
        0,
        10_000,
      ),
      maxCost: parseInteger(env.VERDICTS_MAX_COST, DEFAULT_LIMITS.maxCost, 'VERDICTS_MAX_COST', 1),
      // The store's own ceilings (5,000 per batch, 500 per page, 1,000 rounds) cannot be raised.
      maxBatchSize: parseInteger(
        env.VERDICTS_MAX_BATCH_SIZE,
        DEFAULT_LIMITS.maxBatchSize,
        'VERDICTS_MAX_BATCH_SIZE',
        1,
        5000,
      ),
      maxPageSize: parseInteger(
        env.VERDICTS_MAX_PAGE_SIZE,
        DEFAULT_LIMITS.maxPageSize,
        'VERDICTS_MAX_PAGE_SIZE',
        1,
        500,
      ),
      maxBootstrapRounds: parseInteger(
        env.VERDICTS_MAX_BOOTSTRAP_ROUNDS,
        DEFAULT_LIMITS.maxBootstrapRounds,
        'VERDICTS_MAX_BOOTSTRAP_ROUNDS',
        0,
        1000,
      ),
      maxTokens: parseInteger(
        env.VERDICTS_MAX_TOKENS,
        DEFAULT_LIMITS.maxTokens,
        'VERDICTS_MAX_TOKENS',
        100,
        20_000,
      ),
      maxTextAliases: parseInteger(
        env.VERDICTS_MAX_TEXT_ALIASES,
        DEFAULT_LIMITS.maxTextAliases,
        'VERDICTS_MAX_TEXT_ALIASES',
        1,
        100,
      ),
    },
  };
}

function subscriptionSettings(env: NodeJS.ProcessEnv): SubscriptionSettings {
  const defaults = DEFAULT_SUBSCRIPTION_SETTINGS;
  const setting = (name: string, fallback: number, min: number) =>
    parseInteger(env[name], fallback, name, min);
  return {
    maxConnections: setting('VERDICTS_WS_MAX_CONNECTIONS', defaults.maxConnections, 1),
    maxSubscriptionsPerConnection: setting(
      'VERDICTS_WS_MAX_SUBSCRIPTIONS',
      defaults.maxSubscriptionsPerConnection,
      1,
    ),
    keepAliveMs: setting('VERDICTS_WS_KEEPALIVE_MS', defaults.keepAliveMs, 100),
    keyRecheckMs: setting('VERDICTS_WS_KEY_RECHECK_MS', defaults.keyRecheckMs, 100),
    coalesceMs: setting('VERDICTS_WS_COALESCE_MS', defaults.coalesceMs, 0),
    liveConcurrency: setting('VERDICTS_WS_LIVE_CONCURRENCY', defaults.liveConcurrency, 1),
    reconnectInitialDelayMs: setting(
      'VERDICTS_LISTEN_RETRY_MS',
      defaults.reconnectInitialDelayMs,
      1,
    ),
    reconnectMaxDelayMs: setting('VERDICTS_LISTEN_MAX_RETRY_MS', defaults.reconnectMaxDelayMs, 1),
    maxConnectionsPerAddress: setting(
      'VERDICTS_WS_MAX_CONNECTIONS_PER_ADDRESS',
      defaults.maxConnectionsPerAddress,
      1,
    ),
    maxConnectionsPerKey: setting(
      'VERDICTS_WS_MAX_CONNECTIONS_PER_KEY',
      defaults.maxConnectionsPerKey,
      1,
    ),
    reservedKeyedConnections: setting(
      'VERDICTS_WS_RESERVED_KEYED_CONNECTIONS',
      defaults.reservedKeyedConnections,
      0,
    ),
    idleTimeoutMs: setting('VERDICTS_WS_IDLE_TIMEOUT_MS', defaults.idleTimeoutMs, 100),
    maxLiveBootstrapRounds: parseInteger(
      env.VERDICTS_WS_MAX_BOOTSTRAP_ROUNDS,
      defaults.maxLiveBootstrapRounds,
      'VERDICTS_WS_MAX_BOOTSTRAP_ROUNDS',
      0,
      1000,
    ),
    maxLiveInputsPerConnection: setting(
      'VERDICTS_WS_MAX_LIVE_INPUTS_PER_CONNECTION',
      defaults.maxLiveInputsPerConnection,
      1,
    ),
    maxLiveInputsPerClient: setting(
      'VERDICTS_WS_MAX_LIVE_INPUTS_PER_CLIENT',
      defaults.maxLiveInputsPerClient,
      1,
    ),
    maxLiveInputs: setting('VERDICTS_WS_MAX_LIVE_INPUTS', defaults.maxLiveInputs, 1),
    maxBufferedBytesPerSocket: setting(
      'VERDICTS_WS_MAX_BUFFERED_BYTES_PER_SOCKET',
      defaults.maxBufferedBytesPerSocket,
      1024,
    ),
    maxBufferedBytes: setting('VERDICTS_WS_MAX_BUFFERED_BYTES', defaults.maxBufferedBytes, 1024),
  };
}

/** A comma-separated list; empty entries are dropped. */
function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseSwitch(raw: string | undefined, fallback: boolean, name: string): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(`${name} must be on or off (true/false), but got ${JSON.stringify(raw)}`);
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function parseInteger(
  raw: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${name} must be an integer from ${min} to ${max}, but got: ${JSON.stringify(raw)}`,
    );
  }
  return value;
}
