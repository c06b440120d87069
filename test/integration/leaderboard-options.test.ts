import { createRandom } from '../../src/ratings';
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
    method verdictCount modelCount mleExists problem intervalMethod bootstrapRounds baseline anchor { model rating }
    styleCoefficients { feature coefficient }
    entries { rank model { name } rating uncontrolledRating ciLower ciUpper winRateVsBaseline winRateVsBaselineLower winRateVsBaselineUpper wins losses ties battles }
    winRates { modelA { name } modelB { name } predicted empirical battles }
    ratedApart { model { name } reason wins losses battles ratingUpperBound ratingLowerBound }
  }
}`;

async function board(input: Record<string, unknown>) {
  const result = await server.graphql(BOARD, { input });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard;
}

let key = 0;
function verdicts(
  judge: string,
  pairs: [string, string, string, number][],
  extra: Record<string, unknown> = {},
) {
  return pairs.flatMap(([modelA, modelB, outcome, times]) =>
    Array.from({ length: times }, () => ({
      judge,
      prompt: { externalId: `p${key % 40}` },
      modelA,
      modelB,
      outcome,
      idempotencyKey: `v${key++}`,
      ...extra,
    })),
  );
}

describe('degenerate data gives defined answers', () => {
  beforeAll(async () => {
    await recordAll(server, [
      ...verdicts('only-wins', [
        ['champion', 'x', 'A_BETTER', 5],
        ['x', 'y', 'A_BETTER', 3],
        ['y', 'x', 'A_BETTER', 2],
        ['y', 'champion', 'B_MUCH_BETTER', 4],
      ]),
      ...verdicts('islands', [
        ['a1', 'a2', 'A_BETTER', 3],
        ['a2', 'a1', 'A_BETTER', 2],
        ['b1', 'b2', 'TIE', 4],
        ['b2', 'b1', 'A_BETTER', 1],
        ['b1', 'b2', 'A_BETTER', 1],
      ]),
      ...verdicts('single', [['solo-a', 'solo-b', 'A_BETTER', 1]]),
      ...verdicts('ties', [
        ['t1', 't2', 'TIE', 3],
        ['t2', 't3', 'BOTH_BAD', 2],
        ['t3', 't1', 'TIE', 1],
      ]),
    ]);
  });

  test('a model that only wins is rated apart by name; the others keep finite ratings and intervals', async () => {
    const result = await board({ judges: ['only-wins'] });
    expect(result.mleExists).toBe(true);
    expect(result.problem).toMatch(/"champion" never lost/);
    expect(result.entries.map((e: any) => e.model.name)).toEqual(['x', 'y']);
    expect(result.ratedApart).toEqual([
      expect.objectContaining({ model: { name: 'champion' }, reason: 'NEVER_LOST', wins: 9 }),
    ]);
    expect(result.ratedApart[0].ratingLowerBound).toBeGreaterThan(result.entries[0].rating);
    for (const entry of result.entries) {
      expect(Number.isFinite(entry.rating)).toBe(true);
      expect(Number.isFinite(entry.ciLower) && Number.isFinite(entry.ciUpper)).toBe(true);
    }
  });

  test('regularization makes the estimate finite and keeps every model on the board', async () => {
    const ridge = await board({ judges: ['only-wins'], bootstrapRounds: 0, regularization: 1 });
    expect(ridge.mleExists).toBe(true);
    expect(ridge.problem).toBeNull();
    expect(ridge.ratedApart).toEqual([]);
    expect(ridge.entries.map((e: any) => e.model.name)).toEqual(['champion', 'x', 'y']);
  });

  test('of disconnected groups the most-battled is rated and the other listed apart', async () => {
    const result = await board({ judges: ['islands'], bootstrapRounds: 0 });
    expect(result.mleExists).toBe(true);
    expect(result.entries.map((e: any) => e.model.name).sort()).toEqual(['b1', 'b2']);
    expect(result.ratedApart.map((e: any) => [e.model.name, e.reason])).toEqual([
      ['a1', 'NOT_CONNECTED'],
      ['a2', 'NOT_CONNECTED'],
    ]);
    for (const entry of result.entries) expect(Number.isFinite(entry.rating)).toBe(true);
  });

  test('a filter of known names that matches nothing is an empty leaderboard', async () => {
    const result = await board({ judges: ['single'], models: ['t1', 't2'] });
    expect(result).toMatchObject({
      verdictCount: 0,
      modelCount: 0,
      mleExists: true,
      problem: null,
      entries: [],
      winRates: [],
    });
  });

  test('one verdict rates nobody yet: both models are listed apart with their records', async () => {
    const result = await board({ judges: ['single'] });
    expect(result.verdictCount).toBe(1);
    expect(result.entries).toEqual([]);
    expect(result.ratedApart.map((e: any) => [e.model.name, e.reason, e.wins, e.losses])).toEqual([
      ['solo-a', 'NEVER_LOST', 1, 0],
      ['solo-b', 'NEVER_WON', 0, 1],
    ]);
    expect(result.mleExists).toBe(false);
  });

  test('all ties rate every model 1000 and rank them equal', async () => {
    for (const method of ['BRADLEY_TERRY', 'ELO']) {
      const result = await board({ judges: ['ties'], method });
      expect(result.mleExists).toBe(true);
      for (const entry of result.entries) {
        expect(entry.rating).toBeCloseTo(1000, 9);
        expect(entry.rank).toBe(1);
      }
    }
  });
});

describe('intervals, win rates and style control', () => {
  beforeAll(async () => {
    await recordAll(
      server,
      verdicts('main', [
        ['big', 'mid', 'A_BETTER', 30],
        ['mid', 'big', 'A_BETTER', 12],
        ['big', 'mid', 'TIE', 8],
        ['mid', 'small', 'A_BETTER', 28],
        ['small', 'mid', 'A_BETTER', 10],
        ['big', 'small', 'A_MUCH_BETTER', 20],
        ['small', 'big', 'A_BETTER', 4],
      ]),
    );
  });

  test('sandwich intervals bracket the same point ratings as the bootstrap', async () => {
    const bootstrap = await board({ judges: ['main'], baseline: 'mid' });
    const sandwich = await board({ judges: ['main'], baseline: 'mid', intervalMethod: 'SANDWICH' });
    expect(bootstrap).toMatchObject({ intervalMethod: 'BOOTSTRAP', bootstrapRounds: 100 });
    expect(sandwich).toMatchObject({ intervalMethod: 'SANDWICH', bootstrapRounds: 0 });
    sandwich.entries.forEach((entry: any, i: number) => {
      expect(entry.rating).toBeCloseTo(bootstrap.entries[i].rating, 9);
      expect(entry.ciLower).toBeLessThan(entry.rating);
      expect(entry.ciUpper).toBeGreaterThan(entry.rating);
      expect(entry.winRateVsBaselineLower).toBeLessThanOrEqual(entry.winRateVsBaseline);
    });
    expect(bootstrap.entries.map((e: any) => e.model.name)).toEqual(['big', 'mid', 'small']);
  });

  test('strong verdicts can weigh more, as Arena-Hard v0.1 counted them', async () => {
    const plain = await board({ judges: ['main'], bootstrapRounds: 0 });
    const heavy = await board({ judges: ['main'], bootstrapRounds: 0, strongVerdictWeight: 3 });
    const gap = (b: any) => b.entries[0].rating - b.entries[2].rating;
    expect(gap(heavy)).toBeGreaterThan(gap(plain));
  });

  test('the win-rate matrix has every ordered pair, predicted and empirical', async () => {
    const { winRates } = await board({ judges: ['main'], bootstrapRounds: 0 });
    expect(winRates).toHaveLength(6);
    const bigOverMid = winRates.find(
      (w: any) => w.modelA.name === 'big' && w.modelB.name === 'mid',
    );
    expect(bigOverMid.empirical).toBeCloseTo((100 * 30) / 42, 9);
    expect(bigOverMid.battles).toBe(50);
    const midOverBig = winRates.find(
      (w: any) => w.modelA.name === 'mid' && w.modelB.name === 'big',
    );
    expect(midOverBig.predicted + bigOverMid.predicted).toBeCloseTo(100, 9);
  });

  test("headToHead counts outcomes from the first model's side and lists the prompts where they met", async () => {
    const result = await server.graphql(`{
      headToHead(modelA: "mid", modelB: "big", filter: { judges: ["main"] }) {
        modelA { name } modelB { name } verdictCount wins losses ties empiricalWinRate predictedWinRate
        outcomes { outcome count }
        prompts(first: 100) { nodes { externalId } }
      } }`);
    expect(result.errors).toBeUndefined();
    const record = result.data.headToHead;
    expect(record).toMatchObject({
      modelA: { name: 'mid' },
      modelB: { name: 'big' },
      verdictCount: 50,
      wins: 12,
      losses: 30,
      ties: 8,
    });
    expect(record.empiricalWinRate).toBeCloseTo((100 * 12) / 42, 9);
    expect(record.predictedWinRate).toBeGreaterThan(0);
    expect(record.predictedWinRate).toBeLessThan(50);
    expect(record.outcomes).toEqual([
      { outcome: 'A_MUCH_BETTER', count: 0 },
      { outcome: 'A_BETTER', count: 12 },
      { outcome: 'TIE', count: 8 },
      { outcome: 'B_BETTER', count: 30 },
      { outcome: 'B_MUCH_BETTER', count: 0 },
      { outcome: 'BOTH_BAD', count: 0 },
    ]);
    expect(record.prompts.nodes.length).toBeGreaterThan(0);
    const unknown = await server.graphql('{ headToHead(modelA: "mid", modelB: "nope") { wins } }');
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'modelB' });
  });

  test('style control finds that longer answers win and reports both ratings', async () => {
    // Two equally good models; the judge prefers the longer answer 80% of the time, and "verbose"
    // writes the longer answer in 80% of prompts.
    const long = (i: number) =>
      'word '.repeat(300 + (i % 50)) + '\n# Heading\n- item\n- item\n**bold**';
    const short = (i: number) => 'word '.repeat(30 + (i % 20));
    const random = createRandom(2024);
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const verboseIsLonger = random.nextFloat() < 0.8;
      const judgePrefersLonger = random.nextFloat() < 0.8;
      const verboseWins = verboseIsLonger === judgePrefersLonger;
      rows.push({
        judge: 'style-judge',
        prompt: { externalId: `style-${i}`, text: `Question ${i}` },
        modelA: 'verbose',
        modelB: 'terse',
        responseA: verboseIsLonger ? long(i) : short(i),
        responseB: verboseIsLonger ? short(i) : long(i),
        outcome: verboseWins ? 'A_BETTER' : 'B_BETTER',
        idempotencyKey: `s${i}`,
      });
    }
    await recordAll(server, rows);
    const result = await board({ judges: ['style-judge'], styleControl: true });
    expect(result).toMatchObject({ verdictCount: 1000, mleExists: true, problem: null });
    const verbose = result.entries.find((e: any) => e.model.name === 'verbose');
    const terse = result.entries.find((e: any) => e.model.name === 'terse');
    const uncontrolledGap = verbose.uncontrolledRating - terse.uncontrolledRating;
    expect(uncontrolledGap).toBeGreaterThan(100);
    expect(Math.abs(verbose.rating - terse.rating)).toBeLessThan(uncontrolledGap / 3);
    const length = result.styleCoefficients.find((c: any) => c.feature === 'tokenLength');
    expect(length.coefficient).toBeGreaterThan(0.5);
  });

  test('style control without stored answers counts no verdicts', async () => {
    const result = await board({ judges: ['main'], styleControl: true });
    expect(result).toMatchObject({ verdictCount: 0, modelCount: 0, entries: [] });
  });
});

describe('bad leaderboard input is refused before any work', () => {
  test('more bootstrap rounds than the limit is refused before the operation runs', async () => {
    const result = await server.graphql(BOARD, { input: { bootstrapRounds: 5000 } });
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      {
        message: '`bootstrapRounds` must be at most 1000, but this operation has 5000.',
        extensions: {
          code: 'LIMIT_EXCEEDED',
          limit: 'maxBootstrapRounds',
          max: 1000,
          received: 5000,
        },
      },
    ]);
  });

  test.each([
    [
      { bootstrapRounds: -1 },
      'input.bootstrapRounds',
      'bootstrapRounds must be a whole number from 0 to 1000, but got -1.',
    ],
    [
      { confidenceLevel: 1.5 },
      'input.confidenceLevel',
      'confidenceLevel must be at least 0.5 and below 1 (e.g. 0.95), but got 1.5.',
    ],
    [
      { regularization: -2 },
      'input.regularization',
      'regularization must be a number from 0 to 1e6, but got -2.',
    ],
    [
      { strongVerdictWeight: 0 },
      'input.strongVerdictWeight',
      'strongVerdictWeight must be a number above 0 and at most 100, but got 0.',
    ],
    [{ seed: -3 }, 'input.seed', 'seed must be a whole number from 0 to 4294967295, but got -3.'],
    [
      { baseline: 'ghost' },
      'input.baseline',
      'input.baseline must name a known model, but "ghost" is none of the 17 stored (closest known models: "terse", "a1", "a2").',
    ],
    [
      { anchor: { model: 'ghost', rating: 1000 } },
      'input.anchor.model',
      'input.anchor.model must name a known model, but "ghost" is none of the 17 stored (closest known models: "terse", "a1", "a2").',
    ],
  ])('%j', async (input, field, message) => {
    const result = await server.graphql(BOARD, { input });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      { message, path: ['leaderboard'], extensions: { code: 'BAD_USER_INPUT', field } },
    ]);
  });
});
