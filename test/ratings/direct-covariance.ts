/**
 * Covariances computed directly, for checking the rating library's: numeric derivatives of the
 * Bradley–Terry log-likelihood in the reduced parameterisation θ (β_0 = 0, β_i = θ_{i−1}) and
 * plain dense matrix algebra, sharing no code with src/ratings.
 */
import type { PairCell } from '../../src/ratings';

export const POINTS_PER_LOG_UNIT = 400 / Math.log(10);

/** Log-likelihood of `cells` at reduced strengths θ (β_0 = 0, β_i = θ_{i−1}), natural-log units. */
export function logLikelihood(cells: readonly PairCell[], theta: number[]): number {
  const beta = (model: number) => (model === 0 ? 0 : theta[model - 1]);
  let total = 0;
  for (const cell of cells) {
    const p = 1 / (1 + Math.exp(beta(cell.modelB) - beta(cell.modelA)));
    total +=
      cell.count * cell.weight * (cell.score * Math.log(p) + (1 - cell.score) * Math.log(1 - p));
  }
  return total;
}

export function numericGradient(cells: readonly PairCell[], theta: number[]): number[] {
  const h = 1e-5;
  return theta.map((_, i) => {
    const up = [...theta];
    const down = [...theta];
    up[i] += h;
    down[i] -= h;
    return (logLikelihood(cells, up) - logLikelihood(cells, down)) / (2 * h);
  });
}

/** −∂²ℓ/∂θ² by central second differences. */
export function numericInformation(cells: readonly PairCell[], theta: number[]): number[][] {
  const h = 1e-3;
  const at = (i: number, di: number, j: number, dj: number) => {
    const point = [...theta];
    point[i] += di;
    point[j] += dj;
    return logLikelihood(cells, point);
  };
  return theta.map((_, i) =>
    theta.map(
      (__, j) =>
        -(at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h),
    ),
  );
}

export function inverse(matrix: number[][]): number[][] {
  const n = matrix.length;
  const work = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < n; column += 1) {
    const pivot = work[column][column];
    for (let k = 0; k < 2 * n; k += 1) work[column][k] /= pivot;
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const ratio = work[row][column];
      for (let k = 0; k < 2 * n; k += 1) work[row][k] -= ratio * work[column][k];
    }
  }
  return work.map((row) => row.slice(n));
}

export const times = (a: number[][], b: number[][]) =>
  a.map((row) => b[0].map((_, j) => row.reduce((sum, value, k) => sum + value * b[k][j], 0)));
export const outer = (u: number[]) => u.map((x) => u.map((y) => x * y));
export const add = (a: number[][], b: number[][]) =>
  a.map((row, i) => row.map((value, j) => value + b[i][j]));
export const scaled = (a: number[][], factor: number) =>
  a.map((row) => row.map((value) => value * factor));
export const zeros = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0));

/** Var(β_i − β_j) in natural-log units from an Elo-point covariance. */
export function differenceVariance(covariance: number[][], i: number, j: number): number {
  return (covariance[i][i] + covariance[j][j] - 2 * covariance[i][j]) / POINTS_PER_LOG_UNIT ** 2;
}
/** The same from a covariance of the reduced strengths θ (β_0 = 0). */
export function reducedDifferenceVariance(covariance: number[][], i: number, j: number): number {
  const entry = (a: number, b: number) => (a === 0 || b === 0 ? 0 : covariance[a - 1][b - 1]);
  return entry(i, i) + entry(j, j) - 2 * entry(i, j);
}

/**
 * CR3 Var(β_i − β_j): (G − 1)/G·Σ_g δ_g·δ_gᵀ, δ_g = (I − I_g)⁻¹·U_g (the one-step delete-one-cluster
 * jackknife), at the fitted reduced strengths θ, clusters given by `clusterOf`.
 */
export function directCr3DifferenceVariance<Cell extends PairCell>(
  cells: readonly Cell[],
  clusterOf: (cell: Cell) => number,
  theta: number[],
  i: number,
  j: number,
): number {
  const clusters = [...new Set(cells.map(clusterOf))];
  let sum = zeros(theta.length);
  for (const cluster of clusters) {
    const own = cells.filter((cell) => clusterOf(cell) === cluster);
    const rest = cells.filter((cell) => clusterOf(cell) !== cluster);
    const score = numericGradient(own, theta);
    const step = times(
      inverse(numericInformation(rest, theta)),
      score.map((x) => [x]),
    ).map(([x]) => x);
    sum = add(sum, outer(step));
  }
  const G = clusters.length;
  return reducedDifferenceVariance(scaled(sum, (G - 1) / G), i, j);
}
