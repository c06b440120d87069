import { checkModelIndex, checkScaleAndBase } from './arguments';
import { cellMass, checkCells, type PairCell } from './cells';
import { DEFAULT_BASE, DEFAULT_SCALE, expectedScore } from './elo-scale';

export interface WinRateScaleOptions {
  scale?: number;
  base?: number;
}

/** 100·P(model ≻ baseline) from ratings (the Arena-Hard v0.1 score); NaN when either rating is NaN. */
export function winRateVersusBaseline(
  ratings: readonly number[],
  baseline: number,
  options: WinRateScaleOptions = {},
): number[] {
  checkModelIndex('baseline', baseline, ratings.length);
  const scale = options.scale ?? DEFAULT_SCALE;
  const base = options.base ?? DEFAULT_BASE;
  checkScaleAndBase(scale, base);
  return ratings.map((rating) => 100 * expectedScore(rating, ratings[baseline], scale, base));
}

export interface PairWinRate {
  model: number;
  opponent: number;
  /** Share of decisive weight won by `model` against `opponent`, ties excluded; null when they only tied. */
  empiricalWinRate: number | null;
  /** Weighted decisive verdicts between the two (wins + losses), the denominator of empiricalWinRate. */
  decisiveWeight: number;
  /** Weighted tied verdicts (score exactly 1/2) between the two. */
  tieWeight: number;
  /** P(model ≻ opponent) from the ratings; NaN when a rating is NaN. */
  predictedWinRate: number;
}

/**
 * The win-rate matrix (DESIGN.md §2), one entry per ordered pair that met, sorted by (model, opponent).
 * Empirical: verdicts weighted by count·weight; a score of exactly 1/2 is a tie and left out;
 * any other score s counts s as a win and 1 − s as a loss (so soft preferences contribute
 * fractionally). Predicted: the Bradley–Terry probability from `ratings`.
 */
export function pairwiseWinRates(
  cells: PairCell[],
  ratings: readonly number[],
  options: WinRateScaleOptions = {},
): PairWinRate[] {
  const modelCount = ratings.length;
  checkCells(cells, modelCount);
  const scale = options.scale ?? DEFAULT_SCALE;
  const base = options.base ?? DEFAULT_BASE;
  checkScaleAndBase(scale, base);
  const tallies = new Map<number, { wins: number; decisive: number; ties: number }>();
  const tally = (model: number, opponent: number) => {
    const key = model * modelCount + opponent;
    let entry = tallies.get(key);
    if (!entry) {
      entry = { wins: 0, decisive: 0, ties: 0 };
      tallies.set(key, entry);
    }
    return entry;
  };
  for (const cell of cells) {
    const mass = cellMass(cell);
    if (!(mass > 0)) continue;
    const forward = tally(cell.modelA, cell.modelB);
    const backward = tally(cell.modelB, cell.modelA);
    if (cell.score === 0.5) {
      forward.ties += mass;
      backward.ties += mass;
    } else {
      forward.wins += mass * cell.score;
      backward.wins += mass * (1 - cell.score);
      forward.decisive += mass;
      backward.decisive += mass;
    }
  }
  return [...tallies.entries()]
    .sort(([left], [right]) => left - right)
    .map(([key, entry]) => {
      const model = Math.floor(key / modelCount);
      const opponent = key % modelCount;
      return {
        model,
        opponent,
        empiricalWinRate: entry.decisive > 0 ? entry.wins / entry.decisive : null,
        decisiveWeight: entry.decisive,
        tieWeight: entry.ties,
        predictedWinRate: expectedScore(ratings[model], ratings[opponent], scale, base),
      };
    });
}
