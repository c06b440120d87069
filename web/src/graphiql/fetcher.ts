/**
 * GraphiQL's fetcher: queries and mutations over HTTP POST to /graphql with the header editor's
 * headers, subscriptions over graphql-ws on the same path. The WebSocket protocol has no headers,
 * so the key goes in `connection_init`'s payload (src/graphql/subscriptions/connection-auth.ts):
 * one client per Authorization value, opened when first needed.
 */
import type { GraphiQLProps } from 'graphiql';
import { Kind, OperationTypeNode, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

interface FetcherOptions {
  headers?: Record<string, unknown>;
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

/** The operation to run is a subscription: the named one, else the document's only one. */
function isSubscription(params: GraphQLParams): boolean {
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    // Unparseable: let the server say what is wrong with it.
    return false;
  }
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const chosen =
    operations.find((operation) => operation.name?.value === params.operationName) ??
    (operations.length === 1 ? operations[0] : undefined);
  return chosen?.operation === OperationTypeNode.SUBSCRIPTION;
}

function authorizationOf(headers: Record<string, string>): string {
  return (
    Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? ''
  );
}

/** The headers to send: an empty value (the Authorization GraphiQL opens with) is left out. */
function sentHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, value]) => value !== '' && value !== null && value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}

export const verdictsFetcher: GraphiQLProps['fetcher'] = (
  params: GraphQLParams,
  options: FetcherOptions = {},
) => {
  const headers = sentHeaders(options.headers ?? {});
  if (isSubscription(params)) {
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
      ...headers,
    },
    body: JSON.stringify(params),
  }).then((response) => response.json());
};
