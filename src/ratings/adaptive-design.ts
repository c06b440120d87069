import {
  checkModelCount,
  checkNonNegativeInteger,
  checkPositive,
  checkUnitInterval,
} from './arguments';
import { cellMass, checkCells, type PairCell } from './cells';
import { fitBradleyTerry } from './bradley-terry';
import { DesignInformation } from './design-information';
import { RatingArgumentError } from './errors';
import type { RandomSource } from './random';

/**
 * Which comparisons to collect next (issue 22 §1). ADAPTIVE is a greedy, batch-sequential
 * A-optimal design for Bradley–Terry (Graßhoff & Schwabe 2008; design-information.ts): each pick
 * is the pair whose one more verdict lowers the objective's variance most at the current fit, then
 * the information is updated as if it had been judged, so a batch spreads over pairs. Two guards
 * the pure criterion lacks, as in the active-ranking practice (Chatbot Arena's sampling, Chiang et
 * al. 2024 §5; Jamieson & Nowak 2011): placement matches, which pair a model with few verdicts
 * against measured models spread over the ratings (van der Corput quantiles: median, quartiles,
 * octiles…) so a wrong start cannot trap it among neighbours; and seeded ε-exploration, a uniform
 * pair with probability ε, so no pair is starved by a misfit. UNIFORM draws every pair uniformly.
 */
export type DesignStrategy = 'ADAPTIVE' | 'UNIFORM';

/** ALL: every rating's variance counts alike; TOP_K: only the models that may be in the top k. */
export type DesignObjective = { target: 'ALL' } | { target: 'TOP_K'; k: number };

export interface ComparisonDesignOptions {
  count: number;
  strategy: DesignStrategy;
  random: RandomSource;
  objective?: DesignObjective;
  /** ε: share of picks drawn uniformly; default 0.1. */
  explorationRate?: number;
  /** Verdicts below which a model gets placement matches; default 5. */
  placementMatches?: number;
  /** SD of the ridge prior on the strengths, natural-log units; default 1.5 (≈ 260 Elo). */
  priorStandardDeviation?: number;
  /** How many more comparisons of the pair i < j may be planned (e.g. prompts left); default ∞. */
  pairCapacity?: (first: number, second: number) => number;
}

export type DesignReason =
  | { kind: 'INFORMATION'; lossReduction: number; lossBefore: number }
  | { kind: 'PLACEMENT'; model: number; match: number; of: number; opponentQuantile: number }
  | { kind: 'EXPLORATION'; rate: number }
  | { kind: 'UNIFORM' };

export interface DesignedPair {
  modelA: number;
  modelB: number;
  reason: DesignReason;
}

export interface ComparisonDesign {
  /** At most `count`: fewer when the pairs' capacities run out. */
  pairs: DesignedPair[];
  /** The fit the design rests on (Elo points, centred on 1000; the prior mean where unplayed). */
  ratings: number[];
  /** The models the objective weighs (all, or the top-k candidates). */
  targets: number[];
}

const POINTS_PER_LOG_UNIT = 400 / Math.LN10;
/** A rating is "possibly top k" while its upper bound at this z clears the k-th rating. */
const TOP_K_Z = 1.96;

/**
 * What a design rests on that depends only on the board's cells and the prior, not on the call:
 * the ridge Bradley–Terry fit, the verdict mass per pair and the information matrix for the ALL
 * objective. At 100 models the fit takes ~12 ms and the information ~7 ms, so a caller that designs
 * over one board many times (nextComparisons, per data version) builds this once. Read only: each
 * design works on its own copy of the information.
 */
export interface DesignBasis {
  readonly modelCount: number;
  readonly priorStandardDeviation: number;
  /** Verdict mass per unordered pair i < j, at i·modelCount + j. */
  readonly mass: Float64Array;
  /** Verdicts per model. */
  readonly battles: Float64Array;
  /** The fit in natural-log units (0 where unplayed). */
  readonly strengths: readonly number[];
  /** The same in Elo points, centred on 1000. */
  readonly ratings: readonly number[];
  readonly information: DesignInformation;
}

export function designBasis(
  cells: readonly PairCell[],
  modelCount: number,
  priorStandardDeviation = DEFAULT_PRIOR_SD,
): DesignBasis {
  checkModelCount(modelCount);
  checkCells(cells, modelCount);
  checkPositive('priorStandardDeviation', priorStandardDeviation);
  const mass = new Float64Array(modelCount * modelCount);
  const battles = new Float64Array(modelCount);
  for (const cell of cells) {
    const [first, second] =
      cell.modelA < cell.modelB ? [cell.modelA, cell.modelB] : [cell.modelB, cell.modelA];
    mass[first * modelCount + second] += cellMass(cell);
    battles[first] += cell.count;
    battles[second] += cell.count;
  }
  const priorPrecision = 1 / (priorStandardDeviation * priorStandardDeviation);
  const fit = fitBradleyTerry([...cells], modelCount, { regularization: priorPrecision });
  const strengths = fit.ratings.map((rating) =>
    Number.isFinite(rating) ? (rating - 1000) / POINTS_PER_LOG_UNIT : 0,
  );
  const ratings = strengths.map((beta) => 1000 + beta * POINTS_PER_LOG_UNIT);
  const information = new DesignInformation(
    modelCount,
    strengths,
    (i, j) => mass[i * modelCount + j],
    priorPrecision,
    new Float64Array(modelCount).fill(1),
  );
  return { modelCount, priorStandardDeviation, mass, battles, strengths, ratings, information };
}

const DEFAULT_PRIOR_SD = 1.5;

export function designComparisons(
  cells: readonly PairCell[],
  modelCount: number,
  options: ComparisonDesignOptions,
): ComparisonDesign {
  // The per-call options first, so a bad count is refused before a fit is spent on it.
  checkDesignOptions(options);
  return designOnBasis(designBasis(cells, modelCount, options.priorStandardDeviation), options);
}

/** designComparisons over a prepared basis; its prior is the basis's (`priorStandardDeviation` is ignored). */
export function designOnBasis(
  basis: DesignBasis,
  options: ComparisonDesignOptions,
): ComparisonDesign {
  checkDesignOptions(options);
  const { modelCount, mass, battles, strengths } = basis;
  const rate = options.explorationRate ?? 0.1;
  const placementMatches = options.placementMatches ?? 5;
  const random = options.random;
  const capacity = new PairCapacity(modelCount, options.pairCapacity);
  const ratings = [...basis.ratings];
  const priorPrecision = 1 / (basis.priorStandardDeviation * basis.priorStandardDeviation);
  const pairMass = (i: number, j: number) => mass[i * modelCount + j];
  // The top-k candidates need their variances, which the basis's ALL information gives.
  let information = basis.information.copy();
  const weights = targetWeights(options.objective, strengths, information);
  if (options.objective?.target === 'TOP_K')
    information = new DesignInformation(modelCount, strengths, pairMass, priorPrecision, weights);
  const targets = [...weights.keys()].filter((model) => weights[model] > 0);

  const pairs: DesignedPair[] = [];
  const planned = Float64Array.from(battles);
  const choose = (i: number, j: number, reason: DesignReason) => {
    information.add(i, j);
    capacity.use(i, j);
    planned[i] += 1;
    planned[j] += 1;
    const [modelA, modelB] = random.nextFloat() < 0.5 ? [i, j] : [j, i];
    pairs.push({ modelA, modelB, reason });
  };
  while (pairs.length < options.count && capacity.left > 0) {
    if (options.strategy === 'UNIFORM') {
      const [i, j] = capacity.uniformPair(random);
      choose(i, j, { kind: 'UNIFORM' });
      continue;
    }
    if (rate > 0 && random.nextFloat() < rate) {
      const [i, j] = capacity.uniformPair(random);
      choose(i, j, { kind: 'EXPLORATION', rate });
      continue;
    }
    const placement = placementMatch(planned, battles, ratings, placementMatches, capacity);
    if (placement) {
      choose(placement.model, placement.opponent, {
        kind: 'PLACEMENT',
        model: placement.model,
        match: placement.match,
        of: placementMatches,
        opponentQuantile: placement.quantile,
      });
      continue;
    }
    const lossBefore = information.totalLoss(weights);
    let best: [number, number] | null = null;
    let bestGain = -Infinity;
    for (let i = 0; i < modelCount; i += 1)
      for (let j = i + 1; j < modelCount; j += 1) {
        if (!capacity.has(i, j)) continue;
        const gain = information.gain(i, j);
        if (gain > bestGain) [best, bestGain] = [[i, j], gain];
      }
    if (best === null) break;
    choose(best[0], best[1], { kind: 'INFORMATION', lossReduction: bestGain, lossBefore });
  }
  return { pairs, ratings, targets };
}

/** The per-call options; the prior is checked where it is used, by designBasis. */
function checkDesignOptions(options: ComparisonDesignOptions): void {
  checkNonNegativeInteger('count', options.count);
  checkUnitInterval('explorationRate', options.explorationRate ?? 0.1);
  checkNonNegativeInteger('placementMatches', options.placementMatches ?? 5);
}

/** 1 for each target model: everyone, or those whose upper bound reaches the k-th rating. */
function targetWeights(
  objective: DesignObjective | undefined,
  strengths: readonly number[],
  information: DesignInformation,
): Float64Array {
  const n = strengths.length;
  const weights = new Float64Array(n).fill(1);
  if (!objective || objective.target === 'ALL') return weights;
  const { k } = objective;
  if (!(Number.isInteger(k) && k >= 1 && k <= n))
    throw new RatingArgumentError('objective.k', `a whole number from 1 to ${n}`, k);
  const kth = [...strengths].sort((a, b) => b - a)[k - 1];
  for (let model = 0; model < n; model += 1)
    weights[model] =
      strengths[model] + TOP_K_Z * Math.sqrt(information.variance(model)) >= kth ? 1 : 0;
  return weights;
}

/**
 * The next placement match: the model furthest from its placement quota (fewest planned battles,
 * then lowest index) against the measured model (≥ the quota) at the next van der Corput quantile
 * of the measured models' ratings, or the nearest one with capacity left. Null when no model
 * needs placing or fewer than two models are measured (then the information criterion places).
 */
function placementMatch(
  planned: Float64Array,
  battles: Float64Array,
  ratings: readonly number[],
  quota: number,
  capacity: PairCapacity,
): { model: number; opponent: number; match: number; quantile: number } | null {
  const measured = [...ratings.keys()]
    .filter((model) => battles[model] >= quota)
    .sort((a, b) => ratings[a] - ratings[b] || a - b);
  if (measured.length < 2) return null;
  const waiting = [...planned.keys()]
    .filter((model) => planned[model] < quota)
    .sort((a, b) => planned[a] - planned[b] || a - b);
  for (const model of waiting) {
    const match = Math.floor(planned[model]) + 1;
    const quantile = vanDerCorput(match);
    const aim = quantile * (measured.length - 1);
    const byCloseness = [...measured.keys()].sort(
      (a, b) => Math.abs(a - aim) - Math.abs(b - aim) || a - b,
    );
    for (const position of byCloseness) {
      const opponent = measured[position];
      if (opponent !== model && capacity.has(model, opponent))
        return { model, opponent, match, quantile };
    }
  }
  return null;
}

/** The base-2 radical inverse of n ≥ 1: 1/2, 1/4, 3/4, 1/8, 5/8, … */
function vanDerCorput(n: number): number {
  let result = 0;
  let scale = 0.5;
  for (let rest = n; rest > 0; rest >>= 1, scale /= 2) if (rest & 1) result += scale;
  return result;
}

/** Per unordered pair, how many more comparisons may be planned. */
class PairCapacity {
  private readonly remaining: Float64Array;
  left = 0;

  constructor(
    private readonly size: number,
    limit: ((first: number, second: number) => number) | undefined,
  ) {
    this.remaining = new Float64Array(size * size);
    for (let i = 0; i < size; i += 1)
      for (let j = i + 1; j < size; j += 1) {
        const allowed = limit ? limit(i, j) : Infinity;
        this.remaining[i * size + j] = allowed;
        this.left += allowed;
      }
  }

  private key(i: number, j: number): number {
    return i < j ? i * this.size + j : j * this.size + i;
  }

  has(i: number, j: number): boolean {
    return this.remaining[this.key(i, j)] > 0;
  }

  use(i: number, j: number): void {
    this.remaining[this.key(i, j)] -= 1;
    this.left -= 1;
  }

  /** A pair uniformly among those with capacity left. */
  uniformPair(random: RandomSource): [number, number] {
    const open: number[] = [];
    for (let i = 0; i < this.size; i += 1)
      for (let j = i + 1; j < this.size; j += 1)
        if (this.remaining[i * this.size + j] > 0) open.push(i * this.size + j);
    const key = open[Math.floor(random.nextFloat() * open.length)];
    return [Math.floor(key / this.size), key % this.size];
  }
}
