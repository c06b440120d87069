/**
 * Issue 19.10: messages echoed input (a baseline name cut to 100 characters, graphql-js's
 * "DateTime cannot represent … <the whole text>") although the README said they never do. The
 * rule now (README, "Errors and HTTP statuses"; src/domain/excerpt.ts): a message quotes what was
 * sent only as an excerpt of at most 40 characters. Every bad input below carries a 200-letter
 * marker; no error, user error or path message may contain any 41 consecutive letters of it.
 */
import { EXCERPT_LENGTH, excerpt, withShortQuotes } from '../../src/domain/excerpt';
import { startTestServer, type TestServer } from '../support/test-server';

/** 200 pseudo-random letters (Park–Miller's generator, fixed seed): every 41-letter window differs. */
const MARK = (() => {
  let state = 19_010;
  let text = '';
  for (let i = 0; i < 200; i += 1) {
    state = (state * 48_271) % 2_147_483_647;
    text += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[state % 52];
  }
  return `Zq${text}`;
})();

function echoes(text: string): string | null {
  for (let start = 0; start + EXCERPT_LENGTH < MARK.length; start += 1) {
    const window = MARK.slice(start, start + EXCERPT_LENGTH + 1);
    if (text.includes(window)) return window;
  }
  return null;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ production: true });
  const seeded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    {
      input: {
        verdicts: [
          {
            judge: MARK,
            judgeKind: 'LLM',
            prompt: { text: 'p' },
            modelA: 'a',
            modelB: 'b',
            outcome: 'A_BETTER',
          },
          {
            judge: MARK,
            judgeKind: 'LLM',
            prompt: { text: 'q' },
            modelA: 'b',
            modelB: 'a',
            outcome: 'A_BETTER',
          },
        ],
      },
    },
  );
  expect(seeded.data.recordVerdicts.accepted).toBe(2);
});
afterAll(async () => {
  await server.close();
});

const quoted = JSON.stringify(MARK);
/** [what, GraphQL document, variables]: each a caller's mistake that names the marker. */
const CORPUS: [string, string, Record<string, unknown>?][] = [
  ['an unknown model in headToHead', `{ headToHead(modelA: ${quoted}, modelB: "a") { wins } }`],
  [
    'an unknown judge in judgeReport',
    `{ judgeReport(judge: ${JSON.stringify(`${MARK}Unknown`)}) { verdicts } }`,
  ],
  [
    'an unknown baseline',
    `{ leaderboard(input: { baseline: ${quoted}, bootstrapRounds: 0 }) { verdictCount } }`,
  ],
  [
    'an unknown anchor',
    `{ leaderboard(input: { anchor: { model: ${quoted}, rating: 1000 }, bootstrapRounds: 0 }) { verdictCount } }`,
  ],
  ['a garbage date literal', `{ verdicts(filter: { since: ${quoted} }) { nodes { id } } }`],
  [
    'a garbage date variable',
    'query ($d: DateTimeISO) { verdicts(filter: { since: $d }) { nodes { id } } }',
    { d: MARK },
  ],
  ['an unknown enum literal', `{ leaderboard(input: { method: ${MARK} }) { verdictCount } }`],
  [
    'an unknown enum variable',
    'query ($m: RatingMethod) { leaderboard(input: { method: $m }) { verdictCount } }',
    { m: MARK },
  ],
  ['a string for an Int', `{ verdicts(first: ${quoted}) { nodes { id } } }`],
  [
    'a string variable for an Int',
    'query ($n: Int) { verdicts(first: $n) { nodes { id } } }',
    { n: MARK },
  ],
  ['a list literal for an Int', `{ verdicts(first: [${quoted}, ${quoted}]) { nodes { id } } }`],
  ['an object literal for a String', `{ model(name: { a: ${quoted} }) { name } }`],
  ['an unknown field', `{ models { ${MARK} } }`],
  ['an unknown argument', `{ models(${MARK}: 1) { name } }`],
  ['an unknown fragment', `{ ...${MARK} }`],
  ['an undefined variable', `{ model(name: $${MARK}) { name } }`],
  ['an unknown directive', `{ models @${MARK} { name } }`],
  ['an unknown type', `query ($x: ${MARK}) { models { name } }`],
  ['a syntax error after a name', `{ models { name } } ${MARK} {`],
  ['a syntax error inside a string', `{ model(name: "${MARK}`],
  ['a bad cursor', `{ verdicts(after: ${quoted}) { nodes { id } } }`],
  ['a bad id', `{ verdict(id: ${quoted}) { id } }`],
  [
    'a judge kind mismatch (a per-item user error)',
    `mutation { recordVerdicts(input: { verdicts: [{ judge: ${quoted}, judgeKind: HUMAN, prompt: { text: "p" }, modelA: "a", modelB: "b", outcome: TIE }] }) { results { userErrors { code field message } } } }`,
  ],
  [
    'a self-comparison (a per-item user error)',
    `mutation { recordVerdicts(input: { verdicts: [{ judge: "j", prompt: { text: "p" }, modelA: ${quoted}, modelB: ${quoted}, outcome: TIE }] }) { results { userErrors { code field message } } } }`,
  ],
  [
    'a judgment without a label',
    `mutation { recordVerdicts(input: { verdicts: [{ judge: "j", prompt: { text: "p" }, modelA: "a", modelB: "b", judgment: ${quoted} }] }) { results { userErrors { code field message } } } }`,
  ],
  [
    'a wrong item in a batch variable',
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    {
      input: {
        verdicts: [
          { judge: MARK, prompt: { text: MARK }, modelA: 'a', modelB: 'b', outcome: MARK },
        ],
      },
    },
  ],
  [
    'an admin field without a key name',
    `mutation { createApiKey(input: { name: ${quoted}, scope: ${MARK} }) { key } }`,
  ],
  [
    'a NUL after the marker',
    'query ($s: String!) { model(name: $s) { name } }',
    { s: `${MARK}\u0000` },
  ],
];

// Every row gets a third member: jest would take a missing one's parameter for `done`.
test.each(CORPUS.map(([what, query, variables]) => [what, query, variables ?? null] as const))(
  '%s: no message quotes more than 40 characters of the input',
  async (_what, query, variables) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName: undefined }),
    });
    const body = (await response.json()) as any;
    expect(response.status).toBeLessThan(500);
    const messages = [
      ...(body.errors ?? []).map((error: { message: string }) => error.message),
      ...JSON.stringify(body.data ?? null).matchAll(/"message":"((?:[^"\\]|\\.)*)"/g),
    ].map(String);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.map((message) => ({ message, echoes: echoes(message) }))).toEqual(
      messages.map((message) => ({ message, echoes: null })),
    );
  },
);

test('an unknown operation name and an unknown path are quoted as excerpts too', async () => {
  const named = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query A { models { name } }', operationName: MARK }),
  });
  const path = await fetch(server.url.replace(/graphql$/, `api/${MARK}`), {
    headers: { accept: 'application/json' },
  });
  for (const response of [named, path]) {
    const text = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(echoes(text)).toBeNull();
  }
});

test('an excerpt is a JSON string of at most 40 characters, cut with an ellipsis, with invisible characters escaped', () => {
  expect(excerpt('short')).toBe('"short"');
  expect(excerpt('x'.repeat(41))).toBe(`"${'x'.repeat(40)}"…`);
  expect(excerpt('😀'.repeat(50))).toBe(`"${'😀'.repeat(40)}"…`);
  expect(excerpt('a\u202eb\u0000c\ud800"')).toBe('"a\\u202eb\\u0000c\\ud800\\""');
  const escaped = excerpt('\u0000'.repeat(50)); // 40 characters, 240 once escaped
  expect(withShortQuotes(`got ${escaped}.`)).toBe(`got ${escaped}.`);
  expect(withShortQuotes(`Unknown name "${'n'.repeat(60)}" and "ok".`)).toBe(
    `Unknown name "${'n'.repeat(40)}"… and "ok".`,
  );
});
