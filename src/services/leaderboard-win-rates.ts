/** The win-rate matrix: every ordered pair of rated models, predicted from the ratings, empirical where they met. */
import { expectedScore, pairwiseWinRates, type PairCell } from '../ratings';
import { compareCodePoints } from './code-point-order';
import type { ModelIndex } from './leaderboard-slice';
import type { ModelRef, WinRateCell } from './leaderboard-types';
import type { CountedOutcome } from './verdict-counts';

export function winRateMatrix(
  cells: PairCell[],
  ratings: number[],
  models: ModelRef[],
  rows: readonly CountedOutcome[],
  index: ModelIndex,
): WinRateCell[] {
  const met = new Map<string, number | null>();
  for (const pair of pairwiseWinRates(cells, ratings))
    met.set(`${pair.model}:${pair.opponent}`, pair.empiricalWinRate);
  const battles = new Map<string, number>();
  for (const row of rows) {
    const [a, b] = [index.of(row.modelAId), index.of(row.modelBId)];
    battles.set(`${a}:${b}`, (battles.get(`${a}:${b}`) ?? 0) + row.count);
    battles.set(`${b}:${a}`, (battles.get(`${b}:${a}`) ?? 0) + row.count);
  }
  const matrix: WinRateCell[] = [];
  models.forEach((modelA, a) => {
    models.forEach((modelB, b) => {
      if (a === b || !Number.isFinite(ratings[a]) || !Number.isFinite(ratings[b])) return;
      const empirical = met.get(`${a}:${b}`);
      matrix.push({
        modelA,
        modelB,
        predicted: 100 * expectedScore(ratings[a], ratings[b]),
        empirical: empirical === undefined || empirical === null ? null : 100 * empirical,
        battles: battles.get(`${a}:${b}`) ?? 0,
      });
    });
  });
  return matrix.sort(
    (x, y) =>
      compareCodePoints(x.modelA.name, y.modelA.name) ||
      compareCodePoints(x.modelB.name, y.modelB.name),
  );
}
