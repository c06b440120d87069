/**
 * Random GraphQL operations generated from the schema SDL (schema.graphql), with fast-check: a
 * root field of the chosen kind, every argument either omitted (when nullable), written as a
 * literal or passed as a variable, values drawn by type with hostile ones mixed in (NUL, lone
 * surrogates, huge strings, out-of-range and non-finite numbers, unknown enum values, deeply
 * nested lists, date-times past what PostgreSQL stores), wrong types through variables (lists
 * and objects nested 20,000 deep, lists of 6,000 members), and a random selection set over the
 * result type.
 * Nothing here knows a field by name, so fields added later are fuzzed too.
 */
import fc from 'fast-check';
import {
  getNamedType,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** In a variables JSON body this string becomes the bare number 1e999 (JSON.stringify cannot). */
export const OVERFLOW_SENTINEL = '\u0001OVERFLOW\u0001';

/**
 * In a variables JSON body these become lists and objects nested 20,000 deep, which JSON.parse
 * reads but JSON.stringify (recursive) could not write here.
 */
export const DEEP_LIST_SENTINEL = '\u0001DEEP_LIST\u0001';
export const DEEP_OBJECT_SENTINEL = '\u0001DEEP_OBJECT\u0001';
const DEEP = 20_000;
const DEEP_LIST = `${'['.repeat(DEEP)}"deep"${']'.repeat(DEEP)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface FuzzedOperation {
  kind: OperationKind;
  rootField: string;
  /** Argument paths given (field.argument), for the coverage report. */
  arguments: string[];
  document: string;
  variables: Record<string, unknown>;
}

export interface FuzzPools {
  /** Names and ids that exist in the seeded database, so that some operations find data. */
  strings: string[];
  ids: string[];
}

const HUGE = 'x'.repeat(200_000);

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  'é\u0301',
  '😀',
  '\u202etext',
  HUGE,
  "'; DROP TABLE verdicts; --",
  '%',
  '_',
  '\\',
  '"',
  'HUMAN',
  'HUMAN_MAJORITY',
  'a@',
  '@v',
  'name@version',
  'vk_x_y',
  'NaN',
  'Infinity',
  '1e999',
  '-1',
  '0x10',
  '2024-02-30T25:61:00Z',
  '0000-01-01T00:00:00Z',
  '[[A>B]]',
  'A>>B',
];

const HOSTILE_INTS = [
  0, 1, -1, 2, 49, 50, 100, 500, 501, 1000, 1001, 5000, 5001, 2147483647, -2147483648, 2147483648,
  -2147483649, 1e20, 0.5, -0.5,
];
const HOSTILE_FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  0.95,
  1.5,
  1e-300,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
];

/** Any UTF-16 code units, lone surrogates included. */
const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  maxLength: 12,
});

function stringArbitrary(pools: FuzzPools, ids: boolean): fc.Arbitrary<string> {
  const known = ids ? pools.ids : pools.strings;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: codeUnitString },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );
}

/**
 * Date-times at and past the edges of what PostgreSQL stores, and shapes RFC 3339 refuses: every
 * one must be a coded input error (or an answer), never a database error.
 */
const ODD_DATES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0001-01-01T00:30:00+01:00',
  '-000001-01-01T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-01:00',
  '10000-01-01T00:00:00Z',
  '2024-02-29T12:00:00Z',
  '2023-02-29T12:00:00Z',
  '2016-12-31T23:59:60Z',
  '2024-01-01T00:00:00.123456789+14:00',
  '2024-01-01',
  '2024-01-01T00:00:00',
  '1e999',
  '',
];

/** Wrong types and deep nests, for variables. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>('NaN', 'Infinity', OVERFLOW_SENTINEL, true, {}, [], [null], {
    __proto__: 1,
  }),
  fc.integer({ min: 1, max: 2000 }).map((depth) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i += 1) value = [value];
    return value;
  }),
  fc.constantFrom<unknown>(DEEP_LIST_SENTINEL, DEEP_OBJECT_SENTINEL, ...ODD_DATES),
  // Huge: long lists of hostile members, within the request body limit.
  fc
    .constantFrom(...HOSTILE_STRINGS.filter((text) => text !== HUGE))
    .map((member) => Array.from({ length: 6000 }, () => member)),
);

/** A value for an input type, drawn as the schema says (valid-ish, with hostile members). */
export function inputValue(
  type: GraphQLInputType,
  pools: FuzzPools,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputValue(type.ofType, pools, depth);
  if (depth > 6) return fc.constant(null);
  if (isListType(type)) {
    return fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(inputValue(type.ofType, pools, depth + 1), { maxLength: 4 }),
      },
      { weight: 1, arbitrary: inputValue(type.ofType, pools, depth + 1) }, // a single value for a list: coerced
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const entries = fields.map((field) =>
      isNonNullType(field.type) && field.defaultValue === undefined
        ? inputValue(field.type, pools, depth + 1).map((value) => [field.name, value] as const)
        : fc
            .option(inputValue(field.type, pools, depth + 1), { nil: undefined, freq: 2 })
            .map((value) => [field.name, value] as const),
    );
    return fc
      .tuple(...entries)
      .map((pairs) => Object.fromEntries(pairs.filter(([, value]) => value !== undefined)));
  }
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') },
    );
  }
  if (type === GraphQLInt)
    return fc.oneof(fc.constantFrom(...HOSTILE_INTS), fc.integer({ min: -100, max: 2000 }));
  if (type === GraphQLFloat) return fc.oneof(fc.constantFrom(...HOSTILE_FLOATS), fc.double());
  if (type === GraphQLBoolean) return fc.boolean();
  if (type === GraphQLID) return stringArbitrary(pools, true);
  if (type === GraphQLString) return stringArbitrary(pools, false);
  // Custom scalars (dates and the like): strings, valid or not.
  return fc.oneof(
    fc.constantFrom('2024-01-01T00:00:00Z', '2099-12-31T23:59:59.999Z', '1969-12-31T23:59:59Z'),
    fc.constantFrom(...ODD_DATES),
    stringArbitrary(pools, false),
  );
}

/** A GraphQL literal for a value of this type; non-finite numbers print as names (invalid). */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value))
    return `[${value.map((item) => literal(item, isListType(unwrapped) ? unwrapped.ofType : unwrapped)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(unwrapped) ? unwrapped.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([name, item]) => `${name}: ${literal(item, fields[name]?.type ?? GraphQLString)}`)
      .join(', ')} }`;
  }
  if (isEnumType(unwrapped) && typeof value === 'string')
    return /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : String(value).replace('-', 'minus');
  return JSON.stringify(value); // strings; lone surrogates become \u escapes the parser refuses
}

interface ArgumentChoice {
  argument: GraphQLArgument;
  mode: 'omit' | 'literal' | 'variable' | 'wrong-variable';
  value: unknown;
}

function argumentChoices(
  field: GraphQLField<unknown, unknown>,
  pools: FuzzPools,
): fc.Arbitrary<ArgumentChoice[]> {
  const choices = field.args.map((argument) =>
    fc
      .record({
        mode: isRequiredArgument(argument)
          ? fc.constantFrom<ArgumentChoice['mode']>(
              'literal',
              'variable',
              'variable',
              'wrong-variable',
            )
          : fc.constantFrom<ArgumentChoice['mode']>(
              'omit',
              'omit',
              'literal',
              'variable',
              'variable',
              'wrong-variable',
            ),
        value: inputValue(argument.type, pools),
        wrong: wrongValue,
      })
      .map(({ mode, value, wrong }): ArgumentChoice => ({
        argument,
        mode,
        value: mode === 'wrong-variable' ? wrong : value,
      })),
  );
  return fc.tuple(...choices);
}

/** Field text with its arguments; variables are declared in `declarations`. */
function fieldText(
  field: GraphQLField<unknown, unknown>,
  choices: ArgumentChoice[],
  declarations: string[],
  variables: Record<string, unknown>,
  used: string[],
): string {
  const parts: string[] = [];
  for (const { argument, mode, value } of choices) {
    if (mode === 'omit') continue;
    used.push(`${field.name}.${argument.name}`);
    if (mode === 'literal') {
      parts.push(`${argument.name}: ${literal(value, argument.type)}`);
    } else {
      const name = `v${declarations.length}`;
      declarations.push(`$${name}: ${String(argument.type)}`);
      variables[name] = value;
      parts.push(`${argument.name}: $${name}`);
    }
  }
  return parts.length > 0 ? `${field.name}(${parts.join(', ')})` : field.name;
}

interface SelectionPlan {
  text(declarations: string[], variables: Record<string, unknown>, used: string[]): string;
}

/** A random non-empty selection of the type's fields, nested up to `depth` object levels. */
function selection(
  type: GraphQLOutputType,
  pools: FuzzPools,
  depth: number,
): fc.Arbitrary<SelectionPlan | null> {
  const named = getNamedType(type);
  if (isLeafType(named)) return fc.constant(null);
  if (!isObjectType(named)) return fc.constant({ text: () => '{ __typename }' });
  return objectSelection(named, pools, depth);
}

function objectSelection(
  type: GraphQLObjectType,
  pools: FuzzPools,
  depth: number,
): fc.Arbitrary<SelectionPlan> {
  const fields = Object.values(type.getFields()).filter(
    (field) => depth > 0 || isLeafType(getNamedType(field.type)),
  );
  const plans = fields.map((field) =>
    fc.tuple(
      fc.boolean(),
      argumentChoices(field, pools),
      isLeafType(getNamedType(field.type))
        ? fc.constant(null)
        : selection(field.type, pools, depth - 1),
    ),
  );
  return fc.tuple(...plans).map((picked) => ({
    text(declarations, variables, used) {
      const chosen = picked
        .map((plan, index) => ({ plan, field: fields[index] }))
        .filter(({ plan }) => plan[0]);
      const parts = chosen.map(({ plan: [, choices, child], field }) => {
        const head = fieldText(field, choices, declarations, variables, used);
        return child ? `${head} ${child.text(declarations, variables, used)}` : head;
      });
      return `{ __typename ${parts.join(' ')} }`;
    },
  }));
}

export function operationArbitrary(
  schema: GraphQLSchema,
  kind: OperationKind,
  pools: FuzzPools,
): fc.Arbitrary<FuzzedOperation> {
  const root =
    kind === 'query'
      ? schema.getQueryType()
      : kind === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) throw new Error(`the schema has no ${kind} type`);
  const fields = Object.values(root.getFields());
  return fc.oneof(
    ...fields.map((field) =>
      fc
        .tuple(argumentChoices(field, pools), selection(field.type, pools, 2))
        .map(([choices, child]): FuzzedOperation => {
          const declarations: string[] = [];
          const variables: Record<string, unknown> = {};
          const used: string[] = [];
          const head = fieldText(field, choices, declarations, variables, used);
          const body = child ? `${head} ${child.text(declarations, variables, used)}` : head;
          const signature = declarations.length > 0 ? `(${declarations.join(', ')})` : '';
          return {
            kind,
            rootField: field.name,
            arguments: used,
            document: `${kind} Fuzz${signature} { ${body} }`,
            variables,
          };
        }),
    ),
  );
}

/** The request body, with the sentinels turned into what JSON.stringify cannot write. */
export function requestBody(operation: FuzzedOperation): string {
  return JSON.stringify({ query: operation.document, variables: operation.variables })
    .replaceAll(JSON.stringify(OVERFLOW_SENTINEL), '1e999')
    .replaceAll(JSON.stringify(DEEP_LIST_SENTINEL), DEEP_LIST)
    .replaceAll(JSON.stringify(DEEP_OBJECT_SENTINEL), DEEP_OBJECT);
}
