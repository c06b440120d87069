/**
 * An Apollo plugin that checks every operation after validation and before execution: the API
 * key's scope (UNAUTHENTICATED / FORBIDDEN) and the query limits (LIMIT_EXCEEDED). Nothing runs,
 * and the database is not touched, for an operation that fails a check.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { QueryLimits } from '../../config';
import { scopeAllows, type KeyScope, type Principal } from '../../services/api-keys';
import type { Context } from '../context';
import { measureOperation, type OperationMeasure } from './operation-measure';

export interface GuardSettings {
  auth: boolean;
  publicRead: boolean;
  limits: QueryLimits;
}

/** Root fields that need `admin`, whatever the operation. */
const ADMIN_FIELDS = new Set(['deleteVerdicts', 'createApiKey', 'revokeApiKey', 'apiKeys', 'auditLog']);

export function operationGuard(settings: GuardSettings): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return;
          guardOperation(settings, { schema, document, operation, variables: request.variables ?? {} }, contextValue.principal);
        },
      };
    },
  };
}

export interface GuardedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/** The checks themselves, for HTTP (above) and for subscriptions over WebSocket alike. */
export function guardOperation(settings: GuardSettings, { schema, document, operation, variables }: GuardedOperation, principal: Principal | null): void {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  if (settings.auth) checkScope(operation.operation, rootFieldNames(operation.selectionSet, fragments), principal, settings.publicRead);
  checkLimits(measureOperation(schema, operation, fragments, variables), settings.limits);
}

/** Root field names, including those inside fragments, so that no field slips past the scope check. */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet, fragments, seen);
    const fragment = fragments[selection.name.value];
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFieldNames(fragment.selectionSet, fragments, seen);
  });
}

function checkScope(kind: string, fields: string[], principal: Principal | null, publicRead: boolean): void {
  let needed: KeyScope | null = null;
  if (fields.some((field) => ADMIN_FIELDS.has(field))) needed = 'admin';
  else if (kind === 'mutation') needed = 'write';
  else if (!publicRead) needed = 'read';
  if (needed === null) return;
  if (!principal) {
    throw new GraphQLError(`This ${kind} needs an API key with the ${needed} scope: send "Authorization: Bearer <key>".`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  if (!scopeAllows(principal.scope, needed)) {
    throw new GraphQLError(`This ${kind} needs an API key with the ${needed} scope, but key ${JSON.stringify(principal.name)} has ${principal.scope}.`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
}

function checkLimits(measure: OperationMeasure, limits: QueryLimits): void {
  const over = (limit: string, max: number, received: number, what: string) => {
    throw new GraphQLError(`${what} must be at most ${max}, but this operation has ${received}.`, {
      extensions: { code: 'LIMIT_EXCEEDED', limit, max, received },
    });
  };
  if (measure.depth > limits.maxDepth) over('maxDepth', limits.maxDepth, measure.depth, 'Field nesting depth');
  if (measure.aliases > limits.maxAliases) over('maxAliases', limits.maxAliases, measure.aliases, 'The number of aliased fields');
  if (measure.largestFirst > limits.maxPageSize) over('maxPageSize', limits.maxPageSize, measure.largestFirst, '`first`');
  if (measure.largestBootstrapRounds > limits.maxBootstrapRounds) over('maxBootstrapRounds', limits.maxBootstrapRounds, measure.largestBootstrapRounds, '`bootstrapRounds`');
  if (measure.largestBatch > limits.maxBatchSize) over('maxBatchSize', limits.maxBatchSize, measure.largestBatch, 'The number of verdicts in one batch');
  if (measure.cost > limits.maxCost) over('maxCost', limits.maxCost, measure.cost, 'The estimated cost');
}
