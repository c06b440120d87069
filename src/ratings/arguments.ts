import { RatingArgumentError } from './errors';

/**
 * Argument checks shared by the public functions. Each throws a RatingArgumentError naming the
 * argument, the expectation and the received value.
 */

export function checkModelCount(modelCount: number): void {
  if (!Number.isInteger(modelCount) || modelCount < 0) {
    throw new RatingArgumentError('modelCount', 'a non-negative integer', modelCount);
  }
}

export function checkModelIndex(argument: string, index: number, modelCount: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= modelCount) {
    throw new RatingArgumentError(argument, `a model index in 0..${modelCount - 1}`, index);
  }
}

export function checkFinite(argument: string, value: number): void {
  if (!Number.isFinite(value)) throw new RatingArgumentError(argument, 'a finite number', value);
}

export function checkPositive(argument: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0)
    throw new RatingArgumentError(argument, 'a finite number > 0', value);
}

export function checkNonNegative(argument: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw new RatingArgumentError(argument, 'a finite number >= 0', value);
}

export function checkUnitInterval(argument: string, value: number): void {
  if (!(value >= 0 && value <= 1))
    throw new RatingArgumentError(argument, 'a number in [0, 1]', value);
}

export function checkConfidenceLevel(value: number): void {
  if (!(value > 0 && value < 1))
    throw new RatingArgumentError('confidenceLevel', 'a number in (0, 1)', value);
}

export function checkNonNegativeInteger(argument: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RatingArgumentError(argument, 'a non-negative safe integer', value);
  }
}

export function checkPositiveInteger(argument: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RatingArgumentError(argument, 'a positive safe integer', value);
}

/** The Elo scale's logistic base must make 10^(x/400)-style curves increasing. */
export function checkScaleAndBase(scale: number, base: number): void {
  checkPositive('scale', scale);
  if (!Number.isFinite(base) || base <= 1)
    throw new RatingArgumentError('base', 'a finite number > 1', base);
}

export function checkRatingsLength(
  argument: string,
  ratings: ArrayLike<number>,
  modelCount: number,
): void {
  if (ratings.length !== modelCount) {
    throw new RatingArgumentError(
      argument,
      `an array of ${modelCount} ratings (one per model)`,
      ratings,
    );
  }
}
