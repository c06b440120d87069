import {
  checkFinite,
  checkModelCount,
  checkModelIndex,
  checkNonNegative,
  checkPositive,
  checkScaleAndBase,
  checkUnitInterval,
} from './arguments';
import { DEFAULT_BASE, DEFAULT_INITIAL_RATING, DEFAULT_SCALE, expectedScore } from './elo-scale';
import { RatingArgumentError } from './errors';

export interface EloMatch {
  modelA: number;
  modelB: number;
  /** Score of A in [0, 1]: 1 win, 1/2 tie, 0 loss. */
  score: number;
  /** Multiplies the update (strong verdicts, DESIGN.md §2); default 1. */
  weight?: number;
}

export interface OnlineEloOptions {
  /** Update step K; default 4 (FastChat compute_online_elo, DESIGN.md §2). */
  k?: number;
  initialRating?: number;
  scale?: number;
  base?: number;
}

/**
 * Online Elo (Elo 1978) in the order given: both models start at initialRating and after each
 * match A moves by K·weight·(S − E) and B by the opposite, with E = 1/(1 + base^((R_B − R_A)/scale)).
 * The result depends on the order, which is why DESIGN.md fixes it (time, then id). Models that
 * never play keep initialRating.
 */
export function onlineElo(
  matches: Iterable<EloMatch>,
  modelCount: number,
  options: OnlineEloOptions = {},
): number[] {
  checkModelCount(modelCount);
  const k = options.k ?? 4;
  const initialRating = options.initialRating ?? DEFAULT_INITIAL_RATING;
  const scale = options.scale ?? DEFAULT_SCALE;
  const base = options.base ?? DEFAULT_BASE;
  checkPositive('k', k);
  checkFinite('initialRating', initialRating);
  checkScaleAndBase(scale, base);

  const ratings = new Array<number>(modelCount).fill(initialRating);
  let position = 0;
  for (const match of matches) {
    const weight = match.weight ?? 1;
    // The argument names are built only for a match that fails: a million template strings cost
    // more than the updates.
    if (!isValidMatch(match, weight, modelCount))
      checkMatch(match, weight, modelCount, `matches[${position}]`);
    position += 1;
    const expected = expectedScore(ratings[match.modelA], ratings[match.modelB], scale, base);
    const delta = k * weight * (match.score - expected);
    ratings[match.modelA] += delta;
    ratings[match.modelB] -= delta;
  }
  return ratings;
}

function isValidMatch(match: EloMatch, weight: number, modelCount: number): boolean {
  const { modelA, modelB, score } = match;
  return (
    Number.isInteger(modelA) &&
    modelA >= 0 &&
    modelA < modelCount &&
    Number.isInteger(modelB) &&
    modelB >= 0 &&
    modelB < modelCount &&
    modelA !== modelB &&
    score >= 0 &&
    score <= 1 &&
    Number.isFinite(weight) &&
    weight >= 0
  );
}

/** Throws the error that names what is wrong with the match at `where`. */
function checkMatch(match: EloMatch, weight: number, modelCount: number, where: string): void {
  checkModelIndex(`${where}.modelA`, match.modelA, modelCount);
  checkModelIndex(`${where}.modelB`, match.modelB, modelCount);
  if (match.modelA === match.modelB) {
    throw new RatingArgumentError(
      `${where}.modelB`,
      `a model other than modelA (${match.modelA})`,
      match.modelB,
    );
  }
  checkUnitInterval(`${where}.score`, match.score);
  checkNonNegative(`${where}.weight`, weight);
}
