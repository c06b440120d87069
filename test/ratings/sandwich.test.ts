import {
  aggregateCells,
  bootstrapBradleyTerry,
  fitBradleyTerry,
  sandwichBradleyTerry,
} from '../../src/ratings';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';

const POINTS_PER_LOG_UNIT = 400 / Math.log(10);

describe('sandwichBradleyTerry', () => {
  // 30 wins and 10 losses: β̂ = log 3 and, with p̂ = 3/4, both I and J equal n·p̂(1 − p̂) = 7.5,
  // so Var(β̂_A − β̂_B) = 1/7.5 exactly (the sandwich equals the model-based variance here).
  const twoModels = aggregateCells([
    { modelA: 0, modelB: 1, outcome: 'A>B', count: 30 },
    { modelA: 0, modelB: 1, outcome: 'B>A', count: 10 },
  ]);
  const differenceStandardError = POINTS_PER_LOG_UNIT * Math.sqrt(1 / 7.5);

  it('matches the closed form for two models in the centred gauge', () => {
    const result = sandwichBradleyTerry(twoModels, 2);
    expect(result.standardErrors[0]).toBeCloseTo(differenceStandardError / 2, 9);
    expect(result.standardErrors[1]).toBeCloseTo(differenceStandardError / 2, 9);
    expect(result.covariance[0][1]).toBeCloseTo(-((differenceStandardError / 2) ** 2), 8);
    const z = 1.959963984540054;
    expect(result.intervals[0]!.lower).toBeCloseTo(
      result.estimate.ratings[0] - (z * differenceStandardError) / 2,
      6,
    );
  });

  it('pins the anchor and moves all uncertainty to the other models in the anchored gauge', () => {
    const result = sandwichBradleyTerry(twoModels, 2, { anchor: { model: 1, rating: 1000 } });
    expect(result.standardErrors[1]).toBe(0);
    expect(result.intervals[1]).toEqual({ lower: 1000, upper: 1000 });
    expect(result.standardErrors[0]).toBeCloseTo(differenceStandardError, 9);
  });

  it('gives the win rate against a baseline with a delta-method interval', () => {
    const result = sandwichBradleyTerry(twoModels, 2, { baseline: 1 });
    const winRate = result.winRateVersusBaseline![0]!;
    expect(winRate.estimate).toBeCloseTo(75, 9);
    expect(winRate.standardError).toBeCloseTo(100 * 0.75 * 0.25 * Math.sqrt(1 / 7.5), 9);
    const z = 1.959963984540054;
    const logit = Math.log(3);
    expect(winRate.lower).toBeCloseTo(100 / (1 + Math.exp(-(logit - z * Math.sqrt(1 / 7.5)))), 6);
    expect(winRate.upper).toBeCloseTo(100 / (1 + Math.exp(-(logit + z * Math.sqrt(1 / 7.5)))), 6);
    expect(result.winRateVersusBaseline![1]).toMatchObject({
      estimate: 50,
      standardError: 0,
      lower: 50,
      upper: 50,
    });
  });

  it('is narrower than the model-based variance when ties make outcomes less variable', () => {
    // All ties: the residuals are 0, so the robust variance is 0 while the likelihood's information is not.
    const ties = aggregateCells([{ modelA: 0, modelB: 1, outcome: 'A=B', count: 20 }]);
    expect(sandwichBradleyTerry(ties, 2).standardErrors).toEqual([0, 0]);
  });

  it('agrees with the bootstrap spread on a moderate tournament', () => {
    const random = createRandom(8);
    const cells = simulateCells(random, {
      trueRatings: drawTrueRatings(random, 8, 120),
      games: 3_000,
      tieShare: 0.3,
    });
    const sandwich = sandwichBradleyTerry(cells, 8);
    const bootstrap = bootstrapBradleyTerry(cells, 8, { rounds: 400, seed: 1 });
    sandwich.standardErrors.forEach((standardError, model) => {
      const values = bootstrap.roundRatings.map((ratings) => ratings[model]);
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const spread = Math.sqrt(
        values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1),
      );
      expect(standardError / spread).toBeGreaterThan(0.85);
      expect(standardError / spread).toBeLessThan(1.15);
    });
  });

  it('reuses a given fit and reports NaN for models that never played', () => {
    const fit = fitBradleyTerry(twoModels, 3);
    const result = sandwichBradleyTerry(twoModels, 3, { fit });
    expect(result.estimate).toBe(fit);
    expect(result.standardErrors[2]).toBeNaN();
    expect(result.intervals[2]).toBeNull();
  });

  it('rejects invalid options', () => {
    expect(() => sandwichBradleyTerry(twoModels, 2, { confidenceLevel: 1 })).toThrow(
      'confidenceLevel: expected a number in (0, 1), but received 1',
    );
    expect(() =>
      sandwichBradleyTerry(twoModels, 2, { fit: fitBradleyTerry(twoModels, 3) }),
    ).toThrow('fit: expected a fit of 2 models, but received an array of length 3');
  });
});
