/**
 * The battles (current verdicts) fought on prompts and the judges who decided them, for many
 * prompts in one statement each: what a page of search hits shows under every prompt.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { arrayLiteral } from '../db/array-literal';
import { queryRows } from '../db/rows';

export interface PromptBattles {
  /** The verdict ids, oldest first, at most the number asked for. */
  verdictIds: number[];
  /** Every current verdict on the prompt. */
  total: number;
}

/** Per prompt id, its first `limit` current verdicts (a superseded one was corrected). */
export async function battlesOfPrompts(
  db: Database,
  promptIds: readonly number[],
  limit: number,
): Promise<PromptBattles[]> {
  const rows = await queryRows<{ prompt_id: number; id: number; total: number }>(
    db,
    sql`SELECT prompt_id, id, total FROM (
          SELECT v.prompt_id, v.id,
                 row_number() OVER (PARTITION BY v.prompt_id ORDER BY v.id) AS position,
                 count(*) OVER (PARTITION BY v.prompt_id) AS total
          FROM verdicts v
          WHERE v.prompt_id = ANY(${arrayLiteral(promptIds)}::int[]) AND v.superseded_by IS NULL
        ) numbered
        WHERE position <= ${limit} ORDER BY prompt_id, id`,
  );
  const byPrompt = new Map<number, PromptBattles>(
    promptIds.map((id) => [id, { verdictIds: [], total: 0 }]),
  );
  for (const row of rows) {
    const battles = byPrompt.get(Number(row.prompt_id));
    if (battles === undefined) continue;
    battles.verdictIds.push(Number(row.id));
    battles.total = Number(row.total);
  }
  return promptIds.map((id) => byPrompt.get(id) as PromptBattles);
}

/** Per prompt id, the ids of the judges (versions) with a current verdict on it, in id order. */
export async function judgeIdsOfPrompts(
  db: Database,
  promptIds: readonly number[],
): Promise<number[][]> {
  const rows = await queryRows<{ prompt_id: number; judge_id: number }>(
    db,
    sql`SELECT DISTINCT v.prompt_id, v.judge_id FROM verdicts v
        WHERE v.prompt_id = ANY(${arrayLiteral(promptIds)}::int[]) AND v.superseded_by IS NULL
        ORDER BY v.prompt_id, v.judge_id`,
  );
  const byPrompt = new Map<number, number[]>(promptIds.map((id) => [id, []]));
  for (const row of rows) byPrompt.get(Number(row.prompt_id))?.push(Number(row.judge_id));
  return promptIds.map((id) => byPrompt.get(id) as number[]);
}
