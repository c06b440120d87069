/**
 * A request body's JSON is checked for depth before anything walks it. JSON.parse reads a
 * 20,000-deep array happily, but everything after it recurses (the response cache's key,
 * graphql-js's variable coercion) and would overflow the stack: an HTTP 500 for the caller's
 * mistake. No input type of the schema nests anywhere near MAX_JSON_DEPTH levels.
 */
import type { GraphQLFormattedError } from 'graphql';

export const MAX_JSON_DEPTH = 32;

/** The refusal for a body nested deeper than MAX_JSON_DEPTH, or null. Iterative, linear. */
export function requestShapeError(body: unknown): GraphQLFormattedError | null {
  if (body === null || typeof body !== 'object') return null;
  // Each entry: a value, its depth below the body, and the variable it belongs to (if any).
  const pending: [unknown, number, string | null][] = [];
  for (const [key, value] of Object.entries(body))
    pending.push([value, 1, KNOWN_PARTS.has(key) ? key : null]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth, part] = next;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return tooDeep(part);
    for (const [key, member] of Object.entries(value))
      pending.push([member, depth + 1, part === 'variables' && depth === 1 ? variable(key) : part]);
  }
  return null;
}

const KNOWN_PARTS = new Set(['query', 'variables', 'operationName', 'extensions']);

/** A variable as the message names it: a GraphQL name is short; anything else is not quoted. */
function variable(key: string): string {
  return /^[_A-Za-z][_0-9A-Za-z]{0,39}$/.test(key) ? `$${key}` : '$(a variable)';
}

function tooDeep(part: string | null): GraphQLFormattedError {
  const what = part?.startsWith('$') ? `Variable "${part}"` : `The request's ${part ?? 'body'}`;
  const message = `${what} must be nested at most ${MAX_JSON_DEPTH} levels deep, but it is nested deeper.`;
  return part?.startsWith('$')
    ? { message, extensions: { code: 'BAD_USER_INPUT', field: part } }
    : { message, extensions: { code: 'BAD_REQUEST' } };
}
