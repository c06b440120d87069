import { averageRanks, kendallTauB, spearmanCorrelation } from '../../src/ratings';

// Reference values from scipy.stats.spearmanr / kendalltau (tau-b) on the same samples.
const X = [1, 2, 2, 3, 5, 4, 7, 7, 9];
const Y = [2, 1, 3, 3, 6, 5, 5, 8, 9];

describe('rank correlations', () => {
  it('averages the ranks of ties', () => {
    expect(averageRanks([10, 20, 20, 5, 20])).toEqual([2, 4, 4, 1, 4]);
  });

  it('computes Spearman with tied ranks as scipy does', () => {
    expect(spearmanCorrelation(X, Y)).toBeCloseTo(0.9152542372881356, 12);
  });

  it('computes Kendall tau-b with ties as scipy does', () => {
    expect(kendallTauB(X, Y)).toBeCloseTo(0.8235294117647057, 12);
  });

  it('is 1 for the same order, −1 for the reverse, and NaN for a constant sample', () => {
    expect(spearmanCorrelation([1, 2, 3], [10, 20, 30])).toBeCloseTo(1, 12);
    expect(kendallTauB([1, 2, 3], [30, 20, 10])).toBe(-1);
    expect(spearmanCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('rejects samples of different lengths or with non-finite values', () => {
    expect(() => spearmanCorrelation([1, 2], [1])).toThrow(
      'y: expected an array as long as x (2), but received an array of length 1',
    );
    expect(() => kendallTauB([1, Number.NaN], [1, 2])).toThrow(
      'x[1]: expected a finite number, but received NaN',
    );
  });
});
