/** Cached leaderboards: served again while the data stand still, recomputed after any write. */
import { DEFAULT_LIMITS } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { postGraphQL, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let second: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  // A second server on the same database, with its own cache, as a second process would have.
  second = await startServer({
    database: server.database,
    port: 0,
    host: '127.0.0.1',
    production: false,
    maxRequestBytes: 1 << 20,
    auth: false,
    publicRead: true,
    limits: DEFAULT_LIMITS,
  });
});
afterAll(async () => {
  await second.stop();
  await server.close();
});

const BOARD =
  'query ($judges: [String!]) { leaderboard(input: { judges: $judges, bootstrapRounds: 50 }) { cached verdictCount entries { model { name } rating ciLower } } }';
const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';

function verdicts(count: number, offset: number) {
  return Array.from({ length: count }, (_, i) => ({
    judge: 'cache-judge',
    prompt: { externalId: `c${(i + offset) % 7}` },
    modelA: `m${i % 3}`,
    modelB: `m${(i % 3) + 1}`,
    outcome: i % 4 === 0 ? 'B_BETTER' : 'A_BETTER',
    idempotencyKey: `c${i + offset}`,
  }));
}

test('an identical request is served from the cache until a write changes the data, on every server', async () => {
  await server.graphql(RECORD, { input: { verdicts: verdicts(40, 0) } });
  const first = await server.graphql(BOARD, { judges: ['cache-judge'] });
  const again = await server.graphql(BOARD, { judges: ['cache-judge'] });
  expect(first.data.leaderboard.cached).toBe(false);
  expect(again.data.leaderboard).toEqual({ ...first.data.leaderboard, cached: true });
  const onSecond = await postGraphQL(second.url, BOARD, { judges: ['cache-judge'] });
  expect(onSecond.data.leaderboard).toEqual({ ...first.data.leaderboard, cached: false });

  // A write through the second server invalidates the first server's cache too.
  await postGraphQL(second.url, RECORD, { input: { verdicts: verdicts(20, 40) } });
  const after = await server.graphql(BOARD, { judges: ['cache-judge'] });
  expect(after.data.leaderboard.cached).toBe(false);
  expect(after.data.leaderboard.verdictCount).toBe(60);
  expect((await server.graphql(BOARD, { judges: ['cache-judge'] })).data.leaderboard.cached).toBe(
    true,
  );
});

test('a re-sent batch that stores nothing leaves the cache valid; a deletion does not', async () => {
  await server.graphql(BOARD, { judges: ['cache-judge'] });
  await server.graphql(RECORD, { input: { verdicts: verdicts(20, 40) } });
  expect((await server.graphql(BOARD, { judges: ['cache-judge'] })).data.leaderboard.cached).toBe(
    true,
  );
  await server.graphql(
    'mutation { deleteVerdicts(filter: { judges: ["cache-judge"], models: ["m0", "m1"] }) { deleted } }',
  );
  const afterDelete = await server.graphql(BOARD, { judges: ['cache-judge'] });
  expect(afterDelete.data.leaderboard).toMatchObject({ cached: false });
  expect(afterDelete.data.leaderboard.verdictCount).toBeLessThan(60);
});

test('filters given in another order share a cache entry', async () => {
  await server.graphql(RECORD, {
    input: { verdicts: verdicts(5, 100).map((v) => ({ ...v, judge: 'other-judge' })) },
  });
  await server.graphql(BOARD, { judges: ['cache-judge', 'other-judge'] });
  expect(
    (await server.graphql(BOARD, { judges: ['other-judge', 'cache-judge'] })).data.leaderboard
      .cached,
  ).toBe(true);
});

test('a cached leaderboard answers nested models without touching the database again', async () => {
  await server.graphql(BOARD, { judges: ['cache-judge'] });
  const before = server.database.statementCount();
  const result = await server.graphql(BOARD, { judges: ['cache-judge'] });
  expect(result.data.leaderboard.cached).toBe(true);
  // Only the data-version read.
  expect(server.database.statementCount() - before).toBe(1);
});

test('the cache is bounded by the estimated bytes of its boards, oldest evicted first', async () => {
  const { LeaderboardCache } = await import('../../src/services/leaderboard-cache');
  const db = server.database.db;
  const probe = await new LeaderboardCache().get(
    db,
    { filter: { judges: ['cache-judge'] }, bootstrapRounds: 0 },
    1,
  );
  const perBoard = probe.leaderboard.footprintBytes;
  expect(perBoard).toBeGreaterThan(1000);
  const cache = new LeaderboardCache(Math.floor(2.5 * perBoard));
  for (const seed of [1, 2, 3, 4, 5])
    await cache.get(db, { filter: { judges: ['cache-judge'] }, bootstrapRounds: 0, seed }, 1);
  expect(cache.size).toBe(2);
  expect(cache.byteSize).toBeLessThanOrEqual(2.5 * perBoard);
  expect(
    (await cache.get(db, { filter: { judges: ['cache-judge'] }, bootstrapRounds: 0, seed: 5 }, 1))
      .cached,
  ).toBe(true);
  expect(
    (await cache.get(db, { filter: { judges: ['cache-judge'] }, bootstrapRounds: 0, seed: 1 }, 1))
      .cached,
  ).toBe(false);
});
