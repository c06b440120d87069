/**
 * `Leaderboard.judgeKinds`: how many verdicts and judges of each kind a board pools, so that no
 * client shows a board of crowd votes and LLM verdicts mixed without saying so. Counted over the
 * slice's filter, from the counts table or (for filters it cannot serve) from the verdicts.
 */
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

const JUDGE_KINDS = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) { verdictCount judgeKinds { kind verdicts judges } }
}`;

beforeAll(async () => {
  server = await startTestServer();
  const verdict = (judge: string, judgeKind: string, i: number, tags: string[] = []) => ({
    judge,
    judgeKind,
    modelA: ['kinds-a', 'kinds-b', 'kinds-c'][i % 3],
    modelB: ['kinds-b', 'kinds-c', 'kinds-a'][i % 3],
    outcome: i % 4 === 0 ? 'B_BETTER' : 'A_BETTER',
    prompt: {
      externalId: `${tags.length > 0 ? 'tagged' : 'kinds'}-${i}`,
      category: i % 2 === 0 ? 'even' : 'odd',
      tags,
    },
  });
  const verdicts = [
    ...Array.from({ length: 6 }, (_, i) => verdict('crowd-1', 'HUMAN', i)),
    ...Array.from({ length: 3 }, (_, i) => verdict('crowd-2', 'HUMAN', i)),
    ...Array.from({ length: 4 }, (_, i) => verdict('llm-1', 'LLM', i)),
    ...Array.from({ length: 2 }, (_, i) => verdict('llm-2', 'LLM', i, ['tagged'])),
  ];
  const recorded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(recorded.data.recordVerdicts.accepted).toBe(15);
});

afterAll(async () => {
  await server.close();
});

async function judgeKinds(input: Record<string, unknown> | null) {
  const result = await server.graphql(JUDGE_KINDS, { input });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard;
}

test('a board over both kinds counts the verdicts and judges of each, humans first', async () => {
  expect(await judgeKinds(null)).toEqual({
    verdictCount: 15,
    judgeKinds: [
      { kind: 'HUMAN', verdicts: 9, judges: 2 },
      { kind: 'LLM', verdicts: 6, judges: 2 },
    ],
  });
});

test('a board over one kind lists that kind alone', async () => {
  expect(await judgeKinds({ judgeKinds: ['LLM'] })).toEqual({
    verdictCount: 6,
    judgeKinds: [{ kind: 'LLM', verdicts: 6, judges: 2 }],
  });
  expect(await judgeKinds({ judges: ['crowd-2'] })).toEqual({
    verdictCount: 3,
    judgeKinds: [{ kind: 'HUMAN', verdicts: 3, judges: 1 }],
  });
});

test('the counts follow the whole filter, whether the counts table or the verdicts serve it', async () => {
  // Categories: the counts table serves it. Tags: only the verdicts can.
  expect((await judgeKinds({ categories: ['odd'] })).judgeKinds).toEqual([
    { kind: 'HUMAN', verdicts: 4, judges: 2 },
    { kind: 'LLM', verdicts: 3, judges: 2 },
  ]);
  expect((await judgeKinds({ tags: ['tagged'] })).judgeKinds).toEqual([
    { kind: 'LLM', verdicts: 2, judges: 1 },
  ]);
  expect(
    (await judgeKinds({ models: ['kinds-a', 'kinds-b'], judgeKinds: ['HUMAN', 'LLM'] })).judgeKinds,
  ).toEqual([
    { kind: 'HUMAN', verdicts: 3, judges: 2 },
    { kind: 'LLM', verdicts: 3, judges: 2 },
  ]);
});

test('an empty slice has no kinds, and aliased boards each get their own counts', async () => {
  expect((await judgeKinds({ since: '2999-01-01T00:00:00Z' })).judgeKinds).toEqual([]);
  const result = await server.graphql(
    `{ one: leaderboard(input: { judgeKinds: [HUMAN] }) { judgeKinds { verdicts } }
       two: leaderboard(input: { judgeKinds: [HUMAN], method: ELO }) { judgeKinds { verdicts } } }`,
  );
  expect(result.data).toEqual({
    one: { judgeKinds: [{ verdicts: 9 }] },
    two: { judgeKinds: [{ verdicts: 9 }] },
  });
});
