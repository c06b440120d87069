/**
 * What the rating math reads from the database: verdicts aggregated by SQL into
 * (model A, model B, outcome, preference) counts. The verdicts in time order, for online Elo, are in
 * verdict-stream.ts; the style-controllable verdicts, for style control, in style-verdicts.ts.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { inArray } from 'drizzle-orm';
import { queryRows } from '../db/rows';
import { models } from '../db/schema';
import type { OutcomeLabel } from '../domain/outcome-labels';
import {
  countsCanServe,
  countsFilterCondition,
  verdictFilterCondition,
  type VerdictFilter,
} from './verdict-filter';

export interface CountedOutcome {
  modelAId: number;
  modelBId: number;
  outcome: OutcomeLabel;
  preferenceA: number | null;
  count: number;
}

/**
 * Counts per (model A, model B, outcome, preference): from the counts table when the filter allows
 * (cost grows with distinct cells), else grouped from the verdicts. `source` forces one of them.
 */
export async function countOutcomes(
  db: Database,
  filter: VerdictFilter,
  source: 'auto' | 'verdicts' = 'auto',
): Promise<CountedOutcome[]> {
  return countedRows(await queryRows<CountRow>(db, countStatement(filter, source)));
}

/**
 * countOutcomes with the data version it counted at, read by the same statement and so from the
 * same snapshot: a cache that extends the counts by the verdicts appended after that version
 * (next-comparisons-board.ts) neither misses nor doubles one that committed in between.
 */
export async function countOutcomesWithVersion(
  db: Database,
  filter: VerdictFilter,
): Promise<{ version: number; counted: CountedOutcome[] }> {
  const rows = await queryRows<CountRow & { data_version: string | number }>(
    db,
    sql`
      SELECT d.version AS data_version, c.* FROM data_version d
      LEFT JOIN LATERAL (${countStatement(filter, 'auto')}) c ON TRUE
      WHERE d.id = 1`,
  );
  const version = Number(rows[0]?.data_version ?? 0);
  return { version, counted: countedRows(rows.filter((row) => row.model_a_id !== null)) };
}

interface CountRow {
  model_a_id: number;
  model_b_id: number;
  outcome: OutcomeLabel;
  preference_a: number | null;
  n: string;
}

function countStatement(filter: VerdictFilter, source: 'auto' | 'verdicts') {
  const fromCounts = source === 'auto' && countsCanServe(filter);
  return fromCounts
    ? sql`
      SELECT c.model_a_id, c.model_b_id, c.outcome, NULLIF(c.preference_a, -1) AS preference_a, sum(c.verdicts) AS n
      FROM verdict_counts c WHERE ${countsFilterCondition(filter)}
      GROUP BY 1, 2, 3, 4 HAVING sum(c.verdicts) > 0`
    : sql`
      SELECT v.model_a_id, v.model_b_id, v.outcome, v.preference_a, count(*) AS n
      FROM verdicts v WHERE ${verdictFilterCondition(filter)}
      GROUP BY v.model_a_id, v.model_b_id, v.outcome, v.preference_a`;
}

function countedRows(rows: readonly CountRow[]): CountedOutcome[] {
  return rows.map((row) => ({
    modelAId: row.model_a_id,
    modelBId: row.model_b_id,
    outcome: row.outcome,
    preferenceA: row.preference_a,
    count: Number(row.n),
  }));
}

export async function modelsByIdsForRanking(
  db: Database,
  ids: number[],
): Promise<Map<number, { id: number; name: string; createdAt: Date }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(models).where(inArray(models.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function modelIdsByNames(db: Database, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`
    SELECT id, name FROM models WHERE name = ANY(${sql.param(names)}::text[])`,
  );
  return new Map(rows.map((row) => [row.name, row.id]));
}
