/**
 * Claims: a reviewer's hold on one item of a queue until the reservation expires (DESIGN.md §7).
 * An item is handed to at most `reviews_per_item` reviewers at once, counting votes cast and
 * claims not yet expired, and never twice to one reviewer (a unique index).
 *
 * Concurrency: the candidate item is locked with FOR UPDATE SKIP LOCKED, so concurrent claims
 * take different items without waiting; the claim is then inserted by a second statement that
 * counts the item's live claims again. Under READ COMMITTED that statement's snapshot is taken
 * after the lock was granted, so it sees every claim committed by earlier holders of the lock
 * (the first statement's snapshot may predate them). Votes update the item row too, so they
 * queue on the same lock.
 */
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client';
import { queryRows } from '../db/rows';
import { excerpt } from '../domain/excerpt';
import type { UserError } from '../domain/verdict-record';
import { findReviewQueue, unknownQueueMessage, type QueueRow } from './review-queues';

export interface ClaimRow {
  id: number;
  queueId: number;
  itemId: number;
  reviewer: string;
  claimedAt: Date;
  expiresAt: Date;
  votedAt: Date | null;
}

export type ClaimResult =
  { claim: ClaimRow; userErrors: [] } | { claim: null; userErrors: UserError[] };

/** A live claim this reviewer already holds is returned again: a reloaded page resumes it. */
export async function claimReviewItem(
  db: Database,
  queueName: string,
  reviewer: string,
  apiKeyId: number | null,
): Promise<ClaimResult> {
  const queue = await findReviewQueue(db, queueName);
  const refuse = (code: string, message: string): ClaimResult => ({
    claim: null,
    userErrors: [{ code, field: 'queue', message }],
  });
  if (!queue) return refuse('NOT_FOUND', await unknownQueueMessage(db, queueName));
  if (queue.status !== 'OPEN')
    return refuse(
      `QUEUE_${queue.status}`,
      `review queue ${excerpt(queueName)} is ${queue.status.toLowerCase()}; no items are handed out.`,
    );
  return db.transaction(async (tx) => {
    const [held] = await claimsWhere(
      tx,
      sql`i.queue_id = ${queue.id} AND c.reviewer = ${reviewer} AND c.voted_at IS NULL AND c.expires_at > now()`,
    );
    if (held) return { claim: held, userErrors: [] };
    const tried: number[] = [];
    for (;;) {
      const [candidate] = await queryRows<{ id: number }>(
        tx,
        sql`
        SELECT i.id FROM review_items i
        WHERE i.queue_id = ${queue.id} AND i.votes < ${queue.reviewsPerItem}
          AND i.id <> ALL(${sql.param(tried)}::int[])
          AND NOT EXISTS (SELECT 1 FROM review_claims c WHERE c.item_id = i.id AND c.reviewer = ${reviewer})
          AND ${liveClaims(sql`i.id`)} < ${queue.reviewsPerItem}
        ORDER BY i.position
        LIMIT 1
        FOR UPDATE OF i SKIP LOCKED`,
      );
      if (!candidate) return nothingToReview(tx, queue, reviewer);
      const [inserted] = await queryRows<ClaimRecord>(
        tx,
        sql`
        INSERT INTO review_claims AS c (item_id, reviewer, api_key_id, claimed_at, expires_at)
        SELECT ${candidate.id}, ${reviewer}, ${apiKeyId}, now(), now() + make_interval(secs => ${queue.reservationSeconds})
        WHERE ${liveClaims(sql`${candidate.id}::int`)} < ${queue.reviewsPerItem}
        ON CONFLICT (item_id, reviewer) DO NOTHING
        RETURNING ${CLAIM_COLUMNS}, ${queue.id}::int AS queue_id`,
      );
      if (inserted) return { claim: claimOfRow(inserted), userErrors: [] };
      tried.push(candidate.id);
    }
  });
}

/** Votes cast plus claims still reserved, on one item. */
function liveClaims(itemId: ReturnType<typeof sql>) {
  return sql`(SELECT count(*) FROM review_claims c WHERE c.item_id = ${itemId} AND (c.voted_at IS NOT NULL OR c.expires_at > now()))`;
}

/** Why no item can be handed out: the queue is done, this reviewer has seen the rest, or others hold it. */
async function nothingToReview(
  tx: Transaction,
  queue: QueueRow,
  reviewer: string,
): Promise<ClaimResult> {
  const [state] = await queryRows<{
    open_items: string | number;
    unseen: string | number;
    next_expiry: Date | string | null;
  }>(
    tx,
    sql`
    SELECT count(*) AS open_items,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM review_claims c WHERE c.item_id = i.id AND c.reviewer = ${reviewer})) AS unseen,
           (SELECT min(c.expires_at) FROM review_claims c JOIN review_items ci ON ci.id = c.item_id
            WHERE ci.queue_id = ${queue.id} AND c.voted_at IS NULL AND c.expires_at > now()) AS next_expiry
    FROM review_items i WHERE i.queue_id = ${queue.id} AND i.votes < ${queue.reviewsPerItem}`,
  );
  const name = excerpt(queue.name);
  const message =
    Number(state.open_items) === 0
      ? `review queue ${name} is complete: every item has its ${queue.reviewsPerItem} reviews.`
      : Number(state.unseen) === 0
        ? `you have reviewed every item of ${name} that still needs reviews.`
        : state.next_expiry === null
          ? `every item of ${name} left for you is being claimed by other reviewers right now; try again.`
          : `every item of ${name} left for you is held by other reviewers; the next reservation ends at ${new Date(state.next_expiry).toISOString()}.`;
  const code =
    Number(state.open_items) === 0
      ? 'QUEUE_COMPLETE'
      : Number(state.unseen) === 0
        ? 'NOTHING_LEFT_FOR_REVIEWER'
        : 'ALL_ITEMS_HELD';
  return { claim: null, userErrors: [{ code, field: 'queue', message }] };
}

/** The columns of a claim row as `claimOfRow` reads them (with the item's queue as queue_id). */
export const CLAIM_COLUMNS = sql.raw(
  'c.id, c.item_id, c.reviewer, c.claimed_at, c.expires_at, c.voted_at',
);

export interface ClaimRecord {
  id: string | number;
  queue_id: number;
  item_id: number;
  reviewer: string;
  claimed_at: Date | string;
  expires_at: Date | string;
  voted_at: Date | string | null;
}

export function claimOfRow(row: ClaimRecord): ClaimRow {
  return {
    id: Number(row.id),
    queueId: row.queue_id,
    itemId: row.item_id,
    reviewer: row.reviewer,
    claimedAt: new Date(row.claimed_at),
    expiresAt: new Date(row.expires_at),
    votedAt: row.voted_at === null ? null : new Date(row.voted_at),
  };
}

export async function claimsWhere(
  db: Pick<Database, 'execute'>,
  where: ReturnType<typeof sql>,
): Promise<ClaimRow[]> {
  const rows = await queryRows<ClaimRecord>(
    db,
    sql`
    SELECT ${CLAIM_COLUMNS}, i.queue_id
    FROM review_claims c JOIN review_items i ON i.id = c.item_id WHERE ${where} ORDER BY c.id`,
  );
  return rows.map(claimOfRow);
}
