import { checkConfidenceLevel, checkModelIndex } from './arguments';
import type { BradleyTerryOptions } from './bradley-terry';
import { checkCells, type PairCell } from './cells';
import type { Interval } from './interval';
import { rankByIntervals } from './ranks';
import type { SandwichCorrection } from './robust-covariance';
import { sandwichBradleyTerry } from './sandwich';

/**
 * A leaderboard as of successive cut-offs: the Bradley–Terry fit with sandwich intervals over
 * every verdict up to each cut-off. Each period's cells are added to the running totals and the
 * fit starts from the previous cut-off's ratings (a warm start: one more period of data moves
 * ratings little, so Newton needs a few steps instead of a cold start's ten or more). The
 * interval is the sandwich's, not the bootstrap's: one covariance per cut-off instead of a
 * hundred refits (LMArena's arena-rank uses the same sandwich by default).
 */
export interface RatingHistoryOptions extends Pick<
  BradleyTerryOptions,
  'anchor' | 'regularization' | 'modelLabel'
> {
  confidenceLevel?: number;
  correction?: SandwichCorrection;
}

export interface RatingHistoryPoint {
  /** Index of the period this point closes. */
  period: number;
  /** Elo scale; NaN for models with no verdict yet, or for every model when `problem` is set. */
  ratings: number[];
  /** null where the rating is NaN. */
  intervals: Array<Interval | null>;
  /** Rank by the interval rule among the models rated at this cut-off; NaN where unrated. */
  ranks: number[];
  /** Verdicts each model took part in up to this cut-off. */
  battles: number[];
  /** Why nothing is rated at this cut-off (no finite MLE, anchor not yet played); null otherwise. */
  problem: string | null;
}

/**
 * `periods[p]` holds the cells whose verdicts fall in period p (in time order); the result has one
 * point per period, each over the cells of periods 0..p.
 */
export function ratingHistory(
  periods: readonly (readonly PairCell[])[],
  modelCount: number,
  options: RatingHistoryOptions = {},
): RatingHistoryPoint[] {
  periods.forEach((cells, period) => checkCells(cells, modelCount, `periods[${period}]`));
  checkConfidenceLevel(options.confidenceLevel ?? 0.95);
  if (options.anchor) checkModelIndex('anchor.model', options.anchor.model, modelCount);
  const totals = new Map<string, PairCell>();
  const battles = new Array<number>(modelCount).fill(0);
  let previous: number[] | undefined;
  return periods.map((cells, period) => {
    for (const cell of cells) {
      const key = `${cell.modelA},${cell.modelB},${cell.score},${cell.weight}`;
      const total = totals.get(key);
      if (total) total.count += cell.count;
      else totals.set(key, { ...cell });
      battles[cell.modelA] += cell.count;
      battles[cell.modelB] += cell.count;
    }
    const point = { period, battles: [...battles] };
    const anchor = options.anchor;
    if (anchor && battles[anchor.model] === 0) {
      const name = (options.modelLabel ?? String)(anchor.model);
      return {
        ...point,
        ...nothingRated(modelCount),
        problem: `the anchor ${name} has no verdict yet at this cut-off`,
      };
    }
    const result = sandwichBradleyTerry([...totals.values()], modelCount, {
      anchor,
      regularization: options.regularization,
      modelLabel: options.modelLabel,
      confidenceLevel: options.confidenceLevel,
      correction: options.correction,
      startingRatings: previous,
    });
    const fit = result.estimate;
    if (!fit.mleExists) return { ...point, ...nothingRated(modelCount), problem: fit.problem };
    previous = fit.ratings;
    return {
      ...point,
      ratings: fit.ratings,
      intervals: result.intervals,
      ranks: rankByIntervals(result.intervals),
      problem: null,
    };
  });
}

function nothingRated(modelCount: number) {
  return {
    ratings: new Array<number>(modelCount).fill(Number.NaN),
    intervals: new Array<Interval | null>(modelCount).fill(null),
    ranks: new Array<number>(modelCount).fill(Number.NaN),
  };
}
