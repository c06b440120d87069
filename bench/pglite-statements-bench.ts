/**
 * `npm run bench -- --suite pglite-statements` (`--rounds N`, default 6): what one statement
 * costs through Drizzle on PGlite, on PGlite's own client and on the one Verdicts hands Drizzle
 * (db/pglite-parsers.ts, which spares PGlite a copy of its parser table per query). Two in-memory
 * databases in one process, the same mix of transactions on each, taking turns so that a busy
 * machine slows both alike; the first round warms up and is not counted.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { drizzleClient } from '../src/db/pglite-parsers';
import { median, optionValue, writeSuiteResults } from './suite-support';

const TRANSACTIONS = 300;
/**
 * Statements counted per transaction: insert, select, update, then a count outside it. The time
 * of each transaction's BEGIN and COMMIT is spread over those four.
 */
const STATEMENTS = TRANSACTIONS * 4;

type Db = ReturnType<typeof drizzle>;

async function oneRound(db: Db): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < TRANSACTIONS; i++) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO bench_rows (name) VALUES (${`row ${i}`})`);
      await tx.execute(sql`SELECT id, name, at FROM bench_rows WHERE id = ${i}`);
      await tx.execute(sql`UPDATE bench_rows SET name = ${'renamed'} WHERE id = ${i}`);
    });
    await db.execute(sql`SELECT count(*) FROM bench_rows`);
  }
  return ((performance.now() - started) * 1000) / STATEMENTS;
}

export async function runPgliteStatementsBench(argv: string[]): Promise<void> {
  const rounds = Number(optionValue(argv, '--rounds') ?? 6);
  if (!(Number.isInteger(rounds) && rounds >= 2))
    throw new Error(`--rounds: expected an integer of at least 2, but received ${rounds}`);
  const [plainClient, wrappedClient] = await Promise.all([PGlite.create(), PGlite.create()]);
  const clients = {
    plain: drizzle({ client: plainClient }),
    verdicts: drizzle({ client: drizzleClient(wrappedClient) }),
  };
  const perStatement: Record<keyof typeof clients, number[]> = { plain: [], verdicts: [] };
  for (const db of Object.values(clients))
    await db.execute(
      sql`CREATE TABLE bench_rows (id serial PRIMARY KEY, name text, at timestamptz DEFAULT now())`,
    );
  for (let round = 0; round < rounds; round++) {
    const order =
      round % 2 === 0 ? (['plain', 'verdicts'] as const) : (['verdicts', 'plain'] as const);
    for (const name of order) {
      const micros = await oneRound(clients[name]);
      if (round > 0) perStatement[name].push(micros);
    }
  }
  await Promise.all([plainClient.close(), wrappedClient.close()]);
  const plain = median(perStatement.plain);
  const verdicts = median(perStatement.verdicts);
  const format = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const table = [
    `Drizzle on PGlite, µs per statement (median of ${rounds - 1} rounds of ${STATEMENTS} statements; BEGIN/COMMIT counted in)`,
    `  PGlite's own client             ${plain.toFixed(0).padStart(5)}   (${format(perStatement.plain)})`,
    `  the client Verdicts hands it    ${verdicts.toFixed(0).padStart(5)}   (${format(perStatement.verdicts)})`,
    `  saved                           ${(100 * (1 - verdicts / plain)).toFixed(0).padStart(4)}%`,
  ].join('\n');
  console.log(table);
  await writeSuiteResults(
    'pglite-statements',
    argv,
    { rounds, perStatement, plain, verdicts },
    table,
  );
}
