/**
 * Whole responses served again while the data stand still: identical requests cost one
 * statement (the data-version read), any write from any process invalidates them, and the
 * caller's scope, the operation guard, CSRF prevention and errors work as for uncached answers.
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_LIMITS } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { createApiKey, revokeApiKey } from '../../src/services/api-keys';
import { postGraphQL, startTestServer, type TestServer } from '../support/test-server';

const PAGE =
  'query Page($first: Int) { verdicts(first: $first) { edges { node { id outcome modelA { name stats { wins battles } } prompt { externalId } } } } }';
const BOARD =
  'query Board { leaderboard(input: { bootstrapRounds: 20 }) { verdictCount entries { model { name } rating ciLower } } }';
const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';

function verdicts(count: number, offset: number) {
  return Array.from({ length: count }, (_, i) => ({
    judge: 'rc-judge',
    prompt: { externalId: `rc${(i + offset) % 5}` },
    modelA: `m${i % 3}`,
    modelB: `m${(i % 3) + 1}`,
    outcome: i % 4 === 0 ? 'B_BETTER' : 'A_BETTER',
    idempotencyKey: `rc${i + offset}`,
  }));
}

describe('without keys', () => {
  let server: TestServer;
  let second: RunningServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ log: (line) => lines.push(line) });
    // A second server on the same database, with its own caches, as a second process would have.
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
    expect(
      (await server.graphql(RECORD, { input: { verdicts: verdicts(30, 0) } })).data.recordVerdicts
        .accepted,
    ).toBe(30);
  });
  afterAll(async () => {
    await second.stop();
    await server.close();
  });

  async function counted(query: string, variables?: Record<string, unknown>) {
    const before = server.database.statementCount();
    const result = await server.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return { result, statements: server.database.statementCount() - before };
  }

  test('an identical request is answered with the same body for one statement, the data-version read', async () => {
    const first = await counted(PAGE, { first: 10 });
    const again = await counted(PAGE, { first: 10 });
    expect(first.statements).toBeGreaterThan(1);
    expect(again.statements).toBe(1);
    expect(again.result).toEqual(first.result);
    expect((await counted(PAGE, { first: 11 })).statements).toBeGreaterThan(1);
    expect((await counted(BOARD)).statements).toBeGreaterThan(1);
    expect((await counted(BOARD)).statements).toBe(1);
  });

  test('a write through another server invalidates every answer, stats included', async () => {
    const before = (await counted(PAGE, { first: 100 })).result.data.verdicts.edges;
    const boardBefore = (await counted(BOARD)).result.data.leaderboard;
    expect(boardBefore.verdictCount).toBe(30);
    await postGraphQL(second.url, RECORD, { input: { verdicts: verdicts(6, 30) } });
    const after = await counted(PAGE, { first: 100 });
    expect(after.statements).toBeGreaterThan(1);
    expect(after.result.data.verdicts.edges).toHaveLength(before.length + 6);
    const stats = (edges: any[]) =>
      edges.find((edge) => edge.node.modelA.name === 'm0').node.modelA.stats.battles;
    expect(stats(after.result.data.verdicts.edges)).toBeGreaterThan(stats(before));
    const board = await counted(BOARD);
    expect(board.statements).toBeGreaterThan(1);
    expect(board.result.data.leaderboard.verdictCount).toBe(36);
  });

  test('a data-version bump made directly in SQL invalidates too', async () => {
    await counted(BOARD);
    expect((await counted(BOARD)).statements).toBe(1);
    await server.database.db.execute(
      sql`UPDATE data_version SET version = version + 1 WHERE id = 1`,
    );
    expect((await counted(BOARD)).statements).toBeGreaterThan(1);
    expect((await counted(BOARD)).statements).toBe(1);
  });

  test('answers with errors are never stored', async () => {
    const query = '{ verdict(id: "not-a-number") { id } }';
    const first = await server.graphql(query);
    const before = server.database.statementCount();
    const again = await server.graphql(query);
    expect(again).toEqual(first);
    expect(first.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(server.database.statementCount() - before).toBe(1);
  });

  test('the operation guard refuses a cached document whose variables exceed the limits', async () => {
    await counted(PAGE, { first: 10 });
    const tooMany = await server.graphql(PAGE, { first: DEFAULT_LIMITS.maxPageSize + 1 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  test('a simple cross-site POST of a cached document is still blocked by CSRF prevention', async () => {
    await counted(BOARD);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: BOARD }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  test('cached answers are logged, marked as such', async () => {
    await counted(BOARD);
    lines.length = 0;
    await counted(BOARD);
    expect(JSON.parse(lines[0])).toMatchObject({
      operation: 'Board',
      type: 'query',
      status: 'ok',
      httpStatus: 200,
      errorCodes: [],
      cached: true,
    });
  });

  test('mutations and documents asking whether they were cached always run', async () => {
    const asking = '{ leaderboard(input: { bootstrapRounds: 20 }) { cached verdictCount } }';
    await server.graphql(asking);
    expect((await server.graphql(asking)).data.leaderboard.cached).toBe(true);
    const before = server.database.statementCount();
    await server.graphql(RECORD, { input: { verdicts: verdicts(1, 0) } });
    await server.graphql(RECORD, { input: { verdicts: verdicts(1, 0) } });
    expect(server.database.statementCount() - before).toBeGreaterThan(2);
  });
});

describe('with keys and no public reads', () => {
  let server: TestServer;
  const lines: string[] = [];
  const lastLine = () => JSON.parse(lines[lines.length - 1]);
  beforeAll(async () => {
    server = await startTestServer({
      auth: true,
      publicRead: false,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  test('a cached answer is served only to callers the guard lets through, whatever came before', async () => {
    const admin = await createApiKey(server.database.db, 'rc-admin', 'admin');
    const reader = await createApiKey(server.database.db, 'rc-read', 'read');
    await server.graphql(RECORD, { input: { verdicts: verdicts(5, 0) } }, bearer(admin.key));
    const answered = await server.graphql(BOARD, undefined, bearer(admin.key));
    expect(answered.errors).toBeUndefined();
    expect((await server.graphql(BOARD, undefined, bearer(admin.key))).data).toEqual(answered.data);
    expect(lastLine()).toMatchObject({ cached: true, apiKeyId: expect.any(Number) });

    const anonymous = await server.graphql(BOARD);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();

    // Another scope is another entry: the reader's first request runs through Apollo.
    expect((await server.graphql(BOARD, undefined, bearer(reader.key))).data).toEqual(
      answered.data,
    );
    expect(lastLine().cached).toBeUndefined();
    await server.graphql(BOARD, undefined, bearer(reader.key));
    expect(lastLine().cached).toBe(true);

    await revokeApiKey(server.database.db, admin.prefix);
    const revoked = await server.graphql(BOARD, undefined, bearer(admin.key));
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(revoked)).not.toContain(admin.key);
  });
});
