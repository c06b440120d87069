/**
 * Lookups by id for the per-request DataLoaders: each takes a whole batch of ids and answers
 * in one statement, in the order of the ids asked (null where none exists).
 */
import { eq, getTableColumns, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { arrayLiteral } from '../db/array-literal';
import { queryRows } from '../db/rows';
import { judges, models, prompts, responses, verdicts } from '../db/schema';

export type ModelRow = typeof models.$inferSelect;
export type JudgeRow = typeof judges.$inferSelect;
export type PromptRow = Omit<typeof prompts.$inferSelect, 'searchDocument'>;
export type ResponseRow = Omit<typeof responses.$inferSelect, 'searchDocument'>;

// A row's columns without its search document: as long as the text, and only search reads it.
const { searchDocument: _promptDocument, ...promptColumns } = getTableColumns(prompts);
const { searchDocument: _responseDocument, ...responseColumns } = getTableColumns(responses);
export const PROMPT_COLUMNS = promptColumns;
export const RESPONSE_COLUMNS = responseColumns;
export type VerdictRow = typeof verdicts.$inferSelect;

export interface ModelStats {
  wins: number;
  losses: number;
  ties: number;
  battles: number;
}

/**
 * `column = ANY($1)` with the ids as one array literal: `inArray` binds one parameter per id,
 * and building and binding a hundred parameters cost more than the lookup itself on a page.
 */
function idIn(column: AnyColumn, ids: readonly number[], type: 'int' | 'bigint'): SQL {
  return sql`${column} = ANY(${arrayLiteral(ids)}::${sql.raw(type)}[])`;
}

function inOrder<Row, Key>(
  keys: readonly Key[],
  rows: Row[],
  keyOf: (row: Row) => Key,
): (Row | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

export async function modelsByIds(
  db: Database,
  ids: readonly number[],
): Promise<(ModelRow | null)[]> {
  return inOrder(
    ids,
    await db
      .select()
      .from(models)
      .where(idIn(models.id, ids, 'int')),
    (row) => row.id,
  );
}

export async function judgesByIds(
  db: Database,
  ids: readonly number[],
): Promise<(JudgeRow | null)[]> {
  return inOrder(
    ids,
    await db
      .select()
      .from(judges)
      .where(idIn(judges.id, ids, 'int')),
    (row) => row.id,
  );
}

export async function promptsByIds(
  db: Database,
  ids: readonly number[],
): Promise<(PromptRow | null)[]> {
  return inOrder(
    ids,
    await db
      .select(PROMPT_COLUMNS)
      .from(prompts)
      .where(idIn(prompts.id, ids, 'int')),
    (row) => row.id,
  );
}

export async function responsesByIds(
  db: Database,
  ids: readonly number[],
): Promise<(ResponseRow | null)[]> {
  return inOrder(
    ids,
    await db
      .select(RESPONSE_COLUMNS)
      .from(responses)
      .where(idIn(responses.id, ids, 'int')),
    (row) => row.id,
  );
}

export async function verdictsByIds(
  db: Database,
  ids: readonly number[],
): Promise<(VerdictRow | null)[]> {
  return inOrder(
    ids,
    await db
      .select()
      .from(verdicts)
      .where(idIn(verdicts.id, ids, 'bigint')),
    (row) => row.id,
  );
}

/**
 * Wins, losses and ties of each model over all verdicts in the rankings, seen from its side, read
 * from the counts table (cost grows with the model's distinct cells, not its verdicts).
 */
export async function modelStatsByIds(db: Database, ids: readonly number[]): Promise<ModelStats[]> {
  const wanted = sql.param([...ids]);
  const rows = await queryRows<{
    model_id: number;
    wins: string;
    losses: string;
    ties: string;
    battles: string;
  }>(
    db,
    sql`
    WITH sides AS (
      SELECT model_a_id AS model_id, outcome IN ('A>>B', 'A>B') AS won, outcome IN ('B>A', 'B>>A') AS lost, verdicts
      FROM verdict_counts WHERE model_a_id = ANY(${wanted}::int[])
      UNION ALL
      SELECT model_b_id, outcome IN ('B>A', 'B>>A'), outcome IN ('A>>B', 'A>B'), verdicts
      FROM verdict_counts WHERE model_b_id = ANY(${wanted}::int[]))
    SELECT model_id, coalesce(sum(verdicts) FILTER (WHERE won), 0) AS wins, coalesce(sum(verdicts) FILTER (WHERE lost), 0) AS losses,
           coalesce(sum(verdicts) FILTER (WHERE NOT won AND NOT lost), 0) AS ties, sum(verdicts) AS battles
    FROM sides GROUP BY model_id`,
  );
  const byId = new Map(rows.map((row) => [row.model_id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    return row
      ? {
          wins: Number(row.wins),
          losses: Number(row.losses),
          ties: Number(row.ties),
          battles: Number(row.battles),
        }
      : { wins: 0, losses: 0, ties: 0, battles: 0 };
  });
}

export async function listModels(db: Database): Promise<ModelRow[]> {
  return db.select().from(models).orderBy(byCodePoint(models.name));
}

export async function findModelByName(db: Database, name: string): Promise<ModelRow | null> {
  const [row] = await db.select().from(models).where(eq(models.name, name));
  return row ?? null;
}

export async function listJudges(db: Database): Promise<JudgeRow[]> {
  return db.select().from(judges).orderBy(byCodePoint(judges.name), byCodePoint(judges.version));
}

/**
 * Ascending by code point (the "C" collation), as compareCodePoints orders in memory: the
 * database's default collation follows the locale it was created with.
 */
function byCodePoint(column: AnyColumn): SQL {
  return sql`${column} COLLATE "C"`;
}
