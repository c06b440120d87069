import {
  aggregateCells,
  fitBradleyTerry,
  profileLikelihoodBradleyTerry,
  sandwichBradleyTerry,
} from '../../src/ratings';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';
import { bisect, POINTS_PER_LOG_UNIT, Z } from './root-finding';

/** Golden-section maximum of a unimodal f on [low, high]. */
function maximise(f: (x: number) => number, low: number, high: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 200; step += 1) {
    const x1 = high - ratio * (high - low);
    const x2 = low + ratio * (high - low);
    if (f(x1) < f(x2)) low = x1;
    else high = x2;
  }
  return f((low + high) / 2);
}

describe('profileLikelihoodBradleyTerry', () => {
  it('gives the binomial likelihood-ratio interval for two models', () => {
    // 9 wins, 1 loss: the rating of A is 1000 + δ/2 (centred), δ the log-odds of a binomial.
    const cells = aggregateCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', count: 9 },
      { modelA: 0, modelB: 1, outcome: 'B>A', count: 1 },
    ]);
    const logLikelihood = (delta: number) => 9 * delta - 10 * Math.log1p(Math.exp(delta));
    const best = logLikelihood(Math.log(9));
    const statistic = (delta: number) => 2 * (best - logLikelihood(delta)) - Z * Z;
    const lower = bisect(statistic, -5, Math.log(9));
    const upper = bisect(statistic, Math.log(9), 15);
    const { intervals } = profileLikelihoodBradleyTerry(cells, 2);
    expect(intervals[0]!.lower).toBeCloseTo(1000 + (POINTS_PER_LOG_UNIT * lower) / 2, 1);
    expect(intervals[0]!.upper).toBeCloseTo(1000 + (POINTS_PER_LOG_UNIT * upper) / 2, 1);
    // The skew of a 9–1 record: longer above the estimate than below.
    const rating = fitBradleyTerry(cells, 2).ratings[0];
    expect(intervals[0]!.upper - rating).toBeGreaterThan(1.3 * (rating - intervals[0]!.lower));
  });

  it('matches a brute-force profile over three models, centred and anchored', () => {
    const cells = aggregateCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', count: 4 },
      { modelA: 0, modelB: 1, outcome: 'B>A', count: 2 },
      { modelA: 1, modelB: 2, outcome: 'A>B', count: 3 },
      { modelA: 1, modelB: 2, outcome: 'B>A', count: 5 },
      { modelA: 0, modelB: 2, outcome: 'A>B', count: 1 },
      { modelA: 0, modelB: 2, outcome: 'B>A', count: 1 },
      { modelA: 0, modelB: 2, outcome: 'A=B', count: 2 },
    ]);
    // The log-likelihood summed verdict by verdict, ties as half a win each way.
    const records = [
      [0, 1, 4, 2, 0],
      [1, 2, 3, 5, 0],
      [0, 2, 1, 1, 2],
    ];
    const logLikelihood = (beta: number[]) =>
      records.reduce((sum, [a, b, wins, losses, ties]) => {
        const logP = -Math.log1p(Math.exp(beta[b] - beta[a]));
        const logQ = -Math.log1p(Math.exp(beta[a] - beta[b]));
        return sum + (wins + ties / 2) * logP + (losses + ties / 2) * logQ;
      }, 0);
    const fit = fitBradleyTerry(cells, 3);
    const mle = fit.ratings.map((r) => (r - 1000) / POINTS_PER_LOG_UNIT);
    const best = logLikelihood(mle);
    // Centred: β_1 = θ, β_0 + β_2 = −θ, one free direction left.
    const centredProfile = (theta: number) =>
      maximise((x) => logLikelihood([x, theta, -theta - x]), -10, 10);
    const centred = (theta: number) => 2 * (best - centredProfile(theta)) - Z * Z;
    const { intervals } = profileLikelihoodBradleyTerry(cells, 3);
    expect(intervals[1]!.lower).toBeCloseTo(
      1000 + POINTS_PER_LOG_UNIT * bisect(centred, -6, mle[1]),
      1,
    );
    expect(intervals[1]!.upper).toBeCloseTo(
      1000 + POINTS_PER_LOG_UNIT * bisect(centred, mle[1], 6),
      1,
    );

    // Anchored at model 0 (rating 1200): ψ = β_2 − β_0, so β_0 = 0, β_2 = θ, β_1 free.
    const anchored = profileLikelihoodBradleyTerry(cells, 3, {
      anchor: { model: 0, rating: 1200 },
    });
    const psi = mle[2] - mle[0];
    const anchoredStatistic = (theta: number) =>
      2 * (best - maximise((x) => logLikelihood([0, x, theta]), -10, 10)) - Z * Z;
    expect(anchored.intervals[2]!.lower).toBeCloseTo(
      1200 + POINTS_PER_LOG_UNIT * bisect(anchoredStatistic, -6, psi),
      1,
    );
    expect(anchored.intervals[2]!.upper).toBeCloseTo(
      1200 + POINTS_PER_LOG_UNIT * bisect(anchoredStatistic, psi, 6),
      1,
    );
    expect(anchored.intervals[0]).toEqual({ lower: 1200, upper: 1200 });
  });

  it('agrees with the normal interval when every model has many verdicts', () => {
    const random = createRandom(21);
    const truth = drawTrueRatings(random, 6, 100);
    const cells = simulateCells(random, { trueRatings: truth, games: 20_000 });
    const profile = profileLikelihoodBradleyTerry(cells, 6);
    const wald = sandwichBradleyTerry(cells, 6, { correction: 'HC0' });
    profile.intervals.forEach((interval, model) => {
      const width = wald.intervals[model]!.upper - wald.intervals[model]!.lower;
      expect(Math.abs(interval!.lower - wald.intervals[model]!.lower)).toBeLessThan(0.03 * width);
      expect(Math.abs(interval!.upper - wald.intervals[model]!.upper)).toBeLessThan(0.03 * width);
    });
  });

  it('widens by the square root of the robust-to-model variance ratio (Chandler & Bate)', () => {
    const random = createRandom(5);
    const truth = drawTrueRatings(random, 5, 100);
    const cells = simulateCells(random, { trueRatings: truth, games: 20_000 });
    const plain = profileLikelihoodBradleyTerry(cells, 5);
    const wald = sandwichBradleyTerry(cells, 5, { correction: 'HC0' });
    const quadrupled = wald.standardErrors.map((se) => 4 * se * se);
    const adjusted = profileLikelihoodBradleyTerry(cells, 5, { robustVariances: quadrupled });
    adjusted.intervals.forEach((interval, model) => {
      const plainWidth = plain.intervals[model]!.upper - plain.intervals[model]!.lower;
      expect((interval!.upper - interval!.lower) / plainWidth).toBeCloseTo(2, 1);
      expect(adjusted.cutOffFactors[model]).toBeCloseTo(4, 1);
    });
  });

  it('has no interval for a model that never played, and refuses a wrong-length variance list', () => {
    const cells = aggregateCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', count: 3 },
      { modelA: 0, modelB: 1, outcome: 'B>A', count: 2 },
    ]);
    expect(profileLikelihoodBradleyTerry(cells, 3).intervals[2]).toBeNull();
    expect(() => profileLikelihoodBradleyTerry(cells, 3, { robustVariances: [1] })).toThrow(
      /robustVariances/,
    );
  });
});
