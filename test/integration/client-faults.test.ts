/**
 * Issue 19.8: client errors answered as server faults. Variables nested 20,000 deep were an HTTP
 * 500, a persisted query with a wrong hash an INTERNAL_SERVER_ERROR logged as internal, and
 * `since: "0000-01-01T00:00:00Z"` a DATABASE_ERROR whose log line carried the value. Each is now a
 * 400 with BAD_REQUEST or BAD_USER_INPUT, logged as the request it is and not as a fault. And a
 * key lookup that fails inside the server (before Apollo runs) gets the status of its code, a
 * request id and both log lines, as any other fault does.
 */
import { sql } from 'drizzle-orm';
import { errorLogLine } from '../../src/graphql/guards/error-log';
import { createApiKey } from '../../src/services/api-keys';
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
    'mutation { recordVerdicts(input: { verdicts: [{ judge: "j", prompt: { text: "p" }, modelA: "a", modelB: "b", outcome: TIE, createdAt: "2024-03-01T00:00:00Z" }] }) { accepted } }',
  );
  expect(seeded.data.recordVerdicts.accepted).toBe(1);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  errorLines.length = 0;
});

interface Answer {
  status: number;
  requestId: string | null;
  json: any;
}

async function post(body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    json: await response.json(),
  };
}

function loggedRequest(requestId: string | null): any {
  return requestLines.map((line) => JSON.parse(line)).find((line) => line.requestId === requestId);
}

function nested(depth: number, leaf: string): string {
  return `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
}

test.each([
  [
    'a list variable',
    '{ "judges": VALUE }',
    'query ($f: VerdictFilterInput) { verdicts(filter: $f) { nodes { id } } }',
  ],
  ['an unused variable', 'VALUE', '{ models { name } }'],
  [
    'a batch',
    '{ "verdicts": VALUE }',
    'mutation ($f: RecordVerdictsInput!) { recordVerdicts(input: $f) { accepted } }',
  ],
])(
  'variables nested 20,000 deep in %s are BAD_USER_INPUT with 400, not a 500',
  async (_what, shape, query) => {
    const variables = `{ "f": ${shape.replace('VALUE', nested(20_000, '"j"'))} }`;
    const answer = await post(`{ "query": ${JSON.stringify(query)}, "variables": ${variables} }`);
    expect(answer).toMatchObject({
      status: 400,
      json: {
        errors: [
          {
            message:
              'Variable "$f" must be nested at most 32 levels deep, but it is nested deeper.',
            extensions: { code: 'BAD_USER_INPUT', field: '$f' },
          },
        ],
      },
    });
    expect(errorLines).toEqual([]);
    expect(loggedRequest(answer.requestId)).toMatchObject({
      httpStatus: 400,
      errorCodes: ['BAD_USER_INPUT'],
    });
  },
);

test('a deep extensions object is BAD_REQUEST, and a deep GET variable is refused as a POST one is', async () => {
  const deepExtensions = await post(
    `{ "query": "{ models { name } }", "extensions": { "x": ${nested(20_000, '1')} } }`,
  );
  expect(deepExtensions.status).toBe(400);
  expect(deepExtensions.json.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
  const url = new URL(server.url);
  url.searchParams.set(
    'query',
    'query ($f: [String!]) { prompts(externalIds: $f) { nodes { id } } }',
  );
  url.searchParams.set('variables', `{ "f": ${nested(1500, '"x"')} }`);
  const get = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  expect(get.status).toBe(400);
  expect(((await get.json()) as any).errors[0].extensions).toEqual({
    code: 'BAD_USER_INPUT',
    field: '$f',
  });
  // 32 levels are still read (and refused by the schema, not by depth).
  const shallow = await post(
    `{ "query": "query ($f: [String!]) { prompts(externalIds: $f) { nodes { id } } }", "variables": { "f": ${nested(30, '"x"')} } }`,
  );
  expect(shallow.status).toBe(400);
  expect(shallow.json.errors[0].message).toMatch(/^Variable "\$f" got an invalid value/);
  expect(errorLines).toEqual([]);
});

test('a persisted query whose hash does not match its text is BAD_REQUEST, not logged as a fault', async () => {
  const answer = await post(
    JSON.stringify({
      query: '{ models { name } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
    }),
  );
  expect(answer.status).toBe(400);
  expect(answer.json).toEqual({
    errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }],
  });
  expect(errorLines).toEqual([]);
  expect(loggedRequest(answer.requestId)).toMatchObject({ errorCodes: ['BAD_REQUEST'] });
});

const ODD_DATES = [
  '0000-01-01T00:00:00Z', // no year 0 in PostgreSQL
  '0001-01-01T00:30:00+01:00', // year 0 once the offset is applied
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '2023-02-29T12:00:00Z',
  '2024-01-01T24:00:00Z',
  '2016-12-31T23:59:60Z',
  '2024-01-01',
  '1e999',
  'garbage',
];

test.each(ODD_DATES)(
  'the date-time %s is BAD_USER_INPUT in every argument that takes one, literal or variable',
  async (date) => {
    const uses = [
      [
        'query ($d: DateTimeISO) { verdicts(filter: { since: $d }) { nodes { id } } }',
        `{ verdicts(filter: { since: ${JSON.stringify(date)} }) { nodes { id } } }`,
      ],
      [
        'query ($d: DateTimeISO) { leaderboard(input: { until: $d, bootstrapRounds: 0 }) { verdictCount } }',
        `{ leaderboard(input: { until: ${JSON.stringify(date)}, bootstrapRounds: 0 }) { verdictCount } }`,
      ],
      [
        'mutation ($d: DateTimeISO) { recordVerdicts(input: { verdicts: [{ judge: "j", prompt: { text: "p" }, modelA: "a", modelB: "b", outcome: TIE, createdAt: $d }] }) { accepted } }',
        null,
      ],
    ] as const;
    for (const [withVariable, withLiteral] of uses) {
      const answers = [await post(JSON.stringify({ query: withVariable, variables: { d: date } }))];
      if (withLiteral) answers.push(await post(JSON.stringify({ query: withLiteral })));
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(answer.json.errors).toHaveLength(1);
        expect(answer.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(answer.json.errors[0].message).toContain(
          'A DateTimeISO must be an RFC 3339 date-time from 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z',
        );
      }
    }
    expect(errorLines).toEqual([]);
  },
);

test('the edges of the range are accepted and compared as instants', async () => {
  for (const [since, count] of [
    ['0001-01-01T00:00:00Z', 1],
    ['0001-01-01T01:00:00+01:00', 1],
    ['9999-12-31T23:59:59.999Z', 0],
    ['2024-02-29T23:00:00-01:00', 1],
    ['2024-03-01T00:00:00.001Z', 0],
  ] as const) {
    const answer = await server.graphql(
      'query ($d: DateTimeISO) { verdicts(filter: { since: $d }) { nodes { createdAt } } }',
      { d: since },
    );
    expect({ since, status: answer.status, nodes: answer.data?.verdicts.nodes.length }).toEqual({
      since,
      status: 200,
      nodes: count,
    });
  }
});

test('a key lookup that fails in the database is coded, has a request id and is logged, before Apollo runs', async () => {
  const keyed = await startTestServer({
    production: true,
    auth: true,
    errorLog: (line) => errorLines.push(line),
    log: (line) => requestLines.push(line),
  });
  try {
    const { key } = await createApiKey(keyed.database.db, 'lookup', 'read');
    await keyed.database.db.execute(sql`ALTER TABLE api_keys RENAME TO api_keys_away`);
    let answer: Answer;
    try {
      const response = await fetch(keyed.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: 'query Models { models { name } }' }),
      });
      answer = {
        status: response.status,
        requestId: response.headers.get('x-request-id'),
        json: await response.json(),
      };
    } finally {
      await keyed.database.db.execute(sql`ALTER TABLE api_keys_away RENAME TO api_keys`);
    }
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      errors: [
        {
          message:
            'The database rejected the request and rolled it back; nothing was stored by it.',
          extensions: { code: 'DATABASE_ERROR', requestId: answer.requestId },
        },
      ],
    });
    expect(errorLines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        requestId: answer.requestId,
        code: 'DATABASE_ERROR',
        error: expect.objectContaining({ message: 'relation "api_keys" does not exist' }),
      }),
    ]);
    expect(errorLines[0]).not.toContain(key);
    expect(loggedRequest(answer.requestId)).toMatchObject({
      httpStatus: 500,
      errorCodes: ['DATABASE_ERROR'],
    });
    // A key that is merely wrong is still 401, now with its log line too.
    const wrong = await fetch(keyed.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer vk_nope_nope' },
      body: JSON.stringify({ query: '{ models { name } }' }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(loggedRequest(wrong.headers.get('x-request-id'))).toMatchObject({
      httpStatus: 401,
      errorCodes: ['UNAUTHENTICATED'],
    });
  } finally {
    await keyed.close();
  }
});

test("a database error's log line keeps PostgreSQL's words but not the value it quotes", () => {
  const line = JSON.parse(
    errorLogLine({
      requestId: 'r1',
      operation: null,
      code: 'DATABASE_ERROR',
      error: Object.assign(
        new Error('date/time field value out of range: "0000-01-01T00:00:00.000Z"'),
        { code: '22008' },
      ),
    }),
  );
  expect(line.error.message).toBe('date/time field value out of range: (the value is not logged)');
  expect(
    JSON.parse(
      errorLogLine({
        requestId: null,
        operation: null,
        code: 'DATABASE_ERROR',
        error: new Error('relation "judges" does not exist'),
      }),
    ).error.message,
  ).toBe('relation "judges" does not exist');
});
