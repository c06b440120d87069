import { checkConfidenceLevel, checkModelIndex } from './arguments';
import {
  fitCheckedBradleyTerry,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
} from './bradley-terry';
import type { PairCell } from './cells';
import { expectedScore } from './elo-scale';
import { RatingArgumentError } from './errors';
import type { Interval } from './interval';
import { profileLikelihoodBradleyTerry } from './profile-likelihood';

/**
 * A leaderboard's profile-likelihood intervals (profile-likelihood.ts, Venzon & Moolgavkar 1988):
 * each rating's, and the win rate against a baseline from the profile of the difference
 * R_k − R_baseline, which is the same profile in the gauge anchored at the baseline, mapped
 * through the logistic (a monotone map keeps a likelihood interval one).
 *
 * With `robustCovariance` (e.g. the CR3 cluster sandwich) each cut-off is scaled by the
 * robust-to-model variance ratio of the quantity profiled (Chandler & Bate 2007): the rating's
 * variance for the rating, Var(R_k − R_baseline) for the win rate.
 */
export interface ProfileIntervalOptions extends BradleyTerryOptions {
  /** Default 0.95. */
  confidenceLevel?: number;
  /** Model index whose win rate each model's is measured against. */
  baseline?: number;
  /** A fit of these cells with these options, to skip refitting. */
  fit?: BradleyTerryFit;
  /** Robust covariance of the ratings (Elo points², the fit's gauge), NaN where a model is absent. */
  robustCovariance?: readonly (readonly number[])[];
}

export interface ProfileIntervalResult {
  estimate: BradleyTerryFit;
  /** Null for models that never played, or whose profile never reached the cut-off. */
  intervals: Array<Interval | null>;
  /** 100·P(model ≻ baseline) bounds in percent; null without a baseline. */
  winRateVersusBaseline: Array<Interval | null> | null;
  /** Models that played but got no interval (the profile stayed within the cut-off). */
  unbounded: number[];
}

export function profileIntervalsBradleyTerry(
  cells: PairCell[],
  modelCount: number,
  options: ProfileIntervalOptions = {},
): ProfileIntervalResult {
  const { confidenceLevel = 0.95, baseline, robustCovariance, ...fitOptions } = options;
  checkConfidenceLevel(confidenceLevel);
  if (baseline !== undefined) checkModelIndex('baseline', baseline, modelCount);
  if (robustCovariance !== undefined && robustCovariance.length !== modelCount)
    throw new RatingArgumentError(
      'robustCovariance',
      `a ${modelCount} × ${modelCount} matrix`,
      `${robustCovariance.length} rows`,
    );
  const resolved = resolveBradleyTerryOptions(fitOptions, modelCount);
  const estimate = options.fit ?? fitCheckedBradleyTerry(cells, modelCount, resolved);
  const { intervals } = profileLikelihoodBradleyTerry(cells, modelCount, {
    ...fitOptions,
    confidenceLevel,
    fit: estimate,
    robustVariances: robustCovariance?.map((row, model) => row[model]),
  });
  const unbounded = intervals.flatMap((interval, model) =>
    interval === null && estimate.played[model] ? [model] : [],
  );
  if (baseline === undefined || !estimate.played[baseline])
    return {
      estimate,
      intervals,
      winRateVersusBaseline: baseline === undefined ? null : intervals.map(() => null),
      unbounded,
    };

  const baselineRating = estimate.ratings[baseline];
  const differences = profileLikelihoodBradleyTerry(cells, modelCount, {
    ...fitOptions,
    anchor: { model: baseline, rating: baselineRating },
    confidenceLevel,
    fit: estimate,
    robustVariances: robustCovariance?.map(
      (row, model) => row[model] + robustCovariance[baseline][baseline] - 2 * row[baseline],
    ),
  }).intervals;
  // In the baseline's gauge each bound is the baseline's rating plus a bound of R_k − R_baseline.
  const winRate = (rating: number): number =>
    100 * expectedScore(rating, baselineRating, resolved.scale, resolved.base);
  return {
    estimate,
    intervals,
    winRateVersusBaseline: differences.map((interval) =>
      interval === null ? null : { lower: winRate(interval.lower), upper: winRate(interval.upper) },
    ),
    unbounded,
  };
}
