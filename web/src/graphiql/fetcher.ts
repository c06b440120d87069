/**
 * GraphiQL's fetcher: queries and mutations over HTTP POST to /graphql with the header editor's
 * headers, subscriptions over graphql-ws on the same path. The WebSocket protocol has no headers,
 * so the key goes in `connection_init`'s payload (src/graphql/subscriptions/connection-auth.ts):
 * one client per Authorization value, opened when first needed.
 */
import type { GraphiQLProps } from 'graphiql';
import { getOperationAST, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

interface FetcherOptions {
  headers?: Record<string, unknown>;
  documentAST?: DocumentNode;
}

const clients = new Map<string, Client>();

function subscriptionClient(authorization: string): Client {
  let client = clients.get(authorization);
  if (client === undefined) {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    client = createClient({
      url: `${protocol}//${location.host}/graphql`,
      lazy: true,
      connectionParams: authorization === '' ? {} : { authorization },
    });
    clients.set(authorization, client);
  }
  return client;
}

function isSubscription(params: GraphQLParams, document: DocumentNode | undefined): boolean {
  try {
    const operation = getOperationAST(document ?? parse(params.query), params.operationName);
    return operation?.operation === 'subscription';
  } catch {
    // Unparseable: let the server say what is wrong with it.
    return false;
  }
}

function authorizationOf(headers: Record<string, unknown>): string {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : '';
}

export const verdictsFetcher: GraphiQLProps['fetcher'] = (
  params: GraphQLParams,
  options: FetcherOptions = {},
) => {
  const headers = options.headers ?? {};
  if (isSubscription(params, options.documentAST)) {
    // GraphiQL only shows the results as JSON: their errors as sent (formatted) serve as well.
    return subscriptionClient(authorizationOf(headers)).iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables ?? undefined,
    }) as AsyncIterable<ExecutionResult>;
  }
  return fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
    },
    body: JSON.stringify(params),
  }).then((response) => response.json());
};
