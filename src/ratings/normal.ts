import { RatingArgumentError } from './errors';

/**
 * The standard normal quantile Φ⁻¹(p) by Acklam's rational approximations (P. J. Acklam, "An
 * algorithm for computing the inverse normal cumulative distribution function", 2003): a central
 * rational function for 0.02425 ≤ p ≤ 0.97575 and a tail one in √(−2 log p) outside, with relative
 * error below 1.15e-9, ample for interval half-widths.
 */
const CENTRAL_NUMERATOR = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const CENTRAL_DENOMINATOR = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const TAIL_NUMERATOR = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const TAIL_DENOMINATOR = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
];
const LOWER_BREAK = 0.02425;

export function normalQuantile(probability: number): number {
  if (!(probability > 0 && probability < 1)) {
    throw new RatingArgumentError('probability', 'a number strictly between 0 and 1', probability);
  }
  if (probability < LOWER_BREAK) return tail(probability);
  if (probability > 1 - LOWER_BREAK) return -tail(1 - probability);
  const q = probability - 0.5;
  const r = q * q;
  const [a0, a1, a2, a3, a4, a5] = CENTRAL_NUMERATOR;
  const [b0, b1, b2, b3, b4] = CENTRAL_DENOMINATOR;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/** The lower-tail branch; the upper tail uses symmetry so both keep full relative precision. */
function tail(probability: number): number {
  const q = Math.sqrt(-2 * Math.log(probability));
  const [c0, c1, c2, c3, c4, c5] = TAIL_NUMERATOR;
  const [d0, d1, d2, d3] = TAIL_DENOMINATOR;
  return (
    (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
    ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  );
}

/** z such that a normal interval mean ± z·sd holds `confidenceLevel` (1.959964 for 0.95). */
export function twoSidedNormalCritical(confidenceLevel: number): number {
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RatingArgumentError('confidenceLevel', 'a number in (0, 1)', confidenceLevel);
  }
  return normalQuantile(0.5 + confidenceLevel / 2);
}
