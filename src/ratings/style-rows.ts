import { RatingArgumentError } from './errors';

/**
 * The compact layout of style-controlled data: one row per verdict group (verdicts sharing models,
 * score, weight and both answers' style counts; with distinct answers, one row per verdict), held
 * in typed arrays so a fit over a million battles is arithmetic over flat memory, not objects.
 *
 * A row keeps the normalised style differences (x_A − x_B)/(x_A + x_B + 1) of Chatbot Arena's style
 * control, not their z-scores: the scaling depends on every row, so it is applied at fit time
 * (style-problem.ts) and rows can be appended as verdicts arrive without rewriting the others.
 */
export interface StyleRows {
  modelCount: number;
  featureCount: number;
  rowCount: number;
  modelA: Int32Array;
  modelB: Int32Array;
  /** Score of A in [0, 1]. */
  score: Float64Array;
  /** Verdicts the row stands for: the unit the bootstrap resamples and the sandwich sums over. */
  count: Float64Array;
  /** Per-verdict likelihood weight (strongVerdictWeight for `>>` labels, else 1). */
  weight: Float64Array;
  /** rowCount × featureCount normalised differences, row-major. */
  differences: Float64Array;
}

/** Rows appended one at a time into arrays that double when full; `rows()` views the filled part. */
export class StyleRowsBuilder {
  private capacity: number;
  private size = 0;
  private modelA: Int32Array;
  private modelB: Int32Array;
  private score: Float64Array;
  private count: Float64Array;
  private weight: Float64Array;
  private differences: Float64Array;

  constructor(
    readonly featureCount: number,
    initialCapacity = 1024,
  ) {
    if (!Number.isInteger(featureCount) || featureCount < 0) {
      throw new RatingArgumentError('featureCount', 'a whole number >= 0', featureCount);
    }
    this.capacity = Math.max(1, Math.floor(initialCapacity));
    this.modelA = new Int32Array(this.capacity);
    this.modelB = new Int32Array(this.capacity);
    this.score = new Float64Array(this.capacity);
    this.count = new Float64Array(this.capacity);
    this.weight = new Float64Array(this.capacity);
    this.differences = new Float64Array(this.capacity * featureCount);
  }

  get rowCount(): number {
    return this.size;
  }

  /** Bytes held by the arrays (capacity, not only the filled part): what a cache should charge. */
  get byteLength(): number {
    return this.capacity * (4 + 4 + 8 + 8 + 8 + 8 * this.featureCount);
  }

  /**
   * Appends a row; `styleA`/`styleB` hold raw counts (token length, headers, …) in feature order,
   * from `offsetA`/`offsetB` on (so rows can be read out of one packed array without copies).
   */
  append(
    modelA: number,
    modelB: number,
    score: number,
    count: number,
    weight: number,
    styleA: ArrayLike<number>,
    styleB: ArrayLike<number>,
    offsetA = 0,
    offsetB = 0,
  ): void {
    if (this.size === this.capacity) this.grow();
    const row = this.size;
    this.modelA[row] = modelA;
    this.modelB[row] = modelB;
    this.score[row] = score;
    this.count[row] = count;
    this.weight[row] = weight;
    const offset = row * this.featureCount;
    for (let feature = 0; feature < this.featureCount; feature += 1) {
      const a = styleA[offsetA + feature];
      const b = styleB[offsetB + feature];
      this.differences[offset + feature] = (a - b) / (a + b + 1);
    }
    this.size += 1;
  }

  rows(modelCount: number): StyleRows {
    const size = this.size;
    return {
      modelCount,
      featureCount: this.featureCount,
      rowCount: size,
      modelA: this.modelA.subarray(0, size),
      modelB: this.modelB.subarray(0, size),
      score: this.score.subarray(0, size),
      count: this.count.subarray(0, size),
      weight: this.weight.subarray(0, size),
      differences: this.differences.subarray(0, size * this.featureCount),
    };
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Int32Array | Float64Array>(
      array: T,
      make: (length: number) => T,
      width = 1,
    ): T => {
      const next = make(this.capacity * width);
      next.set(array);
      return next;
    };
    this.modelA = grown(this.modelA, (length) => new Int32Array(length));
    this.modelB = grown(this.modelB, (length) => new Int32Array(length));
    this.score = grown(this.score, (length) => new Float64Array(length));
    this.count = grown(this.count, (length) => new Float64Array(length));
    this.weight = grown(this.weight, (length) => new Float64Array(length));
    this.differences = grown(
      this.differences,
      (length) => new Float64Array(length),
      this.featureCount,
    );
  }
}
