/**
 * Subscriptions obey the same keys, scopes and operation guard as HTTP operations, and the caps
 * on connections and on subscriptions per connection; a revoked key ends its subscriptions.
 */
import type { Client } from 'graphql-ws';
import { createApiKey, revokeApiKey } from '../../src/services/api-keys';
import { startTestServer, type TestServer } from '../support/test-server';
import { Recorder, subscriptionClient } from '../support/subscription-client';

const MAX_SUBSCRIPTIONS = 2;
const MAX_CONNECTIONS = 3;
let server: TestServer;
let readKey: string;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer({
    auth: true,
    publicRead: false,
    limits: { maxBootstrapRounds: 200 },
    subscriptions: {
      maxConnections: MAX_CONNECTIONS,
      maxSubscriptionsPerConnection: MAX_SUBSCRIPTIONS,
      keyRecheckMs: 200,
      coalesceMs: 50,
    },
  });
  readKey = (await createApiKey(server.database.db, 'watcher', 'read')).key;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
  await server.close();
});

function connect(authorization?: string): Client {
  const client = subscriptionClient(server.url, {
    connectionParams: authorization === undefined ? {} : { authorization },
  });
  clients.push(client);
  return client;
}

const BOARD = 'subscription { leaderboardChanged(input: { bootstrapRounds: 0 }) { verdictCount } }';

test('without a key, the connection is not acknowledged when reads need a key (4401)', async () => {
  const board = new Recorder(connect(), BOARD);
  await board.ended();
  expect(board.failure.code).toBe(4401);
  expect(board.failure.reason).toMatch(/^UNAUTHENTICATED: reads need an API key/);
});

test('a malformed or unknown key closes the connection with 4401 and a coded reason', async () => {
  for (const authorization of ['Bearer nonsense', `Bearer vk_000000000000_${'a'.repeat(43)}`]) {
    const board = new Recorder(connect(authorization), BOARD);
    await board.ended();
    expect(board.failure.code).toBe(4401);
    expect(board.failure.reason).toMatch(/^UNAUTHENTICATED: The API key/);
  }
});

test('a read key subscribes; the operation guard still applies to subscription documents', async () => {
  const client = connect(`Bearer ${readKey}`);
  const board = new Recorder(client, BOARD);
  expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(0);
  board.stop();

  const greedy = new Recorder(
    client,
    'subscription { leaderboardChanged(input: { bootstrapRounds: 1000 }) { verdictCount } }',
  );
  await greedy.ended();
  expect(greedy.failure).toEqual([
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'maxBootstrapRounds' }),
    }),
  ]);

  const invalid = new Recorder(client, 'subscription { leaderboardChanged { noSuchField } }');
  await invalid.ended();
  expect(invalid.failure[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

  const query = new Recorder(client, '{ leaderboard { verdictCount } }');
  await query.ended();
  expect(query.failure[0].extensions.code).toBe('BAD_REQUEST');
});

test('a connection holds at most maxSubscriptionsPerConnection subscriptions', async () => {
  const client = connect(`Bearer ${readKey}`);
  const held = Array.from({ length: MAX_SUBSCRIPTIONS }, () => new Recorder(client, BOARD));
  for (const board of held) await board.next();
  const extra = new Recorder(client, BOARD);
  await extra.ended();
  expect(extra.failure).toEqual([
    expect.objectContaining({
      extensions: {
        code: 'LIMIT_EXCEEDED',
        limit: 'maxSubscriptionsPerConnection',
        max: MAX_SUBSCRIPTIONS,
        received: MAX_SUBSCRIPTIONS + 1,
      },
    }),
  ]);
  // Ending one makes room again.
  const live = server.server.liveCounts().subscriptions;
  held[0].stop();
  // The server has processed the stop, not merely had 100 ms for it (too short under load).
  await waitFor(() => server.server.liveCounts().subscriptions < live);
  const again = new Recorder(client, BOARD);
  expect((await again.next()).data.leaderboardChanged.verdictCount).toBe(0);
  for (const board of [...held, again]) board.stop();
});

test('the server holds at most maxConnections connections; one more is closed with TOO_MANY_CONNECTIONS', async () => {
  await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
  clients.length = 0;
  await waitFor(() => server.server.liveCounts().connections === 0);
  const open = Array.from(
    { length: MAX_CONNECTIONS },
    () => new Recorder(connect(`Bearer ${readKey}`), BOARD),
  );
  for (const board of open) await board.next();
  const refused = new Recorder(connect(`Bearer ${readKey}`), BOARD);
  await refused.ended();
  expect(refused.failure.code).toBe(4503);
  expect(refused.failure.reason).toMatch(/^TOO_MANY_CONNECTIONS: /);
  await waitFor(() => server.server.liveCounts().connections === MAX_CONNECTIONS);
  expect(server.server.liveCounts().connections).toBe(MAX_CONNECTIONS);
  for (const board of open) board.stop();
});

test('revoking a key ends the subscriptions of its connections', async () => {
  await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
  clients.length = 0;
  await waitFor(() => server.server.liveCounts().connections === 0);
  const doomed = await createApiKey(server.database.db, 'doomed', 'read');
  const board = new Recorder(connect(`Bearer ${doomed.key}`), BOARD);
  await board.next();
  expect(await revokeApiKey(server.database.db, doomed.prefix)).toBe(true);
  await board.ended(5000);
  expect(board.failure.code).toBe(4401);
  expect(board.failure.reason).toBe('UNAUTHENTICATED: the API key "doomed" was revoked.');
  await waitFor(() => server.server.liveCounts().subscriptions === 0);
  expect(server.server.liveCounts().subscriptions).toBe(0);
});

test('a key revoked just before a write gets no event for that write, only the close', async () => {
  await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
  clients.length = 0;
  await waitFor(() => server.server.liveCounts().connections === 0);
  const doomed = await createApiKey(server.database.db, 'doomed-before-write', 'read');
  const writer = await createApiKey(server.database.db, 'writer-after-revoke', 'write');
  const board = new Recorder(connect(`Bearer ${doomed.key}`), BOARD);
  await board.next();
  expect(await revokeApiKey(server.database.db, doomed.prefix)).toBe(true);
  // The write lands before the periodic re-check (200 ms) could have closed the connection.
  const written = await server.graphql(
    `mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }`,
    {
      input: {
        verdicts: [
          {
            judge: 'revocation-judge',
            prompt: { externalId: 'revocation-prompt', text: 'Which is better?' },
            modelA: 'revocation-a',
            modelB: 'revocation-b',
            outcome: 'A_BETTER',
            idempotencyKey: 'revocation-write',
          },
        ],
      },
    },
    { authorization: `Bearer ${writer.key}` },
  );
  expect(written.data.recordVerdicts.accepted).toBe(1);
  await board.ended(5000);
  expect(board.failure.code).toBe(4401);
  expect(board.events).toHaveLength(1);
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
