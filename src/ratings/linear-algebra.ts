import { invariant } from './errors';

/**
 * Dense symmetric positive-definite solves for the Newton steps and the sandwich covariance.
 * Matrices are row-major Float64Arrays of size×size. Cholesky (Golub & Van Loan, Matrix
 * Computations, §4.2) costs size³/3 flops, which for a leaderboard of ~100 models is well under a
 * millisecond and is why a dense solve beats anything cleverer here.
 */

/**
 * The lower-triangular L with L·Lᵀ = matrix, or null when the matrix is not numerically positive
 * definite (a pivot ≤ 0). Only the lower triangle of `matrix` is read.
 */
function choleskyFactor(matrix: Float64Array, size: number): Float64Array | null {
  const factor = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1) {
    const rowOffset = row * size;
    for (let column = 0; column <= row; column += 1) {
      const columnOffset = column * size;
      let sum = matrix[rowOffset + column];
      for (let k = 0; k < column; k += 1) sum -= factor[rowOffset + k] * factor[columnOffset + k];
      if (row === column) {
        if (!(sum > 0)) return null;
        factor[rowOffset + row] = Math.sqrt(sum);
      } else {
        factor[rowOffset + column] = sum / factor[columnOffset + column];
      }
    }
  }
  return factor;
}

/** Solves L·Lᵀ·x = rhs given the Cholesky factor L (forward then back substitution). */
export function choleskySolve(
  factor: Float64Array,
  size: number,
  rhs: ArrayLike<number>,
): Float64Array {
  const solution = Float64Array.from(rhs);
  for (let row = 0; row < size; row += 1) {
    const rowOffset = row * size;
    let sum = solution[row];
    for (let k = 0; k < row; k += 1) sum -= factor[rowOffset + k] * solution[k];
    solution[row] = sum / factor[rowOffset + row];
  }
  for (let row = size - 1; row >= 0; row -= 1) {
    let sum = solution[row];
    for (let k = row + 1; k < size; k += 1) sum -= factor[k * size + row] * solution[k];
    solution[row] = sum / factor[row * size + row];
  }
  return solution;
}

/** The inverse of L·Lᵀ, solving one unit column at a time (symmetric, returned in full). */
export function choleskyInverse(factor: Float64Array, size: number): Float64Array {
  const inverse = new Float64Array(size * size);
  const unit = new Float64Array(size);
  for (let column = 0; column < size; column += 1) {
    unit.fill(0);
    unit[column] = 1;
    const solved = choleskySolve(factor, size, unit);
    for (let row = 0; row < size; row += 1) inverse[row * size + column] = solved[row];
  }
  return inverse;
}

/** Factors `matrix`, adding the smallest of jitter·(1, 10, 100, …)·mean diagonal that makes it positive definite. */
export function choleskyFactorWithJitter(matrix: Float64Array, size: number): Float64Array {
  const exact = choleskyFactor(matrix, size);
  if (exact) return exact;
  let trace = 0;
  for (let index = 0; index < size; index += 1) trace += Math.abs(matrix[index * size + index]);
  const meanDiagonal = size > 0 && trace > 0 ? trace / size : 1;
  const jittered = Float64Array.from(matrix);
  for (let exponent = -12; exponent <= 2; exponent += 1) {
    const jitter = meanDiagonal * 10 ** exponent;
    for (let index = 0; index < size; index += 1)
      jittered[index * size + index] = matrix[index * size + index] + jitter;
    const factor = choleskyFactor(jittered, size);
    if (factor) return factor;
  }
  invariant(
    false,
    `a ${size}×${size} Hessian stayed indefinite after jitter; it has a non-finite entry`,
  );
}

/** A·B·A for symmetric A and B (size×size), the sandwich product. */
export function sandwichProduct(
  outer: Float64Array,
  inner: Float64Array,
  size: number,
): Float64Array {
  const half = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1) {
    for (let k = 0; k < size; k += 1) {
      const value = outer[row * size + k];
      if (value === 0) continue;
      for (let column = 0; column < size; column += 1)
        half[row * size + column] += value * inner[k * size + column];
    }
  }
  const result = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1) {
    for (let k = 0; k < size; k += 1) {
      const value = half[row * size + k];
      if (value === 0) continue;
      for (let column = 0; column < size; column += 1)
        result[row * size + column] += value * outer[k * size + column];
    }
  }
  return result;
}
