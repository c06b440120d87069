import { aggregateCells, bootstrapBradleyTerry, type PairCell } from '../../src/ratings';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';

function tournament(seed: number, models = 6, games = 600): PairCell[] {
  const random = createRandom(seed);
  return simulateCells(random, {
    trueRatings: drawTrueRatings(random, models, 120),
    games,
    tieShare: 0.3,
  });
}

describe('bootstrapBradleyTerry', () => {
  const cells = tournament(1);

  it('returns identical results for the same seed and different ones for another seed', () => {
    const first = bootstrapBradleyTerry(cells, 6, { seed: 99, baseline: 0 });
    const again = bootstrapBradleyTerry(cells, 6, { seed: 99, baseline: 0 });
    const other = bootstrapBradleyTerry(cells, 6, { seed: 100, baseline: 0 });
    expect(again).toEqual(first);
    expect(other.intervals).not.toEqual(first.intervals);
    expect(other.estimate).toEqual(first.estimate);
  });

  it('runs 100 rounds by default and puts each point estimate inside its 95% interval', () => {
    const result = bootstrapBradleyTerry(cells, 6);
    expect(result).toMatchObject({
      rounds: 100,
      seed: 0,
      confidenceLevel: 0.95,
      quantileMethod: 'weibull',
      skippedRounds: 0,
    });
    expect(result.roundRatings).toHaveLength(100);
    expect(result.roundsPresent).toEqual([100, 100, 100, 100, 100, 100]);
    result.estimate.ratings.forEach((rating, model) => {
      const interval = result.intervals[model];
      expect(interval).not.toBeNull();
      expect(interval!.lower).toBeLessThan(rating);
      expect(interval!.upper).toBeGreaterThan(rating);
    });
  });

  it('re-centres every round on the models present', () => {
    const result = bootstrapBradleyTerry(cells, 6, { rounds: 10 });
    for (const ratings of result.roundRatings) {
      expect(ratings.reduce((sum, rating) => sum + rating, 0) / 6).toBeCloseTo(1000, 8);
    }
  });

  it('leaves a model out of the rounds that drew none of its verdicts instead of giving it 1000', () => {
    // Model 6 has a single verdict: about e^(−1) of the rounds lose it.
    const withRare = [...cells, ...aggregateCells([{ modelA: 6, modelB: 0, outcome: 'A=B' }])];
    const result = bootstrapBradleyTerry(withRare, 8, { seed: 5 });
    const absentRounds = result.roundRatings.filter((ratings) => Number.isNaN(ratings[6]));
    expect(absentRounds.length).toBeGreaterThan(20);
    expect(result.roundsPresent[6]).toBe(100 - absentRounds.length);
    for (const ratings of absentRounds) {
      // The remaining models are re-centred among themselves.
      expect(ratings.slice(0, 6).reduce((sum, rating) => sum + rating, 0) / 6).toBeCloseTo(1000, 8);
    }
    expect(result.roundsPresent[7]).toBe(0);
    expect(result.intervals[7]).toBeNull();
  });

  it('re-anchors each round and skips the rounds that lack the anchor model', () => {
    const withRare = [...cells, ...aggregateCells([{ modelA: 6, modelB: 0, outcome: 'A=B' }])];
    const result = bootstrapBradleyTerry(withRare, 7, {
      anchor: { model: 6, rating: 1114 },
      seed: 5,
    });
    expect(result.skippedRounds).toBeGreaterThan(20);
    expect(result.intervals[6]).toEqual({ lower: 1114, upper: 1114 });
    expect(result.roundsPresent[0]).toBe(100 - result.skippedRounds);
  });

  it('gives the win rate against a baseline as a percentile interval that contains the estimate', () => {
    const result = bootstrapBradleyTerry(cells, 6, { baseline: 2 });
    const intervals = result.winRateVersusBaseline!;
    expect(intervals[2]).toEqual({ lower: 50, upper: 50 });
    result.estimate.ratings.forEach((rating, model) => {
      const estimate = 100 / (1 + 10 ** ((result.estimate.ratings[2] - rating) / 400));
      expect(intervals[model]!.lower).toBeLessThanOrEqual(estimate + 1e-9);
      expect(intervals[model]!.upper).toBeGreaterThanOrEqual(estimate - 1e-9);
      expect(intervals[model]!.lower).toBeGreaterThanOrEqual(0);
      expect(intervals[model]!.upper).toBeLessThanOrEqual(100);
    });
  });

  it('narrows its intervals as the confidence level drops', () => {
    const wide = bootstrapBradleyTerry(cells, 6, { confidenceLevel: 0.95 });
    const narrow = bootstrapBradleyTerry(cells, 6, { confidenceLevel: 0.5 });
    wide.intervals.forEach((interval, model) => {
      expect(narrow.intervals[model]!.upper - narrow.intervals[model]!.lower).toBeLessThan(
        interval!.upper - interval!.lower,
      );
    });
  });

  it('counts rounds whose resample has no finite MLE', () => {
    const sparse = aggregateCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', count: 2 },
      { modelA: 1, modelB: 0, outcome: 'A>B', count: 1 },
    ]);
    const result = bootstrapBradleyTerry(sparse, 2, { seed: 3 });
    expect(result.roundsWithoutMle).toBeGreaterThan(0);
    expect(result.roundRatings.flat().every(Number.isFinite)).toBe(true);
  });

  it('rejects invalid options', () => {
    expect(() => bootstrapBradleyTerry(cells, 6, { rounds: 0 })).toThrow(
      'rounds: expected a positive safe integer, but received 0',
    );
    expect(() => bootstrapBradleyTerry(cells, 6, { confidenceLevel: 95 })).toThrow(
      'confidenceLevel: expected a number in (0, 1), but received 95',
    );
    expect(() => bootstrapBradleyTerry(cells, 6, { baseline: 6 })).toThrow(
      'baseline: expected a model index in 0..5, but received 6',
    );
    expect(() => bootstrapBradleyTerry(cells, 6, { seed: 0.5 })).toThrow(
      'seed: expected a safe integer, but received 0.5',
    );
  });
});
