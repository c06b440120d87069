import { aggregateCells, profileIntervalsBradleyTerry } from '../../src/ratings';
import { bisect, POINTS_PER_LOG_UNIT, Z } from './root-finding';

// 9 wins of A (model 0) over B (model 1) in 10: the difference δ is a binomial log-odds.
const NINE_OF_TEN = aggregateCells([
  { modelA: 0, modelB: 1, outcome: 'A>B', count: 9 },
  { modelA: 0, modelB: 1, outcome: 'B>A', count: 1 },
]);
const logLikelihood = (delta: number) => 9 * delta - 10 * Math.log1p(Math.exp(delta));

/** The likelihood-ratio interval of δ with its χ² cut-off times `factor`, as win rates in percent. */
function binomialWinRates(factor: number): { lower: number; upper: number } {
  const best = logLikelihood(Math.log(9));
  const statistic = (delta: number) => 2 * (best - logLikelihood(delta)) - factor * Z * Z;
  const percent = (delta: number) => 100 / (1 + Math.exp(-delta));
  return {
    lower: percent(bisect(statistic, -5, Math.log(9))),
    upper: percent(bisect(statistic, Math.log(9), 15)),
  };
}

describe('profileIntervalsBradleyTerry', () => {
  it('gives the win rate against the baseline the binomial likelihood-ratio interval of the difference', () => {
    const result = profileIntervalsBradleyTerry(NINE_OF_TEN, 2, { baseline: 1 });
    const expected = binomialWinRates(1);
    expect(result.winRateVersusBaseline![0]!.lower).toBeCloseTo(expected.lower, 2);
    expect(result.winRateVersusBaseline![0]!.upper).toBeCloseTo(expected.upper, 2);
    expect(result.winRateVersusBaseline![1]).toEqual({ lower: 50, upper: 50 });
    expect(result.unbounded).toEqual([]);
  });

  it("scales the difference's cut-off by the robust-to-model variance ratio of the difference", () => {
    // Model-based Var(R_0) = Var(δ)/4 when centred, Var(δ) = 1/(n·p·(1 − p)) at p = 0.9.
    const variance = (POINTS_PER_LOG_UNIT ** 2 * (1 / (10 * 0.9 * 0.1))) / 4;
    // Four times the model covariance (R_1 = 2000 − R_0, so the covariance is −Var(R_0)).
    const robustCovariance = [
      [4 * variance, -4 * variance],
      [-4 * variance, 4 * variance],
    ];
    const result = profileIntervalsBradleyTerry(NINE_OF_TEN, 2, { baseline: 1, robustCovariance });
    const expected = binomialWinRates(4);
    expect(result.winRateVersusBaseline![0]!.lower).toBeCloseTo(expected.lower, 2);
    expect(result.winRateVersusBaseline![0]!.upper).toBeCloseTo(expected.upper, 2);
    const plain = profileIntervalsBradleyTerry(NINE_OF_TEN, 2, { baseline: 1 });
    expect(result.intervals[0]!.upper - result.intervals[0]!.lower).toBeGreaterThan(
      plain.intervals[0]!.upper - plain.intervals[0]!.lower,
    );
  });

  it('leaves win rates out without a baseline, and gives none for a model that never played', () => {
    const withIdle = profileIntervalsBradleyTerry(NINE_OF_TEN, 3, { baseline: 0 });
    expect(withIdle.intervals[2]).toBeNull();
    expect(withIdle.winRateVersusBaseline![2]).toBeNull();
    expect(withIdle.unbounded).toEqual([]);
    expect(profileIntervalsBradleyTerry(NINE_OF_TEN, 2).winRateVersusBaseline).toBeNull();
    // A baseline that never played has no win rates to offer.
    expect(
      profileIntervalsBradleyTerry(NINE_OF_TEN, 3, { baseline: 2 }).winRateVersusBaseline,
    ).toEqual([null, null, null]);
  });

  it('says what it expected of a bad baseline or covariance', () => {
    expect(() => profileIntervalsBradleyTerry(NINE_OF_TEN, 2, { baseline: 5 })).toThrow(
      /baseline: expected/,
    );
    expect(() => profileIntervalsBradleyTerry(NINE_OF_TEN, 2, { robustCovariance: [[1]] })).toThrow(
      'robustCovariance: expected a 2 × 2 matrix, but received',
    );
  });
});
