import { checkScaleAndBase } from './arguments';

/**
 * The Elo scale shared by every rating here (DESIGN.md §2): P(i beats j) = 1/(1 + base^((Rj − Ri)/scale))
 * with base 10, scale 400, centre 1000. In natural-log strength units β (the Bradley–Terry
 * parameter, P = σ(βi − βj)) a rating is R = centre + β·scale/ln(base).
 */
export const DEFAULT_INITIAL_RATING = 1000;
export const DEFAULT_SCALE = 400;
export const DEFAULT_BASE = 10;

export interface EloScale {
  scale: number;
  base: number;
}

/** Elo points per natural-log unit of strength: scale/ln(base) (≈ 173.7 for 400 and 10). */
export function pointsPerLogUnit({ scale, base }: EloScale): number {
  checkScaleAndBase(scale, base);
  return scale / Math.log(base);
}

/** P(A beats B) on the Elo scale; the logistic curve of Bradley & Terry 1952 in base `base`. */
export function expectedScore(
  ratingA: number,
  ratingB: number,
  scale = DEFAULT_SCALE,
  base = DEFAULT_BASE,
): number {
  return 1 / (1 + base ** ((ratingB - ratingA) / scale));
}

/** The logistic function σ(x) = 1/(1+e^−x), written to stay accurate for large |x|. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
