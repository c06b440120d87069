/** Queues and items by id, in the order asked, for the per-request loaders. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { PositionName } from '../domain/verdict-record';
import { queuesWhere, type QueueRow } from './review-queues';

export interface ReviewItemRow {
  id: number;
  queueId: number;
  position: number;
  promptId: number;
  responseAId: number;
  responseBId: number;
  shownFirst: PositionName;
}

export async function reviewQueuesByIds(
  db: Pick<Database, 'execute'>,
  ids: readonly number[],
): Promise<(QueueRow | null)[]> {
  const rows = await queuesWhere(db, sql`q.id = ANY(${sql.param([...ids])}::int[])`);
  return ids.map((id) => rows.find((row) => row.id === id) ?? null);
}

export async function reviewItemsByIds(
  db: Pick<Database, 'execute'>,
  ids: readonly number[],
): Promise<(ReviewItemRow | null)[]> {
  const rows = await queryRows<{
    id: number;
    queue_id: number;
    position: number;
    prompt_id: number;
    response_a_id: number;
    response_b_id: number;
    shown_first: PositionName;
  }>(
    db,
    sql`
    SELECT id, queue_id, position, prompt_id, response_a_id, response_b_id, shown_first
    FROM review_items WHERE id = ANY(${sql.param([...ids])}::int[])`,
  );
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        queueId: row.queue_id,
        position: row.position,
        promptId: row.prompt_id,
        responseAId: row.response_a_id,
        responseBId: row.response_b_id,
        shownFirst: row.shown_first,
      },
    ]),
  );
  return ids.map((id) => byId.get(id) ?? null);
}
