/**
 * Issue 19.3: aliases multiplied a 100 KB prompt into a 180 MB answer (and past V8's longest
 * string into an HTTP 500 logged as "ok"). Repeated aliases of a large text are refused before
 * anything runs, and every answer has a byte cap: over it, RESPONSE_TOO_LARGE with 413, logged as
 * an error, while the server carries on.
 */
import { jsonByteLength, limitResponseSize } from '../../src/graphql/guards/response-size';
import { startTestServer, type TestServer } from '../support/test-server';

const PROMPT_BYTES = 100_000;
const VERDICTS = 60;

let server: TestServer;
const requestLines: string[] = [];
const errorLines: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    production: true,
    log: (line) => requestLines.push(line),
    errorLog: (line) => errorLines.push(line),
  });
  const verdicts = Array.from({ length: VERDICTS }, (_, i) => ({
    judge: 'size-judge',
    prompt: { text: `${i} ${'x'.repeat(PROMPT_BYTES)}` },
    modelA: 'a',
    modelB: 'b',
    outcome: 'TIE',
  }));
  const seeded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(seeded.data.recordVerdicts.accepted).toBe(VERDICTS);
}, 120_000);
afterAll(async () => {
  await server.close();
});

async function post(query: string): Promise<{ status: number; bytes: number; json: any }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), json: JSON.parse(text) };
}

function logged(status: number): any {
  return requestLines.map((line) => JSON.parse(line)).find((line) => line.httpStatus === status);
}

const aliases = (count: number, selection: string) =>
  Array.from({ length: count }, (_, i) => `p${i}: ${selection}`).join(' ');

test("the review's 30 aliases of prompt { text } over 60 verdicts are refused before they run", async () => {
  const answer = await post(
    `{ verdicts(first: ${VERDICTS}) { nodes { ${aliases(30, 'prompt { text }')} } } }`,
  );
  expect(answer).toMatchObject({
    status: 400,
    json: {
      errors: [
        {
          extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxTextAliases', max: 4, received: 30 },
        },
      ],
    },
  });
  expect(answer.json.data).toBeUndefined();
});

test.each([
  [
    'aliases of the text itself',
    `{ verdicts(first: 5) { nodes { prompt { ${aliases(5, 'text')} } } } }`,
  ],
  ['aliases of the root list', `{ ${aliases(5, 'verdicts(first: 5) { nodes { judgment } }')} }`],
  [
    'aliases spread from fragments',
    '{ verdicts(first: 5) { nodes { ...A ...B } } } fragment A on Verdict { a1: prompt { text } a2: prompt { text } a3: prompt { text } } fragment B on Verdict { b1: prompt { text } b2: prompt { text } }',
  ],
])('%s count as repeats of a large text', async (_what, query) => {
  const answer = await post(query);
  expect(answer.status).toBe(400);
  expect(answer.json.errors[0].extensions).toMatchObject({ limit: 'maxTextAliases', received: 5 });
});

test('an answer over the byte cap is RESPONSE_TOO_LARGE with 413, logged, and the server carries on', async () => {
  // 4 × 4 aliases (within the limit) of 60 prompts of 100 KB: about 96 MB against the 32 MiB default.
  const inner = aliases(4, 'prompt { text }');
  const query = `query Huge { ${aliases(4, `verdicts(first: ${VERDICTS}) { nodes { ${inner} } }`)} }`;
  const rssBefore = process.memoryUsage().rss;
  const answer = await post(query);
  expect(answer.status).toBe(413);
  expect(answer.json).toEqual({
    errors: [
      {
        message: expect.stringContaining('at most 33554432 bytes'),
        extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', max: 33554432 },
      },
    ],
  });
  expect(answer.bytes).toBeLessThan(1000);
  expect(logged(413)).toMatchObject({
    operation: 'Huge',
    status: 'error',
    errorCodes: ['RESPONSE_TOO_LARGE'],
  });
  expect(errorLines).toEqual([]); // the caller's doing, not a fault of the server
  // Measured, not built: the process did not grow by anything like the answer's 96 MB.
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  const after = await post('{ verdicts(first: 2) { nodes { prompt { text } } } }');
  expect(after.status).toBe(200);
  expect(after.json.data.verdicts.nodes).toHaveLength(2);
});

test('the cap counts UTF-8 bytes as sent: 80,000 characters of € are 240,000 bytes, over a 200,000 cap', async () => {
  const capped = await startTestServer({ maxResponseBytes: 200_000 });
  try {
    const seeded = await capped.graphql(
      'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
      {
        input: {
          verdicts: [1, 2].map((i) => ({
            judge: 'j',
            // 3 bytes per character in UTF-8: 40,000 characters are 120,000 bytes.
            prompt: { text: `${i}${'€'.repeat(40_000)}` },
            modelA: 'a',
            modelB: 'b',
            outcome: 'TIE',
          })),
        },
      },
    );
    expect(seeded.data.recordVerdicts.accepted).toBe(2);
    const one = await capped.graphql('{ verdicts(first: 1) { nodes { prompt { text } } } }');
    expect(one.status).toBe(200);
    const two = await capped.graphql('{ verdicts(first: 2) { nodes { prompt { text } } } }');
    expect(two.status).toBe(413);
    expect(two.errors![0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: 200_000 });
  } finally {
    await capped.close();
  }
});

describe('jsonByteLength, the measure shared with the WebSocket side', () => {
  test.each([
    [{ a: [1, 'é', null, true, false, -0.5, 'quote " and \\ and \n'] }],
    [{ errors: [{ message: 'm', extensions: { code: 'X' } }], data: null }],
    [['\u0000', '\ud800', '😀', { nested: { deeper: [[], {}] } }]],
    [{ skipped: undefined, kept: 1, when: new Date(0) }],
    [[undefined, Infinity, NaN]],
    // Escaped and non-ASCII keys, repeated over rows; the ends of printable ASCII, DEL and tab.
    [
      [
        { 'ké"y': ' ~', 'a\tb': '\u007f' },
        { 'ké"y': '!#[]', 'a\tb': '\\' },
        { 'ké"y': 'say "hi"', q: '' },
      ],
    ],
  ])('is the UTF-8 length of JSON.stringify for %j', (value) => {
    expect(jsonByteLength(value, Infinity)).toBe(Buffer.byteLength(JSON.stringify(value)));
  });

  test('stops soon after the bound, so a huge value costs the bound, not its size', () => {
    const text = 'y'.repeat(1000);
    const huge = Array.from({ length: 1_000_000 }, () => text);
    const measured = jsonByteLength(huge, 10_000);
    expect(measured).toBeGreaterThan(10_000);
  });

  test('a value JSON cannot carry is an internal error, not a crash', () => {
    expect(limitResponseSize({ data: { n: BigInt(1) } }, 1000)).toMatchObject({
      ok: false,
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(limitResponseSize({ data: { n: 1 } }, 1000)).toEqual({ ok: true, bytes: 16 });
  });
});
