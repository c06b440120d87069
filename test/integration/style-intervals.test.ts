import { createRandom } from '../../src/ratings';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // Four models whose answers differ in length and lists (never in bold); the judge likes length.
  const models = ['alpha', 'bravo', 'charlie', 'delta'];
  const random = createRandom(42);
  const answer = (model: number) =>
    'word '.repeat(40 + 60 * model + Math.floor(random.nextFloat() * 40)) +
    '\n- point'.repeat(model % 3);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i += 1) {
    const a = Math.floor(random.nextFloat() * 4);
    const b = (a + 1 + Math.floor(random.nextFloat() * 3)) % 4;
    const aWins = random.nextFloat() < 0.5 + 0.08 * (b - a) + 0.1 * Math.sign(a - b);
    rows.push({
      judge: 'style-intervals',
      prompt: { externalId: `si-${i}`, text: `Question ${i}` },
      modelA: models[a],
      modelB: models[b],
      responseA: answer(a),
      responseB: answer(b),
      outcome: random.nextFloat() < 0.1 ? 'TIE' : aWins ? 'A_BETTER' : 'B_BETTER',
      idempotencyKey: `si${i}`,
    });
  }
  await recordAll(server, rows);
});
afterAll(async () => {
  await server.close();
});

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) {
    method intervalMethod bootstrapRounds intervalUnavailableReason verdictCount
    styleCoefficients { feature coefficient ciLower ciUpper eloPointsPerStandardDeviation eloPointsCiLower eloPointsCiUpper intervalUnavailableReason }
    entries { rank rankDelta model { name } rating uncontrolledRating ciLower ciUpper winRateVsBaseline winRateVsBaselineLower winRateVsBaselineUpper }
  }
}`;

async function board(input: Record<string, unknown>) {
  const result = await server.graphql(BOARD, { input: { judges: ['style-intervals'], ...input } });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard;
}

function expectIntervalsAround(result: any) {
  expect(result.intervalUnavailableReason).toBeNull();
  for (const entry of result.entries) {
    expect(entry.ciLower).toBeLessThan(entry.rating);
    expect(entry.ciUpper).toBeGreaterThan(entry.rating);
    expect(Number.isInteger(entry.rankDelta)).toBe(true);
    expect(Number.isFinite(entry.uncontrolledRating)).toBe(true);
    if (entry.model.name !== 'alpha') {
      expect(entry.winRateVsBaselineLower).toBeLessThan(entry.winRateVsBaseline);
      expect(entry.winRateVsBaselineUpper).toBeGreaterThan(entry.winRateVsBaseline);
    }
  }
  const [length, , lists, bold] = result.styleCoefficients;
  for (const coefficient of [length, lists]) {
    expect(coefficient.ciLower).toBeLessThan(coefficient.coefficient);
    expect(coefficient.ciUpper).toBeGreaterThan(coefficient.coefficient);
    expect(coefficient.eloPointsCiLower).toBeCloseTo((coefficient.ciLower * 400) / Math.log(10), 6);
    expect(coefficient.eloPointsCiUpper).toBeCloseTo((coefficient.ciUpper * 400) / Math.log(10), 6);
    expect(coefficient.intervalUnavailableReason).toBeNull();
  }
  expect(bold).toMatchObject({
    feature: 'boldSpans',
    coefficient: 0,
    ciLower: null,
    ciUpper: null,
  });
  expect(bold.intervalUnavailableReason).toMatch(/never varies/);
}

describe('style-controlled intervals through the API', () => {
  test('the sandwich gives rating, win-rate and coefficient intervals with rank changes', async () => {
    const result = await board({
      styleControl: true,
      intervalMethod: 'SANDWICH',
      baseline: 'alpha',
    });
    expect(result).toMatchObject({
      intervalMethod: 'SANDWICH',
      bootstrapRounds: 0,
      verdictCount: 400,
    });
    expectIntervalsAround(result);
  });

  test('the bootstrap gives them too, from resampled verdicts', async () => {
    const result = await board({
      styleControl: true,
      intervalMethod: 'BOOTSTRAP',
      bootstrapRounds: 40,
      baseline: 'alpha',
    });
    expect(result).toMatchObject({ intervalMethod: 'BOOTSTRAP', bootstrapRounds: 40 });
    expectIntervalsAround(result);
  });

  test('the rank change is the rank without control minus the rank with it', async () => {
    const controlled = await board({ styleControl: true, intervalMethod: 'SANDWICH' });
    const plain = await board({ intervalMethod: 'SANDWICH' });
    for (const entry of controlled.entries) {
      const without = plain.entries.find((e: any) => e.model.name === entry.model.name);
      expect(entry.rankDelta).toBe(without.rank - entry.rank);
      expect(entry.uncontrolledRating).toBeCloseTo(without.rating, 6);
    }
    expect(
      plain.entries.every((e: any) => e.rankDelta === null && e.uncontrolledRating === null),
    ).toBe(true);
    expect(plain.styleCoefficients).toBeNull();
  });

  test('no interval asked for: null bounds, and the reason says so', async () => {
    const result = await board({ styleControl: true, bootstrapRounds: 0 });
    expect(result.intervalMethod).toBeNull();
    expect(result.intervalUnavailableReason).toMatch(/bootstrapRounds is 0/);
    expect(
      result.entries.every(
        (e: any) => e.ciLower === null && e.ciUpper === null && Number.isInteger(e.rankDelta),
      ),
    ).toBe(true);
    for (const coefficient of result.styleCoefficients) {
      expect(coefficient).toMatchObject({ ciLower: null, ciUpper: null, eloPointsCiLower: null });
      expect(coefficient.intervalUnavailableReason).toMatch(/bootstrapRounds is 0|never varies/);
    }
  });

  test('online Elo and an empty slice say why they have no interval', async () => {
    const elo = await board({ method: 'ELO' });
    expect(elo.intervalUnavailableReason).toMatch(/online Elo/);
    expect(elo.entries.every((e: any) => e.ciLower === null)).toBe(true);
    const empty = await board({
      since: '2100-01-01T00:00:00Z',
      styleControl: true,
      intervalMethod: 'SANDWICH',
    });
    expect(empty).toMatchObject({ entries: [], intervalMethod: null });
    expect(empty.intervalUnavailableReason).toMatch(/no verdicts/);
  });

  test('plain leaderboards with intervals report no reason', async () => {
    const result = await board({ bootstrapRounds: 20 });
    expect(result).toMatchObject({ intervalMethod: 'BOOTSTRAP', intervalUnavailableReason: null });
  });
});
