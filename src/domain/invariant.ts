/**
 * Checks for states the code rules out (a row a foreign key guarantees, a key put in a map a few
 * lines earlier). Failing one is a bug in Verdicts, never the user's mistake, so it throws a
 * plain Error that the GraphQL layer reports as INTERNAL_SERVER_ERROR.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined)
    throw new Error(`Invariant failed: ${what} is missing.`);
  return value;
}

/** `map.get(key)` for a key the caller has put there. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Invariant failed: no ${what} for ${String(key)}.`);
  return value;
}
