/**
 * The prompt categories that verdicts in the rankings fall into, read from the counts table
 * (its size grows with distinct cells, not with verdicts).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';

export interface CategoryCount {
  name: string;
  verdicts: number;
  /** The same verdicts by judge kind, so a picker can count only the kinds ticked. */
  judgeKinds: { kind: string; verdicts: number }[];
}

export async function listCategories(db: Database): Promise<CategoryCount[]> {
  const rows = await queryRows<{ category: string; kind: string; verdicts: string | number }>(
    db,
    sql`
    SELECT c.category, j.kind, sum(c.verdicts) AS verdicts
    FROM verdict_counts c JOIN judges j ON j.id = c.judge_id
    WHERE c.category <> '' GROUP BY c.category, j.kind HAVING sum(c.verdicts) > 0
    ORDER BY c.category, j.kind`,
  );
  const categories = new Map<string, CategoryCount>();
  for (const row of rows) {
    const category = categories.get(row.category) ?? {
      name: row.category,
      verdicts: 0,
      judgeKinds: [],
    };
    category.verdicts += Number(row.verdicts);
    category.judgeKinds.push({ kind: row.kind, verdicts: Number(row.verdicts) });
    categories.set(row.category, category);
  }
  return [...categories.values()];
}
