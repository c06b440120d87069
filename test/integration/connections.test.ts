import { startTestServer, type GraphQLResult, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const verdicts = Array.from({ length: 25 }, (_, i) => ({
    judge: i % 5 === 0 ? 'person-1' : 'llm-judge',
    judgeKind: i % 5 === 0 ? 'HUMAN' : 'LLM',
    prompt: {
      externalId: `p${i % 10}`,
      text: `Prompt ${i % 10}`,
      category: i % 2 === 0 ? 'coding' : 'writing',
      tags: [`t${(i % 10) % 3}`],
    },
    modelA: `model-${i % 4}`,
    modelB: `model-${(i % 4) + 1}`,
    responseA: `answer ${i}`,
    outcome: 'A_BETTER',
    createdAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    idempotencyKey: `c${i}`,
  }));
  const stored = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(stored.data.recordVerdicts.accepted).toBe(25);
});
afterAll(async () => {
  await server.close();
});

const PAGE = `query ($first: Int, $after: String, $filter: VerdictFilterInput) {
  verdicts(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id idempotencyKey } }
  }
}`;

async function walk(filter: Record<string, unknown> | undefined, first: number): Promise<string[]> {
  const keys: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const result: GraphQLResult = await server.graphql(PAGE, { first, after, filter });
    expect(result.errors).toBeUndefined();
    const { edges, pageInfo }: { edges: any[]; pageInfo: any } = result.data.verdicts;
    keys.push(...edges.map((edge: any) => edge.node.idempotencyKey));
    if (!pageInfo.hasNextPage) return keys;
    expect(pageInfo.endCursor).toBe(edges[edges.length - 1].cursor);
    after = pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

test('walking pages with cursors visits every verdict once, in order', async () => {
  expect(await walk(undefined, 7)).toEqual(Array.from({ length: 25 }, (_, i) => `c${i}`));
});

test('filters by judge, kind, category, tag, model and time range', async () => {
  expect(await walk({ judges: ['person-1'] }, 2)).toEqual(['c0', 'c5', 'c10', 'c15', 'c20']);
  expect(await walk({ judgeKinds: ['HUMAN'] }, 10)).toEqual(['c0', 'c5', 'c10', 'c15', 'c20']);
  expect(await walk({ categories: ['writing'], judges: ['person-1'] }, 10)).toEqual(['c5', 'c15']);
  expect(await walk({ tags: ['t2'] }, 10)).toEqual(['c2', 'c5', 'c8', 'c12', 'c15', 'c18', 'c22']);
  expect(await walk({ model: 'model-4' }, 10)).toEqual(['c3', 'c7', 'c11', 'c15', 'c19', 'c23']);
  expect(await walk({ models: ['model-0', 'model-1', 'model-2'] }, 10)).toEqual([
    'c0',
    'c1',
    'c4',
    'c5',
    'c8',
    'c9',
    'c12',
    'c13',
    'c16',
    'c17',
    'c20',
    'c21',
    'c24',
  ]);
  expect(await walk({ since: '2024-01-03T00:00:00Z', until: '2024-01-06T00:00:00Z' }, 10)).toEqual([
    'c2',
    'c3',
    'c4',
  ]);
  expect(await walk({ since: '2100-01-01T00:00:00Z' }, 10)).toEqual([]);
});

test('first is capped and a foreign cursor is refused, each with a coded error', async () => {
  const tooMany = await server.graphql(PAGE, { first: 501 });
  expect(tooMany.errors![0]).toMatchObject({
    message: '`first` must be at most 500, but this operation has 501.',
    extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxPageSize' },
  });
  const negative = await server.graphql(PAGE, { first: -1 });
  expect(negative.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const forged = await server.graphql(PAGE, { after: 'not-a-cursor' });
  expect(forged.errors![0]).toMatchObject({
    extensions: { code: 'BAD_USER_INPUT', field: 'after' },
  });
});

test('prompts and responses page the same way', async () => {
  const prompts = await server.graphql(
    '{ prompts(first: 4, categories: ["coding"]) { pageInfo { hasNextPage } nodes { externalId tags } } }',
  );
  expect(prompts.data.prompts.nodes.map((p: any) => p.externalId)).toEqual([
    'p0',
    'p2',
    'p4',
    'p6',
  ]);
  expect(prompts.data.prompts.pageInfo.hasNextPage).toBe(true);
  const responses = await server.graphql(
    '{ responses(first: 100, model: "model-1") { nodes { text model { name } prompt { externalId } } } }',
  );
  expect(responses.data.responses.nodes.map((r: any) => r.text).sort()).toEqual([
    'answer 1',
    'answer 13',
    'answer 17',
    'answer 21',
    'answer 5',
    'answer 9',
  ]);
  expect(new Set(responses.data.responses.nodes.map((r: any) => r.model.name))).toEqual(
    new Set(['model-1']),
  );
});

test('models, model(name) and judges list what was stored', async () => {
  const result = await server.graphql(
    '{ models { name stats { battles } } model(name: "model-0") { name stats { wins battles } } missing: model(name: "nope") { name } judges { name kind version } }',
  );
  expect(result.data.models.map((m: any) => m.name)).toEqual([
    'model-0',
    'model-1',
    'model-2',
    'model-3',
    'model-4',
  ]);
  expect(result.data.model).toEqual({ name: 'model-0', stats: { wins: 7, battles: 7 } });
  expect(result.data.missing).toBeNull();
  expect(result.data.judges).toEqual([
    { name: 'llm-judge', kind: 'LLM', version: '' },
    { name: 'person-1', kind: 'HUMAN', version: '' },
  ]);
});
