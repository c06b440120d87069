import { checkUnitInterval } from './arguments';
import { RatingArgumentError } from './errors';

/**
 * Sample quantiles by interpolating between order statistics (Hyndman & Fan 1996).
 *
 * - 'weibull' (type 6, position p·(n+1)): the expected fraction of the distribution below the k-th
 *   of n draws is k/(n+1), so this estimator puts the 2.5% and 97.5% points where they belong on
 *   average even with the 100 bootstrap rounds DESIGN.md prescribes. It is the default here.
 * - 'linear' (type 7, position p·(n−1)+1; numpy's and pandas' default, used by the Arena
 *   notebooks): with 100 rounds its 2.5% point sits on average at the 3.4% point (order
 *   statistics of uniforms, E[U_(k)] = k/(n+1)), so a nominal 95% interval covers about 93–94%;
 *   test/ratings/interval-coverage.test.ts measures both.
 */
export type QuantileMethod = 'weibull' | 'linear';

export function quantileOfSorted(
  sorted: ArrayLike<number>,
  probability: number,
  method: QuantileMethod = 'weibull',
): number {
  checkUnitInterval('probability', probability);
  if (method !== 'weibull' && method !== 'linear') {
    throw new RatingArgumentError('method', "'weibull' or 'linear'", method);
  }
  const size = sorted.length;
  if (size === 0) return Number.NaN;
  const rawPosition = method === 'linear' ? (size - 1) * probability : (size + 1) * probability - 1;
  const position = Math.min(Math.max(rawPosition, 0), size - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, size - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** A two-sided percentile interval holding `confidenceLevel` of the sample in its middle. */
export function percentileInterval(
  values: readonly number[],
  confidenceLevel: number,
  method: QuantileMethod = 'weibull',
): { lower: number; upper: number } {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - confidenceLevel) / 2;
  return {
    lower: quantileOfSorted(sorted, tail, method),
    upper: quantileOfSorted(sorted, 1 - tail, method),
  };
}
