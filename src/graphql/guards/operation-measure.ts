/**
 * Measures an operation before it runs: nesting depth, aliases, an estimated cost, and the
 * size arguments (`first`, bootstrap rounds, batch length) with variables applied. Introspection
 * fields (`__schema`, `__type`) are not counted: production servers turn introspection off.
 */
import {
  getArgumentValues,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationMeasure {
  depth: number;
  aliases: number;
  cost: number;
  largestFirst: number;
  largestBootstrapRounds: number;
  largestBatch: number;
}

/** Items assumed for a list without `first` (models, entries, winRates). */
const LIST_FACTOR = 10;
const DEFAULT_FIRST = 50;
const DEFAULT_BOOTSTRAP_ROUNDS = 100;

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationMeasure {
  const measure: OperationMeasure = { depth: 0, aliases: 0, cost: 0, largestFirst: 0, largestBootstrapRounds: 0, largestBatch: 0 };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return measure;
  measure.cost = selectionCost(operation.selectionSet, root, 1, measure, fragments, variables, new Set());
  return measure;
}

function selectionCost(
  selectionSet: SelectionSetNode,
  parent: GraphQLObjectType,
  depth: number,
  measure: OperationMeasure,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  visiting: Set<string>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments[selection.name.value];
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      cost += selectionCost(fragment.selectionSet, parent, depth, measure, fragments, variables, visiting);
      visiting.delete(fragment.name.value);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, parent, depth, measure, fragments, variables, visiting);
      continue;
    }
    const name = selection.name.value;
    if (name.startsWith('__')) continue;
    if (selection.alias) measure.aliases += 1;
    measure.depth = Math.max(measure.depth, depth);
    const field = parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
    if (!field) continue;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, selection, variables);
    } catch {
      // Invalid arguments are reported by execution with their own coded error.
    }
    let fieldCost = 1 + ownCost(name, args, measure);
    const named = getNamedType(field.type);
    if (selection.selectionSet && isObjectType(named)) {
      const childCost = selectionCost(selection.selectionSet, named, depth + 1, measure, fragments, variables, visiting);
      fieldCost += childCost * multiplier(name, field.type, args);
    }
    cost += fieldCost;
  }
  return cost;
}

/** What a field costs beyond its children, and the size arguments it carries. */
function ownCost(name: string, args: Record<string, unknown>, measure: OperationMeasure): number {
  const input = (args.input ?? {}) as Record<string, unknown>;
  if (typeof args.first === 'number') measure.largestFirst = Math.max(measure.largestFirst, args.first);
  // The subscription computes the same leaderboard, once at subscribe time and once per change.
  if (name === 'leaderboard' || name === 'leaderboardChanged') {
    const rounds = typeof input.bootstrapRounds === 'number' ? input.bootstrapRounds : DEFAULT_BOOTSTRAP_ROUNDS;
    measure.largestBootstrapRounds = Math.max(measure.largestBootstrapRounds, rounds);
    return 10 + Math.max(0, rounds);
  }
  if (name === 'recordVerdicts') {
    const batch = Array.isArray(input.verdicts) ? input.verdicts.length : 0;
    measure.largestBatch = Math.max(measure.largestBatch, batch);
    return Math.ceil(batch / 10);
  }
  if (name === 'headToHead' || name === 'rankingAgreement' || name === 'judgeAgreement' || name === 'judgeReport') return 20;
  return 0;
}

function multiplier(name: string, type: GraphQLOutputType, args: Record<string, unknown>): number {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  // A connection already multiplied its children by its page size.
  if (name === 'edges' || name === 'nodes') return 1;
  if (typeof args.first === 'number') return Math.max(1, args.first);
  if ('first' in args || /Connection$/.test(getNamedType(type).name)) return DEFAULT_FIRST;
  return isListType(unwrapped) ? LIST_FACTOR : 1;
}
