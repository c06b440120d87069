/**
 * Style control fits only the verdicts whose two answers are stored; every style-controlled
 * board says how many of the slice's verdicts those are (issue #18, item 2).
 */
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) {
    verdictCount intervalUnavailableReason styleCoverage { verdictsWithStyle verdictsInSlice }
    entries { model { name } }
  }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const verdict = (
    key: string,
    modelA: string,
    modelB: string,
    answers: boolean,
    outcome: string,
  ) => ({
    judge: key.startsWith('other') ? 'other-judge' : 'style-judge',
    prompt: { externalId: `style:${key}` },
    modelA,
    modelB,
    outcome,
    idempotencyKey: key,
    ...(answers
      ? { responseA: `# ${modelA}\n- a list\n**bold**`, responseB: `${modelB} plainly` }
      : {}),
  });
  await recordAll(server, [
    verdict('1', 'alpha', 'beta', true, 'A_BETTER'),
    verdict('2', 'beta', 'alpha', true, 'A_BETTER'),
    verdict('3', 'alpha', 'beta', true, 'TIE'),
    verdict('4', 'alpha', 'gamma', false, 'A_BETTER'),
    verdict('5', 'gamma', 'beta', false, 'B_BETTER'),
    verdict('other-1', 'alpha', 'beta', false, 'A_BETTER'),
  ]);
});
afterAll(async () => {
  await server?.close();
});

test("a style-controlled board states how many of the slice's verdicts had both answers' style counts", async () => {
  const styled = await server.graphql(BOARD, {
    input: { judges: ['style-judge'], styleControl: true, bootstrapRounds: 0 },
  });
  expect(styled.errors).toBeUndefined();
  expect(styled.data.leaderboard).toMatchObject({
    verdictCount: 3,
    styleCoverage: { verdictsWithStyle: 3, verdictsInSlice: 5 },
  });
  const plain = await server.graphql(BOARD, {
    input: { judges: ['style-judge'], bootstrapRounds: 0 },
  });
  expect(plain.data.leaderboard).toMatchObject({ verdictCount: 5, styleCoverage: null });
});

test('a baseline or anchor left out only for want of answers is refused with that cause', async () => {
  for (const input of [{ baseline: 'gamma' }, { anchor: { model: 'gamma', rating: 1000 } }]) {
    const result = await server.graphql(BOARD, {
      input: { judges: ['style-judge'], styleControl: true, bootstrapRounds: 0, ...input },
    });
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors?.[0].message).toContain(
      '"gamma" has no verdict in this slice with both answers stored (style control uses only verdicts whose two answers are stored with their style counts: 3 of the slice\'s 5 verdicts)',
    );
  }
});

test('a slice whose verdicts have no answers says so instead of an empty board without a cause', async () => {
  const result = await server.graphql(BOARD, {
    input: { judges: ['other-judge'], styleControl: true, bootstrapRounds: 0 },
  });
  expect(result.data.leaderboard).toMatchObject({
    verdictCount: 0,
    entries: [],
    styleCoverage: { verdictsWithStyle: 0, verdictsInSlice: 1 },
  });
  expect(result.data.leaderboard.intervalUnavailableReason).toContain(
    'the slice has 1 verdicts, but none has both answers stored',
  );
});
