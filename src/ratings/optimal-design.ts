import { checkFinite, checkNonNegative, checkPositive } from './arguments';
import { choleskyFactorWithJitter, choleskyInverse } from './linear-algebra';
import { RatingArgumentError } from './errors';

/**
 * How narrow intervals can get at a budget when the true ratings are known: the yardstick for the
 * ADAPTIVE design (issue 22 §1 (b)). No collection rule can beat the best fixed allocation of
 * verdicts to pairs at the truth, so this bounds what any adaptive chooser can buy.
 *
 * The allocation is an approximate (continuous) A-optimal design (Kiefer 1974): shares ξ_k of the
 * budget per pair k = (i, j), minimising trace Σ(ξ), the summed variance of the centred strengths,
 * with Σ = L(ξ)⁺ and L(ξ) = Σ_k ξ_k·p_k(1 − p_k)·d_k d_kᵀ the Bradley–Terry information
 * (Graßhoff & Schwabe 2008). It is found by the multiplicative algorithm (Silvey, Titterington &
 * Torsney 1978) with power 1/2, the usual choice for A-optimality (Yu 2010, "Monotonic convergence
 * of a general algorithm for computing optimal designs", Ann. Statist. 38(3)): ξ_k ← ξ_k·√(g_k/φ)
 * with g_k = p_k(1 − p_k)·‖Σ d_k‖² and φ = trace Σ. Since Σ_k ξ_k g_k = trace(Σ L Σ) = φ, the
 * equivalence theorem says ξ is optimal exactly when max_k g_k ≤ φ; `gap` = max_k g_k/φ − 1.
 */
export interface OptimalPairShares {
  /** Share of the budget per pair, row-major over i < j: (0,1), (0,2), …, (n−2, n−1). */
  shares: { first: number; second: number; share: number }[];
  /** Per model, the centred-gauge standard error (Elo) at a budget of one verdict: divide by √budget. */
  standardErrors: number[];
  /** Equivalence-theorem gap max_k g_k/φ − 1 at the returned shares (0 at the optimum). */
  gap: number;
  iterations: number;
}

export interface OptimalDesignOptions {
  /** Stop once the gap is at most this; default 1e-3. */
  tolerance?: number;
  /** Iteration cap; default 20,000. */
  maxIterations?: number;
}

const POINTS_PER_LOG_UNIT = 400 / Math.LN10;

export function aOptimalPairShares(
  ratings: readonly number[],
  options: OptimalDesignOptions = {},
): OptimalPairShares {
  checkRatings(ratings);
  const tolerance = options.tolerance ?? 1e-3;
  checkPositive('tolerance', tolerance);
  const maxIterations = options.maxIterations ?? 20_000;
  const n = ratings.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) pairs.push([i, j]);
  const weights = pairs.map(([i, j]) => comparisonWeight(ratings, i, j));
  let shares = pairs.map(() => 1 / pairs.length);
  let iterations = 0;
  for (;;) {
    const covariance = centredCovariance(n, pairs, (k) => shares[k] * weights[k]);
    let trace = 0;
    for (let i = 0; i < n; i += 1) trace += covariance[i * n + i];
    const gains = pairs.map(([i, j], k) => {
      let norm = 0;
      for (let t = 0; t < n; t += 1) norm += (covariance[t * n + i] - covariance[t * n + j]) ** 2;
      return weights[k] * norm;
    });
    const gap = Math.max(...gains) / trace - 1;
    if (gap <= tolerance || iterations >= maxIterations)
      return {
        shares: pairs.map(([first, second], k) => ({ first, second, share: shares[k] })),
        standardErrors: diagonalInElo(covariance, n),
        gap,
        iterations,
      };
    shares = shares.map((share, k) => share * Math.sqrt(gains[k] / trace));
    const total = shares.reduce((sum, share) => sum + share, 0);
    shares = shares.map((share) => share / total);
    iterations += 1;
  }
}

/**
 * Per model, the model-based standard error (Elo, centred gauge) of the Bradley–Terry estimate
 * at these true ratings when pair (i, j), i < j, gets `verdicts(i, j)` verdicts: √diag of the
 * inverse expected information. The pairs with verdicts must connect every model.
 */
export function designStandardErrors(
  ratings: readonly number[],
  verdicts: (first: number, second: number) => number,
): number[] {
  checkRatings(ratings);
  const n = ratings.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) pairs.push([i, j]);
  const counts = pairs.map(([i, j]) => verdicts(i, j));
  counts.forEach((count, k) => checkNonNegative(`verdicts(${pairs[k].join(', ')})`, count));
  // Union–find: a model not linked to the rest has no finite variance in the centred gauge.
  const root = Array.from({ length: n }, (_, model) => model);
  const find = (model: number): number =>
    root[model] === model ? model : (root[model] = find(root[model]));
  pairs.forEach(([i, j], k) => {
    if (counts[k] > 0) root[find(i)] = find(j);
  });
  if (root.some((_, model) => find(model) !== find(0)))
    throw new RatingArgumentError(
      'verdicts',
      'an allocation whose judged pairs connect every model',
      counts,
    );
  const covariance = centredCovariance(
    n,
    pairs,
    (k) => counts[k] * comparisonWeight(ratings, ...pairs[k]),
  );
  return diagonalInElo(covariance, n);
}

function checkRatings(ratings: readonly number[]): void {
  if (ratings.length < 2)
    throw new RatingArgumentError('ratings', 'an array of at least two ratings', ratings);
  for (let model = 0; model < ratings.length; model += 1)
    checkFinite(`ratings[${model}]`, ratings[model]);
}

/** p(1 − p) of one verdict between i and j, from Elo ratings. */
function comparisonWeight(ratings: readonly number[], i: number, j: number): number {
  const p = 1 / (1 + Math.exp((ratings[j] - ratings[i]) / POINTS_PER_LOG_UNIT));
  return p * (1 - p);
}

/**
 * L⁺ for the Laplacian L = Σ_k mass_k·d_k d_kᵀ of a connected graph: L + J/n is invertible with
 * inverse L⁺ + J/n (J = 11ᵀ; both share the eigenvector 1), and L⁺ is the covariance of the
 * centred strengths.
 */
function centredCovariance(
  n: number,
  pairs: readonly [number, number][],
  mass: (pair: number) => number,
): Float64Array {
  const matrix = new Float64Array(n * n).fill(1 / n);
  pairs.forEach(([i, j], k) => {
    const m = mass(k);
    matrix[i * n + i] += m;
    matrix[j * n + j] += m;
    matrix[i * n + j] -= m;
    matrix[j * n + i] -= m;
  });
  const inverse = choleskyInverse(choleskyFactorWithJitter(matrix, n), n);
  for (let k = 0; k < n * n; k += 1) inverse[k] -= 1 / n;
  return inverse;
}

function diagonalInElo(covariance: Float64Array, n: number): number[] {
  return Array.from(
    { length: n },
    (_, i) => Math.sqrt(Math.max(0, covariance[i * n + i])) * POINTS_PER_LOG_UNIT,
  );
}
