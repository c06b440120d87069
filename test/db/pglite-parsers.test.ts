/**
 * The client Drizzle runs on over PGlite: Drizzle's per-query parsers are dropped (PGlite would
 * copy its whole parser table for them on every query), and the answers stay the same.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { drizzleClient, withoutTextParsers } from '../../src/db/pglite-parsers';

const ROW = sql`SELECT '2026-12-05 10:00:00+00'::timestamptz AS at, '2026-12-05'::date AS day,
  '1 day 02:00'::interval AS span, ARRAY[1.5, 2]::numeric[] AS numbers,
  ARRAY['2026-12-05 10:00'::timestamp] AS times, ARRAY[1, 2]::int[] AS ints,
  '{"x": [1]}'::jsonb AS doc, 7::int8 AS big, true AS yes`;

let plain: PGlite;
let fast: PGlite;
const seenOptions: unknown[] = [];
beforeAll(async () => {
  [plain, fast] = await Promise.all([PGlite.create(), PGlite.create()]);
  // What reaches PGlite from the wrapped client, recorded on the instance and on each
  // transaction object PGlite makes, under the wrapper.
  const record = <Query extends PGlite['query']>(query: Query): Query =>
    ((text: string, params?: unknown[], options?: object) => {
      seenOptions.push(options);
      return query(text, params, options);
    }) as Query;
  const transaction = fast.transaction.bind(fast);
  fast.query = record(fast.query.bind(fast));
  fast.transaction = (callback) =>
    transaction((tx) => {
      tx.query = record(tx.query.bind(tx));
      return callback(tx);
    });
});
afterAll(async () => {
  await Promise.all([plain.close(), fast.close()]);
});

test('Drizzle reads the same values through the wrapped client as through PGlite itself', async () => {
  const reference = (await drizzle({ client: plain }).execute(ROW)).rows;
  const db = drizzle({ client: drizzleClient(fast) });
  expect((await db.execute(ROW)).rows).toEqual(reference);
  expect(reference[0]).toMatchObject({ at: '2026-12-05 10:00:00+00', numbers: '{1.5,2}' });
  const inTransaction = await db.transaction(async (tx) => (await tx.execute(ROW)).rows);
  expect(inTransaction).toEqual(reference);
});

test("no query reaches PGlite with Drizzle's parsers: the instance's table holds them", async () => {
  seenOptions.length = 0;
  const db = drizzle({ client: drizzleClient(fast) });
  await db.execute(sql`SELECT 1 AS one`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 2 AS two`);
  });
  expect(seenOptions).toEqual([{ rowMode: 'object' }, { rowMode: 'object' }]);
});

test('other per-query parsers pass through untouched', () => {
  const own = {
    parsers: { 25: (value: string) => value.toUpperCase() },
    rowMode: 'array' as const,
  };
  expect(withoutTextParsers(own)).toBe(own);
  expect(withoutTextParsers(undefined)).toBeUndefined();
});
