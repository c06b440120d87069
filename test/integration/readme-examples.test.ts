/**
 * Every GraphQL example in README.md runs, unchanged, on the data it describes, without an error
 * and with something on the board (issue 18 item 4). The examples/ snippets are run by
 * examples.test.ts. A new example must be given its data here: the count below fails until it is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDemoData } from '../../src/cli/demo-command';
import { createApiKey } from '../../src/services/api-keys';
import { Importer } from '../../src/services/importer';
import { recordAll } from '../support/record';
import { Recorder, subscriptionClient } from '../support/subscription-client';
import { startTestServer, type TestServer } from '../support/test-server';

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const GRAPHQL_BLOCKS = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
const [
  QUICK_START_MUTATION,
  QUICK_START_QUERY,
  CREATE_QUEUE_MUTATION,
  CLAIM_MUTATION,
  VOTE_MUTATION,
  QUEUE_PROGRESS_QUERY,
  LEADERBOARDS_QUERY,
  COMPARISON_QUERY,
  LIVE_SUBSCRIPTION,
] = GRAPHQL_BLOCKS;
/** The query of the quick start's curl line, as the shell passes it. */
const CURL_QUERY = JSON.parse(/-d '(\{"query":"\{ leaderboard[^']*\})'/.exec(README)?.[1] ?? '{}')
  .query as string;

test('the README has the nine GraphQL examples this file gives data to, and the curl query', () => {
  expect(GRAPHQL_BLOCKS).toHaveLength(9);
  expect(CREATE_QUEUE_MUTATION).toMatch(/^mutation \w+ \{\n {2}createReviewQueue/);
  expect(CLAIM_MUTATION).toMatch(/^mutation \w+ \{\n {2}claimReviewItem/);
  expect(VOTE_MUTATION).toMatch(/^mutation \w+ \{\n {2}submitReviewVote/);
  expect(QUEUE_PROGRESS_QUERY).toMatch(/^query \w+ \{\n {2}reviewQueue/);
  expect(COMPARISON_QUERY).toMatch(/^query \w+ \{\n {2}comparison/);
  expect(QUICK_START_MUTATION).toMatch(/^mutation \w+ \{\n {2}recordVerdicts/);
  expect(QUICK_START_QUERY).toMatch(/^query \w+ \{\n {2}leaderboard/);
  expect(LEADERBOARDS_QUERY).toMatch(/categories: \["arena-hard-v0.1"\]/);
  expect(LIVE_SUBSCRIPTION).toMatch(/^subscription Live/);
  expect(CURL_QUERY).toMatch(/^\{ leaderboard/);
});

/** No error, and the board lists models: rated, or rated apart with the reason. */
function expectBoard(leaderboard: any) {
  expect(leaderboard.verdictCount).toBeGreaterThan(0);
  expect(leaderboard.entries.length + (leaderboard.ratedApart?.length ?? 0)).toBeGreaterThan(0);
}

describe('quick start, on a fresh server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test('the mutation stores both verdicts; the query and the curl query answer with both models', async () => {
    const recorded = await server.graphql(QUICK_START_MUTATION);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordVerdicts).toMatchObject({ accepted: 2, rejected: 0 });

    const board = await server.graphql(QUICK_START_QUERY);
    expect(board.errors).toBeUndefined();
    expectBoard(board.data.leaderboard);
    // What the README says of it: nobody can be rated from two verdicts one model won.
    expect(board.data.leaderboard).toMatchObject({
      verdictCount: 2,
      mleExists: false,
      entries: [],
    });
    expect(
      board.data.leaderboard.ratedApart.map((entry: any) => [entry.model.name, entry.reason]),
    ).toEqual([
      ['claude-2', 'NEVER_WON'],
      ['gpt-4-0613', 'NEVER_LOST'],
    ]);

    const curl = await server.graphql(CURL_QUERY);
    expect(curl.errors).toBeUndefined();
    expect(curl.data.leaderboard.ratedApart).toHaveLength(2);
  });
});

describe('Arena-Hard-Auto v0.1 battles with their category', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const file = path.join(
      __dirname,
      '..',
      'fixtures',
      'arena-hard',
      'battles_official_judgments_2models.jsonl',
    );
    const battles = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // What `import arena-hard-questions` then `import arena-battles --judge gpt-4-1106-preview` store.
    await recordAll(
      server,
      battles.map((battle, row) => ({
        judge: 'gpt-4-1106-preview',
        judgeKind: 'LLM',
        prompt: { externalId: battle.question_id, category: 'arena-hard-v0.1' },
        modelA: battle.model_a,
        modelB: battle.model_b,
        outcome: { model_a: 'A_BETTER', model_b: 'B_BETTER', tie: 'TIE' }[battle.winner as string],
        idempotencyKey: `readme-${row}`,
      })),
    );
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  test('the Leaderboards example rates the three models against the baseline', async () => {
    const result = await server.graphql(LEADERBOARDS_QUERY);
    expect(result.errors).toBeUndefined();
    expectBoard(result.data.leaderboard);
    expect(result.data.leaderboard.entries.map((entry: any) => entry.model.name)).toEqual([
      'gpt-4-0314',
      'gpt-4-0613',
      'gpt-3.5-turbo-0125',
    ]);
  });

  test('the comparison example decides between two of its models', async () => {
    const result = await server.graphql(COMPARISON_QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data.comparison.verdicts).toBeGreaterThan(0);
    expect(['BETTER', 'NON_INFERIOR', 'WORSE', 'INCONCLUSIVE']).toContain(
      result.data.comparison.decision,
    );
  });

  test('the subscription example sends the board at once', async () => {
    const client = subscriptionClient(server.url);
    try {
      const live = new Recorder(client, LIVE_SUBSCRIPTION);
      const first = await live.next();
      expect(first.errors).toBeUndefined();
      expectBoard(first.data.leaderboardChanged);
      live.stop();
    } finally {
      await client.dispose();
    }
  });
});

describe('review queues, on the demo data with keys on', () => {
  let server: TestServer;
  let admin: Record<string, string>;
  let alice: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ auth: true });
    const importer = new Importer(server.database.db);
    await loadDemoData(importer);
    importer.finish();
    const bearer = async (name: string, scope: 'admin' | 'write') => ({
      authorization: `Bearer ${(await createApiKey(server.database.db, name, scope)).key}`,
    });
    admin = await bearer('lead', 'admin');
    alice = await bearer('alice', 'write');
  }, 240_000);
  afterAll(async () => {
    await server.close();
  });

  test('the queue is created over four demo models, alice claims and votes, and progress shows it', async () => {
    const created = await server.graphql(CREATE_QUEUE_MUTATION, {}, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.createReviewQueue).toEqual({
      queue: {
        name: 'demo-round-1',
        status: 'OPEN',
        strategy: 'UNIFORM',
        progress: { items: 60, votesPlanned: 180 },
      },
      userErrors: [],
    });
    // What the README says of the slice: 111 comparisons with both answers stored.
    const tooMany = await server.graphql(
      CREATE_QUEUE_MUTATION.replace('"demo-round-1", items: 60', '"demo-all", items: 112'),
      {},
      admin,
    );
    expect(tooMany.data.createReviewQueue.userErrors[0].message).toContain('the slice holds 111');

    const claimed = await server.graphql(CLAIM_MUTATION, {}, alice);
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data.claimReviewItem.claim.id).toBe('1');
    const voted = await server.graphql(VOTE_MUTATION, {}, alice);
    expect(voted.errors).toBeUndefined();
    expect(voted.data.submitReviewVote).toMatchObject({
      status: 'ACCEPTED',
      verdict: { judge: { name: 'human:alice', kind: 'HUMAN' } },
      userErrors: [],
    });
    const progress = await server.graphql(QUEUE_PROGRESS_QUERY);
    expect(progress.errors).toBeUndefined();
    expect(progress.data.reviewQueue.progress).toMatchObject({
      items: 60,
      votes: 1,
      reviewers: [{ reviewer: 'alice', votes: 1 }],
    });
  });
});
