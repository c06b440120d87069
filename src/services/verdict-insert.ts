/**
 * The statement that writes verdict rows, in two forms with the same meaning. Rows arrive with
 * their ids reserved and every reference resolved (see verdict-store.ts), in the order they must
 * be inserted; a row whose (judge, idempotency key) is stored already is skipped, and the ids that
 * were inserted come back, so the caller tells new verdicts from duplicates the same way for both.
 * The same statement adds the stored rows to verdict_counts from its RETURNING rows, so the
 * counts never re-read the verdicts just written.
 */
import { sql, type SQL } from 'drizzle-orm';
import { arrayLiteral } from '../db/array-literal';
import { copyIn } from '../db/copy-in';
import { copyTextRow } from '../db/copy-text';
import { queryRows } from '../db/rows';
import type { Executor } from './entity-upsert';
import { countsUpsert } from './verdict-count-maintenance';
import { insertWithReferencesLocked } from './verdict-references';

/** What the counts upsert reads of each stored row. */
const RETURNED = sql.raw('id, judge_id, prompt_id, model_a_id, model_b_id, outcome, preference_a');

export interface VerdictRow {
  id: number;
  judgeId: number;
  promptId: number;
  modelAId: number;
  modelBId: number;
  responseAId: number | null;
  responseBId: number | null;
  outcome: string;
  preferenceA: number | null;
  shownFirst: string | null;
  judgment: string | null;
  idempotencyKey: string | null;
  provenance: string;
  createdAt: Date | null;
}

/** Inserts the rows in the given order, skipping stored keys, and counts them; returns the ids inserted. */
export type VerdictInsert = (
  tx: Executor,
  rows: VerdictRow[],
  apiKeyId: number | null,
) => Promise<number[]>;

/** The mutation's form: one `unnest` of array parameters (a request holds at most 5,000 rows). */
export const insertFromArrays: VerdictInsert = async (tx, rows, apiKeyId) => {
  if (rows.length === 0) return [];
  const column = (pick: (row: VerdictRow) => number | string | null) =>
    arrayLiteral(rows.map(pick));
  return insertCounted(
    tx,
    rows,
    apiKeyId,
    sql`unnest(
      ${column((r) => r.id)}::bigint[], ${column((r) => r.judgeId)}::int[], ${column((r) => r.promptId)}::int[],
      ${column((r) => r.modelAId)}::int[], ${column((r) => r.modelBId)}::int[],
      ${column((r) => r.responseAId)}::int[], ${column((r) => r.responseBId)}::int[],
      ${column((r) => r.outcome)}::text[], ${column((r) => r.preferenceA)}::float8[],
      ${column((r) => r.shownFirst)}::text[], ${column((r) => r.judgment)}::text[],
      ${column((r) => r.idempotencyKey)}::text[], ${column((r) => r.provenance)}::text[],
      ${column((r) => r.createdAt?.toISOString() ?? null)}::timestamptz[]
    ) WITH ORDINALITY AS item(id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id, outcome,
              preference_a, shown_first, judgment, idempotency_key, provenance, created_at, position)`,
  );
};

const STAGED_COLUMNS = [
  'position',
  'id',
  'judge_id',
  'prompt_id',
  'model_a_id',
  'model_b_id',
  'response_a_id',
  'response_b_id',
  'outcome',
  'preference_a',
  'shown_first',
  'judgment',
  'idempotency_key',
  'provenance',
  'created_at',
] as const;

/**
 * The importer's form: COPY the rows into a temporary staging table, then one INSERT … SELECT.
 * COPY's text is the cheapest input PostgreSQL parses (no array literals, no parameters), and the
 * staging table is typed like `verdicts`, so a value it cannot hold fails the COPY, not the insert.
 */
export const insertByCopy: VerdictInsert = async (tx, rows, apiKeyId) => {
  if (rows.length === 0) return [];
  await tx.execute(sql`
    CREATE TEMP TABLE verdict_staging (
      position int NOT NULL, id bigint NOT NULL, judge_id int NOT NULL, prompt_id int NOT NULL,
      model_a_id int NOT NULL, model_b_id int NOT NULL, response_a_id int, response_b_id int,
      outcome outcome_label NOT NULL, preference_a float8, shown_first answer_position, judgment text,
      idempotency_key text, provenance text NOT NULL, created_at timestamptz
    ) ON COMMIT DROP`);
  let text = '';
  rows.forEach((row, position) => {
    text += copyTextRow([
      position,
      row.id,
      row.judgeId,
      row.promptId,
      row.modelAId,
      row.modelBId,
      row.responseAId,
      row.responseBId,
      row.outcome,
      row.preferenceA,
      row.shownFirst,
      row.judgment,
      row.idempotencyKey,
      row.provenance,
      row.createdAt?.toISOString() ?? null,
    ]);
  });
  await copyIn(tx, 'verdict_staging', STAGED_COLUMNS, text);
  return insertCounted(tx, rows, apiKeyId, sql`verdict_staging`);
};

/**
 * The statement both forms share: inserts `source`'s rows (the verdicts' columns and a
 * `position`) in position order, and counts the stored ones from its RETURNING rows. The casts
 * turn the array form's text into the enums; on the staging table's typed columns they are no-ops.
 */
async function insertCounted(
  tx: Executor,
  rows: readonly VerdictRow[],
  apiKeyId: number | null,
  source: SQL,
): Promise<number[]> {
  const inserted = await insertWithReferencesLocked(tx, rows, apiKeyId, () =>
    queryRows<{ id: string | number }>(
      tx,
      sql`
    WITH inserted AS (
    INSERT INTO verdicts (id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
                          outcome, preference_a, shown_first, judgment, idempotency_key, provenance, created_at, api_key_id)
    SELECT id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
           outcome::outcome_label, preference_a, shown_first::answer_position, judgment, idempotency_key, provenance,
           COALESCE(created_at, now()), ${apiKeyId}::int
    FROM ${source}
    ORDER BY position
    ON CONFLICT (judge_id, idempotency_key) DO NOTHING
    RETURNING ${RETURNED}
    ), counted AS (${countsUpsert(sql`inserted v`, sql`TRUE`, 1)})
    SELECT id FROM inserted`,
    ),
  );
  return inserted.map((row) => Number(row.id));
}
