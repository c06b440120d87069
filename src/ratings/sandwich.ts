import { checkConfidenceLevel, checkModelIndex } from './arguments';
import {
  bradleyTerryProblem,
  fitCheckedBradleyTerry,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
  type ResolvedBradleyTerryOptions,
} from './bradley-terry';
import { checkCells, type PairCell } from './cells';
import { logistic } from './elo-scale';
import { RatingArgumentError } from './errors';
import type { Interval } from './interval';
import { twoSidedNormalCritical } from './normal';
import { robustCovariance, type SandwichCorrection } from './robust-covariance';

export interface SandwichOptions extends BradleyTerryOptions {
  /** Coverage of the normal intervals; default 0.95. */
  confidenceLevel?: number;
  /** Model index against which to report 100·P(model ≻ baseline) with a delta-method interval. */
  baseline?: number;
  /** A fit of these cells with these options, to skip refitting. */
  fit?: BradleyTerryFit;
  /** Small-sample correction of the residuals (robust-covariance.ts); default 'HC0', White's estimator. */
  correction?: SandwichCorrection;
}

export interface WinRateEstimate extends Interval {
  /** 100·P(model ≻ baseline) at the estimate. */
  estimate: number;
  /** Delta-method standard error in percentage points: 100·p(1 − p)·sd(β_model − β_baseline). */
  standardError: number;
}

export interface SandwichResult {
  estimate: BradleyTerryFit;
  /** Robust covariance of the ratings (Elo points²) in the fit's gauge; NaN rows/columns for models that never played. */
  covariance: number[][];
  /** √diag(covariance); 0 for the anchor model, which the gauge pins. */
  standardErrors: number[];
  /** rating ± z·standardError; null for models that never played. */
  intervals: Array<Interval | null>;
  /**
   * Per model, 100·P(model ≻ baseline) with an interval from the delta method on the log-odds scale,
   * σ(d ± z·sd(d)), which stays inside [0, 100]; null without a baseline or for absent models.
   */
  winRateVersusBaseline: Array<WinRateEstimate | null> | null;
  confidenceLevel: number;
}

/**
 * Sandwich (Huber–White) covariance of the Bradley–Terry estimate: V = I⁻¹·J·I⁻¹ with I the
 * observed information (ridge included) and J the sum over verdicts of their score outer products
 * (Huber 1967; White 1980; Freedman 2006 "On the so-called Huber sandwich estimator"), the default
 * interval of LMArena's arena-rank. It stays valid when the model is misspecified, e.g. when ties
 * are scored 1/2, which no Bradley–Terry likelihood generates.
 *
 * The gauge: I is singular along 1, but J·1 = 0 (every design row e_a − e_b sums to zero), so
 * using (I + c·11ᵀ)⁻¹ for I⁻¹ gives exactly the covariance of the centred estimate; the anchored
 * gauge is then G·V·Gᵀ with G = I − 1·e_anchorᵀ.
 */
export function sandwichBradleyTerry(
  cells: PairCell[],
  modelCount: number,
  options: SandwichOptions = {},
): SandwichResult {
  checkCells(cells, modelCount);
  const fitOptions = resolveBradleyTerryOptions(options, modelCount);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  checkConfidenceLevel(confidenceLevel);
  if (options.baseline !== undefined) checkModelIndex('baseline', options.baseline, modelCount);
  const estimate = options.fit ?? fitCheckedBradleyTerry(cells, modelCount, fitOptions);
  if (estimate.ratings.length !== modelCount) {
    throw new RatingArgumentError('fit', `a fit of ${modelCount} models`, estimate.ratings);
  }

  const { problem, modelOf, rowCount } = bradleyTerryProblem(
    cells,
    estimate.played,
    estimate.appliedRegularization,
  );
  const perUnit = fitOptions.pointsPerLogUnit;
  const parameters = Float64Array.from(modelOf, (model) => estimate.ratings[model] / perUnit);
  const centred = robustCovariance(problem, rowCount, parameters, options.correction ?? 'HC0');
  return sandwichResult(estimate, modelOf, centred, fitOptions, confidenceLevel, options.baseline);
}

/**
 * The result of a sandwich from the centred covariance of the compact strengths (natural-log
 * units, played models only, in `modelOf` order): the fit's gauge, Elo points, intervals and win
 * rates. Shared by the verdict sandwich (above) and the cluster sandwich (cluster-sandwich.ts).
 */
export function sandwichResult(
  estimate: BradleyTerryFit,
  modelOf: readonly number[],
  centred: Float64Array,
  fitOptions: ResolvedBradleyTerryOptions,
  confidenceLevel: number,
  baselineModel: number | undefined,
): SandwichResult {
  const modelCount = estimate.ratings.length;
  const size = modelOf.length;
  const perUnit = fitOptions.pointsPerLogUnit;
  const anchor = fitOptions.anchor === undefined ? -1 : modelOf.indexOf(fitOptions.anchor.model);
  const compactCovariance = (i: number, j: number): number => {
    const value =
      anchor < 0
        ? centred[i * size + j]
        : centred[i * size + j] -
          centred[i * size + anchor] -
          centred[anchor * size + j] +
          centred[anchor * size + anchor];
    return value * perUnit * perUnit;
  };
  const covariance = Array.from({ length: modelCount }, () =>
    new Array<number>(modelCount).fill(Number.NaN),
  );
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) covariance[modelOf[i]][modelOf[j]] = compactCovariance(i, j);
  }

  const critical = twoSidedNormalCritical(confidenceLevel);
  const standardErrors = covariance.map((row, model) =>
    estimate.played[model] ? Math.sqrt(Math.max(0, row[model])) : Number.NaN,
  );
  const intervals = estimate.ratings.map((rating, model) =>
    estimate.played[model]
      ? {
          lower: rating - critical * standardErrors[model],
          upper: rating + critical * standardErrors[model],
        }
      : null,
  );

  let winRateVersusBaseline: Array<WinRateEstimate | null> | null = null;
  if (baselineModel !== undefined) {
    const baseline = baselineModel;
    winRateVersusBaseline = estimate.ratings.map((rating, model) => {
      if (!estimate.played[model] || !estimate.played[baseline]) return null;
      const difference = (rating - estimate.ratings[baseline]) / perUnit;
      const variance =
        (covariance[model][model] +
          covariance[baseline][baseline] -
          2 * covariance[model][baseline]) /
        (perUnit * perUnit);
      const spread = Math.sqrt(Math.max(0, variance));
      const probability = logistic(difference);
      return {
        estimate: 100 * probability,
        standardError: 100 * probability * (1 - probability) * spread,
        lower: 100 * logistic(difference - critical * spread),
        upper: 100 * logistic(difference + critical * spread),
      };
    });
  }
  return {
    estimate,
    covariance,
    standardErrors,
    intervals,
    winRateVersusBaseline,
    confidenceLevel,
  };
}
