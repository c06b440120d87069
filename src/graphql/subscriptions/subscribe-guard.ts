/**
 * What a `subscribe` message must pass before anything runs, the same as an HTTP operation:
 * parsing with the same token limit, validation, the operation guard (scope, depth, cost,
 * limits), plus the cap on subscriptions per connection. A document that fails any of them fails
 * that one subscription with a coded error; the connection stays open. Queries and mutations stay
 * on HTTP, where the response cache, the request log and the status codes are.
 */
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { Principal } from '../../services/api-keys';
import {
  fragmentsOf,
  guardOperation,
  rootFieldNames,
  type GuardSettings,
} from '../guards/operation-guard';

export interface CheckedSubscription {
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
  /** The operation's root fields (one, for a valid subscription). */
  rootFields: string[];
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
  let invalid: readonly GraphQLError[];
  try {
    document = parse(payload.query, { maxTokens: settings.limits.maxTokens });
    invalid = validate(schema, document);
  } catch (error) {
    // graphql-js parses and validates nesting recursively: thousands of levels overflow the stack.
    if (error instanceof RangeError)
      return [parseFailure('The document is nested too deeply to parse.')];
    if (!(error instanceof GraphQLError)) throw error;
    return [parseFailure(error.message)];
  }
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
    if (error instanceof RangeError)
      return [parseFailure('The document is nested too deeply to parse.')];
    throw error;
  }
  const badVariables = variableErrors(schema, operation.variableDefinitions ?? [], variables);
  if (badVariables.length > 0) return badVariables;
  return {
    document,
    operationName: payload.operationName,
    variables,
    rootFields: rootFieldNames(operation.selectionSet, fragmentsOf(document)),
  };
}

/**
 * Variables that do not fit their declared types are the client's fault, as on HTTP (where
 * Apollo codes them BAD_USER_INPUT); left to graphql-js's `subscribe`, they came back uncoded and
 * were answered as internal errors. Coercion recurses, so 20,000 levels overflow the stack.
 */
function variableErrors(
  schema: GraphQLSchema,
  definitions: Parameters<typeof getVariableValues>[1],
  variables: Record<string, unknown>,
): GraphQLError[] {
  let coerced: ReturnType<typeof getVariableValues>;
  try {
    coerced = getVariableValues(schema, definitions, variables, { maxErrors: 10 });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [
      new GraphQLError('The variables are nested too deeply to read.', {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ];
  }
  return (coerced.errors ?? []).map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { code: 'BAD_USER_INPUT' },
      }),
  );
}

function parseFailure(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
}
