/**
 * The WebSocket surface under hostile use (issue 19): the Origin and Host of an upgrade, quotas of
 * connections per address, per key and for keyed clients, idle connections, the parse limits and
 * coded, logged errors of one failing subscription, key management with keys off, and a revoked
 * key's connection getting no further event.
 */
import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { queryRows } from '../../src/db/rows';
import { createApiKey, revokeApiKey } from '../../src/services/api-keys';
import { startTestServer, type TestServer } from '../support/test-server';
import { Recorder, subscriptionClient } from '../support/subscription-client';

const BOARD = 'subscription { leaderboardChanged(input: { bootstrapRounds: 0 }) { verdictCount } }';
const FEED = 'subscription { verdictsRecorded { dataVersion verdicts { idempotencyKey } } }';
const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';

let keys = 0;
function batch(count: number) {
  return {
    input: {
      verdicts: Array.from({ length: count }, (_, i) => ({
        judge: 'limits-judge',
        prompt: { externalId: `q${i}` },
        modelA: 'a',
        modelB: 'b',
        outcome: 'A_BETTER',
        idempotencyKey: `limits${(keys += 1)}`,
      })),
    },
  };
}

/** The upgrade's HTTP status, or 101 when it was accepted. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** A raw graphql-ws connection: resolves with the close event, or 'acknowledged'. */
function initialise(
  url: string,
  payload: Record<string, unknown> = {},
  localAddress?: string,
): Promise<{ socket: WebSocket; outcome: 'acknowledged' | { code: number; reason: string } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      localAddress,
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.once('message', () => resolve({ socket, outcome: 'acknowledged' }));
    socket.once('close', (code, reason) =>
      resolve({ socket, outcome: { code, reason: reason.toString() } }),
    );
    socket.once('error', reject);
  });
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED) throw new Error('already closed');
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

describe('Origin and Host', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      allowedHosts: ['verdicts.example.com'],
      allowedOrigins: ['https://dashboard.example.com'],
    });
  });
  afterAll(() => server.close());

  test("an upgrade from another origin is refused with 403; the server's own and listed ones are taken", async () => {
    const own = new URL(server.url).origin;
    expect(await upgradeStatus(server.url, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: 'null' })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: own })).toBe(101);
    expect(await upgradeStatus(server.url, { origin: 'https://dashboard.example.com' })).toBe(101);
    // Clients outside a browser send no Origin.
    expect(await upgradeStatus(server.url, {})).toBe(101);
  });

  test('a Host name that is not allowed is refused on the upgrade and on HTTP (DNS rebinding)', async () => {
    expect(await upgradeStatus(server.url, { host: 'rebound.evil.example' })).toBe(403);
    const refused = await postWithHost(server.url, 'rebound.evil.example');
    expect(refused.status).toBe(403);
    expect(refused.errors).toEqual([
      {
        message: expect.stringMatching(/VERDICTS_ALLOWED_HOSTS/),
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    expect(JSON.stringify(refused)).not.toContain('rebound');
    for (const host of ['verdicts.example.com', 'localhost:4000', '127.0.0.1', '[::1]:80']) {
      expect((await postWithHost(server.url, host)).status).toBe(200);
    }
    expect(
      await upgradeStatus(server.url, {
        host: 'verdicts.example.com',
        origin: 'https://verdicts.example.com',
      }),
    ).toBe(101);
  });
});

describe('connection quotas', () => {
  let server: TestServer;
  let readKey: string;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      auth: true,
      subscriptions: {
        maxConnections: 6,
        maxConnectionsPerAddress: 2,
        maxConnectionsPerKey: 2,
        reservedKeyedConnections: 3,
        idleTimeoutMs: 60_000,
      },
    });
    readKey = (await createApiKey(server.database.db, 'quota-reader', 'read')).key;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await until(() => server.server.liveCounts().connections === 0);
  });
  afterAll(() => server.close());

  /** From 127.0.0.1 unless another loopback address is given (Linux routes all of 127/8). */
  const open = async (payload?: Record<string, unknown>, localAddress?: string) => {
    const opened = await initialise(server.url, payload, localAddress);
    sockets.push(opened.socket);
    return opened.outcome;
  };

  test('one address holds at most maxConnectionsPerAddress connections without a key', async () => {
    for (let i = 0; i < 2; i += 1) expect(await open()).toBe('acknowledged');
    expect(await open()).toEqual({
      code: 4503,
      reason: expect.stringMatching(/^TOO_MANY_CONNECTIONS: an address may hold at most 2/),
    });
    expect(await open(undefined, '127.0.0.2')).toBe('acknowledged');
    // A key still gets in from the same address.
    expect(await open({ authorization: `Bearer ${readKey}` })).toBe('acknowledged');
  });

  test('one key holds at most maxConnectionsPerKey connections', async () => {
    const authorization = `Bearer ${readKey}`;
    expect(await open({ authorization })).toBe('acknowledged');
    expect(await open({ authorization })).toBe('acknowledged');
    expect(await open({ authorization })).toEqual({
      code: 4503,
      reason: expect.stringMatching(/^TOO_MANY_CONNECTIONS: an API key may hold at most 2/),
    });
  });

  test('anonymous connections leave the reserved slots to keyed ones', async () => {
    const other = (await createApiKey(server.database.db, 'quota-other', 'read')).key;
    expect(await open()).toBe('acknowledged');
    expect(await open()).toBe('acknowledged');
    expect(await open(undefined, '127.0.0.2')).toBe('acknowledged');
    // 6 slots, 3 kept for keys: all the anonymous ones are taken, the keyed ones are not.
    expect(await open(undefined, '127.0.0.3')).toEqual({
      code: 4503,
      reason: expect.stringMatching(
        /^TOO_MANY_CONNECTIONS: connections without a key may use at most 3 of the 6/,
      ),
    });
    expect(await open({ authorization: `Bearer ${readKey}` })).toBe('acknowledged');
    expect(await open({ authorization: `Bearer ${readKey}` })).toBe('acknowledged');
    expect(await open({ authorization: `Bearer ${other}` })).toBe('acknowledged');
    expect(await open({ authorization: `Bearer ${other}` })).toEqual({
      code: 4503,
      reason: expect.stringMatching(/^TOO_MANY_CONNECTIONS: this server holds its maximum of 6/),
    });
  });
});

test('a connection without a subscription is closed after the idle timeout; one with a subscription stays', async () => {
  const server = await startTestServer({ subscriptions: { idleTimeoutMs: 300, coalesceMs: 0 } });
  try {
    const idle = await initialise(server.url);
    expect(idle.outcome).toBe('acknowledged');
    expect(await closed(idle.socket)).toEqual({
      code: 4504,
      reason: expect.stringMatching(/^IDLE_TIMEOUT: no subscription for 300 ms/),
    });

    const client = subscriptionClient(server.url);
    const feed = new Recorder(client, FEED);
    const board = new Recorder(client, BOARD);
    await board.next();
    // Long past the idle timeout, the connection is still there and still served.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await server.graphql(RECORD, batch(2));
    expect((await feed.next()).data.verdictsRecorded.verdicts).toHaveLength(2);
    expect(feed.failure).toBeNull();
    await client.dispose();
  } finally {
    await server.close();
  }
});

describe('errors of one subscription', () => {
  let server: TestServer;
  let client: Client;
  const errorLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ production: true, errorLog: (line) => errorLines.push(line) });
    client = subscriptionClient(server.url);
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  test('a document nested 3,000 deep fails only that subscription, with a coded error', async () => {
    const deep = `subscription { leaderboardChanged { ${'entries { model { '.repeat(1500)}name${' } }'.repeat(1500)} } }`;
    const failed = new Recorder(client, deep);
    await failed.ended();
    expect(failed.failure).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: expect.stringMatching(/^(GRAPHQL_PARSE_FAILED|LIMIT_EXCEEDED)$/),
        }),
      }),
    ]);
    const tooLong = new Recorder(
      client,
      `subscription { leaderboardChanged { ${'verdictCount '.repeat(12_000)} } }`,
    );
    await tooLong.ended();
    expect(tooLong.failure).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'maxTokens' }),
      }),
    ]);
    // The connection is still open and serves the next subscription.
    const board = new Recorder(client, BOARD);
    expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(0);
    board.stop();
  });

  test('a database error fails that subscription with DATABASE_ERROR and a request id, logged as on HTTP', async () => {
    await server.database.db.execute(
      sql.raw('ALTER TABLE verdict_counts RENAME TO verdict_counts_away'),
    );
    await server.database.db.execute(sql.raw('ALTER TABLE verdicts RENAME TO verdicts_away'));
    try {
      const failed = new Recorder(
        client,
        'subscription { leaderboardChanged(input: { bootstrapRounds: 0, seed: 7 }) { verdictCount } }',
      );
      await failed.ended();
      // A stream that cannot start is one `next` with errors, then `complete` (graphql-ws).
      const errors = failed.events[0]?.errors ?? failed.failure;
      expect(errors).toEqual([
        {
          message: expect.any(String),
          path: ['leaderboardChanged'],
          extensions: { code: 'DATABASE_ERROR', requestId: expect.any(String) },
        },
      ]);
      const requestId = errors[0].extensions.requestId;
      const line = errorLines
        .map((text) => JSON.parse(text))
        .find((l) => l.requestId === requestId);
      expect(line).toEqual(
        expect.objectContaining({ level: 'error', code: 'DATABASE_ERROR', requestId }),
      );
    } finally {
      await server.database.db.execute(sql.raw('ALTER TABLE verdicts_away RENAME TO verdicts'));
      await server.database.db.execute(
        sql.raw('ALTER TABLE verdict_counts_away RENAME TO verdict_counts'),
      );
    }
    const board = new Recorder(client, BOARD);
    expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(0);
    board.stop();
  });
});

describe('keys', () => {
  test('with keys off, key management is closed (FORBIDDEN) and nothing is minted', async () => {
    const server = await startTestServer({ auth: false });
    try {
      for (const query of [
        'mutation { createApiKey(input: { name: "intruder", scope: ADMIN }) { key } }',
        'mutation { revokeApiKey(key: "vk_000000000000") }',
        '{ apiKeys { name } }',
      ]) {
        const answer = await server.graphql(query);
        expect(answer.status).toBe(403);
        expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(answer.errors?.[0]?.message).toMatch(/VERDICTS_AUTH=off/);
      }
      const stored = await queryRows<{ n: unknown }>(
        server.database.db,
        sql.raw('SELECT count(*) AS n FROM api_keys'),
      );
      expect(Number(stored[0].n)).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("a revoked key's connection gets no further event", async () => {
    // The periodic check is far off: only the check before each event can stop it.
    const server = await startTestServer({
      auth: true,
      subscriptions: { keyRecheckMs: 600_000, coalesceMs: 0 },
    });
    const writer = await createApiKey(server.database.db, 'writer', 'write');
    const doomed = await createApiKey(server.database.db, 'doomed-live', 'read');
    const client = subscriptionClient(server.url, {
      connectionParams: { authorization: `Bearer ${doomed.key}` },
    });
    try {
      const feed = new Recorder(client, FEED);
      const board = new Recorder(client, BOARD);
      await board.next();
      const write = (count: number) =>
        server.graphql(RECORD, batch(count), { authorization: `Bearer ${writer.key}` });
      await write(1);
      expect((await feed.next()).data.verdictsRecorded.verdicts).toHaveLength(1);
      expect((await board.next()).data.leaderboardChanged.verdictCount).toBe(1);
      expect(await revokeApiKey(server.database.db, doomed.prefix)).toBe(true);
      await write(1);
      await feed.ended(5000);
      expect(feed.failure.code).toBe(4401);
      expect(feed.events).toHaveLength(1);
      expect(board.events).toHaveLength(2);
    } finally {
      await client.dispose();
      await server.close();
    }
  });
});

/** fetch() may not set Host; node:http may. */
function postWithHost(url: string, host: string): Promise<{ status: number; errors?: any[] }> {
  const body = JSON.stringify({ query: '{ models { name } }' });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { host, 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ...(JSON.parse(Buffer.concat(chunks).toString()) as { errors?: any[] }),
          }),
        );
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
