/**
 * Reading URL state that anyone can type: a value is only a key of a table when the table owns
 * it (`?sort=__proto__` or `?sort=constructor` are not sort keys), and percent-decoding never
 * throws (`/battles/%E0%A4%A` is malformed UTF-8; `decodeURIComponent` would throw a URIError).
 */

/** True when `value` is one of `table`'s own keys, never an inherited one. */
export function isOwnKey<Key extends string>(
  table: Record<Key, unknown>,
  value: string | null,
): value is Key {
  return value !== null && Object.prototype.hasOwnProperty.call(table, value);
}

/** The decoded text, or null when it is not valid percent-encoded UTF-8. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
