import { checkNonNegative } from './arguments';
import {
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
  type ResolvedBradleyTerryOptions,
} from './bradley-terry';
import {
  cellOfVerdict,
  checkCells,
  type AggregateCellsOptions,
  type PairCell,
  type VerdictForCells,
} from './cells';
import { RatingArgumentError } from './errors';
import { strengthsToRatings } from './gauge';
import {
  buildStyleProblem,
  checkStyleRows,
  solveStyleProblem,
  type StyleProblem,
  type StyleSolution,
} from './style-problem';
import { StyleRowsBuilder, type StyleRows } from './style-rows';

/**
 * Style control (Chatbot Arena, "Does style matter?", LMSYS blog 2024-08-28): a contextual
 * Bradley–Terry model P(A ≻ B) = σ(β_A − β_B + γ·z) whose features z describe how the two answers
 * differ in style, so β measures preference with style held equal. Per feature the battle's value is
 * the normalised difference (x_A − x_B)/(x_A + x_B + 1), scaled to unit SD over the symmetrised
 * battles (DESIGN.md §2; see buildStyleProblem in style-problem.ts for why it is not centred).
 */
export const STYLE_FEATURE_NAMES = [
  'tokenLength',
  'markdownHeaders',
  'listItems',
  'boldSpans',
] as const;

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
    // Fields listed: a spread followed by a property is a hidden class per cell on Node 20's V8.
    else
      cellsByKey.set(key, {
        modelA: cell.modelA,
        modelB: cell.modelB,
        score: cell.score,
        count: cell.count,
        weight: cell.weight,
        styleA: [...verdict.styleA],
        styleB: [...verdict.styleB],
      });
  }
  return [...cellsByKey.values()];
}

function checkStyleCounts(
  argument: string,
  counts: readonly number[],
  expectedLength?: number,
): void {
  if (!isList(counts) || (expectedLength !== undefined && counts.length !== expectedLength)) {
    throw new RatingArgumentError(
      argument,
      `an array of ${expectedLength ?? 'style'} counts`,
      counts,
    );
  }
  counts.forEach((count, index) => checkNonNegative(`${argument}[${index}]`, count));
}

export function fitStyleControlledBradleyTerry(
  cells: StyleCell[],
  modelCount: number,
  options: StyleControlOptions = {},
): StyleControlledFit {
  checkCells(cells, modelCount);
  const featureNames = checkFeatureNames(options.featureNames);
  cells.forEach((cell, index) => {
    checkStyleCounts(`cells[${index}].styleA`, cell.styleA, featureNames.length);
    checkStyleCounts(`cells[${index}].styleB`, cell.styleB, featureNames.length);
  });
  const builder = new StyleRowsBuilder(featureNames.length, cells.length);
  for (const cell of cells)
    builder.append(
      cell.modelA,
      cell.modelB,
      cell.score,
      cell.count,
      cell.weight,
      cell.styleA,
      cell.styleB,
    );
  return fitStyleRows(builder.rows(modelCount), options);
}

/** fitStyleControlledBradleyTerry over the compact layout (style-rows.ts). */
export function fitStyleRows(
  rows: StyleRows,
  options: StyleControlOptions = {},
): StyleControlledFit {
  return fitStyleRowsWithProblem(rows, options).fit;
}

/** The fit and the problem it solved, for the interval methods that reuse both. */
export function fitStyleRowsWithProblem(
  rows: StyleRows,
  options: StyleControlOptions = {},
): {
  fit: StyleControlledFit;
  style: StyleProblem;
  solved: StyleSolution;
  fitOptions: ResolvedBradleyTerryOptions;
} {
  checkStyleRows(rows);
  const featureNames = checkFeatureNames(options.featureNames);
  if (featureNames.length !== rows.featureCount) {
    throw new RatingArgumentError(
      'featureNames',
      `${rows.featureCount} names, one per feature of the rows`,
      featureNames,
    );
  }
  const fitOptions = resolveBradleyTerryOptions(options, rows.modelCount);
  const style = buildStyleProblem(rows, fitOptions);
  const solved = solveStyleProblem(style, fitOptions);
  return {
    fit: describeStyleFit(style, solved, featureNames, fitOptions),
    style,
    solved,
    fitOptions,
  };
}

function describeStyleFit(
  style: StyleProblem,
  solved: StyleSolution,
  featureNames: readonly string[],
  fitOptions: ResolvedBradleyTerryOptions,
): StyleControlledFit {
  const { uncontrolled, compactOf, modelOf, fittedFeatures, standardDeviations } = style;
  const { solution, separation } = solved;
  const modelCount = compactOf.length;
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
      mean: 0,
      standardDeviation: standardDeviations[index],
    };
  });
  return {
    ratings: strengthsToRatings(strengths, uncontrolled.played, fitOptions),
    coefficients,
    uncontrolled,
    mleExists: uncontrolled.mleExists && separation === null,
    problem: uncontrolled.problem ?? separation,
    converged: solution.converged,
    iterations: solution.iterations,
    gradientNorm: solution.gradientNorm,
    played: uncontrolled.played,
    appliedRegularization: uncontrolled.appliedRegularization,
  };
}

function checkFeatureNames(names: readonly string[] | undefined): readonly string[] {
  const featureNames = names ?? STYLE_FEATURE_NAMES;
  if (!isList(featureNames) || featureNames.some((name) => typeof name !== 'string')) {
    throw new RatingArgumentError('featureNames', 'an array of feature names', featureNames);
  }
  return featureNames;
}

/** Array.isArray without its `any[]` narrowing: the arguments come from callers that may be untyped. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
