import { checkConfidenceLevel } from './arguments';
import { DEFAULT_BASE, DEFAULT_SCALE, expectedScore } from './elo-scale';
import { RatingArgumentError } from './errors';
import { twoSidedNormalCritical } from './normal';
import { percentileInterval, type QuantileMethod } from './quantile';

/**
 * R_A − R_B with an interval taken from the ratings' joint uncertainty. Two separate intervals
 * cannot give it: the ratings of two models are correlated (they share opponents and the gauge),
 * so Var(R_A − R_B) = V_AA + V_BB − 2·V_AB, not V_AA + V_BB, and overlapping intervals do not
 * mean an undecided difference (Schenker & Gentleman 2001, "On judging the significance of
 * differences by examining the overlap between confidence intervals").
 */
export interface RatingDifference {
  value: number;
  lower: number;
  upper: number;
  /** The standard error the interval implies, (upper − lower)/(2·z): what a sample-size estimate scales. */
  standardError: number;
}

/** From a covariance (Elo points²): a normal interval, value ± z·√(V_AA + V_BB − 2·V_AB). */
export function differenceFromCovariance(
  ratings: readonly number[],
  covariance: readonly (readonly number[])[],
  a: number,
  b: number,
  confidenceLevel: number,
): RatingDifference {
  checkConfidenceLevel(confidenceLevel);
  const value = ratings[a] - ratings[b];
  const variance = covariance[a][a] + covariance[b][b] - 2 * covariance[a][b];
  if (!Number.isFinite(value) || !Number.isFinite(variance))
    throw new RatingArgumentError('models', 'two models with finite ratings and covariance', [
      a,
      b,
    ]);
  const standardError = Math.sqrt(Math.max(0, variance));
  const spread = twoSidedNormalCritical(confidenceLevel) * standardError;
  return { value, lower: value - spread, upper: value + spread, standardError };
}

/**
 * From bootstrap rounds ([round][model], NaN where absent): the percentile interval of the
 * per-round differences, rounds where both models are present (Efron & Tibshirani 1993, §13).
 */
export function differenceFromRounds(
  ratings: readonly number[],
  roundRatings: readonly (readonly number[])[],
  a: number,
  b: number,
  confidenceLevel: number,
  quantileMethod: QuantileMethod,
): RatingDifference & { rounds: number } {
  checkConfidenceLevel(confidenceLevel);
  const draws = roundRatings
    .map((round) => round[a] - round[b])
    .filter((difference) => Number.isFinite(difference));
  if (draws.length === 0)
    throw new RatingArgumentError('roundRatings', 'a round in which both models are present', 0);
  const { lower, upper } = percentileInterval(draws, confidenceLevel, quantileMethod);
  const standardError = (upper - lower) / (2 * twoSidedNormalCritical(confidenceLevel));
  return { value: ratings[a] - ratings[b], lower, upper, standardError, rounds: draws.length };
}

/**
 * P(A's answer is preferred to B's) under Bradley–Terry, σ(d·ln(base)/scale), with the interval
 * of d mapped through it (a monotone map carries an interval over exactly).
 */
export function probabilityFromDifference(
  difference: RatingDifference,
  scale = DEFAULT_SCALE,
  base = DEFAULT_BASE,
): { value: number; lower: number; upper: number } {
  const probability = (d: number) => expectedScore(d, 0, scale, base);
  return {
    value: probability(difference.value),
    lower: probability(difference.lower),
    upper: probability(difference.upper),
  };
}
