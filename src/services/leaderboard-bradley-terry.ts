/** Bradley–Terry leaderboards: plain (with a sandwich or bootstrap interval) and style-controlled. */
import {
  aggregateStyleCells,
  bootstrapBradleyTerry,
  fitBradleyTerry,
  fitStyleControlledBradleyTerry,
  sandwichBradleyTerry,
  type BradleyTerryOptions,
  type PairCell,
  type VerdictForCells,
  type VerdictForStyleCells,
} from '../ratings';
import { swapLabel } from '../ratings/outcomes';
import type { ResolvedLeaderboardRequest } from './leaderboard-request';
import { NO_RATINGS, type LeaderboardRatings } from './leaderboard-types';

export function bradleyTerryRatings(
  cells: PairCell[],
  modelCount: number,
  request: ResolvedLeaderboardRequest,
  options: BradleyTerryOptions,
  baseline: number | null,
): LeaderboardRatings {
  if (request.intervalMethod === 'SANDWICH') {
    const result = sandwichBradleyTerry(cells, modelCount, { ...options, confidenceLevel: request.confidenceLevel, baseline: baseline ?? undefined });
    return {
      ...NO_RATINGS,
      ratings: result.estimate.ratings,
      intervals: result.intervals,
      baselineIntervals: result.winRateVersusBaseline,
      intervalMethod: 'SANDWICH',
      mleExists: result.estimate.mleExists,
      problem: result.estimate.problem,
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
    };
  }
  const fit = fitBradleyTerry(cells, modelCount, options);
  return { ...NO_RATINGS, ratings: fit.ratings, mleExists: fit.mleExists, problem: fit.problem };
}

export function styleControlledRatings(
  verdicts: VerdictForStyleCells[],
  modelCount: number,
  request: ResolvedLeaderboardRequest,
  options: BradleyTerryOptions,
): LeaderboardRatings {
  const cells = aggregateStyleCells(verdicts, { strongVerdictWeight: request.strongVerdictWeight });
  const fit = fitStyleControlledBradleyTerry(cells, modelCount, options);
  return {
    ...NO_RATINGS,
    ratings: fit.ratings,
    uncontrolled: fit.uncontrolled.ratings,
    mleExists: fit.mleExists,
    problem: fit.problem,
    styleCoefficients: fit.coefficients,
  };
}

/** The same verdicts seen with the lower model index as A. */
export function orientedByIndex(cell: VerdictForCells): VerdictForCells {
  if (cell.modelA < cell.modelB) return cell;
  const preferenceA = cell.preferenceA === null || cell.preferenceA === undefined ? cell.preferenceA : 1 - cell.preferenceA;
  return { modelA: cell.modelB, modelB: cell.modelA, outcome: swapLabel(cell.outcome), preferenceA, count: cell.count };
}
