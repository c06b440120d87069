/**
 * Reviewer quality over HTTP (issue 22 §2) on LLMFAO's crowd (CC BY 4.0, demo/llmfao): each
 * worker is a HUMAN judge `llmfao-crowd:N`, as the demo loads them. Krippendorff's alpha is checked
 * against an independent computation in its pairwise-disagreement form (Krippendorff 2011, eq. for
 * D_o and D_e over pairs of values), not the coincidence matrix the service uses. A queue vote
 * shows up with its time per vote.
 */
import { readCsv } from '../ratings/llmfao-fixture';
import { recordAll } from '../support/record';
import { CREATE_QUEUE, modelNames, storeAnswers } from '../support/review-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const CROWD = readCsv('crowd-comparisons.csv');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await recordAll(
    server,
    CROWD.map((row, line) => ({
      judge: `llmfao-crowd:${row.worker}`,
      judgeKind: 'HUMAN',
      prompt: { externalId: `llmfao:${row.prompt}` },
      modelA: row.left,
      modelB: row.right,
      outcome: { left: 'A_BETTER', right: 'B_BETTER', tie: 'TIE' }[row.winner],
      idempotencyKey: `crowd:${line}`,
    })),
  );
}, 120_000);
afterAll(async () => {
  await server.close();
});

const QUALITY = `query ($reviewers: [String!], $minimumReviewers: Int) {
  reviewerQuality(filter: { judgeKinds: [HUMAN] }, reviewers: $reviewers, minimumReviewers: $minimumReviewers) {
    reviewers {
      reviewer votes queuedVotes medianSecondsPerVote flagged
      agreement { compared agreements agreement }
      positionBias { decisive unknownOrder }
      screens { screen decision reason }
    }
    alpha { level alpha items minimumReviewers pairableValues unavailableReason }
  }
}`;

/**
 * Nominal alpha from pairs of values: 1 − D_o/D_e over the items (prompt, unordered pair) with ≥
 * `minimum` distinct reviewers. A vote's value is A, TIE or B from the item's side, A being the
 * model with the lower id (the service's convention: the value says which side won, not who).
 */
function pairwiseNominalAlpha(
  minimum: number,
  idOf: Map<string, number>,
): { alpha: number; items: number } {
  const byItem = new Map<string, Map<string, string>>();
  for (const row of CROWD) {
    const [first, second] = [row.left, row.right].sort(
      (x, y) => (idOf.get(x) ?? 0) - (idOf.get(y) ?? 0),
    );
    const key = `${row.prompt}\u0000${first}\u0000${second}`;
    const won = row.winner === 'left' ? row.left : row.right;
    const winner = row.winner === 'tie' ? 'TIE' : won === first ? 'A' : 'B';
    const votes = byItem.get(key) ?? new Map<string, string>();
    votes.set(row.worker, winner);
    byItem.set(key, votes);
  }
  const units = [...byItem.values()].filter((votes) => votes.size >= minimum);
  const values = units.flatMap((votes) => [...votes.values()]);
  const n = values.length;
  let observed = 0;
  for (const votes of units) {
    const unit = [...votes.values()];
    let disagreeing = 0;
    for (let i = 0; i < unit.length; i += 1)
      for (let j = 0; j < unit.length; j += 1) if (i !== j && unit[i] !== unit[j]) disagreeing += 1;
    observed += disagreeing / (unit.length - 1);
  }
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let expected = 0;
  for (const count of counts.values()) expected += count * (n - count);
  return { alpha: 1 - observed / n / (expected / (n * (n - 1))), items: units.length };
}

test("every crowd worker is a reviewer, and the crowd's nominal alpha matches the pairwise form", async () => {
  const result = await server.graphql(QUALITY, {});
  expect(result.errors).toBeUndefined();
  const { reviewers, alpha } = result.data.reviewerQuality;
  const workers = new Set(CROWD.map((row) => row.worker));
  expect(reviewers).toHaveLength(workers.size);
  expect(reviewers.reduce((sum: number, r: { votes: number }) => sum + r.votes, 0)).toBe(
    CROWD.length,
  );
  // The crowd's file does not say which answer was shown first: no position bias is invented.
  for (const reviewer of reviewers) {
    expect(reviewer.positionBias.decisive).toBe(0);
    expect(reviewer.positionBias.unknownOrder).toBe(reviewer.votes);
    expect(reviewer.queuedVotes).toBe(0);
    expect(reviewer.medianSecondsPerVote).toBeNull();
  }
  const models = await server.graphql('{ models { id name } }');
  const idOf = new Map<string, number>(
    models.data.models.map((model: { id: string; name: string }) => [model.name, Number(model.id)]),
  );
  const expected = pairwiseNominalAlpha(3, idOf);
  const nominal = alpha.find((entry: { level: string }) => entry.level === 'NOMINAL');
  expect(nominal.items).toBe(expected.items);
  expect(nominal.items).toBeGreaterThan(0);
  expect(nominal.alpha).toBeCloseTo(expected.alpha, 10);
  const ordinal = alpha.find((entry: { level: string }) => entry.level === 'ORDINAL');
  expect(ordinal.alpha).toBeGreaterThan(-1);
  expect(ordinal.alpha).toBeLessThanOrEqual(1);
}, 60_000);

test('an unknown reviewer name is a coded error with the closest names', async () => {
  const result = await server.graphql(QUALITY, { reviewers: ['llmfao-crowd:99999'] });
  expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0].message).toContain('llmfao-crowd:');
});

test('a vote through a review queue has its time per vote', async () => {
  await storeAnswers(server.database.db, modelNames(3), 2, 'queued');
  const created = await server.graphql(CREATE_QUEUE, {
    input: { name: 'timed', items: 2, reviewsPerItem: 1, slice: { categories: ['queued'] } },
  });
  expect(created.data.createReviewQueue.userErrors).toEqual([]);
  const claimed = await server.graphql(
    `mutation { claimReviewItem(queue: "timed", reviewer: "ann") { claim { id } userErrors { code } } }`,
  );
  const claim = claimed.data.claimReviewItem.claim.id as string;
  const voted = await server.graphql(
    `mutation ($claim: ID!) { submitReviewVote(input: { claim: $claim, vote: FIRST_BETTER, idempotencyKey: "k" }, reviewer: "ann") { status } }`,
    { claim },
  );
  expect(voted.data.submitReviewVote.status).toBe('ACCEPTED');
  const result = await server.graphql(QUALITY, { reviewers: ['human:ann'] });
  expect(result.errors).toBeUndefined();
  const [ann] = result.data.reviewerQuality.reviewers;
  expect(ann).toMatchObject({ reviewer: 'human:ann', votes: 1, queuedVotes: 1 });
  expect(ann.medianSecondsPerVote).toBeGreaterThanOrEqual(0);
  expect(ann.positionBias.decisive).toBe(1);
});
