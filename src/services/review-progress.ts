/**
 * How far review queues are: items, votes cast against votes planned, live claims, and per
 * reviewer the votes, time per vote (claim to vote) and agreement with gold items. Read for many
 * queues in two statements (the GraphQL loader batches a page of queues).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';

export interface ReviewerProgressRow {
  reviewer: string;
  votes: number;
  activeClaims: number;
  /** Median seconds from claim to vote; null before the first vote. */
  medianSecondsPerVote: number | null;
  goldVotes: number;
  /** Gold votes that pick the same winner (or a tie) as the gold answer. */
  goldAgreements: number;
}

export interface QueueProgress {
  items: number;
  goldItems: number;
  /** Items with all their planned reviews. */
  completeItems: number;
  votes: number;
  votesPlanned: number;
  activeClaims: number;
  medianSecondsPerVote: number | null;
  reviewers: ReviewerProgressRow[];
}

type Count = string | number;

/** The winner a label names: A, B or a tie (`A=B` and BOTH_BAD score ½ alike). */
export const VOTE_SIDE = sql.raw(
  `CASE WHEN c.outcome IN ('A>>B', 'A>B') THEN 1 WHEN c.outcome IN ('B>A', 'B>>A') THEN -1 ELSE 0 END`,
);
export const GOLD_SIDE = sql.raw(
  `CASE WHEN i.gold_outcome IN ('A>>B', 'A>B') THEN 1 WHEN i.gold_outcome IN ('B>A', 'B>>A') THEN -1 ELSE 0 END`,
);

export async function progressOfQueues(
  db: Pick<Database, 'execute'>,
  queueIds: readonly number[],
): Promise<QueueProgress[]> {
  const ids = sql.param([...queueIds]);
  const totals = await queryRows<{
    queue_id: number;
    items: Count;
    gold_items: Count;
    complete_items: Count;
    votes: Count;
    votes_planned: Count;
  }>(
    db,
    sql`
    SELECT i.queue_id, count(*) AS items, count(i.gold_outcome) AS gold_items,
           count(*) FILTER (WHERE i.votes >= q.reviews_per_item) AS complete_items,
           sum(i.votes) AS votes, count(*) * q.reviews_per_item AS votes_planned
    FROM review_items i JOIN review_queues q ON q.id = i.queue_id
    WHERE i.queue_id = ANY(${ids}::int[]) GROUP BY i.queue_id, q.reviews_per_item`,
  );
  const reviewers = await queryRows<{
    queue_id: number;
    reviewer: string | null;
    votes: Count;
    active_claims: Count;
    median_seconds: number | string | null;
    gold_votes: Count;
    gold_agreements: Count;
  }>(
    db,
    sql`
    SELECT i.queue_id, c.reviewer,
           count(c.voted_at) AS votes,
           count(*) FILTER (WHERE c.voted_at IS NULL AND c.expires_at > now()) AS active_claims,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.voted_at - c.claimed_at)) AS median_seconds,
           count(c.voted_at) FILTER (WHERE i.gold_outcome IS NOT NULL) AS gold_votes,
           count(c.voted_at) FILTER (WHERE i.gold_outcome IS NOT NULL AND ${VOTE_SIDE} = ${GOLD_SIDE}) AS gold_agreements
    FROM review_claims c JOIN review_items i ON i.id = c.item_id
    WHERE i.queue_id = ANY(${ids}::int[])
    GROUP BY GROUPING SETS ((i.queue_id, c.reviewer), (i.queue_id))
    ORDER BY i.queue_id, c.reviewer`,
  );
  return queueIds.map((id) => {
    const total = totals.find((row) => row.queue_id === id);
    const own = reviewers.filter((row) => row.queue_id === id);
    const overall = own.find((row) => row.reviewer === null);
    return {
      items: Number(total?.items ?? 0),
      goldItems: Number(total?.gold_items ?? 0),
      completeItems: Number(total?.complete_items ?? 0),
      votes: Number(total?.votes ?? 0),
      votesPlanned: Number(total?.votes_planned ?? 0),
      activeClaims: Number(overall?.active_claims ?? 0),
      medianSecondsPerVote: median(overall?.median_seconds ?? null),
      reviewers: own
        .filter((row) => row.reviewer !== null)
        .map((row) => ({
          reviewer: row.reviewer ?? '',
          votes: Number(row.votes),
          activeClaims: Number(row.active_claims),
          medianSecondsPerVote: median(row.median_seconds),
          goldVotes: Number(row.gold_votes),
          goldAgreements: Number(row.gold_agreements),
        })),
    };
  });
}

function median(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
