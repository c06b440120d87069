import { ReadyLoader } from '../../src/graphql/common/ready-loader';
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

type PageNode = { id: string; modelA: { name: string } };

async function statementsFor(
  first: number,
): Promise<{ statements: number; nodes: number; page: { edges: { node: PageNode }[] } }> {
  const before = server.database.statementCount();
  const result = await server.graphql(PAGE_WITH_EVERYTHING, { first });
  expect(result.errors).toBeUndefined();
  return {
    statements: server.database.statementCount() - before,
    nodes: result.data.verdicts.edges.length,
    page: result.data.verdicts,
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

test('through fragments and `nodes` the page is the same, and costs the same statements', async () => {
  // 99, not 100: the response cache would answer a page the test above already asked for.
  const plain = await statementsFor(99);
  const before = server.database.statementCount();
  const viaFragments = await server.graphql(
    `query Page($first: Int!) {
      verdicts(first: $first) { ...Page }
    }
    fragment Page on VerdictConnection {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...Verdict } }
      nodes { id modelA { name } }
    }
    fragment Verdict on Verdict {
      id outcome preferenceA shownFirst judgment createdAt
      ... on Verdict { judge { name kind version } prompt { externalId text category tags } }
      modelA { ...Model }
      modelB { ...Model }
      responseA { text tokenLength headerCount prompt { externalId } model { name } }
      responseB { text tokenLength boldCount ... { prompt { externalId } model { name } } }
    }
    fragment Model on Model { name stats { wins losses ties battles } }`,
    { first: 99 },
  );
  expect(server.database.statementCount() - before).toBe(plain.statements);
  expect(viaFragments.errors).toBeUndefined();
  const { nodes, ...connection } = viaFragments.data.verdicts;
  expect(connection).toEqual(plain.page);
  expect(nodes).toEqual(
    plain.page.edges.map(({ node }) => ({
      id: node.id,
      modelA: { name: node.modelA.name },
    })),
  );
});

test('a page loads only the nested rows its query selects', async () => {
  const count = async (selection: string): Promise<number> => {
    const before = server.database.statementCount();
    const result = await server.graphql(`{ verdicts(first: 100) { ${selection} } }`);
    expect(result.errors).toBeUndefined();
    return server.database.statementCount() - before;
  };
  const bare = await count('edges { node { id outcome } }');
  expect(await count('edges { node { id judge { name } } }')).toBe(bare + 1);
  expect(await count('nodes { id responseB { charLength } }')).toBe(bare + 1);
  expect(await count('nodes { responseA { model { name } } }')).toBe(bare + 2);
});

test('a loaded key answers in the same tick; a failed one stays a promise, a cleared one loads again', async () => {
  let batches = 0;
  const loader = new ReadyLoader<number, string>(async (keys) => {
    batches += 1;
    return keys.map((key) => (key < 0 ? new Error(`no ${key}`) : `row ${key}`));
  });
  const first = loader.loadReady(1);
  expect(first).toBeInstanceOf(Promise);
  expect(await first).toBe('row 1');
  expect(loader.loadReady(1)).toBe('row 1');
  await expect(loader.loadReady(-1)).rejects.toThrow('no -1');
  const failedAgain = loader.loadReady(-1);
  expect(failedAgain).toBeInstanceOf(Promise);
  await expect(failedAgain).rejects.toThrow('no -1');
  loader.clear(1);
  const cleared = loader.loadReady(1);
  expect(cleared).toBeInstanceOf(Promise);
  expect(await cleared).toBe('row 1');
  expect(batches).toBe(3);
});
