import { checkConfidenceLevel, checkNonNegative } from './arguments';
import { RatingArgumentError } from './errors';
import { normalQuantile, twoSidedNormalCritical } from './normal';
import type { RatingDifference } from './rating-difference';

/**
 * A release decision on d = R_candidate − R_baseline from its two-sided interval [L, U] at level
 * 1 − α, with a non-inferiority margin m ≥ 0 (Elo points), checked in this order:
 *   BETTER        L > 0        (superior: the whole interval above 0);
 *   NON_INFERIOR  L > −m       (m > 0 only: worse by less than the margin, if worse at all);
 *   WORSE         U < −m       (worse by more than the margin; with m = 0, U < 0);
 *   INCONCLUSIVE  otherwise.
 * Each rule is a one-sided test at α/2, so the rate of a false BETTER when d = 0 is at most α/2
 * (the confidence-interval form of the two one-sided tests; Schuirmann 1987; Wellek 2010, ch. 2).
 */
export type Decision = 'BETTER' | 'NON_INFERIOR' | 'WORSE' | 'INCONCLUSIVE';

export function decide(interval: { lower: number; upper: number }, margin: number): Decision {
  checkNonNegative('margin', margin);
  if (interval.lower > 0) return 'BETTER';
  if (margin > 0 && interval.lower > -margin) return 'NON_INFERIOR';
  if (interval.upper < -margin) return 'WORSE';
  return 'INCONCLUSIVE';
}

/** Default power of `sampleGrowthToDecide`: 80% (the usual planning target; Cohen 1988, ch. 2). */
export const DEFAULT_POWER = 0.8;

/**
 * By what factor k the number of verdicts must grow for an undecided difference to be decided
 * with the given power, or null when the estimate sits on the threshold (no sample size helps).
 * Assumes the true difference equals the current estimate and that new verdicts keep the current
 * design (the same mix of pairs and of verdicts per prompt), so the standard error shrinks as
 * 1/√n: the information grows linearly with the verdicts. The nearest decision is aimed at:
 * L > −m (BETTER, or NON_INFERIOR with a margin) when d > −m, U < −m (WORSE) otherwise, and
 * k = ((z_{1−α/2} + z_power)·SE / |d + m|)² (the normal-approximation sample size of a one-sided
 * test at α/2; e.g. Chow, Shao & Wang 2008, §3.1). Returns 1 when already decided.
 */
export function sampleGrowthToDecide(
  difference: RatingDifference,
  margin: number,
  confidenceLevel: number,
  power = DEFAULT_POWER,
): number | null {
  checkNonNegative('margin', margin);
  checkConfidenceLevel(confidenceLevel);
  if (!(power > 0.5 && power < 1))
    throw new RatingArgumentError('power', 'a number in (0.5, 1)', power);
  if (decide(difference, margin) !== 'INCONCLUSIVE') return 1;
  const distance = Math.abs(difference.value + margin);
  if (!(distance > 0) || !(difference.standardError > 0)) return null;
  const needed =
    (twoSidedNormalCritical(confidenceLevel) + normalQuantile(power)) * difference.standardError;
  return Math.max(1, (needed / distance) ** 2);
}
