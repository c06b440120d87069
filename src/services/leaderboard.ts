/**
 * Leaderboards over a slice of verdicts. Bradley–Terry reads SQL-aggregated
 * (model A, model B, outcome, preference) counts, so its cost grows with distinct cells, not
 * verdicts; online Elo needs the verdicts in time order and reads them in one pass.
 */
import type { Database } from '../db/client';
import {
  aggregateCells,
  applySwapPolicy,
  aggregateStyleCells,
  bootstrapBradleyTerry,
  expectedScore,
  fitBradleyTerry,
  fitStyleControlledBradleyTerry,
  onlineElo,
  pairwiseWinRates,
  rankByIntervals,
  rankByRating,
  sandwichBradleyTerry,
  type BradleyTerryOptions,
  type Interval,
  type PairCell,
  type PolicyVerdict,
  type VerdictForCells,
  type StyleCoefficient,
} from '../ratings';
import { isStrong, isTie, scoreOfA, swapLabel } from '../ratings/outcomes';
import { InvalidRequestError } from './errors';
import { judgedGroups, swapGroupKey } from './judge-verdicts';
import {
  resolveLeaderboardRequest,
  type IntervalMethod,
  type LeaderboardRequest,
  type RankingMethod,
  type ResolvedLeaderboardRequest,
  type SwapPolicy,
} from './leaderboard-request';
import type { VerdictFilter } from './verdict-filter';
import { countOutcomes, countStyledOutcomes, modelsByIdsForRanking, type CountedOutcome, type StyledCount } from './verdict-counts';
import { outcomesInTimeOrder } from './verdict-stream';

export type { LeaderboardRequest } from './leaderboard-request';

export interface ModelRef {
  id: number;
  name: string;
  createdAt: Date;
}

export interface LeaderboardEntry {
  rank: number;
  model: ModelRef;
  rating: number;
  uncontrolledRating: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  winRateVsBaseline: number | null;
  winRateVsBaselineLower: number | null;
  winRateVsBaselineUpper: number | null;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
}

export interface WinRateCell {
  modelA: ModelRef;
  modelB: ModelRef;
  /** 100·P(A ≻ B) from the ratings. */
  predicted: number;
  /** 100·(A's decisive wins over B) / (decisive verdicts between them); null when they never met or only tied. */
  empirical: number | null;
  battles: number;
}

export interface Leaderboard {
  method: RankingMethod;
  swapPolicy: SwapPolicy;
  verdictCount: number;
  modelCount: number;
  mleExists: boolean;
  problem: string | null;
  anchor: { model: string; rating: number } | null;
  baseline: string | null;
  intervalMethod: IntervalMethod | null;
  bootstrapRounds: number;
  seed: number;
  confidenceLevel: number;
  styleCoefficients: StyleCoefficient[] | null;
  entries: LeaderboardEntry[];
  /** Every ordered pair of rated models; built on the first call (n·(n − 1) cells), then kept. */
  winRates(): WinRateCell[];
}

interface Ratings {
  ratings: number[];
  uncontrolled: number[] | null;
  intervals: (Interval | null)[] | null;
  baselineIntervals: (Interval | null)[] | null;
  intervalMethod: IntervalMethod | null;
  mleExists: boolean;
  problem: string | null;
  styleCoefficients: StyleCoefficient[] | null;
}

export async function computeLeaderboard(db: Database, request: LeaderboardRequest): Promise<Leaderboard> {
  const resolved = resolveLeaderboardRequest(request);
  // Style control compares like with like: only verdicts whose two answers are stored take part.
  const fetched: CountedOutcome[] = resolved.styleControl
    ? await countStyledOutcomes(db, resolved.filter)
    : resolved.swapPolicy !== 'KEEP_BOTH'
      ? await countOutcomesUnderSwapPolicy(db, resolved.filter, resolved.swapPolicy)
      : await countOutcomes(db, resolved.filter);
  const modelRows = await modelsByIdsForRanking(db, [...new Set(fetched.flatMap((row) => [row.modelAId, row.modelBId]))]);
  const names = new Map([...modelRows].map(([id, model]) => [id, model.name]));
  // Models by name and cells in a canonical order: the bootstrap's draws, and so the intervals,
  // then depend on the data alone, not on how the database happened to store or group it.
  const index = new ModelIndex();
  for (const [id] of [...names].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))) index.of(id);
  const counted = fetched
    .map((row) => ({ row, a: index.of(row.modelAId), b: index.of(row.modelBId) }))
    .sort(
      (x, y) =>
        x.a - y.a ||
        x.b - y.b ||
        (x.row.outcome < y.row.outcome ? -1 : x.row.outcome > y.row.outcome ? 1 : 0) ||
        (x.row.preferenceA ?? -1) - (y.row.preferenceA ?? -1) ||
        compareStyles(x.row, y.row),
    )
    .map(({ row }) => row);
  const models: ModelRef[] = index.ids.map((id) => modelRows.get(id)!);
  const anchorIndex = resolved.anchor ? requirePresent(models, resolved.anchor.model, 'input.anchor.model') : null;
  const baselineIndex = resolved.baseline ? requirePresent(models, resolved.baseline, 'input.baseline') : null;
  const cellsFor = (rows: CountedOutcome[]) =>
    rows.map((row) => ({ modelA: index.of(row.modelAId), modelB: index.of(row.modelBId), outcome: row.outcome, preferenceA: row.preferenceA, count: row.count }));
  const verdictCells = cellsFor(counted);
  // One orientation per pair, so (A, B, s) and (B, A, 1 − s) share a cell: half the cells to resample.
  const cells = aggregateCells(verdictCells.map(orientedByIndex), { strongVerdictWeight: resolved.strongVerdictWeight });
  const fitOptions: BradleyTerryOptions = {
    anchor: anchorIndex === null ? undefined : { model: anchorIndex, rating: resolved.anchor!.rating },
    regularization: resolved.regularization,
    modelLabel: (model) => JSON.stringify(models[model].name),
  };

  let rated: Ratings;
  if (models.length === 0) {
    rated = { ratings: [], uncontrolled: null, intervals: null, baselineIntervals: null, intervalMethod: null, mleExists: true, problem: null, styleCoefficients: null };
  } else if (resolved.method === 'ELO') {
    rated = await eloRatings(db, resolved, index, anchorIndex);
  } else if (resolved.styleControl) {
    const styled = (counted as Awaited<ReturnType<typeof countStyledOutcomes>>).map((row, i) => ({ ...verdictCells[i], styleA: row.styleA, styleB: row.styleB }));
    const fit = fitStyleControlledBradleyTerry(aggregateStyleCells(styled, { strongVerdictWeight: resolved.strongVerdictWeight }), models.length, fitOptions);
    rated = { ratings: fit.ratings, uncontrolled: fit.uncontrolled.ratings, intervals: null, baselineIntervals: null, intervalMethod: null, mleExists: fit.mleExists, problem: fit.problem, styleCoefficients: fit.coefficients };
  } else {
    rated = bradleyTerryRatings(cells, models.length, resolved, fitOptions, baselineIndex);
  }

  const tallies = tally(counted, index);
  const ranks = rated.intervals ? rankByIntervals(rated.intervals) : rankByRating(rated.ratings);
  const baselineRating = baselineIndex === null ? null : rated.ratings[baselineIndex];
  const entries: LeaderboardEntry[] = models.map((model, i) => ({
    rank: ranks[i],
    model,
    rating: rated.ratings[i],
    uncontrolledRating: rated.uncontrolled?.[i] ?? null,
    ciLower: rated.intervals?.[i]?.lower ?? null,
    ciUpper: rated.intervals?.[i]?.upper ?? null,
    winRateVsBaseline: baselineRating === null ? null : 100 * expectedScore(rated.ratings[i], baselineRating),
    winRateVsBaselineLower: rated.baselineIntervals?.[i]?.lower ?? null,
    winRateVsBaselineUpper: rated.baselineIntervals?.[i]?.upper ?? null,
    ...tallies[i],
  }));
  entries.sort((a, b) => b.rating - a.rating || a.model.name.localeCompare(b.model.name));

  return {
    method: resolved.method,
    swapPolicy: resolved.swapPolicy,
    verdictCount: counted.reduce((sum, row) => sum + row.count, 0),
    modelCount: models.length,
    mleExists: rated.mleExists,
    problem: rated.problem,
    anchor: resolved.anchor,
    baseline: resolved.baseline,
    intervalMethod: rated.intervalMethod,
    bootstrapRounds: rated.intervalMethod === 'BOOTSTRAP' ? resolved.bootstrapRounds : 0,
    seed: resolved.seed,
    confidenceLevel: resolved.confidenceLevel,
    styleCoefficients: rated.styleCoefficients,
    entries,
    winRates: once(() => winRateMatrix(cells, rated.ratings, models, counted, index)),
  };
}

function bradleyTerryRatings(cells: PairCell[], modelCount: number, request: ResolvedLeaderboardRequest, options: BradleyTerryOptions, baseline: number | null): Ratings {
  const base = { uncontrolled: null, styleCoefficients: null };
  if (request.intervalMethod === 'SANDWICH') {
    const result = sandwichBradleyTerry(cells, modelCount, { ...options, confidenceLevel: request.confidenceLevel, baseline: baseline ?? undefined });
    return {
      ...base,
      ratings: result.estimate.ratings,
      intervals: result.intervals,
      baselineIntervals: result.winRateVersusBaseline,
      intervalMethod: 'SANDWICH',
      mleExists: result.estimate.mleExists,
      problem: result.estimate.problem,
    };
  }
  if (request.bootstrapRounds > 0) {
    const result = bootstrapBradleyTerry(cells, modelCount, {
      ...options,
      rounds: request.bootstrapRounds,
      seed: request.seed,
      confidenceLevel: request.confidenceLevel,
      baseline: baseline ?? undefined,
    });
    return {
      ...base,
      ratings: result.estimate.ratings,
      intervals: result.intervals,
      baselineIntervals: result.winRateVersusBaseline,
      intervalMethod: 'BOOTSTRAP',
      mleExists: result.estimate.mleExists,
      problem: result.estimate.problem,
    };
  }
  const fit = fitBradleyTerry(cells, modelCount, options);
  return { ...base, ratings: fit.ratings, intervals: null, baselineIntervals: null, intervalMethod: null, mleExists: fit.mleExists, problem: fit.problem };
}

async function eloRatings(db: Database, request: ResolvedLeaderboardRequest, index: ModelIndex, anchor: number | null): Promise<Ratings> {
  const ordered = await outcomesInTimeOrder(db, request.filter);
  // One pass: each verdict is rated as the stream yields it, never held in an array.
  function* matches() {
    for (const row of ordered) {
      yield {
        modelA: index.of(row.modelAId),
        modelB: index.of(row.modelBId),
        score: row.preferenceA ?? scoreOfA(row.outcome),
        weight: isStrong(row.outcome) ? request.strongVerdictWeight : 1,
      };
    }
  }
  const ratings = onlineElo(matches(), index.size);
  // Elo has an absolute start (1000), so an anchor is a plain shift of every rating.
  const shift = anchor === null ? 0 : request.anchor!.rating - ratings[anchor];
  return {
    ratings: ratings.map((rating) => rating + shift),
    uncontrolled: null,
    intervals: null,
    baselineIntervals: null,
    intervalMethod: null,
    mleExists: true,
    problem: null,
    styleCoefficients: null,
  };
}

function requirePresent(models: ModelRef[], name: string, field: string): number {
  const position = models.findIndex((model) => model.name === name);
  if (position < 0) {
    throw new InvalidRequestError(`${field} must name a model with verdicts in this slice, but "${name.slice(0, 100)}" has none.`, field);
  }
  return position;
}

/** Maps database ids to the dense indices the rating functions work with. */
class ModelIndex {
  readonly ids: number[] = [];
  private readonly positions = new Map<number, number>();
  of(id: number): number {
    let position = this.positions.get(id);
    if (position === undefined) {
      position = this.ids.length;
      this.ids.push(id);
      this.positions.set(id, position);
    }
    return position;
  }
  get size(): number {
    return this.ids.length;
  }
}

function tally(rows: CountedOutcome[], index: ModelIndex) {
  const tallies = Array.from({ length: index.size }, () => ({ wins: 0, losses: 0, ties: 0, battles: 0 }));
  for (const row of rows) {
    const a = tallies[index.of(row.modelAId)];
    const b = tallies[index.of(row.modelBId)];
    a.battles += row.count;
    b.battles += row.count;
    if (isTie(row.outcome)) {
      a.ties += row.count;
      b.ties += row.count;
    } else if (scoreOfA(row.outcome) === 1) {
      a.wins += row.count;
      b.losses += row.count;
    } else {
      a.losses += row.count;
      b.wins += row.count;
    }
  }
  return tallies;
}

/** Every ordered pair of rated models: predicted from the ratings, empirical where they met. */
function winRateMatrix(cells: PairCell[], ratings: number[], models: ModelRef[], rows: CountedOutcome[], index: ModelIndex): WinRateCell[] {
  const met = new Map<string, number | null>();
  for (const pair of pairwiseWinRates(cells, ratings)) met.set(`${pair.model}:${pair.opponent}`, pair.empiricalWinRate);
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
  return matrix.sort((x, y) => x.modelA.name.localeCompare(y.modelA.name) || x.modelB.name.localeCompare(y.modelB.name));
}

/** Swap pairs need each verdict's judge and prompt, so this path groups finer than countOutcomes. */
async function countOutcomesUnderSwapPolicy(db: Database, filter: VerdictFilter, policy: SwapPolicy): Promise<CountedOutcome[]> {
  const swapGroups = new Map<string, PolicyVerdict[]>();
  for (const group of await judgedGroups(db, filter)) {
    const key = swapGroupKey(group);
    const list = swapGroups.get(key) ?? [];
    for (let i = 0; i < group.count; i += 1) list.push({ modelA: group.modelAId, modelB: group.modelBId, outcome: group.outcome, preferenceA: group.preferenceA });
    swapGroups.set(key, list);
  }
  const counts = new Map<string, CountedOutcome>();
  for (const verdict of applySwapPolicy(swapGroups.values(), policy)) {
    const key = `${verdict.modelA}:${verdict.modelB}:${verdict.outcome}:${verdict.preferenceA}`;
    const row = counts.get(key);
    if (row) row.count += 1;
    else counts.set(key, { modelAId: verdict.modelA, modelBId: verdict.modelB, outcome: verdict.outcome, preferenceA: verdict.preferenceA, count: 1 });
  }
  return [...counts.values()];
}

/** Style rows share models and outcome but differ in their answers' counts; others tie here. */
function compareStyles(x: CountedOutcome, y: CountedOutcome): number {
  const counts = (row: CountedOutcome) => ('styleA' in row ? [...(row as StyledCount).styleA, ...(row as StyledCount).styleB] : []);
  const [a, b] = [counts(x), counts(y)];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The same verdicts seen with the lower model index as A. */
function orientedByIndex(cell: VerdictForCells): VerdictForCells {
  if (cell.modelA < cell.modelB) return cell;
  const preferenceA = cell.preferenceA === null || cell.preferenceA === undefined ? cell.preferenceA : 1 - cell.preferenceA;
  return { modelA: cell.modelB, modelB: cell.modelA, outcome: swapLabel(cell.outcome), preferenceA, count: cell.count };
}

function once<T>(build: () => T): () => T {
  let value: { built: T } | null = null;
  return () => (value ??= { built: build() }).built;
}
