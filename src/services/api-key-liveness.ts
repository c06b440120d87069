/** Which of some API keys are still live: for connections that outlast one request. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';

export async function liveApiKeyIds(db: Database, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`
    SELECT id FROM api_keys WHERE id = ANY(${sql.param([...ids])}::int[]) AND revoked_at IS NULL`,
  );
  return new Set(rows.map((row) => Number(row.id)));
}
