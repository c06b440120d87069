import { checkConfidenceLevel, checkModelIndex } from './arguments';
import { logistic } from './elo-scale';
import type { Interval } from './interval';
import { twoSidedNormalCritical } from './normal';
import { robustCovariance, type SandwichCorrection } from './robust-covariance';
import {
  fitStyleRowsWithProblem,
  type StyleControlledFit,
  type StyleControlOptions,
} from './style-control';
import type { StyleIntervals } from './style-intervals';
import type { StyleRows } from './style-rows';

export interface StyleSandwichOptions extends StyleControlOptions {
  confidenceLevel?: number;
  /** Model index for the 100·P(model ≻ baseline) intervals. */
  baseline?: number;
  /** Small-sample correction of the residuals (robust-covariance.ts); default 'HC0', as sandwichBradleyTerry. */
  correction?: SandwichCorrection;
}

export interface StyleSandwichResult {
  fit: StyleControlledFit;
  intervals: StyleIntervals;
  /** √diag of the rating covariance, Elo points; NaN for models that never played. */
  standardErrors: number[];
  /** Standard error of each coefficient, log-odds per SD; NaN for features left out. */
  coefficientStandardErrors: number[];
}

/**
 * The robust sandwich interval of the contextual Bradley–Terry model from the one fit (the default
 * of LMArena's arena-rank for the plain model, carried over to style control): normal intervals
 * rating ± z·se for ratings and coefficients, and σ(d ± z·sd(d)) for the win rate against a baseline,
 * d the log-odds difference, so the win-rate interval stays inside [0, 100] (delta method).
 */
export function sandwichStyleRows(
  rows: StyleRows,
  options: StyleSandwichOptions = {},
): StyleSandwichResult {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  checkConfidenceLevel(confidenceLevel);
  if (options.baseline !== undefined)
    checkModelIndex('baseline', options.baseline, rows.modelCount);
  const { fit, style, solved, fitOptions } = fitStyleRowsWithProblem(rows, options);
  const { problem, modelOf, compactOf, fittedFeatures } = style;
  const size = problem.modelCount + problem.featureCount;
  const regularized = {
    ...problem,
    modelRegularization: solved.modelRegularization,
    featureRegularization: solved.featureRegularization,
  };
  const covariance = robustCovariance(
    regularized,
    style.rowCount,
    solved.solution.parameters,
    options.correction ?? 'HC0',
    solved.solution.information,
  );
  const perUnit = fitOptions.pointsPerLogUnit;
  const anchor = fitOptions.anchor === undefined ? -1 : compactOf[fitOptions.anchor.model];
  const at = (i: number, j: number) => covariance[i * size + j];
  // Rating differences are gauge-free; a rating's own variance is that of its difference from the
  // centre (centred gauge, what the covariance already is) or from the anchor.
  const ratingVariance = (i: number) =>
    anchor < 0 ? at(i, i) : at(i, i) - 2 * at(i, anchor) + at(anchor, anchor);
  const critical = twoSidedNormalCritical(confidenceLevel);

  const standardErrors = fit.ratings.map((_, model) => {
    const compact = compactOf[model];
    return compact < 0 ? Number.NaN : perUnit * Math.sqrt(Math.max(0, ratingVariance(compact)));
  });
  const ratings: Array<Interval | null> = fit.ratings.map((rating, model) =>
    compactOf[model] < 0
      ? null
      : {
          lower: rating - critical * standardErrors[model],
          upper: rating + critical * standardErrors[model],
        },
  );
  const coefficientStandardErrors = fit.coefficients.map((_, feature) => {
    const column = fittedFeatures.indexOf(feature);
    return column < 0
      ? Number.NaN
      : Math.sqrt(Math.max(0, at(modelOf.length + column, modelOf.length + column)));
  });
  const coefficients = fit.coefficients.map(({ coefficient }, feature) =>
    Number.isNaN(coefficientStandardErrors[feature])
      ? null
      : {
          lower: coefficient - critical * coefficientStandardErrors[feature],
          upper: coefficient + critical * coefficientStandardErrors[feature],
        },
  );
  let winRateVersusBaseline: Array<Interval | null> | null = null;
  if (options.baseline !== undefined) {
    const baseline = compactOf[options.baseline];
    winRateVersusBaseline = fit.ratings.map((rating, model) => {
      const compact = compactOf[model];
      if (compact < 0 || baseline < 0) return null;
      const difference = (rating - fit.ratings[modelOf[baseline]]) / perUnit;
      const spread = Math.sqrt(
        Math.max(0, at(compact, compact) + at(baseline, baseline) - 2 * at(compact, baseline)),
      );
      return {
        lower: 100 * logistic(difference - critical * spread),
        upper: 100 * logistic(difference + critical * spread),
      };
    });
  }
  return {
    fit,
    intervals: { ratings, winRateVersusBaseline, coefficients, confidenceLevel },
    standardErrors,
    coefficientStandardErrors,
  };
}
