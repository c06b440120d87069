import type { PairCell } from './cells';

/**
 * Bradley–Terry's log-likelihood sees the cells of one pair only through two sums: the pair's
 * mass M = Σ count·weight and its score mass S = Σ count·weight·score (oriented one way), since
 * Σ m_i·[s_i·log p + (1 − s_i)·log(1 − p)] = M·[(S/M)·log p + (1 − S/M)·log(1 − p)]. So a fit over
 * one row per pair, with score S/M and mass M, has the same likelihood, gradient and Hessian as
 * the fit over the cells, at a cost that grows with pairs instead of (pair, outcome, preference)
 * cells. The bootstrap still resamples cells (a resample changes which cells a pair's sums come
 * from) and sums them here each round.
 */
export class PairSums {
  private readonly pairOfCell: Int32Array;
  private readonly ownCounts: Float64Array;
  /** Per cell: its mass per verdict, and its score mass per verdict seen from the pair's first model. */
  private readonly massPerCount: Float64Array;
  private readonly scoreMassPerCount: Float64Array;
  private readonly pairs: PairCell[] = [];
  private readonly mass: Float64Array;
  private readonly scoreMass: Float64Array;

  constructor(cells: readonly PairCell[], modelCount: number) {
    this.pairOfCell = new Int32Array(cells.length);
    this.ownCounts = Float64Array.from(cells, (cell) => cell.count);
    this.massPerCount = new Float64Array(cells.length);
    this.scoreMassPerCount = new Float64Array(cells.length);
    const pairByKey = new Map<number, number>();
    // A plain loop without destructuring: this runs per cell of every fit (~60k at 100 models).
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index];
      const forward = cell.modelA < cell.modelB;
      const first = forward ? cell.modelA : cell.modelB;
      const second = forward ? cell.modelB : cell.modelA;
      const key = first * modelCount + second;
      let pair = pairByKey.get(key);
      if (pair === undefined) {
        pair = this.pairs.length;
        pairByKey.set(key, pair);
        this.pairs.push({ modelA: first, modelB: second, score: 0, count: 1, weight: 0 });
      }
      this.pairOfCell[index] = pair;
      this.massPerCount[index] = cell.weight;
      this.scoreMassPerCount[index] = cell.weight * (forward ? cell.score : 1 - cell.score);
    }
    this.mass = new Float64Array(this.pairs.length);
    this.scoreMass = new Float64Array(this.pairs.length);
  }

  /**
   * One cell per pair of positive mass (count 1, weight M, score S/M) for the cells' own counts,
   * or for `counts[i]` verdicts in cell i (a bootstrap resample).
   */
  pairCells(counts: ArrayLike<number> = this.ownCounts): PairCell[] {
    this.mass.fill(0);
    this.scoreMass.fill(0);
    for (let index = 0; index < this.pairOfCell.length; index += 1) {
      const count = counts[index];
      if (count === 0) continue;
      const pair = this.pairOfCell[index];
      this.mass[pair] += count * this.massPerCount[index];
      this.scoreMass[pair] += count * this.scoreMassPerCount[index];
    }
    const result: PairCell[] = [];
    this.pairs.forEach((pair, index) => {
      const mass = this.mass[index];
      if (!(mass > 0)) return;
      // Each term of S is at most its term of M, so S/M ≤ 1 but for rounding; clamp that away.
      result.push({
        modelA: pair.modelA,
        modelB: pair.modelB,
        score: Math.min(1, this.scoreMass[index] / mass),
        count: 1,
        weight: mass,
      });
    });
    return result;
  }
}

/** The pair rows of `cells` as they stand (see PairSums). */
export function sumPairs(cells: readonly PairCell[], modelCount: number): PairCell[] {
  return new PairSums(cells, modelCount).pairCells();
}
