/**
 * An Apollo plugin that checks every operation after validation and before execution: the API
 * key's scope (UNAUTHENTICATED / FORBIDDEN), the query limits (LIMIT_EXCEEDED) and every string
 * argument (BAD_USER_INPUT, string-arguments.ts). Nothing runs, and the database is not touched,
 * for an operation that fails a check.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
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
import { checkStringArguments } from './string-arguments';
import { excerpt } from '../../domain/excerpt';

export interface GuardSettings {
  auth: boolean;
  publicRead: boolean;
  limits: QueryLimits;
}

/** Root fields that need `admin`, whatever the operation. */
const ADMIN_FIELDS = new Set([
  'deleteVerdicts',
  'createApiKey',
  'revokeApiKey',
  'apiKeys',
  'auditLog',
  // Review queues direct reviewers' work: running them is management (votes need write).
  'createReviewQueue',
  'pauseReviewQueue',
  'resumeReviewQueue',
  'closeReviewQueue',
]);

/**
 * Closed while keys are off (VERDICTS_AUTH=off): a key minted then would still be valid once keys
 * are on again, so anyone who reached the server once could keep admin rights (issue 19). Keys
 * are managed with `verdicts keys` on the server's machine instead.
 */
const KEY_MANAGEMENT_FIELDS = new Set(['createApiKey', 'revokeApiKey', 'apiKeys']);

export function operationGuard(settings: GuardSettings): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return;
          // Over HTTP a subscription would run its resolver once with no event: refused instead.
          if (operation.operation === OperationTypeNode.SUBSCRIPTION)
            throw new GraphQLError(
              'subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql; an HTTP request cannot subscribe. Send a query or mutation, or open a WebSocket.',
              { extensions: { code: 'BAD_REQUEST' } },
            );
          guardOperation(
            settings,
            { schema, document, operation, variables: request.variables ?? {} },
            contextValue.principal,
          );
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
export function guardOperation(
  settings: GuardSettings,
  { schema, document, operation, variables: raw }: GuardedOperation,
  principal: Principal | null,
): void {
  const fragments = fragmentsOf(document);
  if (settings.auth) {
    const fields = rootFieldNames(operation.selectionSet, fragments);
    checkScope(operation.operation, fields, principal, settings.publicRead);
  }
  // Coerced as execution will (defaults applied); invalid variables are left to execution,
  // which refuses them with BAD_USER_INPUT naming the variable.
  const definitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, definitions, raw, { maxErrors: 1 });
  const variables = coerced.coerced ?? {};
  checkLimits(measureOperation(schema, operation, fragments, variables), settings.limits);
  if (coerced.coerced) checkStringArguments(schema, operation, fragments, variables);
  if (!settings.auth) checkKeyManagementClosed(rootFieldNames(operation.selectionSet, fragments));
}

/** The document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function checkKeyManagementClosed(fields: string[]): void {
  const field = fields.find((name) => KEY_MANAGEMENT_FIELDS.has(name));
  if (field === undefined) return;
  throw new GraphQLError(
    `${field} is closed while API keys are off (VERDICTS_AUTH=off); manage keys with \`verdicts keys\` on the server's machine.`,
    { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
  );
}

/**
 * Root field names, including those inside fragments, so that no field slips past the scope
 * check (and so that a subscription's fields are known, subscribe-guard.ts). Without recursion:
 * a document at the token limit can chain thousands of fragments.
 */
export function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const sets = [selectionSet];
  for (let set = sets.pop(); set; set = sets.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) sets.push(selection.selectionSet);
      else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
        seen.add(selection.name.value);
        sets.push(fragments[selection.name.value].selectionSet);
      }
    }
  }
  return names;
}

function checkScope(
  kind: string,
  fields: string[],
  principal: Principal | null,
  publicRead: boolean,
): void {
  let needed: KeyScope | null = null;
  if (fields.some((field) => ADMIN_FIELDS.has(field))) needed = 'admin';
  else if (kind === 'mutation') needed = 'write';
  else if (!publicRead) needed = 'read';
  if (needed === null) return;
  if (!principal) {
    throw new GraphQLError(
      `This ${kind} needs an API key with the ${needed} scope: send "Authorization: Bearer <key>".`,
      {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      },
    );
  }
  if (!scopeAllows(principal.scope, needed)) {
    throw new GraphQLError(
      `This ${kind} needs an API key with the ${needed} scope, but key ${excerpt(principal.name)} has ${principal.scope}.`,
      {
        extensions: { code: 'FORBIDDEN', http: { status: 403 } },
      },
    );
  }
}

function checkLimits(measure: OperationMeasure, limits: QueryLimits): void {
  const over = (limit: string, max: number, measured: number, what: string) => {
    // A fan-out of fragments can be charged more than a double holds; JSON has no Infinity.
    const received = Number.isFinite(measured) ? measured : Number.MAX_VALUE;
    throw new GraphQLError(`${what} must be at most ${max}, but this operation has ${received}.`, {
      extensions: { code: 'LIMIT_EXCEEDED', limit, max, received, http: { status: 400 } },
    });
  };
  if (measure.depth > limits.maxDepth)
    over('maxDepth', limits.maxDepth, measure.depth, 'Field nesting depth');
  if (measure.aliases > limits.maxAliases)
    over('maxAliases', limits.maxAliases, measure.aliases, 'The number of aliased fields');
  if (measure.largestFirst > limits.maxPageSize)
    over('maxPageSize', limits.maxPageSize, measure.largestFirst, '`first`');
  if (measure.largestBootstrapRounds > limits.maxBootstrapRounds)
    over(
      'maxBootstrapRounds',
      limits.maxBootstrapRounds,
      measure.largestBootstrapRounds,
      '`bootstrapRounds`',
    );
  if (measure.largestBatch > limits.maxBatchSize)
    over(
      'maxBatchSize',
      limits.maxBatchSize,
      measure.largestBatch,
      'The number of verdicts in one batch',
    );
  if (measure.largestTextRepeat > limits.maxTextAliases)
    over(
      'maxTextAliases',
      limits.maxTextAliases,
      measure.largestTextRepeat,
      'The number of aliases selecting one field that holds a large text (a prompt, an answer, a judgment)',
    );
  if (measure.cost > limits.maxCost)
    over('maxCost', limits.maxCost, measure.cost, 'The estimated cost');
}
