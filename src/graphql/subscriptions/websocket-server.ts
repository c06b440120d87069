/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the HTTP server's own port
 * and paths, wired as Apollo Server's subscriptions guide does it: `useServer` from
 * graphql-ws/use/ws on a `ws` server, disposed by a plugin's `drainServer` when Apollo stops.
 *
 * The upgrade must come from an allowed Host and Origin (guards/request-origin.ts). A connection
 * carries its API key in `connectionParams`; every subscribe message passes the same guard as an
 * HTTP operation (with a lower cap on bootstrap rounds: a live board is recomputed after every
 * write); quotas bound the connections per address, per key and in all (connection-quotas.ts),
 * budgets the distinct live inputs (live-budget.ts); idle connections are closed
 * (idle-connections.ts); pings drop clients that vanished without closing (graphql-ws's
 * keepAlive). Subscribers of the same input share one execution (fan-out.ts) and the same bytes,
 * and slow readers are dropped (socket-sends.ts). Unexpected errors are logged with a request id,
 * as on HTTP, and fail only their subscription.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SubscriptionSettings } from '../../config';
import type { DatabaseHandle } from '../../db/client';
import type { Principal } from '../../services/api-keys';
import { createContext, type Context, type ProcessState } from '../context';
import type { GuardSettings } from '../guards/operation-guard';
import type { LogSink } from '../guards/request-log';
import {
  HOST_REFUSED,
  hostAllowed,
  ORIGIN_REFUSED,
  originAllowed,
  type OriginSettings,
} from '../guards/request-origin';
import { closeWith, SLOW_CONSUMER, TOO_MANY_CONNECTIONS, UNAUTHORIZED } from './close-codes';
import { authenticateConnection } from './connection-auth';
import { ConnectionQuotas } from './connection-quotas';
import { FanOut, type SharedEvent } from './fan-out';
import { IdleConnections } from './idle-connections';
import { KeyRecheck } from './key-recheck';
import { LiveBudget } from './live-budget';
import { SocketSends } from './socket-sends';
import { checkSubscription } from './subscribe-guard';
import { subscriptionErrorFormatter, type FormatError } from './subscription-errors';

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  /** The paths GraphQL is served at over HTTP; subscriptions use the same ones. */
  paths: ReadonlySet<string>;
  schema: GraphQLSchema;
  database: DatabaseHandle;
  state: ProcessState;
  guard: GuardSettings;
  settings: SubscriptionSettings;
  origins: OriginSettings;
  /** Formats every error sent to a client, as Apollo's `formatError` does over HTTP. */
  formatError: FormatError;
  /** Where unexpected errors are logged, one JSON line each (guards/error-log.ts). */
  errorLog: LogSink;
  production: boolean;
}

export interface SubscriptionServer {
  /** For Apollo's plugins: stops taking connections and closes the open ones when Apollo stops. */
  drainPlugin: ApolloServerPlugin<Context>;
  connectionCount(): number;
  /** Connections closed with 4508 since the server started. */
  slowConsumersDropped(): number;
}

/** Time a closing client gets to answer the close frame before its socket is destroyed. */
const CLOSE_GRACE_MS = 2000;
/** Time a dropped slow consumer gets to read what it left and the close frame behind it. */
const SLOW_CONSUMER_GRACE_MS = 5000;
/** A subscribe message is a document and variables: far below the HTTP body limit. */
const MAX_MESSAGE_BYTES = 1 << 20;
/** Unread events a feed subscriber may have in the fan-out before it fails with SUBSCRIBER_TOO_SLOW. */
const MAX_UNREAD_BATCHES = 100;

interface Execution {
  /** Subscribers with the same key share one execution. */
  key: string;
  rootFields: string[];
}

export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { httpServer, settings, database, state, schema } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  /** Connections that presented a key, for the revocation checks. */
  const principals = new Map<WebSocket, Principal>();
  const anonymous = new WeakSet<WebSocket>();
  const keyRecheck = new KeyRecheck(database.db, principals, settings.keyRecheckMs);
  const quotas = new ConnectionQuotas(settings);
  const budget = new LiveBudget(settings);
  const idle = new IdleConnections(settings.idleTimeoutMs);
  const addresses = new WeakMap<WebSocket, string>();
  /** Each subscription's hold on its live input, released when it ends. */
  const holds = new Map<WebSocket, Map<string, () => void>>();
  const executions = new WeakMap<object, Execution>();
  const dropped = new WeakSet<WebSocket>();
  const liveGuard: GuardSettings = {
    ...options.guard,
    limits: {
      ...options.guard.limits,
      maxBootstrapRounds: Math.min(
        options.guard.limits.maxBootstrapRounds,
        settings.maxLiveBootstrapRounds,
      ),
    },
  };
  let draining = false;

  let droppedCount = 0;
  const dropSlow = (socket: WebSocket, reason: string): void => {
    if (dropped.has(socket)) return;
    dropped.add(socket);
    droppedCount += 1;
    closeWith(socket, SLOW_CONSUMER, 'SUBSCRIBER_TOO_SLOW', reason);
    // Its close frame waits behind what it left unread: cut it off if it does not read on.
    setTimeout(() => socket.terminate(), SLOW_CONSUMER_GRACE_MS).unref();
  };
  const sends = new SocketSends(settings, dropSlow);

  const refuseUpgrade = (socket: Duplex, message: string) => {
    const body = JSON.stringify({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] });
    socket.end(
      `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (draining || !options.paths.has(pathname)) {
      socket.end(
        `HTTP/1.1 ${draining ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    const { host, origin } = request.headers;
    if (!hostAllowed(host, options.origins)) {
      refuseUpgrade(socket, HOST_REFUSED);
      return;
    }
    if (!originAllowed(origin, host, options.origins)) {
      refuseUpgrade(socket, ORIGIN_REFUSED);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const address = request.socket.remoteAddress ?? 'unknown';
      const refused = quotas.admit(ws, address);
      if (refused !== null) {
        closeWith(ws, TOO_MANY_CONNECTIONS, 'TOO_MANY_CONNECTIONS', refused);
        return;
      }
      addresses.set(ws, address);
      sends.watch(ws);
      idle.opened(ws);
      ws.once('close', () => {
        quotas.release(ws);
        idle.closed(ws);
        principals.delete(ws);
        for (const release of holds.get(ws)?.values() ?? []) release();
        holds.delete(ws);
      });
      wss.emit('connection', ws, request);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const formatErrors = subscriptionErrorFormatter(options.formatError, options.errorLog);

  const fanOut = new FanOut({
    formatErrors,
    memberQueue: (replayLatest) =>
      replayLatest
        ? { capacity: 1, overflow: 'latest' }
        : {
            capacity: MAX_UNREAD_BATCHES,
            overflow: 'fail',
            overflowError: () =>
              new GraphQLError(
                `This subscriber left more than ${MAX_UNREAD_BATCHES} events unread; subscribe again to resume.`,
                { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } },
              ),
          },
  });

  const holdsOf = (socket: WebSocket): Map<string, () => void> => {
    let held = holds.get(socket);
    if (held === undefined) {
      held = new Map();
      holds.set(socket, held);
    }
    return held;
  };
  const endHold = (socket: WebSocket, id: string): void => {
    const held = holds.get(socket);
    held?.get(id)?.();
    held?.delete(id);
    idle.holding(socket, held?.size ?? 0);
  };

  /** Formatted, and logged with a request id, by onError or onNext like every other error. */
  const internalError = (error: unknown): GraphQLError =>
    new GraphQLError(error instanceof Error ? error.message : String(error), {
      originalError: error instanceof Error ? error : new Error(String(error)),
    });

  const server = useServer(
    {
      schema,
      isProd: options.production,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const auth = await authenticateConnection(database.db, ctx.connectionParams);
        if (!auth.ok) {
          closeWith(socket, UNAUTHORIZED, 'UNAUTHENTICATED', auth.reason);
          return false;
        }
        if (auth.principal === null && options.guard.auth && !options.guard.publicRead) {
          closeWith(
            socket,
            UNAUTHORIZED,
            'UNAUTHENTICATED',
            'reads need an API key here: send connectionParams { authorization: "Bearer <key>" }.',
          );
          return false;
        }
        const refused = quotas.identify(socket, auth.principal?.apiKeyId ?? null);
        if (refused !== null) {
          closeWith(socket, TOO_MANY_CONNECTIONS, 'TOO_MANY_CONNECTIONS', refused);
          return false;
        }
        if (auth.principal === null) anonymous.add(socket);
        else principals.set(socket, auth.principal);
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const { socket } = ctx.extra;
        const principal = principals.get(socket) ?? null;
        // A connection whose key was revoked is being closed: it starts nothing more.
        if (principal === null && !anonymous.has(socket)) {
          return [
            new GraphQLError("This connection's API key is no longer valid.", {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ];
        }
        const active = {
          count: Object.keys(ctx.subscriptions).length,
          max: settings.maxSubscriptionsPerConnection,
        };
        let checked: ReturnType<typeof checkSubscription>;
        try {
          checked = checkSubscription(schema, liveGuard, payload, principal, active);
        } catch (error) {
          return [internalError(error)];
        }
        if (Array.isArray(checked)) return checked;
        const scope = principal?.scope ?? 'anonymous';
        const key = JSON.stringify([
          scope,
          payload.query,
          payload.operationName ?? null,
          checked.variables,
        ]);
        const client =
          principal === null ? `address:${addresses.get(socket)}` : `key:${principal.apiKeyId}`;
        const hold = budget.acquire(socket, client, key);
        if (hold instanceof GraphQLError) return [hold];
        holdsOf(socket).set(id, hold.release);
        idle.holding(socket, holdsOf(socket).size);
        const contextValue = createContext(database.db, state, principal);
        executions.set(contextValue, { key, rootFields: checked.rootFields });
        return {
          schema,
          document: checked.document,
          operationName: checked.operationName,
          variableValues: checked.variables,
          contextValue,
        };
      },
      subscribe: async (args: ExecutionArgs) => {
        const execution = executions.get(args.contextValue as object);
        try {
          if (execution === undefined)
            throw new Error('a subscription started without onSubscribe');
          return (await fanOut.subscribe(execution.key, args, execution.rootFields)) as
            AsyncIterableIterator<ExecutionResult> | ExecutionResult;
        } catch (error) {
          // Thrown out of here, graphql-ws would close the whole connection with 4500.
          return { errors: [internalError(error)] };
        }
      },
      onNext: async (ctx, _id, _payload, _args, result) => {
        const { socket } = ctx.extra;
        if (!(await keyRecheck.liveBeforeEvent(socket))) return { data: null };
        if (isSharedEvent(result)) return sends.marker(socket, result.bytes()) as ExecutionResult;
        return result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined;
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
      onComplete: (ctx, id) => endHold(ctx.extra.socket, id),
      onClose: (ctx) => {
        principals.delete(ctx.extra.socket);
      },
    },
    wss,
    settings.keepAliveMs,
  );

  const dispose = async (): Promise<void> => {
    draining = true;
    keyRecheck.stop();
    idle.stop();
    httpServer.off('upgrade', onUpgrade);
    // Clients that do not answer the close frame in time are cut off.
    const cutOff = setTimeout(() => {
      for (const client of wss.clients) client.terminate();
    }, CLOSE_GRACE_MS);
    try {
      await server.dispose();
    } finally {
      clearTimeout(cutOff);
      principals.clear();
    }
  };

  return {
    drainPlugin: {
      async serverWillStart() {
        return { drainServer: dispose };
      },
    },
    connectionCount: () => wss.clients.size,
    slowConsumersDropped: () => droppedCount,
  };
}

function isSharedEvent(result: unknown): result is SharedEvent {
  return typeof (result as Partial<SharedEvent>).bytes === 'function';
}
