/** Bradley–Terry leaderboards: plain (with a sandwich or bootstrap interval) and style-controlled. */
import {
  bootstrapBradleyTerry,
  bootstrapStyleRows,
  DEFAULT_BASE,
  DEFAULT_SCALE,
  fitBradleyTerry,
  fitStyleRows,
  profileIntervalsBradleyTerry,
  sandwichBradleyTerry,
  sandwichStyleRows,
  type BradleyTerryOptions,
  type PairCell,
  type ProfileIntervalResult,
  type StyleControlledFit,
  type StyleIntervals,
  type StyleRows,
  type VerdictForCells,
} from '../ratings';
import { swapLabel } from '../ratings/outcomes';
import type { ResolvedLeaderboardRequest } from './leaderboard-request';
import { NO_RATINGS, type LeaderboardRatings } from './leaderboard-types';

/**
 * The leaderboard's sandwich uses HC3 residuals: measured by `npm run bench -- --suite coverage`,
 * it covers at least as well as White's HC0 at every size and better on small runs (README).
 */
const SANDWICH_CORRECTION = 'HC3';
const NO_ROUNDS_REASON =
  'bootstrapRounds is 0 and intervalMethod is BOOTSTRAP, so no interval was asked for';
const ELO_POINTS_PER_LOG_UNIT = DEFAULT_SCALE / Math.log(DEFAULT_BASE);

export function bradleyTerryRatings(
  cells: PairCell[],
  modelCount: number,
  request: ResolvedLeaderboardRequest,
  options: BradleyTerryOptions,
  baseline: number | null,
): LeaderboardRatings {
  if (request.intervalMethod === 'PROFILE') {
    // Model-based (cut-off factor 1): by verdict, the verdicts are the independent unit.
    const result = profileIntervalsBradleyTerry(cells, modelCount, {
      ...options,
      confidenceLevel: request.confidenceLevel,
      baseline: baseline ?? undefined,
    });
    return profileRatings(result, options);
  }
  if (request.intervalMethod === 'SANDWICH') {
    const result = sandwichBradleyTerry(cells, modelCount, {
      ...options,
      confidenceLevel: request.confidenceLevel,
      baseline: baseline ?? undefined,
      correction: SANDWICH_CORRECTION,
    });
    return {
      ...NO_RATINGS,
      ratings: result.estimate.ratings,
      intervals: result.intervals,
      baselineIntervals: result.winRateVersusBaseline,
      intervalMethod: 'SANDWICH',
      mleExists: result.estimate.mleExists,
      problem: result.estimate.problem,
      joint: { covariance: result.covariance },
    };
  }
  if (request.bootstrapRounds > 0) {
    const result = bootstrapBradleyTerry(cells, modelCount, {
      ...options,
      rounds: request.bootstrapRounds,
      seed: request.seed,
      confidenceLevel: request.confidenceLevel,
      baseline: baseline ?? undefined,
    });
    return {
      ...NO_RATINGS,
      ratings: result.estimate.ratings,
      intervals: result.intervals,
      baselineIntervals: result.winRateVersusBaseline,
      intervalMethod: 'BOOTSTRAP',
      mleExists: result.estimate.mleExists,
      problem: result.estimate.problem,
      joint: { roundRatings: result.roundRatings, quantileMethod: result.quantileMethod },
    };
  }
  const fit = fitBradleyTerry(cells, modelCount, options);
  return {
    ...NO_RATINGS,
    ratings: fit.ratings,
    mleExists: fit.mleExists,
    problem: fit.problem,
    intervalUnavailableReason: NO_ROUNDS_REASON,
  };
}

/**
 * A profile board's ratings. It carries no joint uncertainty: a profile interval is one
 * quantity's, so Query.comparison refuses PROFILE rather than combine two of them.
 */
export function profileRatings(
  result: ProfileIntervalResult,
  options: BradleyTerryOptions,
): LeaderboardRatings {
  const label = options.modelLabel ?? String;
  return {
    ...NO_RATINGS,
    ratings: result.estimate.ratings,
    intervals: result.intervals,
    baselineIntervals: result.winRateVersusBaseline,
    intervalMethod: 'PROFILE',
    mleExists: result.estimate.mleExists,
    problem: result.estimate.problem,
    intervalUnavailableReason:
      result.unbounded.length === 0
        ? null
        : `the profile likelihood of ${result.unbounded.map(label).join(', ')} stays within the cut-off over 2,000 Elo points either side, so no finite interval bounds it`,
  };
}

/**
 * Style control: the contextual fit with its intervals by the requested method, and the plain fit
 * of the same verdicts with intervals by the same method, so that both ranks (and their
 * difference, rankDelta) follow the interval rule.
 */
export function styleControlledRatings(
  rows: StyleRows,
  cells: PairCell[],
  request: ResolvedLeaderboardRequest,
  options: BradleyTerryOptions,
  baseline: number | null,
): LeaderboardRatings {
  const modelCount = rows.modelCount;
  const uncontrolled = bradleyTerryRatings(cells, modelCount, request, options, baseline);
  const common = {
    ...options,
    confidenceLevel: request.confidenceLevel,
    baseline: baseline ?? undefined,
  };
  let fit: StyleControlledFit;
  let intervals: StyleIntervals | null = null;
  let reason: string | null = null;
  if (request.intervalMethod === 'SANDWICH') {
    ({ fit, intervals } = sandwichStyleRows(rows, { ...common, correction: SANDWICH_CORRECTION }));
  } else if (request.bootstrapRounds > 0) {
    const result = bootstrapStyleRows(rows, {
      ...common,
      rounds: request.bootstrapRounds,
      seed: request.seed,
    });
    ({ fit, intervals } = result);
    if (result.skippedRounds === result.rounds) {
      reason =
        'the anchor model drew no verdict in any bootstrap resample, so no round could be anchored';
      intervals = null;
    }
  } else {
    fit = fitStyleRows(rows, options);
    reason = NO_ROUNDS_REASON;
  }
  const coefficientReason = (feature: number): string | null => {
    if (reason !== null) return reason;
    return intervals?.coefficients[feature]
      ? null
      : 'the feature never varies in this slice, so its coefficient is fixed at 0';
  };
  // The leaderboard fits on the default Elo scale (400 points, base 10).
  const perUnit = ELO_POINTS_PER_LOG_UNIT;
  return {
    ratings: fit.ratings,
    uncontrolled: fit.uncontrolled.ratings,
    uncontrolledIntervals: intervals ? uncontrolled.intervals : null,
    intervals: intervals?.ratings ?? null,
    baselineIntervals: intervals?.winRateVersusBaseline ?? null,
    intervalMethod: intervals
      ? request.intervalMethod === 'SANDWICH'
        ? 'SANDWICH'
        : 'BOOTSTRAP'
      : null,
    mleExists: fit.mleExists,
    problem: fit.problem,
    styleCoefficients: fit.coefficients.map((coefficient, feature) => {
      const interval = reason === null ? (intervals?.coefficients[feature] ?? null) : null;
      return {
        ...coefficient,
        ciLower: interval?.lower ?? null,
        ciUpper: interval?.upper ?? null,
        eloPointsCiLower: interval ? interval.lower * perUnit : null,
        eloPointsCiUpper: interval ? interval.upper * perUnit : null,
        intervalUnavailableReason: coefficientReason(feature),
      };
    }),
    intervalUnavailableReason: reason,
  };
}

/** The same verdicts seen with the lower model index as A. */
export function orientedByIndex(cell: VerdictForCells): VerdictForCells {
  if (cell.modelA < cell.modelB) return cell;
  const preferenceA =
    cell.preferenceA === null || cell.preferenceA === undefined
      ? cell.preferenceA
      : 1 - cell.preferenceA;
  return {
    modelA: cell.modelB,
    modelB: cell.modelA,
    outcome: swapLabel(cell.outcome),
    preferenceA,
    count: cell.count,
  };
}
