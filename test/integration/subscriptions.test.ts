/**
 * Live leaderboards and the verdict feed over graphql-ws, with a real client on Node's `ws`:
 * events after writes, none for a rolled-back batch, coalescing, shared computations, and no
 * listener left behind by clients that go.
 */
import { Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Client } from 'graphql-ws';
import { startServer, type RunningServer } from '../../src/server';
import { DEFAULT_LIMITS, DEFAULT_SUBSCRIPTION_SETTINGS } from '../../src/config';
import { postGraphQL, startTestServer, type TestServer } from '../support/test-server';
import { Recorder, subscriptionClient } from '../support/subscription-client';

const COALESCE_MS = 100;
let server: TestServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer({ subscriptions: { coalesceMs: COALESCE_MS } });
  client = subscriptionClient(server.url);
});
afterAll(async () => {
  await client.dispose();
  await server.close();
});

const BOARD = `subscription ($judges: [String!]) {
  leaderboardChanged(input: { judges: $judges, bootstrapRounds: 20 }) { cached verdictCount entries { model { name } rating battles } }
}`;
const FEED = `subscription ($filter: VerdictFilterInput) {
  verdictsRecorded(filter: $filter) { dataVersion missedBatches verdicts { id outcome judge { name } modelA { name } idempotencyKey } }
}`;
const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';

let keys = 0;
function verdicts(judge: string, count: number, extra: Record<string, unknown> = {}) {
  return Array.from({ length: count }, (_, i) => ({
    judge,
    prompt: { externalId: `p${i % 5}` },
    modelA: `m${i % 3}`,
    modelB: `m${(i % 3) + 1}`,
    outcome: i % 4 === 0 ? 'B_BETTER' : 'A_BETTER',
    idempotencyKey: `k${(keys += 1)}`,
    ...extra,
  }));
}

async function record(judge: string, count: number, extra?: Record<string, unknown>) {
  const result = await server.graphql(RECORD, {
    input: { verdicts: verdicts(judge, count, extra) },
  });
  return result;
}

test('leaderboardChanged sends the leaderboard at once, then again after a mutation changes it', async () => {
  await record('live-judge', 12);
  const board = new Recorder(client, BOARD, { judges: ['live-judge'] });
  const first = await board.next();
  expect(first.errors).toBeUndefined();
  expect(first.data.leaderboardChanged.verdictCount).toBe(12);
  expect(first.data.leaderboardChanged.entries.map((e: any) => e.model.name).sort()).toEqual([
    'm0',
    'm1',
    'm2',
    'm3',
  ]);

  await record('live-judge', 8);
  const second = await board.next();
  expect(second.data.leaderboardChanged.verdictCount).toBe(20);
  // The same answer as the query gives at that data version.
  const query = await server.graphql(
    'query ($judges: [String!]) { leaderboard(input: { judges: $judges, bootstrapRounds: 20 }) { verdictCount entries { model { name } rating battles } } }',
    { judges: ['live-judge'] },
  );
  const { cached: _cached, ...event } = second.data.leaderboardChanged;
  expect(event).toEqual(query.data.leaderboard);
  board.stop();
});

test('a write to another slice sends nothing to a leaderboard it does not change', async () => {
  await record('quiet-judge', 6);
  const board = new Recorder(client, BOARD, { judges: ['quiet-judge'] });
  expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(6);
  await record('unrelated-judge', 6);
  expect(await board.quiet(COALESCE_MS * 6)).toBe(true);
  board.stop();
});

test('subscribers with the same input share one execution per change', async () => {
  await record('shared-judge', 10);
  const boards = [0, 1, 2].map(() => new Recorder(client, BOARD, { judges: ['shared-judge'] }));
  try {
    for (const board of boards) await board.next();
    // One execution listens for changes on behalf of all three.
    expect(server.server.liveCounts().subscriptions).toBe(1);
    await record('shared-judge', 5);
    const events = await Promise.all(boards.map((board) => board.next()));
    expect(events.map((e) => e.data.leaderboardChanged.verdictCount)).toEqual([15, 15, 15]);
    // Executed once: the same answer, computed (not cached) once, went to each.
    expect(events.map((e) => e.data.leaderboardChanged.cached)).toEqual([false, false, false]);
    expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(1);
  } finally {
    for (const board of boards) board.stop();
  }
});

test("verdictsRecorded sends each batch's new verdicts that match the filter, and nothing for others", async () => {
  // The earlier tests' subscriptions end first, so the count below is this one's alone.
  await settleLive(server.server, 0);
  const feed = new Recorder(client, FEED, { filter: { judges: ['feed-judge'], model: 'm1' } });
  // Written only once the server listens for it: a fixed pause is too short on a busy machine.
  await settleLive(server.server, 1);
  expect(server.server.liveCounts().subscriptions).toBe(1);
  await record('other-judge', 4);
  const mixed = [...verdicts('feed-judge', 6), ...verdicts('other-judge', 3)];
  const stored = await server.graphql(
    `mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { results { verdict { id } } } }`,
    { input: { verdicts: mixed } },
  );
  const event = await feed.next();
  const expectedKeys = mixed
    .filter((v) => v.judge === 'feed-judge' && (v.modelA === 'm1' || v.modelB === 'm1'))
    .map((v) => v.idempotencyKey);
  expect(event.data.verdictsRecorded.missedBatches).toBe(false);
  expect(event.data.verdictsRecorded.verdicts.map((v: any) => v.idempotencyKey).sort()).toEqual(
    expectedKeys.sort(),
  );
  expect(
    event.data.verdictsRecorded.verdicts.every((v: any) => v.judge.name === 'feed-judge'),
  ).toBe(true);
  const ids = stored.data.recordVerdicts.results.map((r: any) => r.verdict.id);
  expect(
    event.data.verdictsRecorded.verdicts
      .map((v: any) => v.id)
      .every((id: string) => ids.includes(id)),
  ).toBe(true);
  // The batch of other-judge alone came first and matched nothing: it sent no event.
  expect(feed.events).toHaveLength(1);
  feed.stop();
});

test('a batch that rolls back at commit, after its NOTIFY was queued, sends no event', async () => {
  // Fails at COMMIT (a deferred constraint trigger), after the data-version bump and its NOTIFY.
  await server.database.db.execute(
    sql.raw(`
    CREATE OR REPLACE FUNCTION refuse_marked_verdict() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.judgment = 'refuse-at-commit' THEN RAISE EXCEPTION 'refused by the test'; END IF;
      RETURN NULL;
    END $$`),
  );
  await server.database.db.execute(
    sql.raw(`
    CREATE CONSTRAINT TRIGGER refuse_marked_verdict AFTER INSERT ON verdicts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_marked_verdict()`),
  );
  // A leaderboard names a known judge (an unknown one is BAD_USER_INPUT); a feed may wait for one.
  const seeded = await record('rollback-judge', 1);
  expect(seeded.errors).toBeUndefined();
  try {
    const feed = new Recorder(client, FEED, { filter: { judges: ['rollback-judge'] } });
    const board = new Recorder(client, BOARD, { judges: ['rollback-judge'] });
    await board.next();
    const refused = await record('rollback-judge', 5, { judgment: 'refuse-at-commit' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('DATABASE_ERROR');
    expect(await board.quiet(COALESCE_MS * 6)).toBe(true);
    expect(feed.events).toHaveLength(0);

    await record('rollback-judge', 2);
    const event = await feed.next();
    expect(event.data.verdictsRecorded.verdicts).toHaveLength(2);
    expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(3);
    feed.stop();
    board.stop();
  } finally {
    await server.database.db.execute(sql.raw('DROP TRIGGER refuse_marked_verdict ON verdicts'));
  }
});

describe('coalescing', () => {
  let slow: RunningServer;
  let slowClient: Client;
  beforeAll(async () => {
    // A second server on the same database, with the default coalescing of one event per second.
    slow = await startServer({
      database: server.database,
      port: 0,
      host: '127.0.0.1',
      production: false,
      maxRequestBytes: 1 << 20,
      auth: false,
      publicRead: true,
      limits: DEFAULT_LIMITS,
    });
    slowClient = subscriptionClient(slow.url);
  });
  afterAll(async () => {
    await slowClient.dispose();
    await slow.stop();
  });

  test('a burst of batches gives at most one event per second, the last with all of them', async () => {
    expect(DEFAULT_SUBSCRIPTION_SETTINGS.coalesceMs).toBe(1000);
    await postGraphQL(slow.url, RECORD, { input: { verdicts: verdicts('burst-judge', 1) } });
    const board = new Recorder(slowClient, BOARD, { judges: ['burst-judge'] });
    await board.next();
    const started = Date.now();
    for (let i = 0; i < 8; i += 1) {
      await postGraphQL(slow.url, RECORD, { input: { verdicts: verdicts('burst-judge', 3) } });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const burstMs = Date.now() - started;
    let last: any = null;
    while (last?.data.leaderboardChanged.verdictCount !== 25) last = await board.next(5000);
    const arrivals = board.arrivals.slice(1);
    // 8 batches over ~1.2 s: with one event per second at most, that is 3 events at most.
    expect(arrivals.length).toBeLessThanOrEqual(Math.ceil(burstMs / 1000) + 1);
    expect(arrivals.length).toBeLessThan(8);
    for (let i = 1; i < arrivals.length; i += 1)
      expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(900);
    board.stop();
  });
});

test('1,000 subscribe/unsubscribe cycles leave no listener, handle or memory behind', async () => {
  await record('cycle-judge', 5);
  const cycle = async () => {
    const board = new Recorder(client, BOARD, { judges: ['cycle-judge'] });
    await board.next();
    board.stop();
  };
  for (let i = 0; i < 100; i += 1) await cycle(); // warm-up: caches, compiled code
  await settleLive(server.server, 0);
  const handlesBefore = process.getActiveResourcesInfo().length;
  const heapBefore = await settledHeap();
  for (let i = 0; i < 1000; i += 1) await cycle();
  await settleLive(server.server, 0);
  const heapAfter = await settledHeap();
  expect(server.server.liveCounts().subscriptions).toBe(0);
  expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(handlesBefore + 2);
  // A leak of one leaderboard result or one closure chain per cycle would exceed this.
  expect(heapAfter - heapBefore).toBeLessThan(16 * 1024 * 1024);
  // A failure guard, not a speed target: 120 s was exceeded with the two cores at load average ~25.
}, 600_000);

test('a client that vanishes without closing is dropped by the keepalive, with its subscriptions', async () => {
  await record('vanish', 1);
  const keepAlive = await startServer({
    database: server.database,
    port: 0,
    host: '127.0.0.1',
    production: false,
    maxRequestBytes: 1 << 20,
    auth: false,
    publicRead: true,
    limits: DEFAULT_LIMITS,
    subscriptions: { ...DEFAULT_SUBSCRIPTION_SETTINGS, keepAliveMs: 200 },
  });
  const WebSocket = (await import('ws')).default;
  const socket = new WebSocket(keepAlive.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(
    JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: BOARD, variables: { judges: ['vanish'] } },
    }),
  );
  await new Promise((resolve) => socket.once('message', resolve));
  expect(keepAlive.liveCounts()).toEqual({ subscriptions: 1, connections: 1 });
  // The client stops reading (a frozen process, a dead network): no pong ever comes back.
  const transport: unknown = Reflect.get(socket, '_socket');
  if (!(transport instanceof Socket))
    throw new Error('expected the ws socket to wrap a net.Socket');
  transport.pause();
  await settleLive(keepAlive, 0, 5000);
  expect(keepAlive.liveCounts()).toEqual({ subscriptions: 0, connections: 0 });
  socket.terminate();
  await keepAlive.stop();
});

async function settleLive(
  running: RunningServer,
  subscriptions: number,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (running.liveCounts().subscriptions !== subscriptions && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

async function settledHeap(): Promise<number> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}
