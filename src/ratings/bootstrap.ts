import { checkConfidenceLevel, checkModelIndex, checkPositiveInteger } from './arguments';
import {
  fitPairSums,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
} from './bradley-terry';
import { checkCells, playedModels, type PairCell } from './cells';
import { expectedScore } from './elo-scale';
import { RatingArgumentError } from './errors';
import type { Interval } from './interval';
import { percentileInterval, type QuantileMethod } from './quantile';
import { PairSums } from './pair-sums';
import { createRandom, sampleMultinomial, type RandomSource } from './random';
import { separateUnratedModels } from './rated-apart';

export interface BootstrapOptions extends BradleyTerryOptions {
  /** Resampling rounds; default 100 (DESIGN.md §2). */
  rounds?: number;
  /** Seed of the xoshiro128** stream; default 0. The same seed gives the same result. */
  seed?: number;
  /** Coverage of the percentile intervals; default 0.95. */
  confidenceLevel?: number;
  /** Model index against which to report 100·P(model ≻ baseline) intervals. */
  baseline?: number;
  /** Sample-quantile estimator for the percentiles; default 'weibull' (see quantile.ts for why). */
  quantileMethod?: QuantileMethod;
}

export interface BootstrapResult {
  /** The fit on the data as observed (the point estimate); rounds start from it. */
  estimate: BradleyTerryFit;
  /** Percentile interval of each model's rating over the rounds it took part in; null if in none. */
  intervals: Array<Interval | null>;
  /** Rounds in which each model played (and the round could be anchored). */
  roundsPresent: number[];
  /** Percentile interval of 100·P(model ≻ baseline) per model; null without a baseline. */
  winRateVersusBaseline: Array<Interval | null> | null;
  /** Ratings of every round, [round][model]; NaN where the model was absent or the round was skipped. */
  roundRatings: number[][];
  /** Rounds whose resample had no finite MLE, fitted with the fallback ridge as fitBradleyTerry does. */
  roundsWithoutMle: number;
  /** Rounds left out because the anchor model drew no verdict, so they could not be re-anchored. */
  skippedRounds: number;
  rounds: number;
  seed: number;
  confidenceLevel: number;
  quantileMethod: QuantileMethod;
}

/**
 * Nonparametric bootstrap (Efron 1979) of the Bradley–Terry ratings. Resampling N verdicts with
 * replacement is the same as one Multinomial(N, count_i/N) draw over the cells, so a round costs
 * O(cells), not O(verdicts) (DESIGN.md §2), and the round's fit runs over the pairs' sums
 * (pair-sums.ts). Each round refits (warm-started from the estimate) and
 * re-anchors or re-centres over the models present; a model that drew no verdict is left out of
 * that round rather than given the centre rating. Intervals are percentile intervals; their
 * sample quantiles default to type 6, which keeps nominal coverage with 100 rounds (quantile.ts).
 */
export function bootstrapBradleyTerry(
  cells: PairCell[],
  modelCount: number,
  options: BootstrapOptions = {},
): BootstrapResult {
  checkCells(cells, modelCount);
  const counts = cells.map((cell) => cell.count);
  const totalCount = counts.reduce((sum, count) => sum + count, 0);
  return bootstrapWithResampler(cells, modelCount, options, (random) =>
    totalCount > 0 ? sampleMultinomial(random, totalCount, counts) : counts,
  );
}

/**
 * The bootstrap's rounds for any resampling scheme: `resample` draws, from the seeded stream, a
 * verdict count for each of `cells` (already checked). Verdicts (above) and clusters
 * (cluster-bootstrap.ts) differ only there.
 */
export function bootstrapWithResampler(
  cells: PairCell[],
  modelCount: number,
  options: BootstrapOptions,
  resample: (random: RandomSource) => ArrayLike<number>,
): BootstrapResult {
  const fitOptions = resolveBradleyTerryOptions(options, modelCount);
  const rounds = options.rounds ?? 100;
  const seed = options.seed ?? 0;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const quantileMethod = options.quantileMethod ?? 'weibull';
  checkPositiveInteger('rounds', rounds);
  checkConfidenceLevel(confidenceLevel);
  if (quantileMethod !== 'weibull' && quantileMethod !== 'linear') {
    throw new RatingArgumentError('quantileMethod', "'weibull' or 'linear'", quantileMethod);
  }
  if (options.baseline !== undefined) checkModelIndex('baseline', options.baseline, modelCount);

  const pairSums = new PairSums(cells, modelCount);
  const estimate = fitPairSums(pairSums.pairCells(), modelCount, fitOptions);
  const roundOptions = { ...fitOptions, startingRatings: estimate.ratings };
  const random = createRandom(seed);
  const anchorModel = fitOptions.anchor?.model;

  const roundRatings: number[][] = [];
  let roundsWithoutMle = 0;
  let skippedRounds = 0;
  for (let round = 0; round < rounds; round += 1) {
    const roundPairs = pairSums.pairCells(resample(random));
    if (anchorModel !== undefined && !playedModels(roundPairs, modelCount)[anchorModel]) {
      skippedRounds += 1;
      roundRatings.push(new Array<number>(modelCount).fill(Number.NaN));
      continue;
    }
    const fit = fitPairSums(roundPairs, modelCount, roundOptions);
    if (!fit.mleExists) {
      roundsWithoutMle += 1;
      if (anchorModel === undefined) recentreOnRatedCore(fit.ratings, roundPairs, fitOptions);
    }
    roundRatings.push(fit.ratings);
  }

  const intervals: Array<Interval | null> = [];
  const roundsPresent: number[] = [];
  for (let model = 0; model < modelCount; model += 1) {
    const values = roundRatings.map((ratings) => ratings[model]).filter(Number.isFinite);
    roundsPresent.push(values.length);
    intervals.push(
      values.length > 0 ? percentileInterval(values, confidenceLevel, quantileMethod) : null,
    );
  }
  return {
    estimate,
    intervals,
    roundsPresent,
    winRateVersusBaseline:
      options.baseline === undefined
        ? null
        : winRateIntervals(
            roundRatings,
            options.baseline,
            confidenceLevel,
            quantileMethod,
            fitOptions,
          ),
    roundRatings,
    roundsWithoutMle,
    skippedRounds,
    rounds,
    seed,
    confidenceLevel,
    quantileMethod,
  };
}

/**
 * A round whose resample leaves some model without a finite estimate (it drew only losses, say)
 * is fitted with the fallback ridge, which sends that model thousands of points out: its interval
 * then honestly reaches that far. Centring over every model would drag the others along by that
 * distance over the model count, so the round is centred, as the point estimate is, over the
 * models it can rate (rated-apart.ts). With an anchor the anchor fixes the scale instead.
 */
function recentreOnRatedCore(
  ratings: number[],
  roundPairs: readonly PairCell[],
  { initialRating }: { initialRating: number },
): void {
  const { rated } = separateUnratedModels(roundPairs, ratings.length);
  let sum = 0;
  let count = 0;
  rated.forEach((isRated, model) => {
    if (!isRated) return;
    sum += ratings[model];
    count += 1;
  });
  if (count === 0) return;
  const shift = initialRating - sum / count;
  for (let model = 0; model < ratings.length; model += 1) ratings[model] += shift;
}

/** 100·P(model ≻ baseline) per round where both are present, then percentile intervals (Arena-Hard v0.1). */
function winRateIntervals(
  roundRatings: readonly number[][],
  baseline: number,
  confidenceLevel: number,
  quantileMethod: QuantileMethod,
  { scale, base }: { scale: number; base: number },
): Array<Interval | null> {
  const modelCount = roundRatings[0]?.length ?? 0;
  const intervals: Array<Interval | null> = [];
  for (let model = 0; model < modelCount; model += 1) {
    const values: number[] = [];
    for (const ratings of roundRatings) {
      if (Number.isFinite(ratings[model]) && Number.isFinite(ratings[baseline])) {
        values.push(100 * expectedScore(ratings[model], ratings[baseline], scale, base));
      }
    }
    intervals.push(
      values.length > 0 ? percentileInterval(values, confidenceLevel, quantileMethod) : null,
    );
  }
  return intervals;
}
