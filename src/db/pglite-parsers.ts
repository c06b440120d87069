/**
 * Drizzle's PGlite session passes its own `parsers` with every query: dates, times and intervals
 * (and their arrays) stay the text PostgreSQL sent, which Drizzle's column types then read. PGlite
 * merges those into its full parser table (~320 entries, keyed by type oid) on every query, and
 * that object spread costs ~200 µs: about 0.7 ms of a 1 ms statement, measured with `SELECT 1`.
 *
 * So the instance's own table takes those entries once, where they give the same answers, and the
 * client Drizzle sees drops the per-query copy. Any other per-query `parsers` pass through as is.
 */
import { types, type PGlite, type Transaction } from '@electric-sql/pglite';

type QueryOptions = Parameters<PGlite['query']>[2];

/** The types Drizzle's PGlite session reads as text (drizzle-orm/pglite/session). */
const TEXT_TYPES: readonly number[] = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];

const asText = (value: string): string => value;

/**
 * The client to hand to Drizzle. It must be called after `PGlite.create` has resolved, once the
 * array types are in the table: PGlite writes them there only at start-up.
 */
export function drizzleClient(client: PGlite): PGlite {
  for (const type of TEXT_TYPES) client.parsers[type] = asText;
  const query: PGlite['query'] = (text, params, options) =>
    client.query(text, params, withoutTextParsers(options));
  const transaction: PGlite['transaction'] = (callback) =>
    client.transaction((tx) => callback(transactionClient(tx)));
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      // PGlite's methods use private fields, so they must run on the instance, not the proxy.
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/** The transaction object PGlite hands its callback, with the same query. */
function transactionClient(tx: Transaction): Transaction {
  const query: Transaction['query'] = (text, params, options) =>
    tx.query(text, params, withoutTextParsers(options));
  // Object.create keeps the `closed` getter and every other member as the original has them.
  return Object.create(tx, { query: { value: query } }) as Transaction;
}

/** `options` without Drizzle's parsers when they are exactly the ones the table already holds. */
export function withoutTextParsers(options: QueryOptions): QueryOptions {
  const parsers = options?.parsers;
  if (parsers === undefined || !isTextParsers(parsers)) return options;
  const rest = { ...options };
  delete rest.parsers;
  return rest;
}

function isTextParsers(parsers: object): boolean {
  const keys = Object.keys(parsers);
  return keys.length === TEXT_TYPES.length && TEXT_TYPES.every((type) => String(type) in parsers);
}
