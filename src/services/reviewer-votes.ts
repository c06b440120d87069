/**
 * What reviewer quality reads: every human vote of a slice in the order it was cast, and, for
 * the votes cast through a review queue, the time from claim to vote and the gold answers.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { OutcomeLabel } from '../domain/outcome-labels';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';
import { GOLD_SIDE, VOTE_SIDE } from './review-progress';

export interface HumanVote {
  reviewer: string;
  promptId: number;
  modelAId: number;
  modelBId: number;
  outcome: OutcomeLabel;
  preferenceA: number | null;
  shownFirst: 'A' | 'B' | null;
}

/** Human verdicts of the slice, oldest first (creation time, then id). */
export async function humanVotes(db: Database, slice: VerdictFilter): Promise<HumanVote[]> {
  const rows = await queryRows<{
    reviewer: string;
    prompt_id: number;
    model_a_id: number;
    model_b_id: number;
    outcome: OutcomeLabel;
    preference_a: number | null;
    shown_first: 'A' | 'B' | null;
  }>(
    db,
    sql`
    SELECT j.name AS reviewer, v.prompt_id, v.model_a_id, v.model_b_id, v.outcome, v.preference_a, v.shown_first
    FROM verdicts v JOIN judges j ON j.id = v.judge_id
    WHERE ${verdictFilterCondition({ ...slice, judgeKinds: ['HUMAN'] })}
    ORDER BY v.created_at, v.id`,
  );
  return rows.map((row) => ({
    reviewer: row.reviewer,
    promptId: row.prompt_id,
    modelAId: row.model_a_id,
    modelBId: row.model_b_id,
    outcome: row.outcome,
    preferenceA: row.preference_a,
    shownFirst: row.shown_first,
  }));
}

export interface QueuedVoteStatistics {
  /** The judge the votes are stored under (`human:<reviewer>`). */
  judge: string;
  queuedVotes: number;
  medianSecondsPerVote: number | null;
  goldVotes: number;
  goldAgreements: number;
}

/** Per reviewer judge, the votes of the slice cast through a queue: claim-to-vote time and gold. */
export async function queuedVoteStatistics(
  db: Database,
  slice: VerdictFilter,
): Promise<Map<string, QueuedVoteStatistics>> {
  const rows = await queryRows<{
    judge: string;
    votes: string | number;
    median_seconds: string | number | null;
    gold_votes: string | number;
    gold_agreements: string | number;
  }>(
    db,
    sql`
    SELECT j.name AS judge, count(*) AS votes,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.voted_at - c.claimed_at)) AS median_seconds,
           count(*) FILTER (WHERE i.gold_outcome IS NOT NULL) AS gold_votes,
           count(*) FILTER (WHERE i.gold_outcome IS NOT NULL AND ${VOTE_SIDE} = ${GOLD_SIDE}) AS gold_agreements
    FROM review_claims c
    JOIN review_items i ON i.id = c.item_id
    JOIN verdicts v ON v.id = c.verdict_id
    JOIN judges j ON j.id = v.judge_id
    WHERE c.voted_at IS NOT NULL AND ${verdictFilterCondition({ ...slice, judgeKinds: ['HUMAN'] })}
    GROUP BY j.name`,
  );
  return new Map(
    rows.map((row) => [
      row.judge,
      {
        judge: row.judge,
        queuedVotes: Number(row.votes),
        medianSecondsPerVote: row.median_seconds === null ? null : Number(row.median_seconds),
        goldVotes: Number(row.gold_votes),
        goldAgreements: Number(row.gold_agreements),
      },
    ]),
  );
}
