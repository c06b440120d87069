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
}

export async function listCategories(db: Database): Promise<CategoryCount[]> {
  const rows = await queryRows<{ category: string; verdicts: string | number }>(
    db,
    sql`
    SELECT category, sum(verdicts) AS verdicts FROM verdict_counts
    WHERE category <> '' GROUP BY category HAVING sum(verdicts) > 0 ORDER BY category`,
  );
  return rows.map((row) => ({ name: row.category, verdicts: Number(row.verdicts) }));
}
