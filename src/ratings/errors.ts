/**
 * Errors of the rating library. Each message says what was expected and what was received,
 * so a caller can fix the call without reading this code (graphql/dataloader's style).
 */

/** Renders a received value briefly: numbers and strings as-is, arrays by length, objects by keys. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object')
    return `an object with keys {${Object.keys(value).slice(0, 6).join(', ')}}`;
  return typeof value;
}

/** A caller passed an impossible or invalid argument. */
export class RatingArgumentError extends RangeError {
  constructor(
    readonly argument: string,
    readonly expected: string,
    received: unknown,
  ) {
    super(`${argument}: expected ${expected}, but received ${describeValue(received)}`);
    this.name = 'RatingArgumentError';
  }
}

/** A state the library's own logic should make impossible; reaching it is a bug here, not in the caller. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violation in ratings: ${message}`);
}
