import {
  FALLBACK_REGULARIZATION,
  fitPairSums,
  type BradleyTerryFit,
  type ResolvedBradleyTerryOptions,
} from './bradley-terry';
import type { PairCell } from './cells';
import { RatingArgumentError } from './errors';
import {
  maximizePairedLogisticLikelihood,
  type PairedLogisticProblem,
  type PairedLogisticSolution,
} from './paired-logistic';
import type { StyleRows } from './style-rows';

/**
 * The contextual Bradley–Terry problem of style control built from compact rows, and its solution.
 * Kept apart from style-control.ts so the interval methods (style-sandwich.ts, style-bootstrap.ts)
 * reuse the one problem: the same rows, the same scaled features, only the masses change.
 */
export interface StyleProblem {
  /** Rows over the compact numbering of played models with z-scaled fitted features; mass = count·weight. */
  problem: PairedLogisticProblem;
  /** Verdicts per row (rows of zero mass included, and skipped by every pass). */
  rowCount: Float64Array;
  /** Per-verdict weight per row, so a resample's masses are weight·drawn count. */
  rowWeight: Float64Array;
  compactOf: Int32Array;
  modelOf: number[];
  /** Indices of the features that vary (the others are left out and reported as 0). */
  fittedFeatures: number[];
  /** RMS of each feature's normalised difference over the battles (the symmetrised SD). */
  standardDeviations: number[];
  /** The plain Bradley–Terry fit of the same rows (the uncontrolled rating; its MLE verdict carries over). */
  uncontrolled: BradleyTerryFit;
}

export interface StyleSolution {
  solution: PairedLogisticSolution;
  /** Set when the features separate the outcomes and a ridge made the answer defined. */
  separation: string | null;
  /** λ on the model strengths and on the scaled coefficients actually used. */
  modelRegularization: number;
  featureRegularization: number;
}

/** Fitted logits past ±25 (p < 1e-11) are the signature of separation, see solveStyleProblem. */
const SEPARATION_LOGIT = 25;

export function checkStyleRows(rows: StyleRows): void {
  const { modelCount, featureCount, rowCount } = rows;
  if (!Number.isInteger(modelCount) || modelCount < 0)
    throw new RatingArgumentError('rows.modelCount', 'a whole number >= 0', modelCount);
  if (rows.differences.length !== rowCount * featureCount) {
    throw new RatingArgumentError(
      'rows.differences',
      `${rowCount}×${featureCount} values`,
      rows.differences.length,
    );
  }
  for (let row = 0; row < rowCount; row += 1) {
    const a = rows.modelA[row];
    const b = rows.modelB[row];
    const valid =
      a >= 0 &&
      a < modelCount &&
      b >= 0 &&
      b < modelCount &&
      a !== b &&
      rows.score[row] >= 0 &&
      rows.score[row] <= 1 &&
      Number.isSafeInteger(rows.count[row]) &&
      rows.count[row] >= 0 &&
      Number.isFinite(rows.weight[row]) &&
      rows.weight[row] >= 0;
    if (!valid) {
      throw new RatingArgumentError(
        `rows[${row}]`,
        `models in 0..${modelCount - 1} and distinct, score in [0, 1], a whole count and a finite weight >= 0`,
        {
          modelA: a,
          modelB: b,
          score: rows.score[row],
          count: rows.count[row],
          weight: rows.weight[row],
        },
      );
    }
  }
}

/** The problem of `rows`; rows must have been checked (checkStyleRows). */
export function buildStyleProblem(
  rows: StyleRows,
  options: ResolvedBradleyTerryOptions,
): StyleProblem {
  const { modelCount, featureCount, rowCount } = rows;
  const uncontrolled = fitPairSums(pairSumsOfRows(rows), modelCount, options);
  const { played } = uncontrolled;
  const compactOf = new Int32Array(modelCount).fill(-1);
  const modelOf: number[] = [];
  played.forEach((isPlayed, model) => {
    if (isPlayed) {
      compactOf[model] = modelOf.length;
      modelOf.push(model);
    }
  });

  // Moments of the symmetrised battles: a verdict seen from B's side has every difference negated,
  // so the mean is exactly 0 and the SD is the root mean square. Centring on the raw mean instead
  // (Chatbot Arena's z-score) makes the ratings depend on which answer was called A, which only
  // washes out when positions are random; judge pipelines often put the baseline first.
  const squares = new Float64Array(featureCount);
  let battles = 0;
  for (let row = 0; row < rowCount; row += 1) {
    const count = rows.count[row];
    if (!(count * rows.weight[row] > 0)) continue;
    battles += count;
    const offset = row * featureCount;
    for (let feature = 0; feature < featureCount; feature += 1) {
      const value = rows.differences[offset + feature];
      squares[feature] += count * value * value;
    }
  }
  // Below ~1e-12 the "variation" is rounding of an all-zero feature; such a feature carries no
  // information and would make the Hessian singular, so it is left out and reported as 0.
  const standardDeviations = Array.from(squares, (sum) => {
    const deviation = battles > 0 ? Math.sqrt(sum / battles) : 0;
    return deviation > 1e-12 ? deviation : 0;
  });
  const fittedFeatures = standardDeviations.flatMap((deviation, feature) =>
    deviation > 0 ? [feature] : [],
  );
  const fitted = fittedFeatures.length;

  const rowModelA = new Int32Array(rowCount);
  const rowModelB = new Int32Array(rowCount);
  const rowMass = new Float64Array(rowCount);
  const rowFeatures = new Float64Array(rowCount * fitted);
  const scales = fittedFeatures.map((feature) => 1 / standardDeviations[feature]);
  for (let row = 0; row < rowCount; row += 1) {
    rowModelA[row] = compactOf[rows.modelA[row]];
    rowModelB[row] = compactOf[rows.modelB[row]];
    rowMass[row] = rows.count[row] * rows.weight[row];
    const from = row * featureCount;
    const to = row * fitted;
    for (let column = 0; column < fitted; column += 1) {
      rowFeatures[to + column] = rows.differences[from + fittedFeatures[column]] * scales[column];
    }
  }
  return {
    problem: {
      modelCount: modelOf.length,
      featureCount: fitted,
      rowModelA,
      rowModelB,
      rowScore: rows.score,
      rowMass,
      rowFeatures,
      modelRegularization: uncontrolled.appliedRegularization,
    },
    rowCount: rows.count,
    rowWeight: rows.weight,
    compactOf,
    modelOf,
    fittedFeatures,
    standardDeviations,
    uncontrolled,
  };
}

/**
 * Newton on the contextual likelihood from `start` (default: the uncontrolled strengths, γ = 0).
 * When the features (with the models) separate the outcomes, e.g. the longer answer always wins,
 * no finite MLE exists: the likelihood keeps rising as a coefficient runs off, and Newton stops only
 * because the gradient (≈ mass·e^−|η|) underflows the tolerance. A small ridge on every parameter
 * then makes the answer defined.
 */
export function solveStyleProblem(
  style: StyleProblem,
  options: ResolvedBradleyTerryOptions,
  rowMass: Float64Array = style.problem.rowMass,
  start?: Float64Array,
): StyleSolution {
  const base = { ...style.problem, rowMass };
  const models = base.modelCount;
  const initial = start ?? new Float64Array(models + base.featureCount);
  if (start === undefined) {
    style.modelOf.forEach((model, compact) => {
      initial[compact] = style.uncontrolled.ratings[model] / options.pointsPerLogUnit;
    });
  }
  const regularization = base.modelRegularization;
  const solve = (featureRegularization: number, modelRegularization: number) =>
    maximizePairedLogisticLikelihood(
      { ...base, modelRegularization, featureRegularization },
      { tolerance: options.tolerance, maxIterations: options.maxIterations, start: initial },
    );
  const solution = solve(0, regularization);
  if (solution.converged && largestFittedLogit(base, solution.parameters) <= SEPARATION_LOGIT) {
    return {
      solution,
      separation: null,
      modelRegularization: regularization,
      featureRegularization: 0,
    };
  }
  const ridge = Math.max(regularization, FALLBACK_REGULARIZATION);
  return {
    solution: solve(ridge, ridge),
    separation:
      'no finite maximum-likelihood estimate: the style features separate the outcomes ' +
      `(ratings shown use an L2 ridge of λ=${ridge.toExponential()}; pass regularization to choose one)`,
    modelRegularization: ridge,
    featureRegularization: ridge,
  };
}

function largestFittedLogit(problem: PairedLogisticProblem, parameters: ArrayLike<number>): number {
  const { modelCount, featureCount, rowModelA, rowModelB, rowMass, rowFeatures } = problem;
  let largest = 0;
  for (let row = 0; row < rowMass.length; row += 1) {
    if (!(rowMass[row] > 0)) continue;
    let logit = parameters[rowModelA[row]] - parameters[rowModelB[row]];
    for (let feature = 0; feature < featureCount; feature += 1) {
      logit += parameters[modelCount + feature] * rowFeatures[row * featureCount + feature];
    }
    if (Math.abs(logit) > largest) largest = Math.abs(logit);
  }
  return largest;
}

/** One row per pair (lower index first) with the pair's mass and score mass, as pair-sums.ts explains. */
function pairSumsOfRows(rows: StyleRows): PairCell[] {
  const { modelCount, rowCount } = rows;
  // A dense pair table while it stays small (4096 models: 64 MiB of Int32), else a map.
  const table = modelCount <= 4096 ? new Int32Array(modelCount * modelCount).fill(-1) : null;
  const pairIndex = new Map<number, number>();
  const mass: number[] = [];
  const scoreMass: number[] = [];
  const pairs: Array<[number, number]> = [];
  for (let row = 0; row < rowCount; row += 1) {
    const rowMass = rows.count[row] * rows.weight[row];
    if (!(rowMass > 0)) continue;
    const a = rows.modelA[row];
    const b = rows.modelB[row];
    const first = a < b ? a : b;
    const second = a < b ? b : a;
    const score = a < b ? rows.score[row] : 1 - rows.score[row];
    const key = first * modelCount + second;
    let pair = table ? table[key] : (pairIndex.get(key) ?? -1);
    if (pair < 0) {
      pair = pairs.length;
      if (table) table[key] = pair;
      else pairIndex.set(key, pair);
      pairs.push([first, second]);
      mass.push(0);
      scoreMass.push(0);
    }
    mass[pair] += rowMass;
    scoreMass[pair] += rowMass * score;
  }
  return pairs.map(([modelA, modelB], pair) => ({
    modelA,
    modelB,
    score: Math.min(1, scoreMass[pair] / mass[pair]),
    count: 1,
    weight: mass[pair],
  }));
}
