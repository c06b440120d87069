import { choleskyFactorWithJitter, choleskyInverse } from './linear-algebra';

/**
 * What one more comparison would teach about the ratings, and the bookkeeping after it is chosen.
 *
 * The Bradley–Terry Fisher information at strengths β is F = Σ_pairs m_ij·p_ij(1 − p_ij)·d dᵀ with
 * d = e_i − e_j (Graßhoff & Schwabe 2008, "Optimal design for the Bradley–Terry paired comparison
 * model", §2), plus a ridge λ·I: the prior precision that keeps a model without verdicts at a
 * finite (large) variance, so it is placeable. Σ = F⁻¹ is the covariance the design shrinks.
 *
 * The loss is the weighted variance of the centred strengths, trace(M·Σ) with M = C·W·C (C centres,
 * W weighs the models the objective cares about): W = I is A-optimality on the contrasts. One more
 * comparison of (i, j) with weight w = p(1 − p) is the rank-one update Σ' = Σ − c·u uᵀ, u = Σd,
 * c = w/(1 + w·dᵀΣd) (Sherman–Morrison), so it lowers the loss by c·dᵀHd with H = Σ·M·Σ. Keeping H
 * up to date under the same update (H' = H − c(u vᵀ + v uᵀ) + c²·(dᵀHd)·u uᵀ, v = H d) makes each
 * greedy step O(n²) instead of O(n³).
 */
export class DesignInformation {
  private readonly covariance: Float64Array;
  private readonly loss: Float64Array;
  private readonly u: Float64Array;
  private readonly v: Float64Array;

  /**
   * `pairMass(i, j)`: verdict mass between i < j; `strengths`: β in natural-log units;
   * `targetWeights`: W's diagonal.
   */
  constructor(
    readonly size: number,
    private readonly strengths: ArrayLike<number>,
    pairMass: (first: number, second: number) => number,
    priorPrecision: number,
    targetWeights: ArrayLike<number>,
  ) {
    const information = new Float64Array(size * size);
    for (let i = 0; i < size; i += 1) {
      information[i * size + i] += priorPrecision;
      for (let j = i + 1; j < size; j += 1) {
        const mass = pairMass(i, j);
        if (mass === 0) continue;
        const weighted = mass * this.comparisonWeight(i, j);
        information[i * size + i] += weighted;
        information[j * size + j] += weighted;
        information[i * size + j] -= weighted;
        information[j * size + i] -= weighted;
      }
    }
    this.covariance = choleskyInverse(choleskyFactorWithJitter(information, size), size);
    this.loss = weightedSquare(this.covariance, centredWeights(targetWeights), size);
    this.u = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** An independent copy in the same state: a design's updates (`add`) leave this one as it is. */
  copy(): DesignInformation {
    const twin = Object.create(DesignInformation.prototype) as DesignInformation;
    Object.assign(twin, {
      size: this.size,
      strengths: this.strengths,
      covariance: Float64Array.from(this.covariance),
      loss: Float64Array.from(this.loss),
      u: new Float64Array(this.size),
      v: new Float64Array(this.size),
    });
    return twin;
  }

  /** p(1 − p) at the current strengths: the information one verdict between i and j carries. */
  comparisonWeight(i: number, j: number): number {
    const p = 1 / (1 + Math.exp(this.strengths[j] - this.strengths[i]));
    return p * (1 - p);
  }

  /** Var(β_i) in natural-log units² (the prior's where i has no verdicts). */
  variance(i: number): number {
    return this.covariance[i * this.size + i];
  }

  /** How much one comparison of i and j lowers trace(M·Σ), in natural-log units². */
  gain(i: number, j: number): number {
    const { size, covariance, loss } = this;
    const w = this.comparisonWeight(i, j);
    const spread =
      covariance[i * size + i] + covariance[j * size + j] - 2 * covariance[i * size + j];
    const reduction = loss[i * size + i] + loss[j * size + j] - 2 * loss[i * size + j];
    return (w * reduction) / (1 + w * spread);
  }

  /** The current loss trace(M·Σ) = Σ_t w_t·Var(β_t − β̄), natural-log units². */
  totalLoss(weights: ArrayLike<number>): number {
    const centred = centredWeights(weights);
    let sum = 0;
    for (let k = 0; k < this.size * this.size; k += 1) sum += centred[k] * this.covariance[k];
    return sum;
  }

  /** Records one planned comparison of i and j (Sherman–Morrison on Σ and on H). */
  add(i: number, j: number): void {
    const { size, covariance, loss, u, v } = this;
    const w = this.comparisonWeight(i, j);
    for (let k = 0; k < size; k += 1) {
      u[k] = covariance[k * size + i] - covariance[k * size + j];
      v[k] = loss[k * size + i] - loss[k * size + j];
    }
    const spread = u[i] - u[j];
    const reduction = v[i] - v[j];
    const c = w / (1 + w * spread);
    const both = c * c * reduction;
    for (let row = 0; row < size; row += 1) {
      const offset = row * size;
      for (let column = 0; column < size; column += 1) {
        covariance[offset + column] -= c * u[row] * u[column];
        loss[offset + column] +=
          both * u[row] * u[column] - c * (u[row] * v[column] + v[row] * u[column]);
      }
    }
  }
}

/** M = C·W·C with C = I − 11ᵀ/n, row-major. */
function centredWeights(weights: ArrayLike<number>): Float64Array {
  const n = weights.length;
  let total = 0;
  for (let k = 0; k < n; k += 1) total += weights[k];
  const matrix = new Float64Array(n * n);
  for (let row = 0; row < n; row += 1)
    for (let column = 0; column < n; column += 1)
      matrix[row * n + column] =
        (row === column ? weights[row] : 0) -
        (weights[row] + weights[column]) / n +
        total / (n * n);
  return matrix;
}

/** Σ·M·Σ for symmetric Σ and M. */
function weightedSquare(
  covariance: Float64Array,
  middle: Float64Array,
  size: number,
): Float64Array {
  const half = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1)
    for (let k = 0; k < size; k += 1) {
      const factor = covariance[row * size + k];
      if (factor === 0) continue;
      for (let column = 0; column < size; column += 1)
        half[row * size + column] += factor * middle[k * size + column];
    }
  const result = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1)
    for (let k = 0; k < size; k += 1) {
      const factor = half[row * size + k];
      if (factor === 0) continue;
      for (let column = 0; column < size; column += 1)
        result[row * size + column] += factor * covariance[k * size + column];
    }
  return result;
}
