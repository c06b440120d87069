/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the HTTP server's own port
 * and paths, wired as Apollo Server's subscriptions guide does it: `useServer` from
 * graphql-ws/use/ws on a `ws` server, disposed by a plugin's `drainServer` when Apollo stops.
 *
 * A connection carries its API key in `connectionParams`; every subscribe message passes the
 * same guard as an HTTP operation; caps bound the connections and the subscriptions of each;
 * pings drop clients that vanished without closing (graphql-ws's keepAlive).
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SubscriptionSettings } from '../../config';
import type { DatabaseHandle } from '../../db/client';
import type { Principal } from '../../services/api-keys';
import { createContext, type Context, type ProcessState } from '../context';
import type { GuardSettings } from '../guards/operation-guard';
import { closeWith, TOO_MANY_CONNECTIONS, UNAUTHORIZED } from './close-codes';
import { authenticateConnection } from './connection-auth';
import { KeyRecheck } from './key-recheck';
import { checkSubscription } from './subscribe-guard';

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  /** The paths GraphQL is served at over HTTP; subscriptions use the same ones. */
  paths: ReadonlySet<string>;
  schema: GraphQLSchema;
  database: DatabaseHandle;
  state: ProcessState;
  guard: GuardSettings;
  settings: SubscriptionSettings;
  /** Formats every error sent to a client, as Apollo's `formatError` does over HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  production: boolean;
}

export interface SubscriptionServer {
  /** For Apollo's plugins: stops taking connections and closes the open ones when Apollo stops. */
  drainPlugin: ApolloServerPlugin<Context>;
  connectionCount(): number;
}

/** Time a closing client gets to answer the close frame before its socket is destroyed. */
const CLOSE_GRACE_MS = 2000;
/** A subscribe message is a document and variables: far below the HTTP body limit. */
const MAX_MESSAGE_BYTES = 1 << 20;

export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { httpServer, settings, database, state, schema } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  /** Connections that presented a key, for the periodic revocation check. */
  const principals = new Map<WebSocket, Principal>();
  const anonymous = new WeakSet<WebSocket>();
  const keyRecheck = new KeyRecheck(database.db, principals, settings.keyRecheckMs);
  let draining = false;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (draining || !options.paths.has(pathname)) {
      socket.end(
        `HTTP/1.1 ${draining ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      // The new socket is already counted in wss.clients.
      if (wss.clients.size > settings.maxConnections) {
        closeWith(
          ws,
          TOO_MANY_CONNECTIONS,
          'TOO_MANY_CONNECTIONS',
          `this server holds its maximum of ${settings.maxConnections} connections.`,
        );
        return;
      }
      wss.emit('connection', ws, request);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const formatErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const json = error.toJSON();
      const formatted =
        json.extensions?.code === undefined
          ? { ...json, extensions: { ...json.extensions, code: 'INTERNAL_SERVER_ERROR' } }
          : json;
      return options.formatError(formatted, error);
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
        if (auth.principal === null) anonymous.add(socket);
        else principals.set(socket, auth.principal);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
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
        const checked = checkSubscription(schema, options.guard, payload, principal, active);
        if (Array.isArray(checked)) return checked;
        return {
          schema,
          document: checked.document,
          operationName: checked.operationName,
          variableValues: checked.variables,
          contextValue: createContext(database.db, state, principal),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
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
  };
}
