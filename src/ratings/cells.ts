import {
  checkModelCount,
  checkModelIndex,
  checkNonNegative,
  checkNonNegativeInteger,
  checkUnitInterval,
} from './arguments';
import { RatingArgumentError } from './errors';
import { isOutcomeLabel, type OutcomeLabel } from '../domain/outcome-labels';
import { isStrong, scoreOfA } from './outcomes';

// Module-level aliases: global lookups are slow inside vm contexts (Jest), and this runs per cell per fit.
const { isInteger, isSafeInteger, isFinite } = Number;

/**
 * A cell is every verdict sharing (model A, model B, score of A, per-verdict weight). Fitting over
 * cells instead of verdicts makes the cost grow with distinct pairs, not verdicts (the idea of
 * FastChat's rating_systems.py, DESIGN.md §2).
 *
 * Models are dense indices 0..modelCount-1. `score` is the score of A in [0, 1] (1 win, 1/2 tie,
 * 0 loss, or a soft preference p(A better)); `count` is the number of verdicts (the unit the
 * bootstrap resamples); `weight` is the per-verdict weight (strongVerdictWeight for `>>` labels,
 * else 1). The cell adds count·weight·[score·log p_AB + (1−score)·log(1−p_AB)] to the
 * Bradley–Terry log-likelihood.
 */
export interface PairCell {
  modelA: number;
  modelB: number;
  score: number;
  count: number;
  weight: number;
}

export interface VerdictForCells {
  modelA: number;
  modelB: number;
  outcome: OutcomeLabel;
  /** A soft preference for A in [0, 1]; when present it is the score instead of the label's. */
  preferenceA?: number | null;
  /** Verdicts this row stands for (a SQL `GROUP BY` count); default 1. */
  count?: number;
}

export interface AggregateCellsOptions {
  /** Weight of a strong (`>>`) verdict; default 1, Arena-Hard v0.1 uses 3 (DESIGN.md §2). */
  strongVerdictWeight?: number;
}

/**
 * Merges verdicts into cells with identical (modelA, modelB, score, weight), in first-seen order.
 * Orientation is kept as given: (A, B, s) and (B, A, 1−s) are different cells with the same
 * likelihood, so keeping both costs nothing but a row.
 */
export function aggregateCells(
  verdicts: Iterable<VerdictForCells>,
  options: AggregateCellsOptions = {},
): PairCell[] {
  const strongVerdictWeight = options.strongVerdictWeight ?? 1;
  checkNonNegative('strongVerdictWeight', strongVerdictWeight);
  const cells = new CellIndex();
  let position = 0;
  for (const verdict of verdicts) {
    const cell = cellOfVerdict(verdict, position, strongVerdictWeight);
    position += 1;
    if (cell !== null) cells.add(cell);
  }
  return cells.list;
}

/**
 * Cells by (modelA, modelB), then by (score, weight). A pair has few distinct (score, weight)
 * — six labels, two weights — so a short scan beats building a string key per verdict (about
 * twice as fast on a 100-model board); a pair with many soft preferences gets a keyed map instead.
 */
class CellIndex {
  readonly list: PairCell[] = [];
  private readonly byPair = new Map<number | string, PairCell[] | Map<string, PairCell>>();

  add(cell: PairCell): void {
    const pair =
      cell.modelA < PAIR_KEY_RADIX && cell.modelB < PAIR_KEY_RADIX
        ? cell.modelA * PAIR_KEY_RADIX + cell.modelB
        : `${cell.modelA},${cell.modelB}`;
    const bucket = this.byPair.get(pair);
    if (bucket === undefined) {
      this.byPair.set(pair, [cell]);
      this.list.push(cell);
      return;
    }
    if (Array.isArray(bucket)) {
      for (const existing of bucket) {
        if (existing.score === cell.score && existing.weight === cell.weight) {
          existing.count += cell.count;
          return;
        }
      }
      this.list.push(cell);
      if (bucket.length < SCANNED_BUCKET_SIZE) bucket.push(cell);
      else this.byPair.set(pair, keyedBucket([...bucket, cell]));
      return;
    }
    const key = `${cell.score},${cell.weight}`;
    const existing = bucket.get(key);
    if (existing) existing.count += cell.count;
    else {
      bucket.set(key, cell);
      this.list.push(cell);
    }
  }
}

/**
 * The same verdicts as `cells`, with equal (modelA, modelB, score, weight) merged and ordered by
 * those four: one list for one set of verdicts, whatever order they were read or appended in.
 * A fit sums over cells in list order, so two boards over the same verdicts fit to the same last
 * bit only when their cells are in the same order (nextComparisons keeps a board across appends
 * and must answer as a fresh read would). New cell objects; `cells` is not changed.
 */
export function canonicalCells(cells: Iterable<PairCell>): PairCell[] {
  const merged = new CellIndex();
  for (const cell of cells) merged.add({ ...cell });
  return merged.list.sort(compareCells);
}

/**
 * canonicalCells([...canonical, ...extra]) for a list that is already canonical, in one merge
 * pass: the cells `extra` leaves alone are shared with `canonical`, not copied (a board carried
 * forward by a few appended verdicts, out of ~60k cells at 100 models).
 */
export function withCanonicalCells(
  canonical: readonly PairCell[],
  extra: Iterable<PairCell>,
): PairCell[] {
  const added = canonicalCells(extra);
  const merged: PairCell[] = [];
  let kept = 0;
  for (const cell of added) {
    while (kept < canonical.length && compareCells(canonical[kept], cell) < 0)
      merged.push(canonical[kept++]);
    if (kept < canonical.length && compareCells(canonical[kept], cell) === 0) {
      // Fields listed: a spread followed by a property is a hidden class per cell on Node 20's V8.
      merged.push({
        modelA: cell.modelA,
        modelB: cell.modelB,
        score: cell.score,
        count: canonical[kept].count + cell.count,
        weight: cell.weight,
      });
      kept += 1;
    } else merged.push(cell);
  }
  while (kept < canonical.length) merged.push(canonical[kept++]);
  return merged;
}

function compareCells(x: PairCell, y: PairCell): number {
  return x.modelA - y.modelA || x.modelB - y.modelB || x.score - y.score || x.weight - y.weight;
}

// Keys below 2^30 stay small integers, which V8 hashes without boxing.
const PAIR_KEY_RADIX = 2 ** 15;
const SCANNED_BUCKET_SIZE = 16;

function keyedBucket(cells: readonly PairCell[]): Map<string, PairCell> {
  return new Map(cells.map((cell) => [`${cell.score},${cell.weight}`, cell]));
}

/**
 * The one-verdict cell of `verdicts[position]`, or null when its count is 0. Messages are built
 * only for an invalid verdict, since imports pass millions of valid ones.
 */
export function cellOfVerdict(
  verdict: VerdictForCells,
  position: number,
  strongVerdictWeight: number,
): PairCell | null {
  const valid =
    verdict !== null &&
    typeof verdict === 'object' &&
    isSafeInteger(verdict.modelA) &&
    isSafeInteger(verdict.modelB) &&
    verdict.modelA >= 0 &&
    verdict.modelB >= 0 &&
    verdict.modelA !== verdict.modelB &&
    isOutcomeLabel(verdict.outcome) &&
    (verdict.count === undefined || (isSafeInteger(verdict.count) && verdict.count >= 0)) &&
    (verdict.preferenceA === undefined ||
      verdict.preferenceA === null ||
      (verdict.preferenceA >= 0 && verdict.preferenceA <= 1));
  if (!valid) explainInvalidVerdict(verdict, `verdicts[${position}]`);
  const count = verdict.count ?? 1;
  if (count === 0) return null;
  return {
    modelA: verdict.modelA,
    modelB: verdict.modelB,
    score: verdict.preferenceA ?? scoreOfA(verdict.outcome),
    count,
    weight: isStrong(verdict.outcome) ? strongVerdictWeight : 1,
  };
}

function explainInvalidVerdict(verdict: VerdictForCells, where: string): never {
  if (verdict === null || typeof verdict !== 'object')
    throw new RatingArgumentError(where, 'a verdict object', verdict);
  checkNonNegativeInteger(`${where}.modelA`, verdict.modelA);
  checkNonNegativeInteger(`${where}.modelB`, verdict.modelB);
  if (verdict.modelA === verdict.modelB) {
    throw new RatingArgumentError(
      `${where}.modelB`,
      `a model other than modelA (${verdict.modelA})`,
      verdict.modelB,
    );
  }
  if (!isOutcomeLabel(verdict.outcome)) {
    throw new RatingArgumentError(
      `${where}.outcome`,
      'one of A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD',
      verdict.outcome,
    );
  }
  checkNonNegativeInteger(`${where}.count`, verdict.count ?? 1);
  checkUnitInterval(`${where}.preferenceA`, verdict.preferenceA as number);
  throw new RatingArgumentError(where, 'a valid verdict', verdict);
}

/**
 * Validates cells against modelCount before a fit: indices in range and distinct, score in
 * [0, 1], count a non-negative integer, weight finite and non-negative.
 */
export function checkCells(
  cells: readonly PairCell[],
  modelCount: number,
  argument = 'cells',
): void {
  checkModelCount(modelCount);
  // Array.isArray narrows a readonly array to any[]; the checks below read the typed alias.
  const list: readonly PairCell[] = cells;
  if (!Array.isArray(cells)) throw new RatingArgumentError(argument, 'an array of PairCell', cells);
  // A cheap test first: messages are only built for the cell that fails (fits run this per bootstrap call).
  for (let index = 0; index < list.length; index += 1) {
    if (!isValidCell(list[index], modelCount))
      explainInvalidCell(list[index], `${argument}[${index}]`, modelCount);
  }
}

function isValidCell(cell: PairCell, modelCount: number): boolean {
  return (
    cell !== null &&
    typeof cell === 'object' &&
    isInteger(cell.modelA) &&
    isInteger(cell.modelB) &&
    cell.modelA >= 0 &&
    cell.modelA < modelCount &&
    cell.modelB >= 0 &&
    cell.modelB < modelCount &&
    cell.modelA !== cell.modelB &&
    cell.score >= 0 &&
    cell.score <= 1 &&
    isSafeInteger(cell.count) &&
    cell.count >= 0 &&
    isFinite(cell.weight) &&
    cell.weight >= 0
  );
}

function explainInvalidCell(cell: PairCell, where: string, modelCount: number): never {
  if (cell === null || typeof cell !== 'object')
    throw new RatingArgumentError(where, 'a PairCell object', cell);
  checkModelIndex(`${where}.modelA`, cell.modelA, modelCount);
  checkModelIndex(`${where}.modelB`, cell.modelB, modelCount);
  if (cell.modelA === cell.modelB) {
    throw new RatingArgumentError(
      `${where}.modelB`,
      `a model other than modelA (${cell.modelA})`,
      cell.modelB,
    );
  }
  checkUnitInterval(`${where}.score`, cell.score);
  checkNonNegativeInteger(`${where}.count`, cell.count);
  checkNonNegative(`${where}.weight`, cell.weight);
  throw new RatingArgumentError(where, 'a valid PairCell', cell);
}

/** Total likelihood weight count·weight of a cell: how many (weighted) verdicts it stands for. */
export function cellMass(cell: PairCell): number {
  return cell.count * cell.weight;
}

/** Models that take part in at least one cell of positive mass. */
export function playedModels(cells: readonly PairCell[], modelCount: number): boolean[] {
  const played = new Array<boolean>(modelCount).fill(false);
  for (const cell of cells) {
    if (cellMass(cell) > 0) {
      played[cell.modelA] = true;
      played[cell.modelB] = true;
    }
  }
  return played;
}
