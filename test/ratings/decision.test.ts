import {
  decide,
  differenceFromCovariance,
  differenceFromRounds,
  probabilityFromDifference,
  sampleGrowthToDecide,
} from '../../src/ratings';

const Z = 1.959963984540054;
const Z_POWER = 0.8416212335729143;

describe('decide', () => {
  it('applies BETTER, NON_INFERIOR, WORSE and INCONCLUSIVE in that order', () => {
    expect(decide({ lower: 1, upper: 30 }, 0)).toBe('BETTER');
    expect(decide({ lower: 1, upper: 30 }, 10)).toBe('BETTER');
    expect(decide({ lower: -5, upper: 30 }, 10)).toBe('NON_INFERIOR');
    expect(decide({ lower: -5, upper: 30 }, 0)).toBe('INCONCLUSIVE');
    expect(decide({ lower: -30, upper: -1 }, 0)).toBe('WORSE');
    // Worse, but by less than the margin at most: non-inferior.
    expect(decide({ lower: -8, upper: -1 }, 10)).toBe('NON_INFERIOR');
    expect(decide({ lower: -30, upper: -11 }, 10)).toBe('WORSE');
    expect(decide({ lower: -30, upper: -5 }, 10)).toBe('INCONCLUSIVE');
    expect(() => decide({ lower: 0, upper: 1 }, -1)).toThrow(/margin/);
  });
});

describe('sampleGrowthToDecide', () => {
  it('is ((z + z_power)·SE / |d + m|)² for an undecided difference', () => {
    const difference = { value: 10, lower: 10 - Z * 8, upper: 10 + Z * 8, standardError: 8 };
    expect(sampleGrowthToDecide(difference, 0, 0.95)).toBeCloseTo(((Z + Z_POWER) * 0.8) ** 2, 6);
    expect(sampleGrowthToDecide(difference, 5, 0.95)).toBeCloseTo(
      (((Z + Z_POWER) * 8) / 15) ** 2,
      6,
    );
  });

  it('is 1 when decided and null when the estimate sits on the threshold', () => {
    expect(
      sampleGrowthToDecide({ value: 30, lower: 10, upper: 50, standardError: 10 }, 0, 0.95),
    ).toBe(1);
    expect(
      sampleGrowthToDecide({ value: 0, lower: -20, upper: 20, standardError: 10 }, 0, 0.95),
    ).toBeNull();
  });
});

describe('rating differences', () => {
  it('from a covariance uses V_AA + V_BB − 2·V_AB, not the two variances alone', () => {
    const covariance = [
      [100, 60],
      [60, 100],
    ];
    const difference = differenceFromCovariance([1020, 1000], covariance, 0, 1, 0.95);
    expect(difference.value).toBe(20);
    expect(difference.standardError).toBeCloseTo(Math.sqrt(80), 12);
    expect(difference.upper - difference.lower).toBeCloseTo(2 * Z * Math.sqrt(80), 6);
  });

  it('from rounds takes percentiles of the per-round differences where both are present', () => {
    const rounds = Array.from({ length: 99 }, (_, i) => [1000 + i + 1, 1000]);
    rounds.push([Number.NaN, 1000]);
    const difference = differenceFromRounds([1050, 1000], rounds, 0, 1, 0.9, 'weibull');
    expect(difference.rounds).toBe(99);
    expect(difference.lower).toBeCloseTo(5, 9);
    expect(difference.upper).toBeCloseTo(95, 9);
  });

  it('maps the difference and its bounds through the logistic for P(A preferred)', () => {
    const p = probabilityFromDifference({ value: 0, lower: -400, upper: 400, standardError: 1 });
    expect(p.value).toBeCloseTo(0.5, 12);
    expect(p.lower).toBeCloseTo(1 / 11, 12);
    expect(p.upper).toBeCloseTo(10 / 11, 12);
  });
});
