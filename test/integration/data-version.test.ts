/** `dataVersion` and `categories`: what a client that follows the data (the dashboard) reads. */
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const RECORD = `mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted results { verdict { id prompt { id } } } } }`;

function verdict(key: string, category: string, modelA = 'alpha', modelB = 'beta') {
  return {
    judge: 'judge-1',
    modelA,
    modelB,
    outcome: 'A_BETTER',
    idempotencyKey: key,
    prompt: { text: `prompt ${key}`, category },
  };
}

test('the data version moves with every write and says when the last verdict was recorded', async () => {
  const before = await server.graphql('{ dataVersion { version lastRecordedAt } }');
  expect(before.data.dataVersion).toEqual({ version: expect.any(Number), lastRecordedAt: null });
  const started = Date.now();
  const recorded = await server.graphql(RECORD, { input: { verdicts: [verdict('v1', 'coding')] } });
  expect(recorded.data.recordVerdicts.accepted).toBe(1);
  const after = await server.graphql('{ dataVersion { version lastRecordedAt } }');
  expect(after.data.dataVersion.version).toBeGreaterThan(before.data.dataVersion.version);
  expect(Date.parse(after.data.dataVersion.lastRecordedAt)).toBeGreaterThanOrEqual(started - 5000);
  const again = await server.graphql('{ dataVersion { version lastRecordedAt } }');
  expect(again.data.dataVersion).toEqual(after.data.dataVersion);
});

test('categories lists the categories of ranked verdicts with their counts', async () => {
  await server.graphql(RECORD, {
    input: {
      verdicts: [verdict('v2', 'coding'), verdict('v3', 'writing'), verdict('v4', 'writing')],
    },
  });
  const result = await server.graphql('{ categories { name verdicts } }');
  expect(result).toEqual({
    status: 200,
    data: {
      categories: [
        { name: 'coding', verdicts: 2 },
        { name: 'writing', verdicts: 2 },
      ],
    },
  });
});

test('verdicts can be filtered by prompt', async () => {
  const recorded = await server.graphql(RECORD, {
    input: {
      verdicts: [verdict('v5', 'math', 'gamma', 'delta'), verdict('v6', 'math', 'gamma', 'delta')],
    },
  });
  const [first] = recorded.data.recordVerdicts.results;
  const promptId = first.verdict.prompt.id;
  const result = await server.graphql(
    'query ($p: [ID!]) { verdicts(filter: { prompts: $p }) { nodes { id } } }',
    { p: [promptId] },
  );
  expect(result.data.verdicts.nodes).toEqual([{ id: first.verdict.id }]);
  const bad = await server.graphql('{ verdicts(filter: { prompts: ["x"] }) { nodes { id } } }');
  expect(bad.errors?.[0]?.extensions).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'filter.prompts[0]',
  });
});
