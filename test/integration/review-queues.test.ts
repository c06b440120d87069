import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { createApiKey } from '../../src/services/api-keys';
import {
  CLAIM,
  CREATE_QUEUE,
  PROGRESS,
  VOTE,
  modelNames,
  storeAnswers,
} from '../support/review-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
const MODELS = modelNames(4);
beforeAll(async () => {
  server = await startTestServer();
  await storeAnswers(server.database.db, MODELS, 5);
});
afterAll(async () => {
  await server.close();
});

async function createQueue(input: Record<string, unknown>) {
  const result = await server.graphql(CREATE_QUEUE, { input });
  expect(result.errors).toBeUndefined();
  return result.data.createReviewQueue;
}

async function claim(queue: string, reviewer: string) {
  const result = await server.graphql(CLAIM, { queue, reviewer });
  expect(result.errors).toBeUndefined();
  return result.data.claimReviewItem;
}

async function vote(claimId: string, reviewer: string, choice: string, idempotencyKey: string) {
  const result = await server.graphql(VOTE, {
    input: { claim: claimId, vote: choice, idempotencyKey },
    reviewer,
  });
  expect(result.errors).toBeUndefined();
  return result.data.submitReviewVote;
}

test('a queue is filled with distinct comparisons of the slice and shows its progress', async () => {
  const created = await createQueue({
    name: 'fill',
    items: 12,
    reviewsPerItem: 2,
    slice: { models: MODELS.slice(0, 3) },
  });
  expect(created.userErrors).toEqual([]);
  expect(created.queue).toMatchObject({
    name: 'fill',
    status: 'OPEN',
    strategy: 'UNIFORM',
    reviewsPerItem: 2,
    reservationSeconds: 600,
    slice: { models: MODELS.slice(0, 3), categories: null, tags: null },
    progress: { items: 12, goldItems: 0, votes: 0, votesPlanned: 24, activeClaims: 0 },
  });
  const items = await queryRows<{
    prompt_id: number;
    a: number;
    b: number;
    a_name: string;
    b_name: string;
  }>(
    server.database.db,
    sql`SELECT i.prompt_id, least(i.model_a_id, i.model_b_id) AS a, greatest(i.model_a_id, i.model_b_id) AS b,
               ma.name AS a_name, mb.name AS b_name
        FROM review_items i JOIN review_queues q ON q.id = i.queue_id
        JOIN models ma ON ma.id = i.model_a_id JOIN models mb ON mb.id = i.model_b_id WHERE q.name = 'fill'`,
  );
  expect(new Set(items.map((item) => `${item.prompt_id}:${item.a}:${item.b}`)).size).toBe(12);
  for (const item of items) {
    expect(MODELS.slice(0, 3)).toContain(item.a_name);
    expect(MODELS.slice(0, 3)).toContain(item.b_name);
  }
});

test('a queue asking for more comparisons than the slice holds is refused with the number available', async () => {
  // 3 pairs × 5 prompts.
  const created = await createQueue({
    name: 'too-many',
    items: 16,
    slice: { models: MODELS.slice(0, 3) },
  });
  expect(created).toEqual({
    queue: null,
    userErrors: [
      {
        code: 'NOT_ENOUGH_COMPARISONS',
        field: 'input.items',
        message:
          'input.items asks for 16 comparisons, but the slice holds 15 distinct (prompt, model pair) comparisons with both answers stored.',
      },
    ],
  });
  const taken = await createQueue({ name: 'fill', items: 1 });
  expect(taken.userErrors.map((error: { code: string }) => error.code)).toEqual(['NAME_TAKEN']);
  const adaptive = await createQueue({ name: 'adaptive', items: 1, strategy: 'ADAPTIVE' });
  expect(adaptive.userErrors).toEqual([]);
  expect(adaptive.queue).toMatchObject({ strategy: 'ADAPTIVE', progress: { items: 1 } });
  const unknown = await server.graphql(CREATE_QUEUE, {
    input: { name: 'unknown', items: 1, slice: { models: ['model-99'] } },
  });
  expect(unknown.status).toBe(200);
  expect(unknown.errors?.[0].extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.slice.models[0]',
  });
});

test('a vote is mapped from the order shown to models A and B and stored as a HUMAN verdict', async () => {
  await createQueue({
    name: 'mapping',
    items: 15,
    reviewsPerItem: 1,
    slice: { models: MODELS.slice(0, 3) },
  });
  const seen = new Set<string>();
  // Every item gets FIRST_MUCH_BETTER: the stored outcome must name the model shown first.
  for (;;) {
    const claimed = await claim('mapping', 'ann');
    if (claimed.claim === null) {
      expect(claimed.userErrors[0].code).toBe('QUEUE_COMPLETE');
      break;
    }
    const { item } = claimed.claim;
    const voted = await vote(claimed.claim.id, 'ann', 'FIRST_MUCH_BETTER', `k${item.id}`);
    expect(voted.status).toBe('ACCEPTED');
    const verdict = voted.verdict;
    expect(verdict.judge).toEqual({ name: 'human:ann', kind: 'HUMAN' });
    seen.add(verdict.shownFirst);
    const firstModel = verdict.shownFirst === 'A' ? verdict.modelA.name : verdict.modelB.name;
    expect(item.first.text.startsWith(firstModel)).toBe(true);
    expect(verdict.outcome).toBe(verdict.shownFirst === 'A' ? 'A_MUCH_BETTER' : 'B_MUCH_BETTER');
    const shownFirstAnswer = verdict.shownFirst === 'A' ? verdict.responseA : verdict.responseB;
    expect(shownFirstAnswer.text).toBe(item.first.text);
  }
  // Both presentation orders occur among 15 items (a fair coin each: all alike has p ≈ 6e-5).
  expect([...seen].sort()).toEqual(['A', 'B']);
  const progress = await server.graphql(PROGRESS, { name: 'mapping' });
  expect(progress.data.reviewQueue.progress).toMatchObject({
    items: 15,
    completeItems: 15,
    votes: 15,
    votesPlanned: 15,
    activeClaims: 0,
    reviewers: [{ reviewer: 'ann', votes: 15, activeClaims: 0, goldVotes: 0 }],
  });
  expect(progress.data.reviewQueue.progress.medianSecondsPerVote).toBeGreaterThanOrEqual(0);
});

test.each([
  ['FIRST_BETTER', 'A', 'A_BETTER'],
  ['FIRST_BETTER', 'B', 'B_BETTER'],
  ['SECOND_MUCH_BETTER', 'A', 'B_MUCH_BETTER'],
  ['SECOND_MUCH_BETTER', 'B', 'A_MUCH_BETTER'],
  ['TIE', 'B', 'TIE'],
  ['BOTH_BAD', 'B', 'BOTH_BAD'],
])('%s with %s shown first is stored as %s', async (choice, shownFirst, stored) => {
  const name = `one-${choice}-${shownFirst}`;
  await createQueue({ name, items: 1, reviewsPerItem: 1, slice: { models: MODELS.slice(0, 2) } });
  // The presentation order is fixed here so that both orders are checked for each vote.
  await server.database.db.execute(
    sql`UPDATE review_items SET shown_first = ${shownFirst}::answer_position
        WHERE queue_id = (SELECT id FROM review_queues WHERE name = ${name})`,
  );
  const claimed = await claim(name, 'bo');
  const voted = await vote(claimed.claim.id, 'bo', choice, 'only');
  expect(voted.verdict).toMatchObject({ outcome: stored, shownFirst });
});

test('nobody gets an item twice, and a paused or closed queue hands out nothing', async () => {
  await createQueue({
    name: 'status',
    items: 2,
    reviewsPerItem: 2,
    slice: { models: MODELS.slice(0, 2) },
  });
  const first = await claim('status', 'cy');
  expect(await claim('status', 'cy')).toEqual(first); // the claim held is handed back
  await vote(first.claim.id, 'cy', 'TIE', 'a');
  const second = await claim('status', 'cy');
  expect(second.claim.item.id).not.toBe(first.claim.item.id);
  await vote(second.claim.id, 'cy', 'TIE', 'b');
  expect((await claim('status', 'cy')).userErrors[0].code).toBe('NOTHING_LEFT_FOR_REVIEWER');

  const pause = await server.graphql(
    `mutation { pauseReviewQueue(name: "status") { queue { status } userErrors { code } } }`,
  );
  expect(pause.data.pauseReviewQueue).toEqual({ queue: { status: 'PAUSED' }, userErrors: [] });
  expect((await claim('status', 'dee')).userErrors[0].code).toBe('QUEUE_PAUSED');
  await server.graphql(`mutation { resumeReviewQueue(name: "status") { queue { status } } }`);
  expect((await claim('status', 'dee')).claim).not.toBeNull();
  await server.graphql(`mutation { closeReviewQueue(name: "status") { queue { status } } }`);
  expect((await claim('status', 'eve')).userErrors[0].code).toBe('QUEUE_CLOSED');
  const reopen = await server.graphql(
    `mutation { resumeReviewQueue(name: "status") { queue { status } userErrors { code } } }`,
  );
  expect(reopen.data.resumeReviewQueue).toEqual({
    queue: null,
    userErrors: [{ code: 'QUEUE_CLOSED' }],
  });
  expect((await claim('statu', 'eve')).userErrors[0]).toMatchObject({
    code: 'NOT_FOUND',
    message: expect.stringMatching(/^no review queue is named "statu" \(closest: "status"/),
  });
});

test('an expired claim returns to the pool, and its late vote still counts once', async () => {
  await createQueue({
    name: 'expiry',
    items: 1,
    reviewsPerItem: 1,
    reservationSeconds: 1,
    slice: { models: MODELS.slice(0, 2) },
  });
  const held = await claim('expiry', 'fay');
  expect((await claim('expiry', 'gus')).userErrors[0].code).toBe('ALL_ITEMS_HELD');
  // Waits for the condition (the reservation has ended), not for a time.
  let taken = await claim('expiry', 'gus');
  for (let tries = 0; taken.claim === null && tries < 200; tries += 1) {
    expect(taken.userErrors[0].code).toBe('ALL_ITEMS_HELD');
    await new Promise((resolve) => setTimeout(resolve, 50));
    taken = await claim('expiry', 'gus');
  }
  expect(taken.claim.item.id).toBe(held.claim.item.id);

  const late = await vote(held.claim.id, 'fay', 'FIRST_BETTER', 'late');
  expect(late.status).toBe('ACCEPTED');
  const again = await vote(held.claim.id, 'fay', 'FIRST_BETTER', 'late');
  expect(again.status).toBe('DUPLICATE');
  expect(again.verdict.id).toBe(late.verdict.id);
  const other = await vote(held.claim.id, 'fay', 'SECOND_BETTER', 'changed-my-mind');
  expect(other).toMatchObject({ status: 'REJECTED', verdict: null });
  expect(other.userErrors[0].code).toBe('ALREADY_VOTED');
  expect(await vote(taken.claim.id, 'gus', 'TIE', 'g')).toMatchObject({ status: 'ACCEPTED' });
  const [stored] = await queryRows<{ n: string }>(
    server.database.db,
    sql`SELECT count(*) AS n FROM verdicts v JOIN judges j ON j.id = v.judge_id
        WHERE j.name IN ('human:fay', 'human:gus') AND v.provenance = 'review:expiry'`,
  );
  expect(Number(stored.n)).toBe(2);
  const progress = await server.graphql(PROGRESS, { name: 'expiry' });
  expect(progress.data.reviewQueue.progress).toMatchObject({
    votes: 2,
    votesPlanned: 1,
    completeItems: 1,
  });
  expect((await claim('expiry', 'hal')).userErrors[0].code).toBe('QUEUE_COMPLETE');
});

test("a vote on another reviewer's claim is refused as not found", async () => {
  await createQueue({
    name: 'theirs',
    items: 1,
    reviewsPerItem: 2,
    slice: { models: MODELS.slice(0, 2) },
  });
  const held = await claim('theirs', 'ivy');
  const stolen = await vote(held.claim.id, 'jo', 'TIE', 'x');
  expect(stolen.status).toBe('REJECTED');
  expect(stolen.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'input.claim' });
});

test('gold items are mixed in and votes are checked against them', async () => {
  const [prompt] = await queryRows<{ id: number }>(
    server.database.db,
    sql`SELECT id FROM prompts WHERE external_id = 'general-q0'`,
  );
  const created = await createQueue({
    name: 'gold',
    items: 3,
    reviewsPerItem: 1,
    slice: { models: MODELS.slice(2, 4) },
    gold: [
      { prompt: String(prompt.id), modelA: MODELS[0], modelB: MODELS[1], outcome: 'A_MUCH_BETTER' },
    ],
  });
  expect(created.queue.progress).toMatchObject({ items: 4, goldItems: 1 });
  for (;;) {
    const claimed = await claim('gold', 'kim');
    if (claimed.claim === null) break;
    // kim always prefers the answer of MODELS[0] when it is shown, else the first.
    const second = claimed.claim.item.second.text as string;
    const choice = second.startsWith(MODELS[0]) ? 'SECOND_BETTER' : 'FIRST_BETTER';
    await vote(claimed.claim.id, 'kim', choice, 'v');
  }
  const progress = await server.graphql(PROGRESS, { name: 'gold' });
  expect(progress.data.reviewQueue.progress.reviewers).toEqual([
    expect.objectContaining({ reviewer: 'kim', votes: 4, goldVotes: 1, goldAgreements: 1 }),
  ]);
  const badGold = await createQueue({
    name: 'bad-gold',
    items: 1,
    gold: [{ prompt: String(prompt.id), modelA: MODELS[0], modelB: 'model-99', outcome: 'TIE' }],
  });
  expect(badGold.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'input.gold[0].modelB' });
  // Ten digits fit the pattern but not the prompts.id column: a client fault, not a database one.
  const outOfRange = await server.graphql(CREATE_QUEUE, {
    input: {
      name: 'far-gold',
      items: 1,
      gold: [{ prompt: '9999999999', modelA: MODELS[0], modelB: MODELS[1], outcome: 'TIE' }],
    },
  });
  expect(outOfRange.errors?.[0]).toMatchObject({
    message: 'input.gold[0].prompt must be a prompt id, but got an id of another form.',
    extensions: { code: 'BAD_USER_INPUT' },
  });
});

describe('with API keys on', () => {
  let keyed: TestServer;
  beforeAll(async () => {
    keyed = await startTestServer({ auth: true });
    await storeAnswers(keyed.database.db, MODELS.slice(0, 2), 2);
  });
  afterAll(async () => {
    await keyed.close();
  });

  test('queues are managed with an admin key, and a write key reviews under its own name', async () => {
    const admin = (await createApiKey(keyed.database.db, 'lead', 'admin')).key;
    const writer = (await createApiKey(keyed.database.db, 'lou', 'write')).key;
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const input = { name: 'keyed', items: 2, reviewsPerItem: 1 };
    const refused = await keyed.graphql(CREATE_QUEUE, { input }, as(writer));
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const created = await keyed.graphql(CREATE_QUEUE, { input }, as(admin));
    expect(created.data.createReviewQueue.userErrors).toEqual([]);

    const claimed = await keyed.graphql(CLAIM, { queue: 'keyed' }, as(writer));
    expect(claimed.data.claimReviewItem.claim.reviewer).toBe('lou');
    const impersonated = await keyed.graphql(
      CLAIM,
      { queue: 'keyed', reviewer: 'lead' },
      as(writer),
    );
    expect(impersonated.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reviewer',
    });
    const voted = await keyed.graphql(
      VOTE,
      { input: { claim: claimed.data.claimReviewItem.claim.id, vote: 'TIE', idempotencyKey: 'k' } },
      as(writer),
    );
    expect(voted.data.submitReviewVote.verdict.judge).toEqual({ name: 'human:lou', kind: 'HUMAN' });
    const anonymous = await keyed.graphql(CLAIM, { queue: 'keyed', reviewer: 'x' });
    expect(anonymous.status).toBe(401);
  });
});

test('listing every queue with its progress costs as many SQL statements for many queues as for one', async () => {
  const LIST = `{ reviewQueues { name progress { items votes reviewers { reviewer votes } } } }`;
  const statements = async () => {
    const before = server.database.statementCount();
    const result = await server.graphql(LIST);
    expect(result.errors).toBeUndefined();
    return {
      statements: server.database.statementCount() - before,
      queues: result.data.reviewQueues.length,
    };
  };
  await createQueue({ name: 'count-first', items: 1, slice: { models: MODELS.slice(0, 2) } });
  const many = await statements();
  for (let i = 0; i < 5; i += 1)
    await createQueue({ name: `count-${i}`, items: 1, slice: { models: MODELS.slice(0, 2) } });
  const more = await statements();
  expect(more.queues).toBe(many.queues + 5);
  expect(more.statements).toBe(many.statements);
});

test('deleting voted verdicts keeps the claims as the record that votes were cast', async () => {
  await createQueue({
    name: 'deleted',
    items: 1,
    reviewsPerItem: 1,
    slice: { models: MODELS.slice(0, 2) },
  });
  const held = await claim('deleted', 'lea');
  await vote(held.claim.id, 'lea', 'TIE', 'd');
  const deleted = await server.graphql(
    `mutation { deleteVerdicts(filter: { provenance: "review:deleted" }) { deleted } }`,
  );
  expect(deleted.errors).toBeUndefined();
  expect(deleted.data.deleteVerdicts.deleted).toBe(1);
  const [row] = await queryRows<{ verdict_id: number | null; outcome: string }>(
    server.database.db,
    sql`SELECT verdict_id, outcome::text AS outcome FROM review_claims WHERE id = ${Number(held.claim.id)}`,
  );
  expect(row).toEqual({ verdict_id: null, outcome: 'A=B' });
  const progress = await server.graphql(PROGRESS, { name: 'deleted' });
  expect(progress.data.reviewQueue.progress).toMatchObject({ votes: 1, completeItems: 1 });
});
