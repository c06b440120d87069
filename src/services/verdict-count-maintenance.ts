/**
 * Keeps `verdict_counts` exact. Every write that changes which verdicts count (an insert, a
 * supersession, a deletion, a prompt getting its category) calls `adjustCounts` in its own
 * transaction, and `bumpDataVersion` last, so that caches in every server process see the change.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client';
import { queryRows } from '../db/rows';
import { DATA_CHANGE_CHANNEL, recordedIdParts, type DataChangeKind } from './data-change-notice';

/**
 * Adds (+1) or removes (-1) the verdicts matching `where` (over `verdicts v`) from the counts,
 * as one grouped upsert in key order (the same lock order in every transaction: no deadlocks).
 */
export async function adjustCounts(tx: Transaction, where: SQL, sign: 1 | -1): Promise<void> {
  await tx.execute(countsUpsert(sql`verdicts v`, where, sign));
}

/**
 * The grouped upsert itself, over any relation with the verdicts' columns named `v` in `from`:
 * the verdicts table, or the rows an INSERT … RETURNING just wrote (one statement, no re-read).
 */
export function countsUpsert(from: SQL, where: SQL, sign: 1 | -1): SQL {
  return sql`
    INSERT INTO verdict_counts (judge_id, category, model_a_id, model_b_id, outcome, preference_a, verdicts)
    SELECT v.judge_id, COALESCE(p.category, ''), v.model_a_id, v.model_b_id, v.outcome, COALESCE(v.preference_a, -1), ${sign} * count(*)
    FROM ${from} JOIN prompts p ON p.id = v.prompt_id
    WHERE ${where}
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (judge_id, category, model_a_id, model_b_id, outcome, preference_a)
    DO UPDATE SET verdicts = verdict_counts.verdicts + EXCLUDED.verdicts`;
}

/**
 * The last statement of a write transaction, so its row lock is held as briefly as possible.
 * The same statement sends the NOTIFY that wakes subscribers in every server process: PostgreSQL
 * delivers it at commit, and never for a transaction that rolls back (data-change-notice.ts).
 * `recordedVerdictIds`: the verdicts this transaction inserted, for `verdictsRecorded`.
 * `kind`: `appended` only when those inserts are all the transaction changed (DataChangeKind);
 * a write that rewrites stored verdicts, their prompts or their answer links keeps the default,
 * or calls `bumpDataVersionAfterRewrite`, and style caches read their slices afresh.
 * `answers`: `kept` only when the transaction stored no answer and changed no prompt or model
 * (verdicts between stored answers); anything else moves the answers version too.
 */
export async function bumpDataVersion(
  tx: Transaction,
  recordedVerdictIds: readonly number[] = [],
  kind: DataChangeKind = 'rewritten',
  answers: 'kept' | 'changed' = 'changed',
): Promise<void> {
  const parts = recordedIdParts(recordedVerdictIds);
  const answersStep = answers === 'kept' ? 0 : 1;
  await tx.execute(sql`
    WITH bumped AS (
      UPDATE data_version SET version = version + 1, answers_version = answers_version + ${answersStep}::int
      WHERE id = 1 RETURNING version)
    SELECT pg_notify(${DATA_CHANGE_CHANNEL}, json_build_object(
      'version', bumped.version, 'part', part.n, 'parts', ${parts.length}::int, 'recorded', part.runs,
      'appended', ${kind === 'appended'}::boolean)::text)
    FROM bumped, unnest(${sql.param(parts)}::text[]) WITH ORDINALITY AS part(runs, n)`);
}

/**
 * The explicit signal for a write that changed stored verdicts without inserting any: answers
 * (re)linked to them, say. Caches derived from stored verdicts are dropped at its commit.
 */
export function bumpDataVersionAfterRewrite(tx: Transaction): Promise<void> {
  return bumpDataVersion(tx, [], 'rewritten');
}

export async function readDataVersion(db: Pick<Database, 'execute'>): Promise<number> {
  const [row] = await queryRows<{ version: string | number }>(
    db,
    sql`SELECT version FROM data_version WHERE id = 1`,
  );
  return Number(row?.version ?? 0);
}

/** Moves with every write that could change the stored answers of a slice (bumpDataVersion). */
export async function readAnswersVersion(db: Pick<Database, 'execute'>): Promise<number> {
  const [row] = await queryRows<{ answers_version: string | number }>(
    db,
    sql`SELECT answers_version FROM data_version WHERE id = 1`,
  );
  return Number(row?.answers_version ?? 0);
}
