import { startTestServer, type TestServer } from '../support/test-server';

const SEARCH = `query Search($query: String!, $first: Int = 20, $after: String) {
  search(query: $query, first: $first, after: $after) {
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node {
      rank
      prompt { externalId text }
      promptSnippet { text matched }
      matchedAnswers { snippet { text matched } response { model { name } text } }
      battles(first: 2) { totalCount verdicts { id outcome judge { name } modelA { name } modelB { name } } }
      judges { name kind }
    } }
  }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // Prompts 0–9 ask about volcanoes in their text, 10–19 only get answers about volcanoes, the
  // rest are about gardening; each prompt is judged by both judges.
  const verdicts = Array.from({ length: 60 }, (_, i) => {
    const prompt = i % 30;
    const topic =
      prompt < 10 ? `Why do volcanoes erupt, case ${prompt}?` : `Garden question ${prompt}`;
    const answer =
      prompt < 20 ? `Magma pressure makes volcanoes erupt (${i}).` : `Water tomatoes daily (${i}).`;
    return {
      judge: i < 30 ? 'judge-llm' : 'judge-crowd',
      judgeKind: i < 30 ? 'LLM' : 'HUMAN',
      prompt: { externalId: `p-${prompt}`, text: topic },
      modelA: `model-${i % 3}`,
      modelB: `model-${(i + 1) % 3}`,
      responseA: answer,
      responseB: `Something unrelated ${i}.`,
      outcome: i % 2 === 0 ? 'A_BETTER' : 'B_BETTER',
      idempotencyKey: `k${i}`,
    };
  });
  const stored = await server.graphql(
    `mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }`,
    { input: { verdicts } },
  );
  expect(stored.errors).toBeUndefined();
  expect(stored.data.recordVerdicts.accepted).toBe(60);
});
afterAll(async () => {
  await server.close();
});

test('a word matches prompts by their text and by their answers, stemmed, best first', async () => {
  const result = await server.graphql(SEARCH, { query: 'erupting volcano' });
  expect(result.errors).toBeUndefined();
  const hits = result.data.search.edges.map((edge: any) => edge.node);
  const ids = hits.map((hit: any) => hit.prompt.externalId).sort();
  expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `p-${i}`).sort());
  const ranks = hits.map((hit: any) => hit.rank);
  expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  // Prompts that ask about volcanoes match in both text and answers and rank above those that don't.
  const askedInText = hits.filter((hit: any) => hit.promptSnippet !== null);
  expect(askedInText.map((hit: any) => hit.prompt.externalId).sort()).toEqual(
    Array.from({ length: 10 }, (_, i) => `p-${i}`).sort(),
  );
  const first = hits[0];
  expect(
    first.promptSnippet.filter((part: any) => part.matched).map((part: any) => part.text),
  ).toEqual(['volcanoes', 'erupt']);
  expect(first.prompt.text).toContain(first.promptSnippet.map((part: any) => part.text).join(''));
  expect(first.matchedAnswers).toHaveLength(2);
  for (const match of first.matchedAnswers) {
    expect(match.response.text).toMatch(/volcanoes erupt/);
    expect(match.snippet.some((part: any) => part.matched && part.text === 'volcanoes')).toBe(true);
  }
  expect(first.battles.totalCount).toBe(2);
  expect(first.battles.verdicts).toHaveLength(2);
  expect(first.judges.map((judge: any) => judge.name).sort()).toEqual(['judge-crowd', 'judge-llm']);
});

test('pages follow each other without gaps or repeats', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const result: any = await server.graphql(SEARCH, { query: 'volcanoes', first: 7, after });
    expect(result.errors).toBeUndefined();
    seen.push(...result.data.search.edges.map((edge: any) => edge.node.prompt.externalId));
    expect(result.data.search.pageInfo.hasPreviousPage).toBe(after !== null);
    pages += 1;
    if (!result.data.search.pageInfo.hasNextPage) break;
    after = result.data.search.pageInfo.endCursor;
  }
  expect(pages).toBe(3);
  expect(seen).toHaveLength(20);
  expect(new Set(seen).size).toBe(20);
});

test('a query that finds nothing is an empty page, and phrases, or and -word are understood', async () => {
  const none = await server.graphql(SEARCH, { query: 'saxophone' });
  expect(none.errors).toBeUndefined();
  expect(none.data.search.edges).toEqual([]);
  const phrase = await server.graphql(SEARCH, { query: '"volcanoes erupt" -magma' });
  expect(phrase.data.search.edges.map((edge: any) => edge.node.prompt.externalId).sort()).toEqual(
    Array.from({ length: 10 }, (_, i) => `p-${i}`).sort(),
  );
  const either = await server.graphql(
    `query ($query: String!) { search(query: $query, first: 100) { nodes { rank } } }`,
    { query: 'tomatoes or magma' },
  );
  expect(either.data.search.nodes).toHaveLength(30);
});

test.each([
  ['', /at least one word/],
  ['   ', /at least one word/],
  ['x'.repeat(201), /at most 200 characters, but got 201 \("x{40}"…\)/],
  ['the and of', /"the and of" has no word to search for/],
  ['!!! ???', /no word to search for/],
])('the query %p is refused with a coded error', async (query, message) => {
  const result = await server.graphql(SEARCH, { query });
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0].message).toMatch(message);
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
});

test('a cursor that is not a search cursor is refused', async () => {
  const result = await server.graphql(SEARCH, { query: 'volcanoes', after: 'djE6MTA' });
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
});

async function statementsFor(first: number): Promise<{ statements: number; hits: number }> {
  const before = server.database.statementCount();
  const result = await server.graphql(SEARCH, { query: 'volcanoes', first });
  expect(result.errors).toBeUndefined();
  return {
    statements: server.database.statementCount() - before,
    hits: result.data.search.edges.length,
  };
}

test('a page of 20 hits with every nested field costs the same few SQL statements as a page of 1', async () => {
  // The first request after the writes may also read the data version (once per version).
  await statementsFor(1);
  const one = await statementsFor(1);
  const twenty = await statementsFor(20);
  expect(one.hits).toBe(1);
  expect(twenty.hits).toBe(20);
  // One statement per loader: hits, prompts, matches, battles, verdicts, judge ids, judges,
  // models, responses. The judge and model loaders are reached at two depths (a hit's judges and
  // a battle's judge; a battle's models and an answer's model): on node-postgres the I/O timing
  // may split one of them into a second batch, never into one statement per hit.
  for (const page of [one, twenty]) {
    expect(page.statements).toBeGreaterThanOrEqual(9);
    expect(page.statements).toBeLessThanOrEqual(11);
  }
});
