/**
 * `verdicts import` leaves the planner statistics fresh, and so does opening a database with
 * verdicts that was never analysed (db/planner-statistics.ts): PGlite has no autovacuum, so
 * without an ANALYZE its tables would be planned as empty however many rows they hold.
 * `pg_class.reltuples` is -1 for a table never analysed (or vacuumed); ANALYZE sets it to the row
 * count, exact for tables this small, since it then reads every row.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client';
import { queryRows } from '../../src/db/rows';
import { BATTLES } from '../support/arena-hard-files';
import { cliDatabase, type CliDatabase } from '../support/cli';
import { serveDatabase } from '../support/served-cli';
import { postGraphQL } from '../support/test-server';

let cli: CliDatabase;
beforeEach(async () => {
  cli = await cliDatabase();
});
afterEach(async () => {
  await cli.drop();
});

/** The planner's row count of each table, with the real one. */
async function estimates() {
  const database = await openDatabase({
    databaseUrl: cli.env.DATABASE_URL || null,
    dataDir: String(cli.env.VERDICTS_DATA_DIR),
  });
  try {
    return await queryRows<{ table: string; estimate: number; rows: number }>(
      database.db,
      sql`SELECT t.name AS table, c.reltuples::float8 AS estimate, t.rows::float8 AS rows
          FROM (VALUES ('verdicts', (SELECT count(*) FROM verdicts)),
                       ('prompts', (SELECT count(*) FROM prompts)),
                       ('models', (SELECT count(*) FROM models))) AS t(name, rows)
          JOIN pg_class c ON c.relname = t.name AND c.relkind = 'r'
          ORDER BY t.name`,
    );
  } finally {
    await database.close();
  }
}

test('an import leaves the planner with the row counts of the tables it filled', async () => {
  expect((await cli.run(['migrate'])).status).toBe(0);
  expect((await estimates()).map((row) => row.estimate)).toEqual([-1, -1, -1]);

  const imported = await cli.run(['import', 'arena-battles', BATTLES, '--quiet']);
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
  const after = await estimates();
  expect(after.map((row) => row.table)).toEqual(['models', 'prompts', 'verdicts']);
  for (const row of after) expect([row.table, row.estimate]).toEqual([row.table, row.rows]);
  expect(after.find((row) => row.table === 'verdicts')?.rows).toBeGreaterThan(100);
});

test('a database filled through the API only is analysed when a command next opens it', async () => {
  const served = await serveDatabase(cli, { VERDICTS_AUTH: 'off' });
  try {
    const verdicts = Array.from({ length: 30 }, (_, i) => ({
      judge: 'j',
      prompt: { text: `p${i}` },
      modelA: 'm1',
      modelB: 'm2',
      outcome: 'A_BETTER',
    }));
    const recorded = await postGraphQL(
      served.url,
      `mutation ($verdicts: [VerdictInput!]!) { recordVerdicts(input: { verdicts: $verdicts }) { accepted } }`,
      { verdicts },
    );
    expect(recorded).toEqual({ status: 200, data: { recordVerdicts: { accepted: 30 } } });
  } finally {
    await served.stop();
  }
  expect((await estimates()).map((row) => row.estimate)).toEqual([-1, -1, -1]);

  expect((await cli.run(['migrate'])).status).toBe(0);
  const after = await estimates();
  for (const row of after) expect([row.table, row.estimate]).toEqual([row.table, row.rows]);
  expect(after.find((row) => row.table === 'verdicts')?.rows).toBe(30);
});
