import { startTestServer, type TestServer } from '../support/test-server';

const PAGE_WITH_EVERYTHING = `query Page($first: Int!) {
  verdicts(first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id outcome preferenceA shownFirst judgment createdAt
      judge { name kind version }
      prompt { externalId text category tags }
      modelA { name stats { wins losses ties battles } }
      modelB { name stats { wins losses ties battles } }
      responseA { text tokenLength headerCount prompt { externalId } model { name } }
      responseB { text tokenLength boldCount prompt { externalId } model { name } }
    } }
  }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // 100 verdicts over 20 models, 10 judges and 50 prompts, each with both responses.
  const verdicts = Array.from({ length: 100 }, (_, i) => ({
    judge: `judge-${i % 10}`,
    prompt: {
      externalId: `prompt-${i % 50}`,
      text: `Question ${i % 50}`,
      category: `category-${i % 4}`,
    },
    modelA: `model-${i % 20}`,
    modelB: `model-${(i + 1 + (i % 7)) % 20}`,
    responseA: `**Answer** ${i} from A`,
    responseB: `- answer ${i} from B`,
    outcome: ['A_BETTER', 'B_BETTER', 'TIE'][i % 3],
    idempotencyKey: `k${i}`,
  }));
  const stored = await server.graphql(
    `mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }`,
    { input: { verdicts } },
  );
  expect(stored.errors).toBeUndefined();
  expect(stored.data.recordVerdicts.accepted).toBe(100);
});
afterAll(async () => {
  await server.close();
});

async function statementsFor(first: number): Promise<{ statements: number; nodes: number }> {
  const before = server.database.statementCount();
  const result = await server.graphql(PAGE_WITH_EVERYTHING, { first });
  expect(result.errors).toBeUndefined();
  return {
    statements: server.database.statementCount() - before,
    nodes: result.data.verdicts.edges.length,
  };
}

test('a page of 100 verdicts with every nested field costs as many SQL statements as a page of 1', async () => {
  const one = await statementsFor(1);
  const hundred = await statementsFor(100);
  expect(one.nodes).toBe(1);
  expect(hundred.nodes).toBe(100);
  expect(hundred.statements).toBe(one.statements);
  // data version + page + judges + prompts + models + responses + model stats
  expect(one.statements).toBe(7);
});
