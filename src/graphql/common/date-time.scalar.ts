/**
 * `DateTimeISO`: an RFC 3339 date-time (section 5.6), read into a Date and written back as ISO
 * 8601 at UTC. It replaces type-graphql's scalar of the same name, which took any instant a
 * JavaScript Date holds (year 0 and negative years then reached PostgreSQL and came back as
 * DATABASE_ERROR) and quoted the whole received text in its message. Every date-time argument,
 * at any depth, is checked here: its calendar fields, then the stored range (domain/timestamps.ts).
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { excerpt } from '../../domain/excerpt';
import { TIMESTAMP_RANGE_TEXT, timestampReason } from '../../domain/timestamps';

/** RFC 3339 `date-time`: full-date "T" full-time, with a fraction and an offset or Z. */
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

const EXPECTED = `an RFC 3339 date-time ${TIMESTAMP_RANGE_TEXT}, such as 2024-05-01T12:00:00Z`;

function refuse(received: string): never {
  throw new GraphQLError(`A DateTimeISO must be ${EXPECTED}, but got ${received}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export function parseDateTime(text: string): Date {
  const match = RFC_3339.exec(text);
  if (!match) refuse(excerpt(text));
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const milliseconds = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  local.setUTCHours(hour, minute, second, milliseconds);
  // Out-of-range fields (February 30, 25:00, a leap second) roll over instead of failing.
  if (
    local.getUTCFullYear() !== year ||
    local.getUTCMonth() !== month - 1 ||
    local.getUTCDate() !== day ||
    local.getUTCHours() !== hour ||
    local.getUTCMinutes() !== minute ||
    local.getUTCSeconds() !== second
  )
    refuse(`${excerpt(text)}, which is not a date on the calendar`);
  const offsetMinutes = match[9]
    ? (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]))
    : 0;
  const date = new Date(local.getTime() - offsetMinutes * 60_000);
  if (timestampReason(date)) refuse(`${excerpt(text)}, which is outside that range`);
  return date;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return excerpt(value);
  return value === null ? 'null' : `a ${Array.isArray(value) ? 'list' : typeof value}`;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTimeISO',
  description: `A date-time in RFC 3339 form (section 5.6), such as 2007-12-03T10:15:30Z, ${TIMESTAMP_RANGE_TEXT}: the instants PostgreSQL stores. Answers give it at UTC.`,
  serialize(value) {
    if (value instanceof Date && timestampReason(value) === null) return value.toISOString();
    if (typeof value === 'string') return parseDateTime(value).toISOString();
    throw new GraphQLError(
      `A DateTimeISO answer must be a valid Date, but got ${describe(value)}.`,
    );
  },
  parseValue(value) {
    if (typeof value === 'string') return parseDateTime(value);
    return refuse(describe(value));
  },
  parseLiteral(node) {
    if (node.kind === Kind.STRING) return parseDateTime(node.value);
    return refuse(`a literal of kind ${node.kind}`);
  },
});
