import {
  normalQuantile,
  percentileInterval,
  quantileOfSorted,
  twoSidedNormalCritical,
} from '../../src/ratings';

describe('normalQuantile', () => {
  // Reference values from scipy.stats.norm.ppf.
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9, 1.2815515655446004],
    [0.3, -0.5244005127080409],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%f) = %f to Acklam’s 1.15e-9 relative accuracy', (probability, expected) => {
    expect(Math.abs(normalQuantile(probability) - expected)).toBeLessThan(
      1.2e-9 * Math.abs(expected),
    );
  });

  it('is antisymmetric about 1/2', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.01)).toBeCloseTo(-normalQuantile(0.99), 14);
  });

  it('gives the two-sided critical value of a confidence level', () => {
    expect(twoSidedNormalCritical(0.95)).toBeCloseTo(1.959963984540054, 8);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(
      'probability: expected a number strictly between 0 and 1, but received 1',
    );
  });
});

describe('quantiles', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('interpolates at p·(n−1) for the linear method (numpy’s default)', () => {
    expect(quantileOfSorted(sorted, 0.25, 'linear')).toBeCloseTo(3.25, 12);
    expect(quantileOfSorted(sorted, 0, 'linear')).toBe(1);
    expect(quantileOfSorted(sorted, 1, 'linear')).toBe(10);
  });

  it('interpolates at p·(n+1) for the Weibull method, clamped to the sample', () => {
    expect(quantileOfSorted(sorted, 0.25)).toBeCloseTo(2.75, 12);
    expect(quantileOfSorted(sorted, 0.01)).toBe(1);
    expect(quantileOfSorted(sorted, 0.99)).toBe(10);
  });

  it('widens a 100-draw percentile interval relative to the linear method', () => {
    const values = Array.from({ length: 100 }, (_, index) => index);
    const weibull = percentileInterval(values, 0.95);
    expect(weibull.lower).toBeCloseTo(1.525, 12);
    expect(weibull.upper).toBeCloseTo(97.475, 12);
    const linear = percentileInterval(values, 0.95, 'linear');
    expect(linear.lower).toBeCloseTo(2.475, 12);
    expect(linear.upper).toBeCloseTo(96.525, 12);
  });

  it('is NaN for an empty sample', () => {
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });
});
