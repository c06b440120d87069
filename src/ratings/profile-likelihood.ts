import { checkConfidenceLevel, checkRatingsLength } from './arguments';
import {
  bradleyTerryProblem,
  fitCheckedBradleyTerry,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
} from './bradley-terry';
import { checkCells, type PairCell } from './cells';
import { RatingArgumentError } from './errors';
import type { Interval } from './interval';
import { choleskyFactorWithJitter, choleskySolve } from './linear-algebra';
import { twoSidedNormalCritical } from './normal';
import { observedInformation, type PairedLogisticProblem } from './paired-logistic';
import { sumPairs } from './pair-sums';
import { gaugedBread } from './robust-covariance';

/**
 * Profile-likelihood intervals for Bradley–Terry ratings: the rating ψ of model k is in the
 * interval when 2·(ℓ̂ − max{ℓ(β) : ψ(β) = ψ}) ≤ c·χ²₁(level) (Venzon & Moolgavkar 1988; Pawitan,
 * "In All Likelihood" 2001, §9.2). Unlike the normal (Wald) interval it follows the skew of the
 * likelihood, which is what a model with few battles has: its interval is long on the side where
 * few losses (or wins) pin it.
 *
 * c is 1 for independent verdicts. With `robustVariances` (e.g. the CR3 cluster sandwich's
 * squared standard errors) it is the ratio of robust to model-based variance of ψ, the scalar
 * case of Chandler & Bate's (2007, Biometrika 94:167) adjustment of an independence likelihood
 * for clustered data: the adjusted statistic then has the χ²₁ limit when verdicts of one prompt
 * are correlated.
 *
 * ψ is the rating in the fit's gauge (centred on the mean of played models, or relative to the
 * anchor), so the inner maximisation holds β_k = θ and the gauge constraint cᵀβ = 0 (c = 1, or
 * c = e_anchor), by Newton's method on the other strengths with that equality constraint.
 */
export interface ProfileLikelihoodOptions extends BradleyTerryOptions {
  /** Default 0.95. */
  confidenceLevel?: number;
  /** A fit of these cells with these options, to skip refitting. */
  fit?: BradleyTerryFit;
  /** Per model, a robust variance of its rating (Elo points²) to adjust the cut-off by; NaN where none. */
  robustVariances?: readonly number[];
}

export interface ProfileLikelihoodResult {
  estimate: BradleyTerryFit;
  /** Null for models that never played, or where the profile never reaches the cut-off within MAX_REACH. */
  intervals: Array<Interval | null>;
  /** Per model, the factor c the χ² cut-off was multiplied by (1 without robustVariances); NaN if absent. */
  cutOffFactors: number[];
}

// Natural-log units: 12 is ~2,000 Elo points from the estimate, beyond any rating the data can hold.
const MAX_REACH = 12;
// Endpoints to within 1e-4 log units (0.02 Elo points).
const ENDPOINT_TOLERANCE = 1e-4;
const INNER_TOLERANCE = 1e-9;
const INNER_ITERATIONS = 50;

export function profileLikelihoodBradleyTerry(
  cells: PairCell[],
  modelCount: number,
  options: ProfileLikelihoodOptions = {},
): ProfileLikelihoodResult {
  checkCells(cells, modelCount);
  const fitOptions = resolveBradleyTerryOptions(options, modelCount);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  checkConfidenceLevel(confidenceLevel);
  if (options.robustVariances !== undefined)
    checkRatingsLength('robustVariances', options.robustVariances, modelCount);
  const estimate = options.fit ?? fitCheckedBradleyTerry(cells, modelCount, fitOptions);
  if (estimate.ratings.length !== modelCount)
    throw new RatingArgumentError('fit', `a fit of ${modelCount} models`, estimate.ratings);

  const { problem, modelOf } = bradleyTerryProblem(
    sumPairs(cells, modelCount),
    estimate.played,
    estimate.appliedRegularization,
  );
  const size = modelOf.length;
  const perUnit = fitOptions.pointsPerLogUnit;
  const anchor = fitOptions.anchor === undefined ? -1 : modelOf.indexOf(fitOptions.anchor.model);
  const gauge = Float64Array.from(modelOf, (_, i) => (anchor < 0 || i === anchor ? 1 : 0));
  // The MLE in the constraint's gauge (cᵀβ̂ = 0), where ψ̂_k = β̂_k.
  const mle = Float64Array.from(modelOf, (model) => estimate.ratings[model] / perUnit);
  const shift =
    dot(gauge, mle) /
    dot(
      gauge,
      gauge.map(() => 1),
    );
  for (let i = 0; i < size; i += 1) mle[i] -= shift;
  const best = logLikelihood(problem, mle);
  const bread = gaugedBread(observedInformation(problem, mle), size, size);
  // B = (I + c·11ᵀ)⁻¹ carries an extra multiple of 11ᵀ (robust-covariance.ts cancels it with
  // J·1 = 0); a difference of strengths, or the projection onto centred strengths, removes it.
  const rowMean = Array.from({ length: size }, (_, i) =>
    mean(bread.subarray(i * size, i * size + size)),
  );
  const grandMean = mean(rowMean);
  const modelVariance = (i: number): number =>
    anchor < 0
      ? bread[i * size + i] - 2 * rowMean[i] + grandMean
      : bread[i * size + i] - 2 * bread[i * size + anchor] + bread[anchor * size + anchor];
  const chiSquare = twoSidedNormalCritical(confidenceLevel) ** 2;

  const intervals = new Array<Interval | null>(modelCount).fill(null);
  const cutOffFactors = new Array<number>(modelCount).fill(Number.NaN);
  modelOf.forEach((model, k) => {
    const robust = options.robustVariances?.[model];
    const variance = modelVariance(k);
    const factor =
      robust !== undefined && Number.isFinite(robust) && variance > 0
        ? robust / (perUnit * perUnit) / variance
        : 1;
    cutOffFactors[model] = factor;
    if (k === anchor) {
      intervals[model] = { lower: estimate.ratings[model], upper: estimate.ratings[model] };
      return;
    }
    const excess = (theta: number, start: Float64Array): number =>
      2 * (best - profileMaximum(problem, gauge, k, theta, start)) - factor * chiSquare;
    const step = Math.sqrt(Math.max(factor * chiSquare * variance, 1e-6));
    // At ψ̂ the profile is the maximum itself: excess is −c·χ².
    const lower = endpoint(excess, mle, k, -step, -factor * chiSquare);
    const upper = endpoint(excess, mle, k, step, -factor * chiSquare);
    if (lower === null || upper === null) return;
    const rating = estimate.ratings[model];
    intervals[model] = {
      lower: rating + perUnit * (lower - mle[k]),
      upper: rating + perUnit * (upper - mle[k]),
    };
  });
  return { estimate, intervals, cutOffFactors };
}

/**
 * Where excess(θ) crosses 0 going from ψ̂ in the direction of `step`: doubling steps until it is
 * positive, then the Illinois variant of regula falsi (Dowell & Jarratt 1971), which keeps the
 * bisection's bracket but needs a few evaluations where bisection needs a dozen; each is a
 * profile maximisation. Null when it stays below the cut-off out to MAX_REACH log units.
 */
function endpoint(
  excess: (theta: number, start: Float64Array) => number,
  mle: Float64Array,
  k: number,
  step: number,
  atEstimate: number,
): number | null {
  const warm = Float64Array.from(mle);
  let inside = mle[k];
  let insideValue = atEstimate;
  let outside = mle[k] + step;
  let outsideValue = excess(outside, warm);
  while (outsideValue < 0) {
    // Try MAX_REACH itself before giving up: a doubling may overshoot it.
    if (Math.abs(step) >= MAX_REACH) return null;
    inside = outside;
    insideValue = outsideValue;
    step = Math.sign(step) * Math.min(2 * Math.abs(step), MAX_REACH);
    outside = mle[k] + step;
    outsideValue = excess(outside, warm);
  }
  let kept = 0;
  while (Math.abs(outside - inside) > ENDPOINT_TOLERANCE) {
    // The secant through the bracket's ends, kept a quarter tolerance inside it.
    const secant = (inside * outsideValue - outside * insideValue) / (outsideValue - insideValue);
    const margin = ENDPOINT_TOLERANCE / 4;
    const low = Math.min(inside, outside) + margin;
    const high = Math.max(inside, outside) - margin;
    const middle = Math.min(Math.max(secant, low), high);
    const value = excess(middle, warm);
    // Illinois: an end kept twice running has its value halved, so that it moves too.
    if (value < 0) {
      inside = middle;
      insideValue = value;
      if (kept === 1) outsideValue /= 2;
      kept = 1;
    } else {
      outside = middle;
      outsideValue = value;
      if (kept === -1) insideValue /= 2;
      kept = -1;
    }
  }
  return (inside + outside) / 2;
}

/**
 * max ℓ(β) subject to β_k = θ and cᵀβ = 0, by Newton on the other strengths: with H the
 * information and g the gradient over them, the step d = H⁻¹(g − μ·c) with μ chosen so that
 * cᵀd restores the constraint. `start` is updated in place to the maximiser (a warm start for
 * the next θ).
 */
function profileMaximum(
  problem: PairedLogisticProblem,
  gauge: Float64Array,
  k: number,
  theta: number,
  start: Float64Array,
): number {
  const size = problem.modelCount;
  const others = size - 1;
  const free = (i: number): number => (i < k ? i : i + 1);
  const strengths = start;
  strengths[k] = theta;
  let current = logLikelihood(problem, strengths);
  for (let iteration = 0; iteration < INNER_ITERATIONS; iteration += 1) {
    const { gradient, information } = gradientAndInformation(problem, strengths);
    const g = Float64Array.from({ length: others }, (_, i) => gradient[free(i)]);
    const c = Float64Array.from({ length: others }, (_, i) => gauge[free(i)]);
    const h = new Float64Array(others * others);
    for (let i = 0; i < others; i += 1)
      for (let j = 0; j < others; j += 1) h[i * others + j] = information[free(i) * size + free(j)];
    const factor = choleskyFactorWithJitter(h, others);
    const hg = choleskySolve(factor, others, g);
    const hc = choleskySolve(factor, others, c);
    const violation = -dot(gauge, strengths);
    const mu = (dot(c, hg) - violation) / dot(c, hc);
    const direction = hg.map((value, i) => value - mu * hc[i]);
    let length = 1;
    let next = current;
    const trial = Float64Array.from(strengths);
    for (let halving = 0; halving < 30; halving += 1) {
      for (let i = 0; i < others; i += 1)
        trial[free(i)] = strengths[free(i)] + length * direction[i];
      next = logLikelihood(problem, trial);
      // Relative: ℓ sums thousands of terms, so its rounding noise grows with |ℓ|.
      if (next >= current - 1e-12 * (1 + Math.abs(current)) || Math.abs(violation) > 1e-12) break;
      length /= 2;
    }
    strengths.set(trial);
    const converged = Math.max(...direction.map(Math.abs)) < INNER_TOLERANCE;
    current = next;
    if (converged) break;
  }
  return current;
}

/** ℓ(β) = Σ m·[s·η − log(1 + e^η)] − λ/2·Σβ², η = β_a − β_b. */
function logLikelihood(problem: PairedLogisticProblem, strengths: Float64Array): number {
  const { rowModelA, rowModelB, rowScore, rowMass, modelRegularization } = problem;
  let total = 0;
  for (let row = 0; row < rowMass.length; row += 1) {
    const eta = strengths[rowModelA[row]] - strengths[rowModelB[row]];
    // log(1 + e^η) without overflow.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    total += rowMass[row] * (rowScore[row] * eta - softplus);
  }
  return total - (modelRegularization / 2) * dot(strengths, strengths);
}

function gradientAndInformation(
  problem: PairedLogisticProblem,
  strengths: Float64Array,
): { gradient: Float64Array; information: Float64Array } {
  const { rowModelA, rowModelB, rowScore, rowMass, modelRegularization, modelCount } = problem;
  const gradient = strengths.map((value) => -modelRegularization * value);
  const information = new Float64Array(modelCount * modelCount);
  for (let i = 0; i < modelCount; i += 1) information[i * modelCount + i] = modelRegularization;
  for (let row = 0; row < rowMass.length; row += 1) {
    const a = rowModelA[row];
    const b = rowModelB[row];
    const probability = 1 / (1 + Math.exp(strengths[b] - strengths[a]));
    const residual = rowMass[row] * (rowScore[row] - probability);
    const weight = rowMass[row] * probability * (1 - probability);
    gradient[a] += residual;
    gradient[b] -= residual;
    information[a * modelCount + a] += weight;
    information[b * modelCount + b] += weight;
    information[a * modelCount + b] -= weight;
    information[b * modelCount + a] -= weight;
  }
  return { gradient, information };
}

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i += 1) sum += x[i] * y[i];
  return sum;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i];
  return sum / values.length;
}
