/**
 * Verdicts aggregated by SQL per (prompt, model A, model B, outcome, preference): what the
 * cluster-robust intervals read (clusterBy PROMPT). The result has one row per distinct cell of
 * each prompt, so the rating math's cost grows with those cells, not with verdicts.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { OutcomeLabel } from '../domain/outcome-labels';
import type { CountedOutcome } from './verdict-counts';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export interface PromptCountedOutcome extends CountedOutcome {
  promptId: number;
}

export async function countOutcomesByPrompt(
  db: Database,
  filter: VerdictFilter,
): Promise<PromptCountedOutcome[]> {
  const rows = await queryRows<{
    prompt_id: number;
    model_a_id: number;
    model_b_id: number;
    outcome: OutcomeLabel;
    preference_a: number | null;
    n: string;
  }>(
    db,
    sql`
    SELECT v.prompt_id, v.model_a_id, v.model_b_id, v.outcome, v.preference_a, count(*) AS n
    FROM verdicts v WHERE ${verdictFilterCondition(filter)}
    GROUP BY v.prompt_id, v.model_a_id, v.model_b_id, v.outcome, v.preference_a`,
  );
  return rows.map((row) => ({
    promptId: row.prompt_id,
    modelAId: row.model_a_id,
    modelBId: row.model_b_id,
    outcome: row.outcome,
    preferenceA: row.preference_a,
    count: Number(row.n),
  }));
}

/** The same counts summed over prompts: what the rest of the leaderboard reads. */
export function sumOverPrompts(rows: readonly PromptCountedOutcome[]): CountedOutcome[] {
  const byKey = new Map<string, CountedOutcome>();
  for (const { promptId: _promptId, ...row } of rows) {
    const key = `${row.modelAId},${row.modelBId},${row.outcome},${row.preferenceA}`;
    const existing = byKey.get(key);
    if (existing) existing.count += row.count;
    else byKey.set(key, { ...row });
  }
  return [...byKey.values()];
}
