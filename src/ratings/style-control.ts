import { checkNonNegative } from './arguments';
import {
  bradleyTerryProblem,
  FALLBACK_REGULARIZATION,
  fitCheckedBradleyTerry,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
} from './bradley-terry';
import { cellOfVerdict, checkCells, type AggregateCellsOptions, type PairCell, type VerdictForCells } from './cells';
import { RatingArgumentError } from './errors';
import { strengthsToRatings } from './gauge';
import { maximizePairedLogisticLikelihood } from './paired-logistic';

/**
 * Style control (Chatbot Arena, "Does style matter?", LMSYS blog 2024-08-28): a contextual
 * Bradley–Terry model P(A ≻ B) = σ(β_A − β_B + γ·z) whose features z describe how the two answers
 * differ in style, so β measures preference with style held equal. Per feature the battle's value is
 * the normalised difference (x_A − x_B)/(x_A + x_B + 1), scaled to unit SD over the symmetrised
 * battles (DESIGN.md §2; see battleMoments for why it is not centred).
 */
export const STYLE_FEATURE_NAMES = ['tokenLength', 'markdownHeaders', 'listItems', 'boldSpans'] as const;

/** A cell of verdicts that share models, score, weight and both answers' raw style counts. */
export interface StyleCell extends PairCell {
  /** Raw style counts of A's answer, one per feature name (default order: STYLE_FEATURE_NAMES). */
  styleA: readonly number[];
  /** Raw style counts of B's answer, same order. */
  styleB: readonly number[];
}

export interface VerdictForStyleCells extends VerdictForCells {
  styleA: readonly number[];
  styleB: readonly number[];
}

export interface StyleControlOptions extends BradleyTerryOptions {
  /** Names of the style features, in the order of styleA/styleB; default STYLE_FEATURE_NAMES. */
  featureNames?: readonly string[];
}

export interface StyleCoefficient {
  feature: string;
  /** Log-odds of A ≻ B per standard deviation of the feature; 0 when the feature never varies. */
  coefficient: number;
  /** The same effect in Elo points per standard deviation (coefficient·scale/ln base). */
  eloPointsPerStandardDeviation: number;
  /** Mean (0: battles are symmetrised) and SD of the normalised difference, used for the scaling. */
  mean: number;
  standardDeviation: number;
}

export interface StyleControlledFit {
  /** Style-controlled ratings (Elo scale, same centring/anchor rules as fitBradleyTerry); NaN if never played. */
  ratings: number[];
  coefficients: StyleCoefficient[];
  /** The plain Bradley–Terry fit of the same verdicts, for showing ratings with and without control. */
  uncontrolled: BradleyTerryFit;
  /**
   * False when the comparison graph already rules out a finite MLE (see comparison-graph.ts) and
   * regularization is 0. Features that separate outcomes on their own are not detected here; the
   * fit then reports converged = false.
   */
  mleExists: boolean;
  problem: string | null;
  converged: boolean;
  iterations: number;
  gradientNorm: number;
  played: boolean[];
  appliedRegularization: number;
}

/** The normalised style difference of one battle: (x_A − x_B)/(x_A + x_B + 1). */
export function normalisedStyleDifference(countA: number, countB: number): number {
  return (countA - countB) / (countA + countB + 1);
}

/** aggregateCells for verdicts with style counts: merges identical (models, score, weight, styleA, styleB). */
export function aggregateStyleCells(
  verdicts: Iterable<VerdictForStyleCells>,
  options: AggregateCellsOptions = {},
): StyleCell[] {
  const strongVerdictWeight = options.strongVerdictWeight ?? 1;
  checkNonNegative('strongVerdictWeight', strongVerdictWeight);
  const cellsByKey = new Map<string, StyleCell>();
  let position = 0;
  for (const verdict of verdicts) {
    const cell = cellOfVerdict(verdict, position, strongVerdictWeight);
    const where = `verdicts[${position}]`;
    position += 1;
    checkStyleCounts(`${where}.styleA`, verdict.styleA);
    checkStyleCounts(`${where}.styleB`, verdict.styleB);
    if (cell === null) continue;
    const key = `${cell.modelA},${cell.modelB},${cell.score},${cell.weight},${verdict.styleA.join(' ')}/${verdict.styleB.join(' ')}`;
    const existing = cellsByKey.get(key);
    if (existing) existing.count += cell.count;
    else cellsByKey.set(key, { ...cell, styleA: [...verdict.styleA], styleB: [...verdict.styleB] });
  }
  return [...cellsByKey.values()];
}

function checkStyleCounts(argument: string, counts: readonly number[], expectedLength?: number): void {
  if (!Array.isArray(counts) || (expectedLength !== undefined && counts.length !== expectedLength)) {
    throw new RatingArgumentError(argument, `an array of ${expectedLength ?? 'style'} counts`, counts);
  }
  counts.forEach((count, index) => checkNonNegative(`${argument}[${index}]`, count));
}

export function fitStyleControlledBradleyTerry(
  cells: StyleCell[],
  modelCount: number,
  options: StyleControlOptions = {},
): StyleControlledFit {
  checkCells(cells, modelCount);
  const featureNames = options.featureNames ?? STYLE_FEATURE_NAMES;
  if (!Array.isArray(featureNames) || featureNames.some((name) => typeof name !== 'string')) {
    throw new RatingArgumentError('featureNames', 'an array of feature names', featureNames);
  }
  const featureCount = featureNames.length;
  cells.forEach((cell, index) => {
    checkStyleCounts(`cells[${index}].styleA`, cell.styleA, featureCount);
    checkStyleCounts(`cells[${index}].styleB`, cell.styleB, featureCount);
  });
  const fitOptions = resolveBradleyTerryOptions(options, modelCount);
  const uncontrolled = fitCheckedBradleyTerry(cells, modelCount, fitOptions);
  // Adding features cannot create a finite MLE the comparison graph rules out, so the plain fit's
  // verdict on existence, and its fallback ridge, carry over.
  const { played, mleExists, problem: problemText, appliedRegularization } = uncontrolled;

  const { problem, compactOf, modelOf } = bradleyTerryProblem(cells, played, appliedRegularization);
  const fittedCells = cells.filter((cell) => cell.count * cell.weight > 0);
  const differences = fittedCells.map((cell) =>
    cell.styleA.map((countA, feature) => normalisedStyleDifference(countA, cell.styleB[feature])),
  );
  const { means, standardDeviations } = battleMoments(differences, fittedCells, featureCount);
  // A feature that never varies carries no information and would make the Hessian singular: it
  // is left out of the fit and reported with coefficient 0.
  const fittedFeatures = standardDeviations.flatMap((deviation, feature) => (deviation > 0 ? [feature] : []));
  const fittedCount = fittedFeatures.length;
  const rowFeatures = new Float64Array(fittedCells.length * fittedCount);
  differences.forEach((row, rowIndex) => {
    fittedFeatures.forEach((feature, column) => {
      rowFeatures[rowIndex * fittedCount + column] = (row[feature] - means[feature]) / standardDeviations[feature];
    });
  });
  const start = new Float64Array(modelOf.length + fittedCount);
  modelOf.forEach((model, compact) => {
    start[compact] = uncontrolled.ratings[model] / fitOptions.pointsPerLogUnit;
  });
  const solve = (featureRegularization: number, modelRegularization: number) =>
    maximizePairedLogisticLikelihood(
      { ...problem, featureCount: fittedCount, rowFeatures, modelRegularization, featureRegularization },
      { tolerance: fitOptions.tolerance, maxIterations: fitOptions.maxIterations, start },
    );
  let solution = solve(0, appliedRegularization);
  let separation: string | null = null;
  // When the features (with the models) separate the outcomes, e.g. the longer answer always
  // wins, no finite MLE exists: the likelihood keeps rising as a coefficient runs off, and Newton
  // stops only because the gradient (≈ mass·e^−|η|) underflows the tolerance. A fitted logit past
  // ±25 (p < 1e-11) is that signature. A small ridge on every parameter makes the answer defined.
  const rows = { ...problem, featureCount: fittedCount, rowFeatures };
  if (!solution.converged || largestFittedLogit(rows, solution.parameters) > SEPARATION_LOGIT) {
    const ridge = Math.max(appliedRegularization, FALLBACK_REGULARIZATION);
    solution = solve(ridge, ridge);
    separation =
      'no finite maximum-likelihood estimate: the style features separate the outcomes ' +
      `(ratings shown use an L2 ridge of λ=${ridge.toExponential()}; pass regularization to choose one)`;
  }
  const strengths = new Array<number>(modelCount).fill(Number.NaN);
  for (let model = 0; model < modelCount; model += 1) {
    if (compactOf[model] >= 0) strengths[model] = solution.parameters[compactOf[model]];
  }
  const coefficients = featureNames.map((feature, index) => {
    const column = fittedFeatures.indexOf(index);
    const coefficient = column >= 0 ? solution.parameters[modelOf.length + column] : 0;
    return {
      feature,
      coefficient,
      eloPointsPerStandardDeviation: coefficient * fitOptions.pointsPerLogUnit,
      mean: means[index],
      standardDeviation: standardDeviations[index],
    };
  });
  return {
    ratings: strengthsToRatings(strengths, played, fitOptions),
    coefficients,
    uncontrolled,
    mleExists: mleExists && separation === null,
    problem: problemText ?? separation,
    converged: solution.converged,
    iterations: solution.iterations,
    gradientNorm: solution.gradientNorm,
    played,
    appliedRegularization,
  };
}

const SEPARATION_LOGIT = 25;

function largestFittedLogit(
  problem: { rowModelA: Int32Array; rowModelB: Int32Array; rowMass: Float64Array; rowFeatures: Float64Array; modelCount: number; featureCount: number },
  parameters: ArrayLike<number>,
): number {
  let largest = 0;
  for (let row = 0; row < problem.rowMass.length; row += 1) {
    if (!(problem.rowMass[row] > 0)) continue;
    let logit = parameters[problem.rowModelA[row]] - parameters[problem.rowModelB[row]];
    for (let feature = 0; feature < problem.featureCount; feature += 1) {
      logit += parameters[problem.modelCount + feature] * problem.rowFeatures[row * problem.featureCount + feature];
    }
    largest = Math.max(largest, Math.abs(logit));
  }
  return largest;
}

/** Mean and population SD of each feature over battles (a cell of count c is c battles). */
function battleMoments(
  differences: readonly number[][],
  cells: readonly PairCell[],
  featureCount: number,
): { means: number[]; standardDeviations: number[] } {
  // Moments of the symmetrised battles: a verdict seen from B's side has every difference negated,
  // so the mean is exactly 0 and the SD is the root mean square. Centring on the raw mean instead
  // (Chatbot Arena's z-score) makes the ratings depend on which answer was called A, which only
  // washes out when positions are random; judge pipelines often put the baseline first.
  const means = new Array<number>(featureCount).fill(0);
  const standardDeviations = new Array<number>(featureCount).fill(0);
  const battles = cells.reduce((sum, cell) => sum + cell.count, 0);
  if (battles === 0) return { means, standardDeviations };
  for (let feature = 0; feature < featureCount; feature += 1) {
    let squares = 0;
    differences.forEach((row, index) => {
      squares += cells[index].count * row[feature] ** 2;
    });
    // Below ~1e-12 the "variation" is rounding of an all-zero feature.
    const deviation = Math.sqrt(squares / battles);
    standardDeviations[feature] = deviation > 1e-12 ? deviation : 0;
  }
  return { means, standardDeviations };
}
