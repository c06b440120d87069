import { checkConfidenceLevel, checkNonNegativeInteger } from './arguments';
import { RatingArgumentError } from './errors';
import { twoSidedNormalCritical } from './normal';

/**
 * The Wilson score interval for a binomial proportion (E. B. Wilson 1927, "Probable inference, the
 * law of succession, and statistical inference", JASA 22:209–212; method 3 of Newcombe 1998,
 * "Two-sided confidence intervals for the single proportion", Stat Med 17:857–872): the p whose
 * score test does not reject k successes in n trials,
 *   (k + z²/2 ± z·√(k(n − k)/n + z²/4)) / (n + z²).
 * Unlike the Wald interval it stays inside [0, 1] and is not degenerate at k = 0 or k = n.
 * Null when there are no trials.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidenceLevel = 0.95,
): { lower: number; upper: number } | null {
  checkNonNegativeInteger('trials', trials);
  checkNonNegativeInteger('successes', successes);
  if (successes > trials)
    throw new RatingArgumentError('successes', `at most trials (${trials})`, successes);
  checkConfidenceLevel(confidenceLevel);
  if (trials === 0) return null;
  const z = twoSidedNormalCritical(confidenceLevel);
  const zSquared = z * z;
  const centre = successes + zSquared / 2;
  const halfWidth = z * Math.sqrt((successes * (trials - successes)) / trials + zSquared / 4);
  const denominator = trials + zSquared;
  // At k = 0 (k = n) the bound is exactly 0 (1); set it so rounding cannot leave it just outside.
  return {
    lower: successes === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator),
    upper: successes === trials ? 1 : Math.min(1, (centre + halfWidth) / denominator),
  };
}
