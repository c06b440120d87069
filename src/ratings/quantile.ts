import { checkUnitInterval } from './arguments';

/**
 * Sample quantile by linear interpolation between order statistics: Hyndman & Fan 1996 type 7, the
 * default of numpy and pandas, which is what the Arena and Arena-Hard notebooks report for their
 * bootstrap percentiles. NaN for an empty sample. `sorted` must be ascending.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, probability: number): number {
  checkUnitInterval('probability', probability);
  const size = sorted.length;
  if (size === 0) return Number.NaN;
  const position = (size - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, size - 1);
  const fraction = position - below;
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

/** A two-sided percentile interval holding `confidenceLevel` of the sample in its middle. */
export function percentileInterval(values: readonly number[], confidenceLevel: number): { lower: number; upper: number } {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - confidenceLevel) / 2;
  return { lower: quantileOfSorted(sorted, tail), upper: quantileOfSorted(sorted, 1 - tail) };
}
