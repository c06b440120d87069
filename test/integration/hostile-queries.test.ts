/**
 * Hostile input: deep nesting, alias bombs, huge lists, oversized bodies, wrong types, unknown
 * enums, SQL-looking strings in every text filter, NaN / Infinity / negative numbers.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    limits: { maxDepth: 5, maxAliases: 10, maxCost: 5000 },
    maxRequestBytes: 8 * 1024 * 1024,
  });
});
afterAll(async () => {
  await server.close();
});

async function raw(body: string | Buffer): Promise<{ status: number; json: any }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, json: await response.json() };
}

function expectLimit(result: any, limit: string) {
  expect(result.status).toBe(400);
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
  expect(result.errors[0].extensions.stacktrace).toBeUndefined();
}

test('nesting deeper than the limit is refused before it runs', async () => {
  const deep = '{ verdicts(first: 1) { edges { node { responseA { prompt { text } } } } } }';
  expectLimit(await server.graphql(deep), 'maxDepth');
  const fragmentHidden =
    'query { ...F } fragment F on Query { verdicts(first: 1) { edges { node { responseA { model { name } } } } } }';
  expectLimit(await server.graphql(fragmentHidden), 'maxDepth');
  expect(
    (await server.graphql('{ verdicts(first: 1) { edges { node { id } } } }')).errors,
  ).toBeUndefined();
});

test('an alias bomb is refused', async () => {
  const bomb = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: models { name }`).join(' ')} }`;
  expectLimit(await server.graphql(bomb), 'maxAliases');
});

test('huge pages and costly queries are refused', async () => {
  expectLimit(await server.graphql('{ verdicts(first: 100000) { nodes { id } } }'), 'maxPageSize');
  const costly = `{ ${Array.from({ length: 8 }, (_, i) => `b${i}: leaderboard(input: { bootstrapRounds: 1000 }) { verdictCount }`).join(' ')} }`;
  expectLimit(await server.graphql(costly), 'maxCost');
  const nested =
    '{ verdicts(first: 500) { nodes { modelA { stats { wins } } modelB { stats { wins } } judge { name } prompt { text } responseA { text } } } }';
  expectLimit(await server.graphql(nested), 'maxCost');
});

test('a 10 MB body over the configured limit is refused with 413, and the server carries on', async () => {
  const body = JSON.stringify({
    query: '{ models { name } }',
    variables: { junk: 'x'.repeat(10 * 1024 * 1024) },
  });
  const result = await raw(body);
  expect(result.status).toBe(413);
  expect(result.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  expect((await server.graphql('{ models { name } }')).errors).toBeUndefined();
});

test.each([
  ['a string for an Int', '{ verdicts(first: "ten") { nodes { id } } }'],
  ['an unknown enum value', '{ leaderboard(input: { method: PAGERANK }) { verdictCount } }'],
  ['an unknown field', '{ models { name password } }'],
  ['a syntax error', '{ models { name '],
  ['an unknown argument', '{ models(limit: 3) { name } }'],
])('%s is a coded error', async (_what, document) => {
  const result = await server.graphql(document);
  expect(result.errors!.length).toBeGreaterThan(0);
  expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT']).toContain(
    result.errors![0].extensions!.code,
  );
});

test('a wrong type inside a big input names the field without echoing the input', async () => {
  const verdicts = Array.from({ length: 50 }, (_, i) => ({
    judge: 'j',
    prompt: { text: `secret prompt text ${i}` },
    modelA: 'a',
    modelB: 'b',
    outcome: i === 49 ? 'NOPE' : 'TIE',
  }));
  const result = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(result.errors![0].message).toBe(
    'Variable "$input" got an invalid value at "input.verdicts[49].outcome"; Value "NOPE" does not exist in "Outcome" enum.',
  );
  expect(JSON.stringify(result)).not.toContain('secret prompt text');
});

const SQL_LIKE = [
  "'; DROP TABLE verdicts; --",
  'x" OR "1"="1',
  "Robert'); DELETE FROM models;--",
  '%_\\\'"$1 ${x}',
];

test('SQL-looking strings are stored verbatim and filter nothing but themselves', async () => {
  const verdicts = SQL_LIKE.map((text, i) => ({
    judge: text,
    prompt: { externalId: text, text, category: text, tags: [text] },
    modelA: text,
    modelB: `${text}-b`,
    responseA: text,
    judgment: text,
    outcome: 'TIE',
    idempotencyKey: `${text}-${i}`,
  }));
  const stored = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(stored.data.recordVerdicts.accepted).toBe(SQL_LIKE.length);
  for (const text of SQL_LIKE) {
    const filter = {
      judges: [text],
      categories: [text],
      tags: [text],
      models: [text, `${text}-b`],
      model: text,
      provenance: 'api',
    };
    const page = await server.graphql(
      'query ($filter: VerdictFilterInput) { verdicts(first: 10, filter: $filter) { nodes { judge { name } prompt { externalId text category tags } modelA { name } judgment } } }',
      { filter },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.verdicts.nodes).toEqual([
      {
        judge: { name: text },
        prompt: { externalId: text, text, category: text, tags: [text] },
        modelA: { name: text },
        judgment: text,
      },
    ]);
    const board = await server.graphql(
      'query ($input: LeaderboardInput) { leaderboard(input: $input) { verdictCount } }',
      {
        input: {
          judges: [text],
          categories: [text],
          tags: [text],
          models: [text, `${text}-b`],
          bootstrapRounds: 0,
        },
      },
    );
    expect(board.data.leaderboard.verdictCount).toBe(1);
    expect(
      (
        await server.graphql('query ($name: String!) { model(name: $name) { name } }', {
          name: text,
        })
      ).data.model,
    ).toEqual({ name: text });
  }
  const [tables] = await queryRows<{ n: string }>(
    server.database.db,
    sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('verdicts', 'models', 'prompts')`,
  );
  expect(Number(tables.n)).toBe(3);
});

test.each([
  [
    'Infinity as a confidence level',
    '{"query":"{ leaderboard(input: { confidenceLevel: 1e999 }) { verdictCount } }"}',
  ],
  [
    'Infinity in a variable',
    '{"query":"query ($r: Float) { leaderboard(input: { regularization: $r }) { verdictCount } }","variables":{"r":1e999}}',
  ],
  [
    'NaN spelled as a string',
    '{"query":"query ($w: Float) { leaderboard(input: { strongVerdictWeight: $w }) { verdictCount } }","variables":{"w":"NaN"}}',
  ],
  [
    'an infinite anchor',
    '{"query":"{ leaderboard(input: { anchor: { model: \\"a\\", rating: 1e999 } }) { verdictCount } }"}',
  ],
  [
    'an infinite preference',
    '{"query":"mutation ($p: Float) { recordVerdicts(input: { verdicts: [{ judge: \\"j\\", prompt: { text: \\"t\\" }, modelA: \\"a\\", modelB: \\"b\\", preferenceA: $p }] }) { accepted } }","variables":{"p":-1e999}}',
  ],
])('%s is a coded error', async (_what, body) => {
  const result = await raw(body);
  expect(result.json.errors[0].extensions.code).toMatch(
    /^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/,
  );
});

test.each([
  [{ confidenceLevel: -0.95 }, 'input.confidenceLevel'],
  [{ regularization: -1 }, 'input.regularization'],
  [{ strongVerdictWeight: -3 }, 'input.strongVerdictWeight'],
  [{ bootstrapRounds: -10 }, 'input.bootstrapRounds'],
  [{ seed: -1 }, 'input.seed'],
])('negative %j is refused with the field named', async (input, field) => {
  const result = await server.graphql(
    'query ($input: LeaderboardInput) { leaderboard(input: $input) { verdictCount } }',
    { input },
  );
  expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
});

test('a negative or fractional preference is a per-item error, not a failure of the batch', async () => {
  const result = await server.graphql(`mutation { recordVerdicts(input: { verdicts: [
    { judge: "j", prompt: { text: "t" }, modelA: "a", modelB: "b", preferenceA: -0.5 },
    { judge: "j", prompt: { text: "t" }, modelA: "a", modelB: "b", preferenceA: 0.75 } ] }) { accepted rejected results { userErrors { code field } } } }`);
  expect(result.data.recordVerdicts).toMatchObject({ accepted: 1, rejected: 1 });
  expect(result.data.recordVerdicts.results[0].userErrors).toEqual([
    { code: 'OUT_OF_RANGE', field: 'preferenceA' },
  ]);
});
