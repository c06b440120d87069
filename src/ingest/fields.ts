/**
 * Typed reads from loosely typed source rows (parsed JSON or CSV strings), and the wording of
 * error messages about them: what was expected, what was received, never the whole value.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, or a number written as a string (ids are sometimes numbers). */
export function textField(row: JsonObject, key: string): string | undefined {
  const value = row[key];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A string as stored (answers and prompts keep their white space), or undefined. */
export function rawText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number, or a string holding one. */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A whole number ≥ 0 (a token count), or undefined. */
export function countValue(value: unknown): number | undefined {
  const number = numberValue(value);
  return number !== undefined && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/**
 * A point in time from Unix seconds (`tstamp`, possibly fractional, as Chatbot Arena and
 * FastChat write it) or an ISO 8601 string. `null` for a value that is present but unreadable.
 */
export function timestampValue(value: unknown): Date | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const seconds = numberValue(value);
  if (seconds !== undefined) return new Date(Math.round(seconds * 1000));
  if (typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

export function truncate(text: string, max = 50): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** How a received value is named in an error message: its type, and a short excerpt of a string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return value.trim() === '' ? 'an empty string' : `"${truncate(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return `${typeof value} ${truncate(String(value))}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}

/** The usual first check of a parsed JSON row. */
export function expectObject(value: unknown): JsonObject | string {
  return isObject(value)
    ? value
    : `expected a JSON object per record, but got ${describeValue(value)}.`;
}
