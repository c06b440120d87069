import { checkFinite, checkModelIndex } from './arguments';
import { RatingArgumentError } from './errors';

/**
 * Bradley–Terry strengths are identified only up to a common shift (the gauge). DESIGN.md §2 fixes
 * it one of two ways: centre so the mean rating over models that played is `initialRating` (1000),
 * or shift so `anchor.model` has `anchor.rating` (Arena: mixtral = 1114; Arena-Hard: baseline = 1000).
 */
export interface RatingAnchor {
  model: number;
  rating: number;
}

export interface GaugeOptions {
  anchor?: RatingAnchor;
  initialRating: number;
  /** Elo points per natural-log unit, scale/ln(base). */
  pointsPerLogUnit: number;
}

export function checkAnchor(anchor: RatingAnchor | undefined, modelCount: number): void {
  if (anchor === undefined) return;
  if (anchor === null || typeof anchor !== 'object') {
    throw new RatingArgumentError('anchor', 'an object { model, rating }', anchor);
  }
  checkModelIndex('anchor.model', anchor.model, modelCount);
  checkFinite('anchor.rating', anchor.rating);
}

/**
 * Elo-scale ratings from natural-log strengths (NaN where `present` is false). Throws when the
 * anchor model is absent, since no shift can then give it the anchor rating.
 */
export function strengthsToRatings(
  strengths: ArrayLike<number>,
  present: readonly boolean[],
  options: GaugeOptions,
): number[] {
  const { anchor, initialRating, pointsPerLogUnit } = options;
  const ratings = new Array<number>(present.length).fill(Number.NaN);
  let sum = 0;
  let count = 0;
  for (let model = 0; model < present.length; model += 1) {
    if (!present[model]) continue;
    ratings[model] = strengths[model] * pointsPerLogUnit;
    sum += ratings[model];
    count += 1;
  }
  if (anchor !== undefined && !present[anchor.model]) {
    throw new RatingArgumentError(
      'anchor.model',
      'a model with at least one comparison',
      anchor.model,
    );
  }
  const shift =
    anchor !== undefined
      ? anchor.rating - ratings[anchor.model]
      : count > 0
        ? initialRating - sum / count
        : 0;
  for (let model = 0; model < present.length; model += 1)
    if (present[model]) ratings[model] += shift;
  return ratings;
}
