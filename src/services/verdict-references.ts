/**
 * The foreign-key checks of a verdict insert, done once per referenced row instead of once per
 * verdict. PostgreSQL checks a foreign key with a row trigger per inserted row and reference
 * (`SELECT 1 … FOR KEY SHARE` through SPI, four or more per verdict); a batch of 5,000 verdicts
 * names a few hundred distinct judges, prompts, models and answers, so locking those rows with one
 * statement and running the insert without row triggers gives the same guarantee (every reference
 * exists, and stays until commit) for a fraction of the work: about half of the insert's time on
 * PGlite, measured (README, "Ingestion").
 *
 * Turning row triggers off (`session_replication_role = replica`, PostgreSQL docs, "Client
 * Connection Defaults") needs a superuser; for any other role the insert runs
 * with the ordinary per-row checks, and so it does when `verdicts` has any trigger besides the
 * foreign keys' internal ones (an operator's audit trigger must keep firing).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/rows';
import type { Executor } from './entity-upsert';
import type { VerdictRow } from './verdict-insert';

/** Up to this many rows, the insert keeps its per-row foreign-key checks. */
const FEW_ROWS = 8;

/**
 * Runs `insert` (one statement) with the per-row foreign-key checks replaced by one lock of the
 * distinct referenced rows, where the role may do so; otherwise runs it as it is.
 */
export async function insertWithReferencesLocked<T>(
  tx: Executor,
  rows: readonly VerdictRow[],
  apiKeyId: number | null,
  insert: () => Promise<T>,
): Promise<T> {
  // A few rows check their references with the ordinary row triggers: a handful of index probes
  // inside the insert, cheaper than the two statements (lock, reset) this would add. A review
  // vote stores one verdict per request.
  if (rows.length <= FEW_ROWS) return insert();
  const distinct = (pick: (row: VerdictRow) => number | null) => [
    ...new Set(rows.map(pick).filter((id): id is number => id !== null)),
  ];
  const wanted = {
    judges: distinct((row) => row.judgeId),
    prompts: distinct((row) => row.promptId),
    models: [...new Set([...distinct((row) => row.modelAId), ...distinct((row) => row.modelBId)])],
    responses: [
      ...new Set([...distinct((row) => row.responseAId), ...distinct((row) => row.responseBId)]),
    ],
    api_keys: apiKeyId === null ? [] : [apiKeyId],
  };
  const locked = (table: string, ids: number[]) =>
    sql`(SELECT count(*) FROM (SELECT 1 FROM ${sql.identifier(table)} WHERE id = ANY(${sql.param(ids)}::int[]) FOR KEY SHARE) AS locked)`;
  const [found] = await queryRows<Record<keyof typeof wanted | 'triggers_off', string | number>>(
    tx,
    sql`
    SELECT ${sql.join(
      Object.entries(wanted).map(
        ([table, ids]) => sql`${locked(table, ids)} AS ${sql.identifier(table)}`,
      ),
      sql`, `,
    )},
    (SELECT set_config('session_replication_role', 'replica', true) = 'replica'
       FROM (SELECT current_setting('is_superuser') = 'on' AS superuser) AS role
       WHERE superuser AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'verdicts'::regclass AND NOT tgisinternal)
    ) AS triggers_off`,
  );
  for (const [table, ids] of Object.entries(wanted)) {
    const stored = Number(found[table as keyof typeof wanted]);
    // The ids come from this transaction's find-or-create: a gap is a bug, not the user's input.
    if (stored !== ids.length)
      throw new Error(
        `Invariant failed: verdicts refer to ${ids.length} ${table}, but ${stored} of them are stored.`,
      );
  }
  if (found.triggers_off === null) return insert();
  // A failed insert aborts the transaction, and the setting goes with it.
  const result = await insert();
  // Later statements of the transaction (counts, corrections, answer links) check as usual.
  await tx.execute(sql`SELECT set_config('session_replication_role', 'origin', true)`);
  return result;
}
