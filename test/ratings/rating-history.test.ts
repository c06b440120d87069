import {
  aggregateCells,
  ratingHistory,
  sandwichBradleyTerry,
  type PairCell,
} from '../../src/ratings';

// Three models over three periods; model 2 first plays in period 1.
const periods: PairCell[][] = [
  aggregateCells([
    { modelA: 0, modelB: 1, outcome: 'A>B', count: 6 },
    { modelA: 0, modelB: 1, outcome: 'B>A', count: 4 },
  ]),
  aggregateCells([
    { modelA: 2, modelB: 0, outcome: 'A>B', count: 3 },
    { modelA: 2, modelB: 0, outcome: 'B>A', count: 2 },
    { modelA: 2, modelB: 1, outcome: 'A=B', count: 2 },
    { modelA: 2, modelB: 1, outcome: 'B>A', count: 1 },
    { modelA: 2, modelB: 1, outcome: 'A>B', count: 1 },
  ]),
  aggregateCells([
    { modelA: 1, modelB: 0, outcome: 'A>B', count: 5 },
    { modelA: 1, modelB: 0, outcome: 'B>>A', count: 1 },
  ]),
];

describe('ratingHistory', () => {
  it('gives at each cut-off the sandwich fit of every verdict up to it', () => {
    const history = ratingHistory(periods, 3, { correction: 'HC3' });
    expect(history).toHaveLength(3);
    for (const point of history) {
      const upTo = periods.slice(0, point.period + 1).flat();
      const direct = sandwichBradleyTerry(upTo, 3, { correction: 'HC3' });
      direct.estimate.ratings.forEach((rating, model) => {
        if (Number.isNaN(rating)) expect(point.ratings[model]).toBeNaN();
        else expect(point.ratings[model]).toBeCloseTo(rating, 6);
      });
      direct.intervals.forEach((interval, model) => {
        if (interval === null) expect(point.intervals[model]).toBeNull();
        else expect(point.intervals[model]?.upper).toBeCloseTo(interval.upper, 6);
      });
    }
  });

  it('leaves a model unrated until its first verdict and counts battles as they accrue', () => {
    const [first, second, third] = ratingHistory(periods, 3);
    expect(first.ratings[2]).toBeNaN();
    expect(first.intervals[2]).toBeNull();
    expect(first.ranks[2]).toBeNaN();
    expect(first.battles).toEqual([10, 10, 0]);
    expect(second.ratings[2]).toBeGreaterThan(0);
    expect(third.battles).toEqual([21, 20, 9]);
  });

  it('says why a cut-off has no ratings instead of inventing them', () => {
    const unbeaten = [
      aggregateCells([{ modelA: 0, modelB: 1, outcome: 'A>B', count: 3 }]),
      periods[0],
    ];
    const [first, second] = ratingHistory(unbeaten, 2);
    expect(first.problem).toMatch(/never/);
    expect(first.ratings.every(Number.isNaN)).toBe(true);
    expect(second.problem).toBeNull();
    expect(Number.isFinite(second.ratings[0])).toBe(true);
  });

  it('waits for the anchor to play before anchoring', () => {
    const history = ratingHistory(periods, 3, {
      anchor: { model: 2, rating: 1200 },
      modelLabel: (model) => `m${model}`,
    });
    expect(history[0].problem).toBe('the anchor m2 has no verdict yet at this cut-off');
    expect(history[1].ratings[2]).toBeCloseTo(1200, 9);
    expect(history[1].intervals[2]).toEqual({ lower: 1200, upper: 1200 });
  });
});
