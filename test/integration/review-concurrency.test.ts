/**
 * 50 reviewers at once on 1,000 items × 3 reviews (issue 22 §2): each claims and votes until the
 * queue has nothing left for them. Afterwards every item has exactly three votes from three
 * reviewers, every accepted vote is a stored verdict, and claims, items, verdicts and counts agree.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { modelNames, storeAnswers } from '../support/review-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const REVIEWERS = 50;
const ITEMS = 1000;
const REVIEWS = 3;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // 10 models × 23 prompts: 45 pairs × 23 = 1,035 distinct comparisons.
  await storeAnswers(server.database.db, modelNames(10), 23);
});
afterAll(async () => {
  await server.close();
});

const CLAIM = `mutation ($queue: String!, $reviewer: String) {
  claimReviewItem(queue: $queue, reviewer: $reviewer) { claim { id item { id } } userErrors { code } }
}`;
const VOTE = `mutation ($input: SubmitReviewVoteInput!, $reviewer: String) {
  submitReviewVote(input: $input, reviewer: $reviewer) { status verdict { id } userErrors { code } }
}`;
const VOTES = ['FIRST_BETTER', 'SECOND_BETTER', 'TIE', 'FIRST_MUCH_BETTER', 'BOTH_BAD'];

interface Review {
  reviewer: string;
  claimId: string;
  itemId: string;
  verdictId: string;
}

/** One reviewer's session: claim, vote, repeat, until the queue has nothing left for them. */
async function review(reviewer: string): Promise<Review[]> {
  const done: Review[] = [];
  for (;;) {
    const claimed = await server.graphql(CLAIM, { queue: 'load', reviewer });
    if (claimed.errors) throw new Error(JSON.stringify(claimed.errors));
    const { claim, userErrors } = claimed.data.claimReviewItem;
    if (claim === null) {
      const code = userErrors[0].code as string;
      if (code === 'QUEUE_COMPLETE' || code === 'NOTHING_LEFT_FOR_REVIEWER') return done;
      // ALL_ITEMS_HELD: the last items are held by others; the next turn of the event loop retries.
      expect(code).toBe('ALL_ITEMS_HELD');
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    const voted = await server.graphql(VOTE, {
      input: { claim: claim.id, vote: VOTES[done.length % VOTES.length], idempotencyKey: 'v' },
      reviewer,
    });
    if (voted.errors) throw new Error(JSON.stringify(voted.errors));
    expect(voted.data.submitReviewVote.status).toBe('ACCEPTED');
    done.push({
      reviewer,
      claimId: claim.id,
      itemId: claim.item.id,
      verdictId: voted.data.submitReviewVote.verdict.id,
    });
  }
}

test('50 concurrent reviewers on 1,000 items × 3 reviews: no double assignment, no lost vote, nothing half-written', async () => {
  const created = await server.graphql(
    `mutation { createReviewQueue(input: { name: "load", items: ${ITEMS}, reviewsPerItem: ${REVIEWS} }) { userErrors { code message } } }`,
  );
  expect(created.data.createReviewQueue.userErrors).toEqual([]);

  const sessions = await Promise.all(
    Array.from({ length: REVIEWERS }, (_, i) => review(`reviewer-${i}`)),
  );
  const reviews = sessions.flat();
  expect(reviews).toHaveLength(ITEMS * REVIEWS);

  // No double assignment: each item reviewed by exactly REVIEWS different reviewers.
  const reviewersByItem = new Map<string, Set<string>>();
  for (const { itemId, reviewer } of reviews) {
    const set = reviewersByItem.get(itemId) ?? new Set<string>();
    set.add(reviewer);
    reviewersByItem.set(itemId, set);
  }
  expect(reviewersByItem.size).toBe(ITEMS);
  expect([...reviewersByItem.values()].every((set) => set.size === REVIEWS)).toBe(true);

  // No lost vote: every accepted vote's verdict is stored, once, as a HUMAN verdict of its reviewer.
  const verdicts = await queryRows<{ id: string; judge: string; kind: string; key: string }>(
    server.database.db,
    sql`SELECT v.id::text AS id, j.name AS judge, j.kind::text AS kind, v.idempotency_key AS key
        FROM verdicts v JOIN judges j ON j.id = v.judge_id WHERE v.provenance = 'review:load'`,
  );
  expect(verdicts).toHaveLength(ITEMS * REVIEWS);
  const byId = new Map(verdicts.map((verdict) => [verdict.id, verdict]));
  for (const { verdictId, reviewer, claimId } of reviews)
    expect(byId.get(verdictId)).toEqual({
      id: verdictId,
      judge: `human:${reviewer}`,
      kind: 'HUMAN',
      key: `review-claim:${claimId}`,
    });

  // Nothing half-written: claims, items, verdicts and the leaderboard counts agree.
  const [state] = await queryRows<{
    claims: number;
    unvoted: number;
    without_verdict: number;
    item_votes: number;
    items_off: number;
    counted: number;
  }>(
    server.database.db,
    sql`
    SELECT (SELECT count(*)::int FROM review_claims) AS claims,
           (SELECT count(*)::int FROM review_claims WHERE voted_at IS NULL) AS unvoted,
           (SELECT count(*)::int FROM review_claims c LEFT JOIN verdicts v ON v.id = c.verdict_id
             WHERE v.id IS NULL OR v.idempotency_key <> 'review-claim:' || c.id) AS without_verdict,
           (SELECT sum(votes)::int FROM review_items) AS item_votes,
           (SELECT count(*)::int FROM review_items i
             WHERE i.votes <> (SELECT count(*) FROM review_claims c WHERE c.item_id = i.id AND c.voted_at IS NOT NULL)) AS items_off,
           (SELECT sum(vc.verdicts)::int FROM verdict_counts vc JOIN judges j ON j.id = vc.judge_id
             WHERE j.name LIKE 'human:reviewer-%') AS counted`,
  );
  expect(state).toEqual({
    claims: ITEMS * REVIEWS,
    unvoted: 0,
    without_verdict: 0,
    item_votes: ITEMS * REVIEWS,
    items_off: 0,
    counted: ITEMS * REVIEWS,
  });
  const progress = await server.graphql(
    `{ reviewQueue(name: "load") { progress { completeItems votes votesPlanned activeClaims reviewers { votes } } } }`,
  );
  const summary = progress.data.reviewQueue.progress;
  expect(summary).toMatchObject({
    completeItems: ITEMS,
    votes: ITEMS * REVIEWS,
    votesPlanned: ITEMS * REVIEWS,
    activeClaims: 0,
  });
  expect(summary.reviewers).toHaveLength(REVIEWERS);
}, 600_000);
