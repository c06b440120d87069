/**
 * A vote on a claimed item becomes an ordinary HUMAN verdict, checked and stored as the verdict
 * store does (so counts, the data version, NOTIFY and live leaderboards need nothing new) but by
 * the item's ids (resolved-verdict.ts),
 * in the same transaction that marks the claim voted. A claim is voted once: the verdict's
 * idempotency key is the claim's, and the client's key tells a retry of the same vote
 * (DUPLICATE) from a second, different one (ALREADY_VOTED). An expired claim still takes its
 * vote: the reviewer did the work, and the item may then get one review more than planned.
 */
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client';
import { queryRows } from '../db/rows';
import { excerpt } from '../domain/excerpt';
import { LIMITS } from '../domain/limits';
import { storedOutcomeOfVote, type ReviewVoteName } from '../domain/review-vote';
import type { PositionName, UserError, VerdictRecord } from '../domain/verdict-record';
import {
  CLAIM_COLUMNS,
  claimOfRow,
  claimsWhere,
  type ClaimRecord,
  type ClaimRow,
} from './review-claims';
import { insertResolvedVerdict } from './resolved-verdict';
import { bumpDataVersion } from './verdict-count-maintenance';

export interface VoteRequest {
  claimId: number;
  vote: ReviewVoteName;
  idempotencyKey: string;
  reviewer: string;
  apiKeyId: number | null;
}

export type VoteResult =
  | { status: 'ACCEPTED' | 'DUPLICATE'; verdictId: number | null; claim: ClaimRow; userErrors: [] }
  | { status: 'REJECTED'; verdictId: null; claim: null; userErrors: UserError[] };

/** The judge a reviewer's votes are stored under (one HUMAN judge per reviewer). */
export function reviewerJudgeName(reviewer: string): string {
  return `human:${reviewer}`;
}

interface ClaimToVote {
  reviewer: string;
  voted_at: Date | string | null;
  vote_key: string | null;
  verdict_id: string | number | null;
  item_id: number;
  queue_id: number;
  prompt_id: number;
  model_a_id: number;
  model_b_id: number;
  response_a_id: number;
  response_b_id: number;
  queue_name: string;
  dedup_key: string;
  prompt_text: string | null;
  model_a: string;
  model_b: string;
  shown_first: PositionName;
}

class VoteRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors[0]?.message);
  }
}

export async function submitReviewVote(db: Database, request: VoteRequest): Promise<VoteResult> {
  if (request.idempotencyKey === '' || request.idempotencyKey.length > LIMITS.keyLength)
    return rejected(
      'OUT_OF_RANGE',
      'input.idempotencyKey',
      `input.idempotencyKey must be 1 to ${LIMITS.keyLength} characters, but got ${request.idempotencyKey.length}.`,
    );
  try {
    return await db.transaction((tx) => voteInTransaction(tx, request));
  } catch (error) {
    if (error instanceof VoteRefused)
      return { status: 'REJECTED', verdictId: null, claim: null, userErrors: error.userErrors };
    throw error;
  }
}

async function voteInTransaction(tx: Transaction, request: VoteRequest): Promise<VoteResult> {
  const [claim] = await queryRows<ClaimToVote>(
    tx,
    sql`
    SELECT c.reviewer, c.voted_at, c.vote_key, c.verdict_id, i.id AS item_id, i.queue_id, i.prompt_id,
           i.model_a_id, i.model_b_id, i.response_a_id, i.response_b_id, q.name AS queue_name,
           p.dedup_key, p.text AS prompt_text, ma.name AS model_a, mb.name AS model_b, i.shown_first
    FROM review_claims c
    JOIN review_items i ON i.id = c.item_id JOIN review_queues q ON q.id = i.queue_id
    JOIN prompts p ON p.id = i.prompt_id
    JOIN models ma ON ma.id = i.model_a_id JOIN models mb ON mb.id = i.model_b_id
    WHERE c.id = ${request.claimId}
    FOR UPDATE OF c`,
  );
  if (!claim || claim.reviewer !== request.reviewer)
    // Another reviewer's claim is reported as missing: claim ids are not a way to learn who voted.
    throw new VoteRefused([
      {
        code: 'NOT_FOUND',
        field: 'input.claim',
        message: `reviewer ${excerpt(request.reviewer)} holds no claim ${request.claimId}.`,
      },
    ]);
  const verdictId = claim.verdict_id === null ? null : Number(claim.verdict_id);
  if (claim.voted_at !== null) {
    if (claim.vote_key !== request.idempotencyKey)
      throw new VoteRefused([
        {
          code: 'ALREADY_VOTED',
          field: 'input.claim',
          message: `claim ${request.claimId} already has a vote, sent with another idempotency key.`,
        },
      ]);
    return {
      status: 'DUPLICATE',
      verdictId,
      claim: await claimById(tx, request.claimId),
      userErrors: [],
    };
  }
  const outcome = storedOutcomeOfVote(request.vote, claim.shown_first);
  const stored = await insertResolvedVerdict(
    tx,
    verdictOfVote(claim, outcome, request.claimId),
    {
      promptId: claim.prompt_id,
      modelAId: claim.model_a_id,
      modelBId: claim.model_b_id,
      responseAId: claim.response_a_id,
      responseBId: claim.response_b_id,
    },
    `review:${claim.queue_name}`,
    request.apiKeyId,
  );
  if (stored.status === 'REJECTED') throw new VoteRefused(stored.userErrors);
  if (stored.status === 'DUPLICATE')
    // Only a verdict posted by hand under this reviewer's judge with the claim's key gets here.
    throw new VoteRefused([
      {
        code: 'ALREADY_VOTED',
        field: 'input.claim',
        message: `a verdict with claim ${request.claimId}'s idempotency key is stored already.`,
      },
    ]);
  // The claim and its item in one statement, then the data version: the bump is last (see
  // insertResolvedVerdict), and the item's row lock, which claims skip, is held from here only.
  const [voted] = await queryRows<ClaimRecord>(
    tx,
    sql`
    WITH counted AS (UPDATE review_items SET votes = votes + 1 WHERE id = ${claim.item_id})
    UPDATE review_claims c SET voted_at = now(), vote_key = ${request.idempotencyKey},
           outcome = ${outcome}::outcome_label, verdict_id = ${stored.verdictId}
    WHERE c.id = ${request.claimId}
    RETURNING ${CLAIM_COLUMNS}, ${claim.queue_id}::int AS queue_id`,
  );
  // A vote between stored answers: the answers stay as they were.
  await bumpDataVersion(tx, [stored.verdictId], 'appended', 'kept');
  return {
    status: 'ACCEPTED',
    verdictId: stored.verdictId,
    claim: claimOfRow(voted),
    userErrors: [],
  };
}

/** What the verdict is, for its checks; the item's ids are what is stored. */
function verdictOfVote(
  claim: ClaimToVote,
  outcome: VerdictRecord['outcome'],
  claimId: number,
): VerdictRecord {
  const external = claim.dedup_key.startsWith('ext:') ? claim.dedup_key.slice(4) : null;
  return {
    judge: reviewerJudgeName(claim.reviewer),
    judgeKind: 'HUMAN',
    prompt: external === null ? { text: claim.prompt_text } : { externalId: external },
    modelA: claim.model_a,
    modelB: claim.model_b,
    outcome,
    shownFirst: claim.shown_first,
    idempotencyKey: `review-claim:${claimId}`,
  };
}

async function claimById(tx: Transaction, id: number): Promise<ClaimRow> {
  const [claim] = await claimsWhere(tx, sql`c.id = ${id}`);
  return claim;
}

function rejected(code: string, field: string, message: string): VoteResult {
  return {
    status: 'REJECTED',
    verdictId: null,
    claim: null,
    userErrors: [{ code, field, message }],
  };
}
