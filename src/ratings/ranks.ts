import { RatingArgumentError } from './errors';
import type { Interval } from './interval';

/**
 * Rank that respects uncertainty (DESIGN.md §2, the Chatbot Arena leaderboard's rule): 1 + the
 * number of models whose lower bound is above this model's upper bound, so models with
 * overlapping intervals can share a rank. NaN for a model without an interval; such models are
 * also ignored when ranking the others.
 */
export function rankByIntervals(intervals: ReadonlyArray<Interval | null | undefined>): number[] {
  intervals.forEach((interval, index) => {
    if (
      interval &&
      Number.isFinite(interval.lower) &&
      Number.isFinite(interval.upper) &&
      interval.lower > interval.upper
    ) {
      throw new RatingArgumentError(
        `intervals[${index}]`,
        'lower <= upper',
        `${interval.lower} > ${interval.upper}`,
      );
    }
  });
  const lowers = intervals
    .map((interval) => interval?.lower)
    .filter((lower): lower is number => lower !== undefined && Number.isFinite(lower));
  return intervals.map((interval) => {
    if (!interval || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper))
      return Number.NaN;
    let above = 0;
    for (const lower of lowers) if (lower > interval.upper) above += 1;
    return 1 + above;
  });
}

/** Plain competition rank ("1224"): 1 + the number of strictly higher ratings; NaN ratings get NaN and are skipped. */
export function rankByRating(ratings: readonly number[]): number[] {
  const finite = ratings.filter((rating) => Number.isFinite(rating));
  return ratings.map((rating) => {
    if (!Number.isFinite(rating)) return Number.NaN;
    let higher = 0;
    for (const other of finite) if (other > rating) higher += 1;
    return 1 + higher;
  });
}
