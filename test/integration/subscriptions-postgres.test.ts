/**
 * Live updates across server processes on one PostgreSQL server, and after the LISTEN connection
 * is lost. PostgreSQL only: an embedded PGlite database belongs to one process, and its listener
 * has no connection to lose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Client } from 'graphql-ws';
import { queryRows } from '../../src/db/rows';
import { LISTENER_APPLICATION_NAME } from '../../src/db/notification-listener';
import { postGraphQL, startTestServer, type TestServer } from '../support/test-server';
import { Recorder, subscriptionClient } from '../support/subscription-client';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

const BOARD = 'subscription { leaderboardChanged(input: { bootstrapRounds: 0 }) { verdictCount } }';
const FEED =
  'subscription { verdictsRecorded { dataVersion missedBatches verdicts { idempotencyKey } } }';
const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';

let keys = 0;
function batch(count: number) {
  return {
    input: {
      verdicts: Array.from({ length: count }, (_, i) => ({
        judge: 'pg-judge',
        prompt: { externalId: `q${i}` },
        modelA: 'a',
        modelB: 'b',
        outcome: 'A_BETTER',
        idempotencyKey: `pg${(keys += 1)}`,
      })),
    },
  };
}

/**
 * Resolves once `feed` is subscribed on its server: a `verdictsRecorded` subscription sends
 * nothing at first, so one-verdict probes are written (through `url`) until one arrives. The probes
 * committed after the first one heard arrive too, in commit order, and are read off up to the last,
 * so that the feed's next event is the test's own.
 */
async function untilListening(feed: Recorder, url: string): Promise<void> {
  let key = '';
  let heard: Awaited<ReturnType<Recorder['next']>> | null = null;
  while (heard === null) {
    if (feed.failure !== null || feed.completed) throw new Error('the feed ended before it heard');
    const probe = batch(1);
    key = probe.input.verdicts[0].idempotencyKey;
    await postGraphQL(url, RECORD, probe);
    heard = await feed.next(1000).catch(() => null);
  }
  while (heard.data.verdictsRecorded.verdicts[0].idempotencyKey !== key) heard = await feed.next();
}

onPostgres('on PostgreSQL', () => {
  let server: TestServer;
  let other: { url: string; child: ChildProcess };
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      subscriptions: { coalesceMs: 50, reconnectInitialDelayMs: 500, reconnectMaxDelayMs: 1000 },
    });
    other = await startServerProcess(server.databaseUrl as string);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
    other.child.kill('SIGTERM');
    await new Promise((resolve) => other.child.once('exit', resolve));
    await server.close();
  });
  const client = (url: string) => {
    const made = subscriptionClient(url);
    clients.push(made);
    return made;
  };

  test('a verdict written through one server process reaches the subscribers of another, both ways', async () => {
    const here = new Recorder(client(server.url), BOARD);
    const there = new Recorder(client(other.url), BOARD);
    const start = (await here.next()).data.leaderboardChanged.verdictCount;
    expect((await there.next()).data.leaderboardChanged.verdictCount).toBe(start);

    await postGraphQL(other.url, RECORD, batch(3));
    expect((await here.next()).data.leaderboardChanged.verdictCount).toBe(start + 3);
    expect((await there.next()).data.leaderboardChanged.verdictCount).toBe(start + 3);

    await server.graphql(RECORD, batch(2));
    expect((await there.next()).data.leaderboardChanged.verdictCount).toBe(start + 5);
    expect((await here.next()).data.leaderboardChanged.verdictCount).toBe(start + 5);
    here.stop();
    there.stop();
  });

  test('a batch of 5,000 arrives whole through a multi-part NOTIFY in the other process', async () => {
    const feed = new Recorder(client(other.url), FEED);
    await untilListening(feed, server.url);
    // Every other key is a duplicate of an earlier one: the ids have gaps, so the runs need parts.
    const fresh = batch(2500).input.verdicts;
    await server.graphql(RECORD, { input: { verdicts: fresh } });
    const again = batch(5000).input.verdicts.map((verdict, i) =>
      i % 2 === 0 ? fresh[i / 2] : verdict,
    );
    await server.graphql(RECORD, { input: { verdicts: again } });
    const first = await feed.next();
    expect(first.data.verdictsRecorded.verdicts).toHaveLength(2500);
    const second = await feed.next();
    expect(second.data.verdictsRecorded.verdicts).toHaveLength(2500);
    expect(second.data.verdictsRecorded.dataVersion).toBe(
      first.data.verdictsRecorded.dataVersion + 1,
    );
    feed.stop();
  });

  test('after the LISTEN connection is terminated it reconnects, and a change made meanwhile is not missed', async () => {
    const feed = new Recorder(client(server.url), FEED);
    await untilListening(feed, server.url);
    const board = new Recorder(client(server.url), BOARD);
    const start = (await board.next()).data.leaderboardChanged.verdictCount;
    // Both server processes listen on this database; this one's listener is the newest.
    const terminated = await queryRows<{ pid: number }>(
      server.database.db,
      sql`
      SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`,
    );
    expect(terminated).toHaveLength(2);
    // Written while this server is not listening (it waits at least 500 ms to reconnect).
    await postGraphQL(other.url, RECORD, batch(4));
    expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(start + 4);
    const missed = await feed.next();
    expect(missed.data.verdictsRecorded).toMatchObject({ missedBatches: true, verdicts: [] });

    // Listening again: the next write arrives by NOTIFY, with its verdicts.
    await postGraphQL(other.url, RECORD, batch(1));
    expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(start + 5);
    expect((await feed.next()).data.verdictsRecorded).toMatchObject({
      missedBatches: false,
      verdicts: [expect.anything()],
    });
    board.stop();
    feed.stop();
  });
});

/** `verdicts serve` in a child process on the same database. */
async function startServerProcess(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      VERDICTS_AUTH: 'off',
      VERDICTS_LOG_REQUESTS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no server within 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /on (http:\/\/\S+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return { url, child };
}
