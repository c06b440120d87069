/**
 * What a `subscribe` message must pass before anything runs, the same as an HTTP operation:
 * parsing, validation, the operation guard (scope, depth, cost, limits), plus the cap on
 * subscriptions per connection. Queries and mutations stay on HTTP, where the response cache,
 * the request log and the status codes are.
 */
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { Principal } from '../../services/api-keys';
import { guardOperation, type GuardSettings } from '../guards/operation-guard';

export interface CheckedSubscription {
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
}

export function checkSubscription(
  schema: GraphQLSchema,
  settings: GuardSettings,
  payload: SubscribePayload,
  principal: Principal | null,
  active: { count: number; max: number },
): CheckedSubscription | GraphQLError[] {
  if (active.count > active.max) {
    return [
      new GraphQLError(
        `A connection may hold at most ${active.max} subscriptions, but this one would be number ${active.count}.`,
        {
          extensions: {
            code: 'LIMIT_EXCEEDED',
            limit: 'maxSubscriptionsPerConnection',
            max: active.max,
            received: active.count,
          },
        },
      ),
    ];
  }
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    return invalid.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
    );
  }
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    return [
      new GraphQLError('The document must hold one operation, or operationName must name one.', {
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      }),
    ];
  }
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return [
      new GraphQLError(
        `Only subscriptions are served over WebSocket; send this ${operation.operation} as an HTTP POST.`,
        { extensions: { code: 'BAD_REQUEST' } },
      ),
    ];
  }
  const variables = payload.variables ?? {};
  try {
    guardOperation(settings, { schema, document, operation, variables }, principal);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return { document, operationName: payload.operationName, variables };
}
