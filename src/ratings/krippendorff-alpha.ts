import { RatingArgumentError } from './errors';

/** How far apart two values are: categories (NOMINAL), ranks (ORDINAL) or numbers (INTERVAL). */
export type AlphaLevel = 'NOMINAL' | 'ORDINAL' | 'INTERVAL';

export interface AlphaReport {
  /** 1 − D_o/D_e; null when D_e = 0 (every pairable value is the same), where alpha is 0/0. */
  alpha: number | null;
  /** Units with at least two values: the only ones that can show (dis)agreement. */
  pairableUnits: number;
  /** n: the values in those units. */
  pairableValues: number;
  /** D_o and D_e, each per pairable value. */
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha in the coincidence-matrix form of Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability" (Annenberg School for Communication, Departmental Papers 43):
 * each unit u with m_u ≥ 2 values adds 1/(m_u − 1) to o_ck for every ordered pair of its values
 * (c, k) from different coders; n_c = Σ_k o_ck, n = Σ_c n_c;
 *   D_o = Σ o_ck δ²_ck / n,  D_e = Σ n_c n_k δ²_ck / (n(n − 1)),  α = 1 − D_o/D_e,
 * with δ² nominal [c ≠ k]; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the values in order;
 * interval (c − k)². Values are numbers (codes); a unit lists the values its coders gave, missing
 * ones left out. Units with a single value are not pairable and count for nothing.
 */
export function krippendorffAlpha(
  units: readonly (readonly number[])[],
  level: AlphaLevel,
): AlphaReport {
  if (level !== 'NOMINAL' && level !== 'ORDINAL' && level !== 'INTERVAL')
    throw new RatingArgumentError('level', "'NOMINAL', 'ORDINAL' or 'INTERVAL'", level);
  const values = new Set<number>();
  units.forEach((unit, u) =>
    unit.forEach((value, i) => {
      if (!Number.isFinite(value))
        throw new RatingArgumentError(`units[${u}][${i}]`, 'a finite number', value);
      values.add(value);
    }),
  );
  const sorted = [...values].sort((a, b) => a - b);
  const index = new Map(sorted.map((value, i) => [value, i]));
  const size = sorted.length;
  const coincidence = sorted.map(() => new Array<number>(size).fill(0));
  let pairableUnits = 0;
  for (const unit of units) {
    if (unit.length < 2) continue;
    pairableUnits += 1;
    const counts = new Array<number>(size).fill(0);
    for (const value of unit) counts[index.get(value) ?? 0] += 1;
    const weight = 1 / (unit.length - 1);
    for (let c = 0; c < size; c += 1)
      for (let k = 0; k < size; k += 1)
        // Ordered pairs of different coders: a value is not paired with itself.
        coincidence[c][k] += weight * counts[c] * (c === k ? counts[k] - 1 : counts[k]);
  }
  const marginals = coincidence.map((row) => row.reduce((sum, value) => sum + value, 0));
  const n = marginals.reduce((sum, value) => sum + value, 0);
  const distance = squaredDistance(level, sorted, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c += 1)
    for (let k = 0; k < size; k += 1) {
      observed += coincidence[c][k] * distance(c, k);
      expected += marginals[c] * (c === k ? marginals[k] - 1 : marginals[k]) * distance(c, k);
    }
  const observedDisagreement = n > 0 ? observed / n : 0;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0;
  return {
    alpha: expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : null,
    pairableUnits,
    pairableValues: Math.round(n),
    observedDisagreement,
    expectedDisagreement,
  };
}

function squaredDistance(
  level: AlphaLevel,
  sorted: number[],
  marginals: number[],
): (c: number, k: number) => number {
  if (level === 'NOMINAL') return (c, k) => (c === k ? 0 : 1);
  if (level === 'INTERVAL') return (c, k) => (sorted[c] - sorted[k]) ** 2;
  // Ordinal: the distance between two ranks is the mass of values between them, half of each end.
  const cumulative: number[] = [];
  marginals.reduce((sum, value, i) => (cumulative[i] = sum + value), 0);
  const midpoint = marginals.map((value, i) => cumulative[i] - value / 2);
  return (c, k) => (midpoint[c] - midpoint[k]) ** 2;
}
