/**
 * The instants a verdict's time may take. PostgreSQL's timestamptz reaches from 4713 BC to
 * 294276 AD, but reads ISO 8601 text only for years 1 to 9999 (it has no year 0: "0000-01-01"
 * is "date/time field value out of range"), and RFC 3339 writes four-digit years. So every
 * date-time the API or an import accepts lies in [0001-01-01T00:00:00Z, 9999-12-31T23:59:59.999Z];
 * outside it the caller gets a coded input error, never a database error.
 */
export const EARLIEST_TIMESTAMP = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_TIMESTAMP = new Date('9999-12-31T23:59:59.999Z');

export const TIMESTAMP_RANGE_TEXT = `from ${EARLIEST_TIMESTAMP.toISOString()} to ${LATEST_TIMESTAMP.toISOString()}`;

/** Why this date cannot be stored or compared with stored times, or null when it can. */
export function timestampReason(date: Date): string | null {
  const time = date.getTime();
  if (Number.isNaN(time)) return 'it is not a valid date';
  if (time < EARLIEST_TIMESTAMP.getTime() || time > LATEST_TIMESTAMP.getTime())
    return `it is outside the range PostgreSQL stores (${TIMESTAMP_RANGE_TEXT})`;
  return null;
}
