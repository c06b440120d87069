import { checkConfidenceLevel, checkFinite, checkPositive, checkScaleAndBase } from './arguments';
import { RatingArgumentError } from './errors';
import { DEFAULT_BASE, DEFAULT_SCALE } from './elo-scale';

/**
 * A one-sided bound on the rating of a model rated apart, from its verdicts against rated models
 * whose ratings are taken as known. If the model never beat them (n_j losses to a model rated
 * R_j), the chance of that record at rating r is P_r(no win) = Π_j (1 − p_j(r))^{n_j}, which falls
 * as r rises; the ratings r at which the record keeps probability above α = 1 − confidenceLevel
 * form an exact one-sided confidence set r ≤ r_u, where Π_j (1 − p_j(r_u))^{n_j} = α. This is the
 * Clopper–Pearson (1934) construction for zero successes, extended to several opponents; against
 * one opponent it is p_u = 1 − α^{1/n} (≈ 3/n at 95%, the "rule of three", Hanley & Lippman-Hand
 * 1983). A model that never lost gets the mirror-image lower bound. The rated models' own
 * uncertainty is not included, so the bound is conditional on their fitted ratings.
 */
export interface BoundOpponent {
  /** The opponent's rating on the board's scale. */
  rating: number;
  /** Verdicts against it, all lost (for an upper bound) or all won (for a lower bound). */
  count: number;
}

export interface BoundScale {
  scale?: number;
  base?: number;
}

/** The largest rating at which losing every one of these verdicts still has chance ≥ α. */
export function upperBoundWithoutWins(
  opponents: readonly BoundOpponent[],
  confidenceLevel: number,
  options: BoundScale = {},
): number {
  const { points, logAlpha } = checkBoundArguments(opponents, confidenceLevel, options);
  // log P_r(no win) = −Σ n_j·log(1 + e^{(r − R_j)/points}), strictly decreasing in r.
  const logChance = (rating: number) =>
    opponents.reduce(
      (sum, { rating: opponent, count }) => sum - count * softplus((rating - opponent) / points),
      0,
    );
  const ratings = opponents.map((opponent) => opponent.rating);
  let low = Math.min(...ratings) - 40 * points;
  let high = Math.max(...ratings) + 40 * points;
  // Bisection: the root is bracketed (log chance → 0 below, → −∞ above) and 200 halvings reach
  // machine precision from any bracket here.
  for (let step = 0; step < 200 && high - low > 1e-9; step += 1) {
    const middle = (low + high) / 2;
    if (logChance(middle) >= logAlpha) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** The smallest rating at which winning every one of these verdicts still has chance ≥ α. */
export function lowerBoundWithoutLosses(
  opponents: readonly BoundOpponent[],
  confidenceLevel: number,
  options: BoundScale = {},
): number {
  const mirrored = opponents.map(({ rating, count }) => ({ rating: -rating, count }));
  return -upperBoundWithoutWins(mirrored, confidenceLevel, options);
}

function checkBoundArguments(
  opponents: readonly BoundOpponent[],
  confidenceLevel: number,
  { scale = DEFAULT_SCALE, base = DEFAULT_BASE }: BoundScale,
): { points: number; logAlpha: number } {
  checkConfidenceLevel(confidenceLevel);
  checkScaleAndBase(scale, base);
  // Array.isArray narrows a readonly array to any[]; the checks below read the typed alias.
  const list: readonly BoundOpponent[] = opponents;
  if (!Array.isArray(opponents) || list.length === 0)
    throw new RatingArgumentError('opponents', 'at least one opponent', opponents);
  list.forEach(({ rating, count }, index) => {
    checkFinite(`opponents[${index}].rating`, rating);
    checkPositive(`opponents[${index}].count`, count);
  });
  return { points: scale / Math.log(base), logAlpha: Math.log(1 - confidenceLevel) };
}

/** log(1 + e^x), accurate for large |x|. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
