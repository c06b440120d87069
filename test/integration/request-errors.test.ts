/**
 * Issue 11 over HTTP: a fragment fan-out is measured in linear time and refused with 400 while
 * the server keeps answering; every limit and bad-input refusal is a 400; a NUL or an unpaired
 * surrogate in any string argument is BAD_USER_INPUT before any SQL; an unexpected error in
 * production is logged as one JSON line carrying the request id the client got.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
const errorLines: string[] = [];
const requestLines: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    production: true,
    errorLog: (line) => errorLines.push(line),
    log: (line) => requestLines.push(line),
  });
  const seeded = await server.graphql(
    'mutation { recordVerdicts(input: { verdicts: [{ judge: "judge-1", prompt: { text: "p" }, modelA: "a", modelB: "b", outcome: TIE }] }) { accepted } }',
  );
  expect(seeded.data.recordVerdicts.accepted).toBe(1);
});
afterAll(async () => {
  await server.close();
});

async function post(
  body: unknown,
): Promise<{ status: number; requestId: string | null; json: any }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    json: await response.json(),
  };
}

/** `F0` spreads `F1` twice, `F1` spreads `F2` twice, …: 2^levels copies of the leaf selection. */
function fanOut(levels: number): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query FanOut { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { models { name } }`;
}

test('a 30-level fragment fan-out is refused with LIMIT_EXCEEDED and 400, and another request is answered meanwhile', async () => {
  const started = Date.now();
  const [fan, other] = await Promise.all([
    post({ query: fanOut(30) }),
    post({ query: '{ models { name } }' }),
  ]);
  // Charged in full: 2^30 copies of `models { name }` at 1 + 10 × 1 each.
  expect(fan).toMatchObject({
    status: 400,
    json: {
      errors: [
        {
          extensions: {
            code: 'LIMIT_EXCEEDED',
            limit: 'maxCost',
            max: 20000,
            received: 11 * 2 ** 30,
          },
        },
      ],
    },
  });
  expect(other).toMatchObject({
    status: 200,
    json: { data: { models: [{ name: 'a' }, { name: 'b' }] } },
  });
  // Measured by walking every spread, 30 levels took hours; a generous bound, not a timing test.
  expect(Date.now() - started).toBeLessThan(10_000);
});

test.each([
  ['maxAliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: models { name }`).join(' ')} }`],
  ['maxPageSize', '{ verdicts(first: 501) { nodes { id } } }'],
  ['maxBootstrapRounds', '{ leaderboard(input: { bootstrapRounds: 1001 }) { verdictCount } }'],
  ['maxTokens', `{ ${Array.from({ length: 10_001 }, () => '__typename').join(' ')} }`],
])('%s is refused with 400', async (limit, query) => {
  const answer = await post({ query });
  expect(answer.status).toBe(400);
  expect(answer.json.errors[0].extensions).toMatchObject({
    code: 'LIMIT_EXCEEDED',
    limit,
    max: expect.any(Number),
    received: expect.any(Number),
  });
});

test.each([
  ['headToHead', 'query ($s: String!) { headToHead(modelA: $s, modelB: "b") { wins } }', 'modelA'],
  ['model', 'query ($s: String!) { model(name: $s) { name } }', 'name'],
  [
    'verdicts',
    'query ($s: String!) { verdicts(filter: { judges: ["judge-1", $s] }) { nodes { id } } }',
    'filter.judges[1]',
  ],
  [
    'leaderboard',
    'query ($s: String!) { leaderboard(input: { categories: [$s] }) { verdictCount } }',
    'input.categories[0]',
  ],
  [
    'prompts',
    'query ($s: [String!]) { prompts(externalIds: $s) { nodes { id } } }',
    'externalIds[0]',
  ],
  ['judgeReport', 'query ($s: String!) { judgeReport(judge: $s) { verdicts } }', 'judge'],
  [
    'createApiKey',
    'mutation ($s: String!) { createApiKey(input: { name: $s, scope: READ }) { key } }',
    'input.name',
  ],
])(
  'a NUL or an unpaired surrogate in %s is BAD_USER_INPUT naming the argument, before any SQL',
  async (_field, query, field) => {
    for (const bad of ['a\u0000b', 'x\ud800', '\udfff']) {
      const before = server.database.statementCount();
      const answer = await post({
        query,
        variables: { s: query.includes('[String!])') ? [bad] : bad },
      });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        errors: [
          {
            message: expect.stringMatching(/must (not contain NUL|be valid Unicode)/),
            extensions: { code: 'BAD_USER_INPUT', field },
          },
        ],
      });
      expect(server.database.statementCount() - before).toBeLessThanOrEqual(1); // at most the data-version read of the response cache
    }
  },
);

test('the same check applies to literals in the document', async () => {
  const answer = await post({ query: '{ model(name: "a\\u0000") { name } }' });
  expect(answer).toMatchObject({
    status: 400,
    json: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'name' } }] },
  });
});

test('recordVerdicts keeps its per-item INVALID_TEXT and stores the rest of the batch', async () => {
  const answer = await post({
    query:
      'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted rejected results { userErrors { code field } } } }',
    variables: {
      input: {
        verdicts: [
          { judge: 'judge\u0000', prompt: { text: 'p' }, modelA: 'a', modelB: 'b', outcome: 'TIE' },
          { judge: 'judge-1', prompt: { text: 'p2' }, modelA: 'a', modelB: 'b', outcome: 'TIE' },
        ],
      },
    },
  });
  expect(answer.status).toBe(200);
  expect(answer.json.data.recordVerdicts).toMatchObject({
    accepted: 1,
    rejected: 1,
    results: [{ userErrors: [{ code: 'INVALID_TEXT', field: 'judge' }] }, { userErrors: [] }],
  });
});

test('a database error in production is answered with a request id and logged as one JSON line under it', async () => {
  errorLines.length = 0;
  await server.database.db.execute(sql`ALTER TABLE judges RENAME TO judges_away`);
  let answer;
  try {
    answer = await post({ query: 'query ListJudges { judges { name } }', variables: {} });
  } finally {
    await server.database.db.execute(sql`ALTER TABLE judges_away RENAME TO judges`);
  }
  expect(answer.status).toBe(200);
  const [error] = answer.json.errors;
  expect(error).toEqual({
    message: expect.any(String),
    path: ['judges'],
    extensions: { code: 'DATABASE_ERROR', requestId: answer.requestId },
  });
  expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(errorLines).toHaveLength(1);
  const line = JSON.parse(errorLines[0]);
  expect(line).toEqual({
    time: expect.any(String),
    level: 'error',
    requestId: answer.requestId,
    operation: 'ListJudges',
    code: 'DATABASE_ERROR',
    error: {
      name: expect.any(String),
      message: 'relation "judges" does not exist',
      stack: expect.stringContaining('    at '),
    },
  });
  // The driver's words only: Drizzle's wrapper would add the SQL and its parameters.
  expect(errorLines[0]).not.toMatch(/select|params/i);
  const logged = requestLines
    .map((text) => JSON.parse(text))
    .find((entry) => entry.requestId === answer.requestId);
  expect(logged).toMatchObject({ operation: 'ListJudges', errorCodes: ['DATABASE_ERROR'] });
  // The server carries on.
  expect((await post({ query: '{ judges { name } }' })).json.data.judges).toEqual([
    { name: 'judge-1' },
  ]);
});

test('a request id given by a proxy is kept; a malformed one is replaced', async () => {
  const kept = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'lb-1234' },
    body: '{"query":"{ __typename }"}',
  });
  expect(kept.headers.get('x-request-id')).toBe('lb-1234');
  const replaced = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'no spaces <allowed>' },
    body: '{"query":"{ __typename }"}',
  });
  expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

test('a batch whose every verdict is refused in the store creates no model, judge or prompt', async () => {
  const before = (
    await post({
      query: '{ models { name } judges { name } prompts(first: 500) { nodes { text } } }',
    })
  ).json.data;
  const answer = await post({
    query:
      'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted rejected results { userErrors { code } } } }',
    variables: {
      input: {
        verdicts: [
          {
            judge: 'new-judge',
            prompt: { text: 'new prompt' },
            modelA: 'new-a',
            modelB: 'new-b',
            outcome: 'TIE',
            supersedes: '999999',
          },
          {
            judge: 'judge-1',
            judgeKind: 'HUMAN',
            prompt: { text: 'other new prompt' },
            modelA: 'new-c',
            modelB: 'new-d',
            outcome: 'TIE',
          },
        ],
      },
    },
  });
  expect(answer.json.data.recordVerdicts).toEqual({
    accepted: 0,
    rejected: 2,
    results: [
      { userErrors: [{ code: 'NOT_FOUND' }] },
      { userErrors: [{ code: 'JUDGE_KIND_MISMATCH' }] },
    ],
  });
  expect(
    (
      await post({
        query: '{ models { name } judges { name } prompts(first: 500) { nodes { text } } }',
      })
    ).json.data,
  ).toEqual(before);
});

// The input types' field maps are copies with fast properties (graphql/common/fast-input-fields.ts);
// they must still have no prototype, or a field named like an Object member would be "defined".
test.each(['toString', 'constructor', 'hasOwnProperty', 'judgeName'])(
  'a verdict with a field %s that VerdictInput does not define is refused with BAD_USER_INPUT, and nothing is stored',
  async (field) => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          server.database.db,
          sql`SELECT count(*)::int AS n FROM verdicts`,
        )
      )[0].n;
    const before = await count();
    const answer = await post({
      query:
        'mutation ($verdicts: [VerdictInput!]!) { recordVerdicts(input: { verdicts: $verdicts }) { accepted } }',
      variables: {
        verdicts: [
          { judge: 'judge-1', prompt: { text: 'p' }, modelA: 'a', modelB: 'b', outcome: 'TIE' },
          {
            judge: 'judge-1',
            prompt: { text: 'p' },
            modelA: 'a',
            modelB: 'b',
            outcome: 'TIE',
            [field]: 'x',
          },
        ],
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`Field "${field}" is not defined by type "VerdictInput"`),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(await count()).toBe(before);
  },
);

test('a prompt field named like an Object member is refused the same way', async () => {
  const answer = await post({
    query:
      'mutation ($verdicts: [VerdictInput!]!) { recordVerdicts(input: { verdicts: $verdicts }) { accepted } }',
    variables: {
      verdicts: [
        {
          judge: 'judge-1',
          prompt: { text: 'p', valueOf: 'x' },
          modelA: 'a',
          modelB: 'b',
          outcome: 'TIE',
        },
      ],
    },
  });
  expect(answer.status).toBe(400);
  expect(answer.json.errors[0].message).toContain('Field "valueOf" is not defined by type');
});
