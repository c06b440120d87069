import { rankByIntervals, rankByRating } from '../../src/ratings';

describe('rankByIntervals', () => {
  it('counts only the models whose lower bound clears this model’s upper bound', () => {
    const ranks = rankByIntervals([
      { lower: 1100, upper: 1200 },
      { lower: 1090, upper: 1150 },
      { lower: 1000, upper: 1080 },
      { lower: 1040, upper: 1095 },
      { lower: 900, upper: 990 },
    ]);
    // 1080 is cleared by 1100 and 1090; 1095 only by 1100; 990 by all four others.
    expect(ranks).toEqual([1, 1, 3, 2, 5]);
  });

  it('gives NaN to models without an interval and ignores them for the others', () => {
    expect(
      rankByIntervals([
        { lower: 10, upper: 20 },
        null,
        { lower: 0, upper: 5 },
        { lower: Number.NaN, upper: 3 },
      ]),
    ).toEqual([1, Number.NaN, 2, Number.NaN]);
  });

  it('rejects an interval whose lower bound exceeds its upper bound', () => {
    expect(() => rankByIntervals([{ lower: 5, upper: 1 }])).toThrow(
      'intervals[0]: expected lower <= upper, but received "5 > 1"',
    );
  });
});

describe('rankByRating', () => {
  it('gives tied ratings the same competition rank and NaN ratings NaN', () => {
    expect(rankByRating([1000, 1100, 1000, Number.NaN, 950])).toEqual([2, 1, 2, Number.NaN, 4]);
  });
});
