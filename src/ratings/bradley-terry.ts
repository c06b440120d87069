import {
  checkFinite,
  checkNonNegative,
  checkPositive,
  checkPositiveInteger,
  checkRatingsLength,
  checkScaleAndBase,
} from './arguments';
import { cellMass, checkCells, playedModels, type PairCell } from './cells';
import { checkMaximumLikelihoodExists } from './comparison-graph';
import { DEFAULT_BASE, DEFAULT_INITIAL_RATING, DEFAULT_SCALE, pointsPerLogUnit } from './elo-scale';
import { checkAnchor, strengthsToRatings, type RatingAnchor } from './gauge';
import { sumPairs } from './pair-sums';
import { maximizePairedLogisticLikelihood, type PairedLogisticProblem } from './paired-logistic';

/**
 * Bradley–Terry (Bradley & Terry 1952) on the Elo scale: P(i beats j) = 1/(1 + 10^((Rj − Ri)/400)),
 * fitted by maximum likelihood over aggregated cells (DESIGN.md §2), summed to one row per pair
 * (pair-sums.ts), with Newton's method (see paired-logistic.ts for why Newton rather than
 * Hunter's 2004 MM).
 */
export interface BradleyTerryOptions {
  /** Shift so this model has this rating; otherwise centre the mean over played models on initialRating. */
  anchor?: RatingAnchor;
  /** λ of the penalty λ/2·Σβ² (β in natural-log units); default 0 (plain maximum likelihood). */
  regularization?: number;
  /** Max |∂ℓ/∂β| (natural-log units) at convergence; default 1e-10. */
  tolerance?: number;
  /** Newton iterations allowed; default 100 (a well-posed fit needs fewer than 15). */
  maxIterations?: number;
  scale?: number;
  base?: number;
  /** The centre of the scale; default 1000. */
  initialRating?: number;
  /** Elo-scale ratings to start from (a warm start, e.g. the full-data fit in a bootstrap); NaN entries start at the centre. */
  startingRatings?: readonly number[];
  /** How `problem` names a model; by index when absent. */
  modelLabel?: (model: number) => string;
}

export interface BradleyTerryFit {
  /** Elo scale; NaN for models that never played. */
  ratings: number[];
  /** False when no finite MLE exists (see comparison-graph.ts) and regularization is 0. */
  mleExists: boolean;
  /** Why the MLE does not exist, naming the models by index; null when it exists. */
  problem: string | null;
  converged: boolean;
  iterations: number;
  /** max |∂ℓ/∂β| at the returned ratings, natural-log units (the penalty's gradient included). */
  gradientNorm: number;
  /** Models with at least one comparison of positive weight. */
  played: boolean[];
  /** The λ actually used: `regularization`, or FALLBACK_REGULARIZATION when the MLE does not exist. */
  appliedRegularization: number;
}

/**
 * When no finite MLE exists and no regularization was asked for, this ridge keeps the ratings
 * finite and defined. It is the 1e-6 that FastChat's compute_mle_elo gets implicitly from
 * scikit-learn's LogisticRegression(C=1e6), so such ratings match what the Arena notebook shows.
 */
export const FALLBACK_REGULARIZATION = 1e-6;

export interface ResolvedBradleyTerryOptions {
  anchor: RatingAnchor | undefined;
  regularization: number;
  tolerance: number;
  maxIterations: number;
  scale: number;
  base: number;
  initialRating: number;
  pointsPerLogUnit: number;
  startingRatings: readonly number[] | undefined;
  modelLabel: (model: number) => string;
}

export function resolveBradleyTerryOptions(
  options: BradleyTerryOptions,
  modelCount: number,
): ResolvedBradleyTerryOptions {
  const resolved = {
    anchor: options.anchor,
    regularization: options.regularization ?? 0,
    tolerance: options.tolerance ?? 1e-10,
    maxIterations: options.maxIterations ?? 100,
    scale: options.scale ?? DEFAULT_SCALE,
    base: options.base ?? DEFAULT_BASE,
    initialRating: options.initialRating ?? DEFAULT_INITIAL_RATING,
    startingRatings: options.startingRatings,
    modelLabel: options.modelLabel ?? String,
  };
  checkAnchor(resolved.anchor, modelCount);
  checkNonNegative('regularization', resolved.regularization);
  checkPositive('tolerance', resolved.tolerance);
  checkPositiveInteger('maxIterations', resolved.maxIterations);
  checkScaleAndBase(resolved.scale, resolved.base);
  checkFinite('initialRating', resolved.initialRating);
  if (resolved.startingRatings !== undefined)
    checkRatingsLength('startingRatings', resolved.startingRatings, modelCount);
  return { ...resolved, pointsPerLogUnit: pointsPerLogUnit(resolved) };
}

export function fitBradleyTerry(
  cells: PairCell[],
  modelCount: number,
  options: BradleyTerryOptions = {},
): BradleyTerryFit {
  checkCells(cells, modelCount);
  return fitCheckedBradleyTerry(cells, modelCount, resolveBradleyTerryOptions(options, modelCount));
}

/** fitBradleyTerry without re-validating: for callers whose cells are already checked. */
export function fitCheckedBradleyTerry(
  cells: readonly PairCell[],
  modelCount: number,
  options: ResolvedBradleyTerryOptions,
): BradleyTerryFit {
  return fitPairSums(sumPairs(cells, modelCount), modelCount, options);
}

/** The fit over one row per pair (see pair-sums.ts), as the bootstrap builds them each round. */
export function fitPairSums(
  cells: readonly PairCell[],
  modelCount: number,
  options: ResolvedBradleyTerryOptions,
): BradleyTerryFit {
  const played = playedModels(cells, modelCount);
  const existence =
    options.regularization > 0
      ? { exists: true, problem: null }
      : checkMaximumLikelihoodExists(cells, modelCount, played, options.modelLabel);
  const appliedRegularization =
    options.regularization > 0
      ? options.regularization
      : existence.exists
        ? 0
        : FALLBACK_REGULARIZATION;
  const problemText =
    existence.problem === null
      ? null
      : `${existence.problem} (ratings shown use an L2 ridge of λ=${FALLBACK_REGULARIZATION.toExponential()}; ` +
        'pass regularization to choose one)';

  const { problem, compactOf, modelOf } = bradleyTerryProblem(cells, played, appliedRegularization);
  const start = new Float64Array(modelOf.length);
  if (options.startingRatings) {
    for (let compact = 0; compact < modelOf.length; compact += 1) {
      const rating = options.startingRatings[modelOf[compact]];
      start[compact] = Number.isFinite(rating) ? rating / options.pointsPerLogUnit : 0;
    }
  }
  const solution = maximizePairedLogisticLikelihood(problem, {
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
    start,
  });
  const strengths = new Array<number>(modelCount).fill(Number.NaN);
  for (let model = 0; model < modelCount; model += 1) {
    if (compactOf[model] >= 0) strengths[model] = solution.parameters[compactOf[model]];
  }
  return {
    ratings: strengthsToRatings(strengths, played, options),
    mleExists: existence.exists,
    problem: problemText,
    converged: solution.converged,
    iterations: solution.iterations,
    gradientNorm: solution.gradientNorm,
    played,
    appliedRegularization,
  };
}

/** The cells as rows of the paired-logistic likelihood over the compact numbering of played models. */
export function bradleyTerryProblem(
  cells: readonly PairCell[],
  played: readonly boolean[],
  regularization: number,
): {
  problem: PairedLogisticProblem;
  compactOf: Int32Array;
  modelOf: number[];
  rowCount: Float64Array;
} {
  const compactOf = new Int32Array(played.length).fill(-1);
  const modelOf: number[] = [];
  played.forEach((isPlayed, model) => {
    if (isPlayed) {
      compactOf[model] = modelOf.length;
      modelOf.push(model);
    }
  });
  let rows = 0;
  for (const cell of cells) if (cellMass(cell) > 0) rows += 1;
  const rowModelA = new Int32Array(rows);
  const rowModelB = new Int32Array(rows);
  const rowScore = new Float64Array(rows);
  const rowMass = new Float64Array(rows);
  const rowCount = new Float64Array(rows);
  let row = 0;
  for (const cell of cells) {
    const mass = cellMass(cell);
    if (!(mass > 0)) continue;
    rowModelA[row] = compactOf[cell.modelA];
    rowModelB[row] = compactOf[cell.modelB];
    rowScore[row] = cell.score;
    rowMass[row] = mass;
    rowCount[row] = cell.count;
    row += 1;
  }
  return {
    problem: {
      modelCount: modelOf.length,
      featureCount: 0,
      rowModelA,
      rowModelB,
      rowScore,
      rowMass,
      rowFeatures: new Float64Array(0),
      modelRegularization: regularization,
    },
    compactOf,
    modelOf,
    rowCount,
  };
}
