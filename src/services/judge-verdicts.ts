/**
 * The verdicts judge-quality reads, grouped by SQL into
 * (judge, prompt, model A, model B, outcome, preference, shown first) counts.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { OutcomeLabel } from '../domain/outcome-labels';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export interface JudgedGroup {
  judgeId: number;
  promptId: number;
  modelAId: number;
  modelBId: number;
  outcome: OutcomeLabel;
  preferenceA: number | null;
  shownFirst: 'A' | 'B' | null;
  count: number;
}

export async function judgedGroups(db: Database, filter: VerdictFilter): Promise<JudgedGroup[]> {
  const rows = await queryRows<{
    judge_id: number;
    prompt_id: number;
    model_a_id: number;
    model_b_id: number;
    outcome: OutcomeLabel;
    preference_a: number | null;
    shown_first: 'A' | 'B' | null;
    n: string;
  }>(
    db,
    sql`
    SELECT v.judge_id, v.prompt_id, v.model_a_id, v.model_b_id, v.outcome, v.preference_a, v.shown_first, count(*) AS n
    FROM verdicts v WHERE ${verdictFilterCondition(filter)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  );
  return rows.map((row) => ({
    judgeId: row.judge_id,
    promptId: row.prompt_id,
    modelAId: row.model_a_id,
    modelBId: row.model_b_id,
    outcome: row.outcome,
    preferenceA: row.preference_a,
    shownFirst: row.shown_first,
    count: Number(row.n),
  }));
}

/** Whether a judge of that name (or `name@version`) is stored, asked of the judges table alone. */
export async function judgeExists(db: Database, judge: string): Promise<boolean> {
  const rows = await queryRows<{ found: number }>(
    db,
    sql`
    SELECT 1 AS found FROM judges WHERE name = ${judge} OR name || '@' || version = ${judge} LIMIT 1`,
  );
  return rows.length > 0;
}

/** Swap pairs are one judge's verdicts on one prompt between one unordered pair of models. */
export function swapGroupKey(
  group: Pick<JudgedGroup, 'judgeId' | 'promptId' | 'modelAId' | 'modelBId'>,
): string {
  return `${group.judgeId}:${group.promptId}:${Math.min(group.modelAId, group.modelBId)}:${Math.max(group.modelAId, group.modelBId)}`;
}
