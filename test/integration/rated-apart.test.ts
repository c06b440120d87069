/**
 * Issue 18 item 3: a model (or a group) without a finite Bradley–Terry estimate is rated apart,
 * and the rest of the board is exactly what it would be without it. Arena-Hard-Auto v0.1's
 * official battles (Apache-2.0, test/fixtures/arena-hard) are the reported case.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) {
    verdictCount modelCount mleExists problem intervalUnavailableReason
    entries { rank model { name } rating ciLower ciUpper winRateVsBaseline battles }
    ratedApart { model { name } reason explanation wins losses ties battles
                 ratingUpperBound ratingLowerBound boundUnavailableReason }
  }
}`;

async function board(input: Record<string, unknown>) {
  const result = await server.graphql(BOARD, { input });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard;
}

const JUDGE = 'gpt-4-1106-preview';

function arenaHardBattles(): Record<string, unknown>[] {
  const file = path.join(
    __dirname,
    '..',
    'fixtures',
    'arena-hard',
    'battles_official_judgments_2models.jsonl',
  );
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .map((battle, row) => ({
      judge: JUDGE,
      judgeKind: 'LLM',
      prompt: { externalId: `arena-hard-${battle.question_id}` },
      modelA: battle.model_a,
      modelB: battle.model_b,
      outcome: { model_a: 'A_BETTER', model_b: 'B_BETTER', tie: 'TIE' }[battle.winner as string],
      idempotencyKey: `battles-${row}`,
    }));
}

function loss(loser: string, winner: string, key: string, judge = JUDGE) {
  return {
    judge,
    prompt: { externalId: `new-${key}` },
    modelA: winner,
    modelB: loser,
    outcome: 'A_BETTER',
    idempotencyKey: key,
  };
}

/** Everything a rated row shows, by model name. */
function rows(leaderboard: any) {
  return Object.fromEntries(
    leaderboard.entries.map((entry: any) => [
      entry.model.name,
      {
        rank: entry.rank,
        rating: entry.rating,
        ciLower: entry.ciLower,
        ciUpper: entry.ciUpper,
        winRateVsBaseline: entry.winRateVsBaseline,
      },
    ]),
  );
}

describe('Arena-Hard, then a new model that only lost (the reported case)', () => {
  let before: any;
  let beforeAnchored: any;
  let beforeSandwich: any;
  beforeAll(async () => {
    await recordAll(server, arenaHardBattles());
    before = await board({ judges: [JUDGE] });
    beforeAnchored = await board({
      judges: [JUDGE],
      baseline: 'gpt-4-0314',
      anchor: { model: 'gpt-4-0314', rating: 1000 },
    });
    beforeSandwich = await board({ judges: [JUDGE], intervalMethod: 'SANDWICH' });
    await recordAll(server, [
      loss('claude-2', 'gpt-4-0613', 'claude-2-game-1'),
      loss('claude-2', 'gpt-4-0613', 'claude-2-game-2'),
    ]);
  });

  test('the board before: gpt-4-0314 at 1097.5, every model rated', () => {
    const gpt4 = before.entries.find((entry: any) => entry.model.name === 'gpt-4-0314');
    expect(gpt4.rating).toBeCloseTo(1097.5, 1);
    expect(before.ratedApart).toEqual([]);
  });

  test('ratings, intervals and ranks of the other models are unchanged by its arrival', async () => {
    const after = await board({ judges: [JUDGE] });
    expect(rows(after)).toEqual(rows(before));
    expect(after.verdictCount).toBe(before.verdictCount + 2);
    // Its record still counts: gpt-4-0613's battles include the two against it.
    const battles = (board: any) =>
      board.entries.find((entry: any) => entry.model.name === 'gpt-4-0613').battles;
    expect(battles(after)).toBe(battles(before) + 2);
    expect(after.modelCount).toBe(4);
    expect(after.mleExists).toBe(true);
    const afterAnchored = await board({
      judges: [JUDGE],
      baseline: 'gpt-4-0314',
      anchor: { model: 'gpt-4-0314', rating: 1000 },
    });
    expect(rows(afterAnchored)).toEqual(rows(beforeAnchored));
    const afterSandwich = await board({ judges: [JUDGE], intervalMethod: 'SANDWICH' });
    expect(rows(afterSandwich)).toEqual(rows(beforeSandwich));
  });

  test('it is listed apart with its record, the reason and an exact upper bound', async () => {
    const after = await board({ judges: [JUDGE] });
    expect(after.ratedApart).toEqual([
      expect.objectContaining({
        model: { name: 'claude-2' },
        reason: 'NEVER_WON',
        wins: 0,
        losses: 2,
        ties: 0,
        battles: 2,
        ratingLowerBound: null,
        boundUnavailableReason: null,
      }),
    ]);
    expect(after.problem).toMatch(/"claude-2" never won/);
    // Two losses to one opponent: P(no win) = (1 − p)² = 0.05 at the bound, so p = 1 − √0.05.
    const opponent = after.entries.find((entry: any) => entry.model.name === 'gpt-4-0613').rating;
    const p = 1 - Math.sqrt(0.05);
    const expected = opponent + 400 * Math.log10(p / (1 - p));
    expect(after.ratedApart[0].ratingUpperBound).toBeCloseTo(expected, 6);
  });

  test('an anchor or baseline rated apart is a coded error that says why', async () => {
    for (const [input, field] of [
      [{ anchor: { model: 'claude-2', rating: 1000 } }, 'input.anchor.model'],
      [{ baseline: 'claude-2' }, 'input.baseline'],
    ] as const) {
      const result = await server.graphql(BOARD, { input: { judges: [JUDGE], ...input } });
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(`${field} must name a rated model`),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
        }),
      ]);
      expect(result.errors?.[0]?.message).toContain('"claude-2" is rated apart');
    }
  });

  test('with regularization and with online Elo every model keeps a rating', async () => {
    for (const input of [{ regularization: 0.01, bootstrapRounds: 0 }, { method: 'ELO' }]) {
      const result = await board({ judges: [JUDGE], ...input });
      expect(result.entries.map((entry: any) => entry.model.name)).toContain('claude-2');
      expect(result.ratedApart).toEqual([]);
    }
  });
});

describe('groups cut off from the rest', () => {
  const judge = 'groups-judge';
  beforeAll(async () => {
    const core: Record<string, unknown>[] = [];
    const pairs: [string, string][] = [
      ['core-a', 'core-b'],
      ['core-b', 'core-c'],
      ['core-c', 'core-a'],
    ];
    for (const [x, y] of pairs) {
      for (let game = 0; game < 4; game += 1) {
        core.push(loss(x, y, `${judge}-${x}-${y}-${game}`, judge));
        if (game < 2) core.push(loss(y, x, `${judge}-${y}-${x}-${game}`, judge));
      }
    }
    await recordAll(server, core);
  });

  test('a pair that beat each other but only ever lost to the rest is rated apart as a group', async () => {
    const before = await board({ judges: [judge] });
    await recordAll(server, [
      loss('low-x', 'low-y', 'low-1', judge),
      loss('low-y', 'low-x', 'low-2', judge),
      loss('low-x', 'core-a', 'low-3', judge),
      loss('low-y', 'core-b', 'low-4', judge),
      // A group that only ever wins against the rest is cut off too.
      loss('core-c', 'high-z', 'high-1', judge),
    ]);
    const after = await board({ judges: [judge] });
    expect(rows(after)).toEqual(rows(before));
    expect(
      after.ratedApart.map((entry: any) => [
        entry.model.name,
        entry.reason,
        entry.ratingUpperBound !== null,
        entry.ratingLowerBound !== null,
      ]),
    ).toEqual([
      ['high-z', 'NEVER_LOST', false, true],
      ['low-x', 'BELOW_RATED_GROUP', true, false],
      ['low-y', 'BELOW_RATED_GROUP', true, false],
    ]);
  });

  test('models that never met the rated ones are listed as not connected, without a bound', async () => {
    await recordAll(server, [
      loss('island-1', 'island-2', 'island-a', judge),
      loss('island-2', 'island-1', 'island-b', judge),
    ]);
    const after = await board({ judges: [judge] });
    const islands = after.ratedApart.filter((entry: any) => entry.model.name.startsWith('island'));
    expect(islands.map((entry: any) => entry.reason)).toEqual(['NOT_CONNECTED', 'NOT_CONNECTED']);
    expect(islands[0].boundUnavailableReason).toMatch(/never met a rated model/);
  });
});

test('the README quick start: two verdicts, one winner, nobody can be rated yet, and it says so', async () => {
  const judge = 'quick-start-judge';
  await recordAll(server, [
    loss('qs-claude-2', 'qs-gpt-4-0613', 'qs-1', judge),
    loss('qs-claude-2', 'qs-gpt-4-0613', 'qs-2', judge),
  ]);
  const result = await board({ judges: [judge] });
  expect(result).toMatchObject({
    verdictCount: 2,
    modelCount: 2,
    mleExists: false,
    entries: [],
    intervalUnavailableReason: 'no model could be rated (see ratedApart)',
  });
  expect(result.problem).toMatch(/no model is rated/);
  expect(result.ratedApart.map((entry: any) => [entry.model.name, entry.reason])).toEqual([
    ['qs-claude-2', 'NEVER_WON'],
    ['qs-gpt-4-0613', 'NEVER_LOST'],
  ]);
});

describe('style control', () => {
  const judge = 'style-judge';
  const STYLE_BOARD = `query ($input: LeaderboardInput) {
    leaderboard(input: $input) {
      verdictCount entries { model { name } rank rating uncontrolledRating ciLower ciUpper }
      ratedApart { model { name } reason }
      styleCoefficients { feature coefficient }
    }
  }`;
  const answer = (model: string, game: number) =>
    `${model} answers game ${game}.\n${'- a point\n'.repeat((game % 4) + (model.length % 3))}`;
  function styled(winner: string, loser: string, game: number) {
    return {
      judge,
      prompt: { externalId: `style-${game}`, text: `Style prompt ${game}` },
      modelA: winner,
      modelB: loser,
      responseA: answer(winner, game),
      responseB: answer(loser, game),
      outcome: 'A_BETTER',
      idempotencyKey: `style-${winner}-${loser}-${game}`,
    };
  }

  test('a newcomer that only lost changes neither the controlled nor the plain ratings', async () => {
    const core = ['style-a', 'style-bb', 'style-ccc'];
    const verdicts = [];
    for (let game = 0; game < 24; game += 1) {
      const [x, y] = [core[game % 3], core[(game + 1) % 3]];
      verdicts.push(game % 4 === 0 ? styled(y, x, game) : styled(x, y, game));
    }
    await recordAll(server, verdicts);
    const input = { judges: [judge], styleControl: true, bootstrapRounds: 20 };
    const before = await server.graphql(STYLE_BOARD, { input });
    expect(before.errors).toBeUndefined();
    await recordAll(server, [
      styled('style-a', 'style-new', 100),
      styled('style-bb', 'style-new', 101),
    ]);
    const after = await server.graphql(STYLE_BOARD, { input });
    expect(after.errors).toBeUndefined();
    expect(after.data.leaderboard.entries).toEqual(before.data.leaderboard.entries);
    expect(after.data.leaderboard.styleCoefficients).toEqual(
      before.data.leaderboard.styleCoefficients,
    );
    expect(after.data.leaderboard.ratedApart).toEqual([
      { model: { name: 'style-new' }, reason: 'NEVER_WON' },
    ]);
  });
});
