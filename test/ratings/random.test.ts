import {
  createRandom,
  sampleBinomial,
  sampleMultinomial,
  RatingArgumentError,
} from '../../src/ratings';

function draws(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.nextUint32());
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance =
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

/** The exact pmf, built outward from the mode by the ratio f(k)/f(k−1) so nothing underflows first. */
function binomialPmf(n: number, p: number): number[] {
  const mode = Math.floor((n + 1) * p);
  const pmf = new Array<number>(n + 1).fill(0);
  pmf[mode] = 1;
  for (let k = mode + 1; k <= n; k += 1) pmf[k] = pmf[k - 1] * ((n - k + 1) / k) * (p / (1 - p));
  for (let k = mode - 1; k >= 0; k -= 1) pmf[k] = pmf[k + 1] * ((k + 1) / (n - k)) * ((1 - p) / p);
  const total = pmf.reduce((sum, value) => sum + value, 0);
  return pmf.map((value) => value / total);
}

describe('createRandom', () => {
  it('repeats its stream for the same seed and changes it for another', () => {
    expect(draws(42, 20)).toEqual(draws(42, 20));
    expect(draws(42, 20)).not.toEqual(draws(43, 20));
  });

  it('gives floats in [0, 1) with mean 1/2 and variance 1/12', () => {
    const random = createRandom(7);
    const values = Array.from({ length: 100_000 }, () => random.nextFloat());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const { mean, variance } = meanAndVariance(values);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('rejects a seed that is not a safe integer, saying what it expected', () => {
    expect(() => createRandom(1.5)).toThrow(new RatingArgumentError('seed', 'a safe integer', 1.5));
    expect(() => createRandom(1.5)).toThrow('seed: expected a safe integer, but received 1.5');
  });
});

describe('sampleBinomial', () => {
  it.each([
    [40, 0.3],
    [200, 0.5],
    [1_000, 0.9],
    // Either side of the switch from inversion (mean < 10) to BTRS rejection, and a huge n with a small p.
    [1_000, 0.0099],
    [25, 0.4],
    [5_000_000, 0.000004],
    [1_000_000, 0.45],
  ])('matches the exact Binomial(%i, %f) pmf by a chi-square test', (n, p) => {
    const random = createRandom(n);
    const samples = 20_000;
    const observed = new Map<number, number>();
    for (let index = 0; index < samples; index += 1) {
      const value = sampleBinomial(random, n, p);
      observed.set(value, (observed.get(value) ?? 0) + 1);
    }
    // Pool the tails so every expected count is at least 5.
    const pmf = binomialPmf(n, p);
    let statistic = 0;
    let bins = 0;
    let pooledExpected = 0;
    let pooledObserved = 0;
    pmf.forEach((probability, k) => {
      pooledExpected += probability * samples;
      pooledObserved += observed.get(k) ?? 0;
      if (pooledExpected >= 5 && k < n) {
        statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
        bins += 1;
        pooledExpected = 0;
        pooledObserved = 0;
      }
    });
    statistic += pooledExpected > 0 ? (pooledObserved - pooledExpected) ** 2 / pooledExpected : 0;
    // For df ≈ bins the 99.9% point is below df + 4.5·√(2·df).
    expect(statistic).toBeLessThan(bins + 4.5 * Math.sqrt(2 * bins));
  });

  it('draws huge counts quickly with the right mean and variance', () => {
    const random = createRandom(3);
    const n = 1_800_000_000;
    const p = 0.37;
    const values = Array.from({ length: 4_000 }, () => sampleBinomial(random, n, p));
    const { mean, variance } = meanAndVariance(values);
    const expectedVariance = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt(expectedVariance / values.length));
    expect(variance / expectedVariance).toBeGreaterThan(0.9);
    expect(variance / expectedVariance).toBeLessThan(1.1);
  });

  it('handles the degenerate probabilities and sizes exactly', () => {
    const random = createRandom(1);
    expect(sampleBinomial(random, 10, 0)).toBe(0);
    expect(sampleBinomial(random, 10, 1)).toBe(10);
    expect(sampleBinomial(random, 0, 0.5)).toBe(0);
  });

  it('rejects impossible arguments', () => {
    const random = createRandom(1);
    expect(() => sampleBinomial(random, -1, 0.5)).toThrow(
      'trials: expected a non-negative safe integer, but received -1',
    );
    expect(() => sampleBinomial(random, 3, 1.2)).toThrow(
      'probability: expected a number in [0, 1], but received 1.2',
    );
  });
});

describe('sampleMultinomial', () => {
  it('places every trial, leaves zero-weight cells empty and follows the weights', () => {
    const random = createRandom(11);
    const weights = [5, 0, 15, 30, 0];
    const totals = [0, 0, 0, 0, 0];
    for (let round = 0; round < 200; round += 1) {
      const drawn = sampleMultinomial(random, 5_000, weights);
      expect(drawn.reduce((sum, value) => sum + value, 0)).toBe(5_000);
      drawn.forEach((value, index) => {
        totals[index] += value;
      });
    }
    expect(totals[1]).toBe(0);
    expect(totals[4]).toBe(0);
    expect(totals[0] / 1_000_000).toBeCloseTo(0.1, 2);
    expect(totals[2] / 1_000_000).toBeCloseTo(0.3, 2);
    expect(totals[3] / 1_000_000).toBeCloseTo(0.6, 2);
  });

  it('rejects negative weights and trials with nowhere to go', () => {
    const random = createRandom(1);
    expect(() => sampleMultinomial(random, 3, [1, -2])).toThrow(
      'weights[1]: expected a finite number >= 0, but received -2',
    );
    expect(() => sampleMultinomial(random, 3, [0, 0])).toThrow(
      'weights: expected at least one positive weight when trials > 0',
    );
  });
});
