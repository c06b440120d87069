import { checkConfidenceLevel, checkModelIndex } from './arguments';
import {
  bradleyTerryProblem,
  fitCheckedBradleyTerry,
  resolveBradleyTerryOptions,
} from './bradley-terry';
import { layoutClusters, type ClusteredCell } from './clustered-cells';
import { logistic } from './elo-scale';
import { RatingArgumentError } from './errors';
import { sandwichProduct } from './linear-algebra';
import { observedInformation } from './paired-logistic';
import { gaugedBread } from './robust-covariance';
import { sandwichResult, type SandwichOptions, type SandwichResult } from './sandwich';

/**
 * Small-sample corrections of the cluster sandwich (Cameron & Miller 2015, §VI; Bell & McCaffrey
 * 2002; MacKinnon, Nielsen & Webb 2023 "Cluster-robust inference: a guide to empirical practice"):
 *   CR1: Σ_g U_g·U_gᵀ times G/(G − 1), U_g the cluster's score (Stata's default for GLMs);
 *   CR3: each cluster's residuals replaced by (I − W_g·H_g)⁻¹·e_g, H_g = X_g·B·X_gᵀ, times
 *        (G − 1)/G, which is the one-step (delete-one-cluster) jackknife: B·X_gᵀ(I − W_g·H_g)⁻¹·e_g
 *        is exactly (I − I_g)⁻¹·U_g, the Newton step of refitting without cluster g (by the
 *        push-through identity (A − XᵀWX)⁻¹Xᵀ = A⁻¹Xᵀ(I − W·X·A⁻¹·Xᵀ)⁻¹). It errs on the
 *        conservative side where clusters are few or unequal (Bell & McCaffrey 2002).
 */
export type ClusterCorrection = 'CR1' | 'CR3';

export interface ClusterSandwichOptions extends Omit<SandwichOptions, 'correction'> {
  /** Default 'CR3'. */
  correction?: ClusterCorrection;
}

export interface ClusterSandwichResult extends SandwichResult {
  clusterCount: number;
}

// A pivot of I − W·H below this means the cluster alone pins a direction (a model seen only on
// that prompt); its residual is inflated by at most 1/this, as robust-covariance.ts clamps h ≤ 0.99.
const SMALLEST_PIVOT = 0.01;

/**
 * Cluster-robust (Liang & Zeger 1986; Cameron & Miller 2015) covariance of the Bradley–Terry
 * estimate: V = B·(Σ_g U_g·U_gᵀ)·B with B the inverse observed information (gauged as in
 * robust-covariance.ts) and U_g the summed score of cluster g's verdicts, so verdicts of one
 * prompt may be arbitrarily correlated while prompts are independent. A cluster's verdicts enter
 * only through, per pair, their mass M and score mass S (pair-sums.ts), so the cost is
 * O(clustered cells + Σ_g pairs_g³ + models³).
 */
export function clusterSandwichBradleyTerry(
  clustered: ClusteredCell[],
  modelCount: number,
  options: ClusterSandwichOptions = {},
): ClusterSandwichResult {
  const layout = layoutClusters(clustered, modelCount);
  const fitOptions = resolveBradleyTerryOptions(options, modelCount);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const correction = options.correction ?? 'CR3';
  checkConfidenceLevel(confidenceLevel);
  if (correction !== 'CR1' && correction !== 'CR3')
    throw new RatingArgumentError('correction', "'CR1' or 'CR3'", correction);
  if (options.baseline !== undefined) checkModelIndex('baseline', options.baseline, modelCount);
  const estimate = options.fit ?? fitCheckedBradleyTerry(layout.cells, modelCount, fitOptions);
  if (estimate.ratings.length !== modelCount)
    throw new RatingArgumentError('fit', `a fit of ${modelCount} models`, estimate.ratings);

  const { problem, compactOf, modelOf } = bradleyTerryProblem(
    layout.cells,
    estimate.played,
    estimate.appliedRegularization,
  );
  const size = modelOf.length;
  const perUnit = fitOptions.pointsPerLogUnit;
  const strengths = Float64Array.from(modelOf, (model) => estimate.ratings[model] / perUnit);
  const bread = gaugedBread(observedInformation(problem, strengths), size, size);

  const groups = clusterPairSums(clustered, layout.clusterOf, layout.clusterCount, compactOf);
  const meat = new Float64Array(size * size);
  const score = new Float64Array(size);
  for (const group of groups) {
    const residuals = group.pairs.map((pair) => {
      const probability = logistic(strengths[pair.first] - strengths[pair.second]);
      // Fields listed: a spread followed by a property is a hidden class per pair on Node 20's V8.
      return {
        first: pair.first,
        second: pair.second,
        mass: pair.mass,
        scoreMass: pair.scoreMass,
        residual: pair.scoreMass - pair.mass * probability,
        information: pair.mass * probability * (1 - probability),
      };
    });
    const adjusted =
      correction === 'CR3'
        ? jackknifeResiduals(residuals, bread, size)
        : residuals.map((pair) => pair.residual);
    score.fill(0);
    residuals.forEach((pair, index) => {
      score[pair.first] += adjusted[index];
      score[pair.second] -= adjusted[index];
    });
    for (let i = 0; i < size; i += 1) {
      if (score[i] === 0) continue;
      for (let j = 0; j < size; j += 1) meat[i * size + j] += score[i] * score[j];
    }
  }
  const clusters = groups.length;
  const factor =
    clusters > 1
      ? correction === 'CR1'
        ? clusters / (clusters - 1)
        : (clusters - 1) / clusters
      : 1;
  for (let index = 0; index < meat.length; index += 1) meat[index] *= factor;
  const centred = sandwichProduct(bread, meat, size);
  return {
    ...sandwichResult(estimate, modelOf, centred, fitOptions, confidenceLevel, options.baseline),
    clusterCount: layout.clusterCount,
  };
}

interface ClusterPair {
  /** Compact indices, first < second. */
  first: number;
  second: number;
  mass: number;
  /** Score mass seen from `first`. */
  scoreMass: number;
}

/** Per cluster with verdicts of positive mass, its pairs' sums M and S (pair-sums.ts). */
function clusterPairSums(
  clustered: readonly ClusteredCell[],
  clusterOf: Int32Array,
  clusterCount: number,
  compactOf: Int32Array,
): { pairs: ClusterPair[] }[] {
  const groups = Array.from({ length: clusterCount }, () => new Map<number, ClusterPair>());
  clustered.forEach((cell, index) => {
    const mass = cell.count * cell.weight;
    if (!(mass > 0)) return;
    const [a, b, score] =
      cell.modelA < cell.modelB
        ? [cell.modelA, cell.modelB, cell.score]
        : [cell.modelB, cell.modelA, 1 - cell.score];
    const first = compactOf[a];
    const second = compactOf[b];
    const key = first * compactOf.length + second;
    const group = groups[clusterOf[index]];
    const pair = group.get(key) ?? { first, second, mass: 0, scoreMass: 0 };
    pair.mass += mass;
    pair.scoreMass += mass * score;
    group.set(key, pair);
  });
  return groups.filter((group) => group.size > 0).map((group) => ({ pairs: [...group.values()] }));
}

/** (I − W·H)⁻¹·e for one cluster's pairs: H = X·B·Xᵀ, W = diag(M·p(1 − p)), by elimination. */
function jackknifeResiduals(
  pairs: readonly (ClusterPair & { residual: number; information: number })[],
  bread: Float64Array,
  size: number,
): number[] {
  const rows = pairs.length;
  const matrix = new Float64Array(rows * rows);
  const entry = (i: number, j: number): number => bread[i * size + j];
  for (let r = 0; r < rows; r += 1) {
    const { first: a, second: b, information } = pairs[r];
    for (let c = 0; c < rows; c += 1) {
      const { first: x, second: y } = pairs[c];
      const leverage = entry(a, x) - entry(a, y) - entry(b, x) + entry(b, y);
      matrix[r * rows + c] = (r === c ? 1 : 0) - information * leverage;
    }
  }
  return solveWithPivotFloor(
    matrix,
    pairs.map((pair) => pair.residual),
    rows,
  );
}

/** Gaussian elimination with partial pivoting; pivots are kept at least SMALLEST_PIVOT in size. */
function solveWithPivotFloor(matrix: Float64Array, rhs: number[], rows: number): number[] {
  const solution = [...rhs];
  for (let column = 0; column < rows; column += 1) {
    let best = column;
    for (let row = column + 1; row < rows; row += 1) {
      if (Math.abs(matrix[row * rows + column]) > Math.abs(matrix[best * rows + column]))
        best = row;
    }
    if (best !== column) {
      for (let k = 0; k < rows; k += 1) {
        const swap = matrix[column * rows + k];
        matrix[column * rows + k] = matrix[best * rows + k];
        matrix[best * rows + k] = swap;
      }
      [solution[column], solution[best]] = [solution[best], solution[column]];
    }
    const pivot = matrix[column * rows + column];
    if (Math.abs(pivot) < SMALLEST_PIVOT) matrix[column * rows + column] = SMALLEST_PIVOT;
    for (let row = column + 1; row < rows; row += 1) {
      const ratio = matrix[row * rows + column] / matrix[column * rows + column];
      if (ratio === 0) continue;
      for (let k = column; k < rows; k += 1)
        matrix[row * rows + k] -= ratio * matrix[column * rows + k];
      solution[row] -= ratio * solution[column];
    }
  }
  for (let row = rows - 1; row >= 0; row -= 1) {
    let sum = solution[row];
    for (let k = row + 1; k < rows; k += 1) sum -= matrix[row * rows + k] * solution[k];
    solution[row] = sum / matrix[row * rows + row];
  }
  return solution;
}
