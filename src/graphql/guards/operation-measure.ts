/**
 * Measures an operation before it runs: nesting depth, aliases, an estimated cost, and the
 * size arguments (`first`, bootstrap rounds, batch length) with variables applied. Introspection
 * fields (`__schema`, `__type`) are not counted: production servers turn introspection off.
 *
 * Linear in the document: each fragment is measured once and its measure reused at every spread
 * (memoised). A fragment spread twice still costs twice, so a fan-out of fragments
 * (`F0` spreads `F1` twice, `F1` spreads `F2` twice, …) is charged in full: 2^n times its leaves.
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
import { rootTypeOf } from './root-type';
import { fragmentsInDependencyOrder } from './fragment-order';

export interface OperationMeasure {
  depth: number;
  aliases: number;
  cost: number;
  largestFirst: number;
  largestBootstrapRounds: number;
  largestBatch: number;
  /**
   * The most response keys (aliases) one selection set gives the same field that is or holds a
   * large text: `a1: prompt { text } … a30: prompt { text }` repeats one 100 KB text 30 times
   * per verdict, at a cost the page size alone does not show.
   */
  largestTextRepeat: number;
  /** Whether the selection reaches a large text field at all. */
  carriesText: boolean;
}

/**
 * Fields that hold texts of up to LIMITS.textLength (2 million characters): prompts, answers and
 * judgments. Everything else the API answers is short.
 */
const LARGE_TEXT_FIELDS = new Set(['Prompt.text', 'Response.text', 'Verdict.judgment']);

/** Items assumed for a list without `first` (models, entries, winRates). */
const LIST_FACTOR = 10;
const DEFAULT_FIRST = 50;
const DEFAULT_BOOTSTRAP_ROUNDS = 100;

const EMPTY: OperationMeasure = {
  depth: 0,
  aliases: 0,
  cost: 0,
  largestFirst: 0,
  largestBootstrapRounds: 0,
  largestBatch: 0,
  largestTextRepeat: 0,
  carriesText: false,
};

/** Per field name of one selection set, the response keys that select it and carry a large text. */
type TextKeys = Map<string, Set<string>>;

interface Measured {
  measure: OperationMeasure;
  textKeys: TextKeys;
}

/**
 * Measures combine: costs and aliases add up over the selections, depth and the size arguments
 * take the maximum. `depth` of a selection set is counted from that set (its own fields are 1).
 */
function combine(into: OperationMeasure, part: OperationMeasure, depthOffset: number): void {
  into.cost += part.cost;
  into.aliases += part.aliases;
  if (part.depth > 0) into.depth = Math.max(into.depth, part.depth + depthOffset);
  into.largestFirst = Math.max(into.largestFirst, part.largestFirst);
  into.largestBootstrapRounds = Math.max(into.largestBootstrapRounds, part.largestBootstrapRounds);
  into.largestBatch = Math.max(into.largestBatch, part.largestBatch);
  into.largestTextRepeat = Math.max(into.largestTextRepeat, part.largestTextRepeat);
  into.carriesText ||= part.carriesText;
}

/** Fragments spread into a selection set add their keys to it: aliases repeat across them too. */
function mergeTextKeys(into: TextKeys, part: TextKeys): void {
  for (const [field, keys] of part) {
    const merged = into.get(field) ?? new Set<string>();
    for (const key of keys) merged.add(key);
    into.set(field, merged);
  }
}

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationMeasure {
  const root = rootTypeOf(schema, operation);
  if (!root) return { ...EMPTY };
  return new Measurer(schema, fragments, variables).selectionSet(operation.selectionSet, root)
    .measure;
}

class Measurer {
  /** Per fragment, measured once, before any fragment that spreads it. */
  private readonly measured = new Map<string, Measured>();

  constructor(
    schema: GraphQLSchema,
    fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {
    // Dependencies first, so that measuring never recurses through spreads: a chain of a few
    // thousand fragments (a document at the token limit) would otherwise overflow the stack.
    for (const name of fragmentsInDependencyOrder(fragments)) {
      const definition = fragments[name];
      const type = schema.getType(definition.typeCondition.name.value);
      if (isObjectType(type))
        this.measured.set(name, this.selectionSet(definition.selectionSet, type));
    }
  }

  selectionSet(selectionSet: SelectionSetNode, parent: GraphQLObjectType): Measured {
    const measure: OperationMeasure = { ...EMPTY };
    const textKeys: TextKeys = new Map();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = this.measured.get(selection.name.value);
        if (fragment) {
          combine(measure, fragment.measure, 0);
          mergeTextKeys(textKeys, fragment.textKeys);
        }
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inline = this.selectionSet(selection.selectionSet, parent);
        combine(measure, inline.measure, 0);
        mergeTextKeys(textKeys, inline.textKeys);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      if (selection.alias) measure.aliases += 1;
      measure.depth = Math.max(measure.depth, 1);
      const field = parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
      if (!field) continue;
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(field, selection, this.variables);
      } catch {
        // Invalid arguments are reported by execution with their own coded error.
      }
      measure.cost += 1 + ownCost(name, args, measure);
      let carriesText = LARGE_TEXT_FIELDS.has(`${parent.name}.${name}`);
      const named = getNamedType(field.type);
      if (selection.selectionSet && isObjectType(named)) {
        const { measure: children } = this.selectionSet(selection.selectionSet, named);
        const childCost = children.cost * multiplier(name, field.type, args);
        combine(measure, { ...children, cost: childCost }, 1);
        carriesText ||= children.carriesText;
      }
      if (carriesText) {
        measure.carriesText = true;
        const keys = textKeys.get(name) ?? new Set<string>();
        keys.add(selection.alias?.value ?? name);
        textKeys.set(name, keys);
      }
    }
    for (const keys of textKeys.values())
      measure.largestTextRepeat = Math.max(measure.largestTextRepeat, keys.size);
    return { measure, textKeys };
  }
}

/** What a field costs beyond its children; records the size arguments it carries in `measure`. */
function ownCost(name: string, args: Record<string, unknown>, measure: OperationMeasure): number {
  const input = (args.input ?? {}) as Record<string, unknown>;
  if (typeof args.first === 'number')
    measure.largestFirst = Math.max(measure.largestFirst, args.first);
  // The subscription computes the same leaderboard, once at subscribe time and once per change.
  if (name === 'leaderboard' || name === 'leaderboardChanged') {
    const rounds =
      typeof input.bootstrapRounds === 'number' ? input.bootstrapRounds : DEFAULT_BOOTSTRAP_ROUNDS;
    measure.largestBootstrapRounds = Math.max(measure.largestBootstrapRounds, rounds);
    return 10 + Math.max(0, rounds);
  }
  if (name === 'recordVerdicts') {
    const batch = Array.isArray(input.verdicts) ? input.verdicts.length : 0;
    measure.largestBatch = Math.max(measure.largestBatch, batch);
    return Math.ceil(batch / 10);
  }
  if (
    name === 'headToHead' ||
    name === 'rankingAgreement' ||
    name === 'judgeAgreement' ||
    name === 'judgeDisagreements' ||
    name === 'judgeReport'
  )
    return 20;
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
