import {
  bootstrapBradleyTerry,
  createRandom,
  expectedScore,
  fitBradleyTerry,
  type ClusteredCell,
} from '../../src/ratings';
import { directCr3DifferenceVariance, POINTS_PER_LOG_UNIT } from '../ratings/direct-covariance';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

const MODELS = ['strong', 'mid-1', 'mid-2', 'weak'];
const TRUE_RATINGS = [1120, 1000, 1000, 880];
const LABEL = { 1: 'A_BETTER', 0.5: 'TIE', 0: 'B_BETTER' } as const;

/** Prompts with 2–4 verdicts each, each prompt shifting every model's odds by its own amount. */
function promptVerdicts(seed: number, prompts: number): ClusteredCell[] {
  const random = createRandom(seed);
  const cells: ClusteredCell[] = [];
  for (let prompt = 0; prompt < prompts; prompt += 1) {
    const shift = MODELS.map(() => (random.nextFloat() - 0.5) * 300);
    const verdicts = 2 + Math.floor(random.nextFloat() * 3);
    for (let verdict = 0; verdict < verdicts; verdict += 1) {
      const modelA = Math.floor(random.nextFloat() * 4);
      const modelB = (modelA + 1 + Math.floor(random.nextFloat() * 3)) % 4;
      const p = expectedScore(
        TRUE_RATINGS[modelA] + shift[modelA],
        TRUE_RATINGS[modelB] + shift[modelB],
      );
      const draw = random.nextFloat();
      const score = draw < 0.1 ? 0.5 : draw < 0.1 + 0.9 * p ? 1 : 0;
      cells.push({ modelA, modelB, score, count: 1, weight: 1, cluster: prompt });
    }
  }
  return cells;
}

const observed = promptVerdicts(21, 80);

function asInput(cells: readonly ClusteredCell[], judge: string, copies = 1) {
  return cells.flatMap((cell, index) =>
    Array.from({ length: copies }, (_, copy) => ({
      judge: `${judge}-${copy}`,
      prompt: { externalId: `${judge}-prompt-${cell.cluster}` },
      modelA: MODELS[cell.modelA],
      modelB: MODELS[cell.modelB],
      outcome: LABEL[cell.score as 0 | 0.5 | 1],
      idempotencyKey: `${judge}-${index}-${copy}`,
    })),
  );
}

/**
 * What the bootstrap test checks against, computed before the server starts (a long computation
 * between two requests would let the client's idle keep-alive connection be reset).
 */
function independentBootstraps() {
  // An independent bootstrap: its own random stream, resampling verdicts one by one.
  const random = createRandom(99);
  const differences: number[] = [];
  for (let round = 0; round < 1000; round += 1) {
    const resample = observed.map(() => observed[Math.floor(random.nextFloat() * observed.length)]);
    const ratings = fitBradleyTerry(resample, 4).ratings;
    if (Number.isFinite(ratings[2] - ratings[3])) differences.push(ratings[2] - ratings[3]);
  }
  differences.sort((a, b) => a - b);
  const lower = differences[Math.floor(0.025 * differences.length)];
  const upper = differences[Math.floor(0.975 * differences.length)];
  // Two separate intervals, for contrast with the joint draws.
  const separate = bootstrapBradleyTerry(observed, 4, { rounds: 1000, seed: 4 }).intervals;
  const naiveWidth =
    separate[2]!.upper - separate[2]!.lower + separate[3]!.upper - separate[3]!.lower;
  return { lower, upper, naiveWidth };
}
let independent: ReturnType<typeof independentBootstraps>;

beforeAll(async () => {
  independent = independentBootstraps();
  server = await startTestServer();
  await recordAll(server, [
    ...asInput(observed, 'observed'),
    // Three judges who always agree: three verdicts per verdict, but no more information.
    ...asInput(observed, 'echo', 3),
    ...Array.from({ length: 66 }, (_, index) => ({
      judge: 'mixed',
      prompt: { externalId: `mixed-${index}` },
      modelA: index < 60 ? 'strong' : 'sparse',
      modelB: index < 60 ? 'weak' : 'strong',
      outcome: index % 2 === 0 ? 'A_BETTER' : 'B_BETTER',
      idempotencyKey: `mixed-${index}`,
    })),
    {
      judge: 'observed-0',
      prompt: { externalId: 'elsewhere' },
      modelA: 'loner-1',
      modelB: 'loner-2',
      outcome: 'A_BETTER',
      idempotencyKey: 'loner',
    },
  ]);
});
afterAll(async () => {
  await server.close();
});

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) {
    clusterBy clusterCount intervalMethod verdictCount
    entries { model { name } rating ciLower ciUpper }
  }
}`;

const COMPARE = `query ($input: ComparisonInput!) {
  comparison(input: $input) {
    modelA { name } modelB { name } verdicts sliceVerdicts
    ratingDifference { value ciLower ciUpper } standardError
    probabilityABetter { value ciLower ciUpper }
    decision margin level intervalMethod clusterBy additionalVerdicts additionalVerdictsNote problem
  }
}`;

const OBSERVED = { judges: ['observed-0'], models: MODELS };
const ECHO = { judges: ['echo-0', 'echo-1', 'echo-2'] };

async function board(input: Record<string, unknown>) {
  const result = await server.graphql(BOARD, { input });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard;
}
async function compare(input: Record<string, unknown>) {
  const result = await server.graphql(COMPARE, { input });
  expect(result.errors).toBeUndefined();
  return result.data.comparison;
}
const width = (entry: { ciLower: number; ciUpper: number }) => entry.ciUpper - entry.ciLower;

describe('clusterBy PROMPT', () => {
  test('resampling prompts keeps the width when every verdict is echoed by two more judges', async () => {
    for (const intervalMethod of ['BOOTSTRAP', 'SANDWICH']) {
      const original = await board({ ...OBSERVED, intervalMethod, clusterBy: 'PROMPT' });
      const echoed = await board({ ...ECHO, intervalMethod, clusterBy: 'PROMPT' });
      const naive = await board({ ...ECHO, intervalMethod, clusterBy: 'VERDICT' });
      expect(echoed.clusterBy).toBe('PROMPT');
      expect(echoed.clusterCount).toBe(80);
      expect(naive.clusterCount).toBeNull();
      expect(echoed.verdictCount).toBe(3 * original.verdictCount);
      for (const model of MODELS) {
        const of = (result: any) => result.entries.find((e: any) => e.model.name === model);
        // Tripled verdicts that carry no new information: by prompt the interval stays…
        expect(width(of(echoed)) / width(of(original))).toBeGreaterThan(0.85);
        expect(width(of(echoed)) / width(of(original))).toBeLessThan(1.15);
        // …while by verdict it shrinks by about 1/√3, overstating the precision.
        expect(width(of(naive)) / width(of(echoed))).toBeLessThan(0.7);
      }
    }
  });

  test('is refused, with the reason, where it does not apply', async () => {
    const result = await server.graphql(BOARD, {
      input: { method: 'ELO', clusterBy: 'PROMPT' },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(
      /clusterBy PROMPT applies to plain Bradley–Terry.*online Elo/,
    );
  });
});

describe('intervalReliable', () => {
  const ENTRIES = `query ($input: LeaderboardInput) { leaderboard(input: $input) { mleExists
    entries { model { name } battles ciLower intervalReliable intervalReliabilityNote } } }`;

  test('flags models with fewer than 50 battles, and every model of a board without a finite MLE', async () => {
    const mixed = await server.graphql(ENTRIES, { input: { judges: ['mixed'] } });
    const byName = Object.fromEntries(
      mixed.data.leaderboard.entries.map((entry: any) => [entry.model.name, entry]),
    );
    expect(byName.sparse).toMatchObject({ battles: 6, intervalReliable: false });
    expect(byName.sparse.intervalReliabilityNote).toMatch(
      /^6 battles, fewer than 50: the coverage bench/,
    );
    expect(byName.strong).toMatchObject({
      battles: 66,
      intervalReliable: true,
      intervalReliabilityNote: null,
    });

    // Models without a finite estimate are rated apart, so the rest keep a reliable fit.
    const withLoners = await server.graphql(
      `query ($input: LeaderboardInput) { leaderboard(input: $input) { mleExists ratedApart { model { name } } } }`,
      { input: { judges: ['observed-0'] } },
    );
    expect(withLoners.errors).toBeUndefined();
    expect(withLoners.data.leaderboard.ratedApart.length).toBeGreaterThan(0);
    const none = await server.graphql(ENTRIES, {
      input: { judges: ['mixed'], bootstrapRounds: 0 },
    });
    expect(none.data.leaderboard.entries[0]).toMatchObject({
      ciLower: null,
      intervalReliable: null,
    });
  });
});

describe('comparison', () => {
  test('the difference interval equals a direct CR3 computation from numeric derivatives', async () => {
    const result = await compare({
      modelA: 'strong',
      modelB: 'mid-1',
      leaderboard: { ...OBSERVED, intervalMethod: 'SANDWICH', clusterBy: 'PROMPT' },
    });
    const ratings = (await board({ ...OBSERVED, intervalMethod: 'SANDWICH', clusterBy: 'PROMPT' }))
      .entries;
    const ratingOf = (name: string) => ratings.find((e: any) => e.model.name === name).rating;
    const theta = MODELS.slice(1).map(
      (name) => (ratingOf(name) - ratingOf(MODELS[0])) / POINTS_PER_LOG_UNIT,
    );
    const variance = directCr3DifferenceVariance(observed, (cell) => cell.cluster, theta, 0, 1);
    const z = 1.959963984540054;
    expect(result.ratingDifference.value).toBeCloseTo(ratingOf('strong') - ratingOf('mid-1'), 6);
    expect(result.standardError).toBeCloseTo(Math.sqrt(variance) * POINTS_PER_LOG_UNIT, 3);
    expect(result.ratingDifference.ciLower).toBeCloseTo(
      result.ratingDifference.value - z * result.standardError,
      6,
    );
    expect(result.probabilityABetter.value).toBeCloseTo(
      expectedScore(ratingOf('strong'), ratingOf('mid-1')),
      9,
    );
    expect(result.probabilityABetter.ciLower).toBeCloseTo(
      expectedScore(result.ratingDifference.ciLower, 0),
      9,
    );
    expect(result.verdicts).toBe(
      observed.filter((c) => [c.modelA, c.modelB].sort().join() === '0,1').length,
    );
  });

  test('the bootstrap difference interval agrees with a brute bootstrap of the verdicts', async () => {
    const result = await compare({
      modelA: 'mid-2',
      modelB: 'weak',
      leaderboard: { ...OBSERVED, bootstrapRounds: 1000, seed: 4, clusterBy: 'VERDICT' },
    });
    const { lower, upper, naiveWidth } = independent;
    const apiWidth = result.ratingDifference.ciUpper - result.ratingDifference.ciLower;
    expect(apiWidth / (upper - lower)).toBeGreaterThan(0.88);
    expect(apiWidth / (upper - lower)).toBeLessThan(1.12);
    // The joint draws, not two separate intervals: adding the separate widths overstates it.
    expect(apiWidth).toBeLessThan(0.9 * naiveWidth);
  });

  test('decides BETTER, WORSE, NON_INFERIOR and INCONCLUSIVE by the documented rules', async () => {
    const leaderboard = { ...OBSERVED, intervalMethod: 'SANDWICH', clusterBy: 'PROMPT' };
    const better = await compare({ modelA: 'strong', modelB: 'weak', leaderboard });
    expect(better.ratingDifference.ciLower).toBeGreaterThan(0);
    expect(better).toMatchObject({ decision: 'BETTER', additionalVerdicts: 0 });
    const worse = await compare({ modelA: 'weak', modelB: 'strong', leaderboard });
    expect(worse.ratingDifference.ciUpper).toBeLessThan(0);
    expect(worse.decision).toBe('WORSE');

    const open = await compare({ modelA: 'mid-1', modelB: 'mid-2', leaderboard });
    expect(open.ratingDifference.ciLower).toBeLessThan(0);
    expect(open.ratingDifference.ciUpper).toBeGreaterThan(0);
    expect(open.decision).toBe('INCONCLUSIVE');
    // ((z + z_0.8)·SE / |d|)² times the slice, minus what it has.
    const z = 1.959963984540054 + 0.8416212335729143;
    const growth = ((z * open.standardError) / Math.abs(open.ratingDifference.value)) ** 2;
    expect(open.additionalVerdicts).toBe(Math.ceil((growth - 1) * open.sliceVerdicts - 1e-9));
    expect(open.additionalVerdictsNote).toMatch(/80% power.*1\/√n/);

    // With a margin wider than the distance below zero, the same interval is non-inferior.
    const margin = Math.ceil(-open.ratingDifference.ciLower) + 1;
    const tolerated = await compare({ modelA: 'mid-1', modelB: 'mid-2', leaderboard, margin });
    expect(tolerated).toMatchObject({ decision: 'NON_INFERIOR', margin, additionalVerdicts: 0 });
    const wide = await compare({ modelA: 'weak', modelB: 'strong', leaderboard, level: 0.999999 });
    expect(wide.level).toBe(0.999999);
    expect(wide.ratingDifference.ciUpper - wide.ratingDifference.ciLower).toBeGreaterThan(
      worse.ratingDifference.ciUpper - worse.ratingDifference.ciLower,
    );
  });

  test('decides by prompt unless told otherwise, where clustering applies', async () => {
    const plain = await compare({ modelA: 'strong', modelB: 'weak', leaderboard: OBSERVED });
    expect(plain.clusterBy).toBe('PROMPT');
    const byVerdict = await compare({
      modelA: 'strong',
      modelB: 'weak',
      leaderboard: { ...OBSERVED, clusterBy: 'VERDICT' },
    });
    expect(byVerdict.clusterBy).toBe('VERDICT');
    const styled = await compare({
      modelA: 'strong',
      modelB: 'weak',
      leaderboard: { ...OBSERVED, swapPolicy: 'MERGE' },
    });
    expect(styled.clusterBy).toBe('VERDICT');
  });

  test('bad input gets coded errors that say what was expected', async () => {
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [
        { modelA: 'strong', modelB: 'nobody' },
        /input\.modelB must name a stored model.*"nobody" is unknown/,
        'BAD_USER_INPUT',
      ],
      [{ modelA: 'strong', modelB: 'strong' }, /two different models/, 'BAD_USER_INPUT'],
      [
        { modelA: 'strong', modelB: 'weak', margin: -5 },
        /margin must be a number of Elo points from 0 to 1000, but got -5/,
        'BAD_USER_INPUT',
      ],
      [
        { modelA: 'strong', modelB: 'weak', level: 1.5 },
        /level must be at least 0.5 and below 1.*got 1.5/,
        'BAD_USER_INPUT',
      ],
      [
        { modelA: 'strong', modelB: 'loner-1', leaderboard: OBSERVED },
        /"loner-1" has none/,
        'BAD_USER_INPUT',
      ],
      [
        { modelA: 'strong', modelB: 'weak', leaderboard: { method: 'ELO' } },
        /joint uncertainty.*online Elo gives no interval/,
        'BAD_USER_INPUT',
      ],
      [
        { modelA: 'strong', modelB: 'weak', leaderboard: { bootstrapRounds: 0 } },
        /joint uncertainty.*bootstrapRounds is 0/,
        'BAD_USER_INPUT',
      ],
    ];
    for (const [input, message, code] of cases) {
      const result = await server.graphql(COMPARE, { input });
      expect(result.data).toBeNull();
      expect(result.errors?.[0].message).toMatch(message);
      expect(result.errors?.[0].extensions?.code).toBe(code);
    }
  });
});
