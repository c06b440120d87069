/**
 * Leaderboards over a slice of verdicts. Bradley–Terry reads SQL-aggregated
 * (model A, model B, outcome, preference) counts, so its cost grows with distinct cells, not
 * verdicts; online Elo needs the verdicts in time order and reads them in one pass. The parts:
 * leaderboard-request (knobs), leaderboard-swap-counts (swap policies), leaderboard-slice (models
 * and canonical order), leaderboard-bradley-terry, leaderboard-elo, leaderboard-win-rates.
 */
import { excerpt } from '../domain/excerpt';
import type { Database } from '../db/client';
import {
  aggregateCells,
  expectedScore,
  rankByIntervals,
  rankByRating,
  type PairCell,
} from '../ratings';
import { compareCodePoints } from './code-point-order';
import { orientedByIndex } from './leaderboard-bradley-terry';
import { eloRatings } from './leaderboard-elo';
import { leaderboardFootprint } from './leaderboard-footprint';
import { resolveLeaderboardRequest, type LeaderboardRequest } from './leaderboard-request';
import {
  ratedApartEntries,
  ratedApartProblem,
  separateSlice,
  type SliceSeparation,
} from './leaderboard-rated-apart';
import { canonicalSlice, requirePresent, tally, type ModelIndex } from './leaderboard-slice';
import { InvalidRequestError } from './errors';
import { requireKnownSliceNames } from './slice-names';
import { countOutcomesUnderSwapPolicy } from './leaderboard-swap-counts';
import {
  NO_RATINGS,
  type Leaderboard,
  type LeaderboardEntry,
  type JointUncertainty,
  type LeaderboardRatings,
} from './leaderboard-types';
import { clusteredCells } from './leaderboard-cluster-ratings';
import { IN_PROCESS_RATINGS, type FitSettings, type RatingRunner } from './rating-task';
import { countOutcomesByPrompt, sumOverPrompts } from './prompt-counts';
import { intervalReliability } from './interval-reliability';
import { winRateMatrix } from './leaderboard-win-rates';
import { readStyleVerdicts, type StyleVerdicts } from './style-verdicts';
import { emptyStyledReason, requireStyledModel, styleCoverage } from './style-coverage';
import type { VerdictFilter } from './verdict-filter';
import { countOutcomes, modelsByIdsForRanking, type CountedOutcome } from './verdict-counts';

export type { LeaderboardRequest } from './leaderboard-request';
export type {
  Leaderboard,
  LeaderboardEntry,
  ModelRef,
  RatedApartEntry,
  WinRateCell,
} from './leaderboard-types';

/** Where a leaderboard reads what it may share with others (LeaderboardCache passes a cache). */
export interface LeaderboardSources {
  styleVerdicts(db: Database, filter: VerdictFilter): Promise<StyleVerdicts>;
  /** Where the fit and its intervals run: this thread, or the server's worker threads. */
  ratings: RatingRunner;
}

const DIRECT: LeaderboardSources = {
  styleVerdicts: readStyleVerdicts,
  ratings: IN_PROCESS_RATINGS,
};

export async function computeLeaderboard(
  db: Database,
  request: LeaderboardRequest,
  sources: LeaderboardSources = DIRECT,
): Promise<Leaderboard> {
  const resolved = resolveLeaderboardRequest(request);
  await requireKnownSliceNames(db, resolved.filter, 'input', {
    baseline: resolved.baseline,
    anchor: resolved.anchor?.model,
  });
  // Style control compares like with like: only verdicts whose two answers are stored take part.
  const styled =
    resolved.styleControl && resolved.method !== 'ELO'
      ? await sources.styleVerdicts(db, resolved.filter)
      : null;
  const byPrompt =
    resolved.clusterBy === 'PROMPT' ? await countOutcomesByPrompt(db, resolved.filter) : null;
  const fetched: CountedOutcome[] =
    styled?.counts() ??
    (byPrompt && sumOverPrompts(byPrompt)) ??
    (resolved.swapPolicy !== 'KEEP_BOTH'
      ? await countOutcomesUnderSwapPolicy(db, resolved.filter, resolved.swapPolicy)
      : await countOutcomes(db, resolved.filter));
  const modelRows = await modelsByIdsForRanking(db, [
    ...new Set(fetched.flatMap((row) => [row.modelAId, row.modelBId])),
  ]);
  const whole = canonicalSlice(fetched, modelRows);
  const wholeCells = sliceCells(whole, resolved.strongVerdictWeight);
  // A plain fit rates only the models it can (leaderboard-rated-apart.ts); an explicit ridge makes
  // every estimate finite, and online Elo always has a number, so both keep everyone.
  const separation =
    resolved.method !== 'ELO' && resolved.regularization === 0
      ? separateSlice(whole, wholeCells, modelRows)
      : { rated: whole, apart: [], nothingRated: false };
  const { index, models, rows: counted } = separation.rated;
  const cells =
    separation.apart.length > 0
      ? sliceCells(separation.rated, resolved.strongVerdictWeight)
      : wholeCells;
  const coverage = styled ? styleCoverage(styled) : null;
  const modelPosition = (name: string, field: string): number | Promise<number> =>
    requireRated(separation.apart, name, field, () =>
      coverage === null
        ? requirePresent(models, name, field)
        : requireStyledModel(db, resolved.filter, models, coverage, name, field),
    );
  const anchorIndex = resolved.anchor
    ? await modelPosition(resolved.anchor.model, 'input.anchor.model')
    : null;
  const baselineIndex = resolved.baseline
    ? await modelPosition(resolved.baseline, 'input.baseline')
    : null;
  const anchor =
    anchorIndex === null || resolved.anchor === null
      ? null
      : { model: anchorIndex, rating: resolved.anchor.rating };
  const fit: FitSettings = {
    anchor,
    regularization: resolved.regularization,
    modelNames: models.map((model) => model.name),
  };
  const common = { request: resolved, fit, baseline: baselineIndex };

  let rated: LeaderboardRatings;
  if (separation.nothingRated)
    rated = {
      ...NO_RATINGS,
      mleExists: false,
      intervalUnavailableReason: 'no model could be rated (see ratedApart)',
    };
  else if (models.length === 0)
    rated = {
      ...NO_RATINGS,
      intervalUnavailableReason:
        (coverage && emptyStyledReason(coverage)) ?? 'the slice has no verdicts to rate',
    };
  else if (resolved.method === 'ELO') rated = await eloRatings(db, resolved, index, anchor);
  else if (styled) {
    const rows = styled.rows(index, resolved.strongVerdictWeight);
    rated = await sources.ratings.run({ ...common, kind: 'style-controlled', rows, cells });
  } else if (
    byPrompt &&
    (resolved.intervalMethod !== 'BOOTSTRAP' || resolved.bootstrapRounds > 0)
  ) {
    // Only the rated models' verdicts: those rated apart stay out of the clustered fit too.
    const ratedIds = new Set(models.map((model) => model.id));
    const clustered = clusteredCells(
      byPrompt.filter((row) => ratedIds.has(row.modelAId) && ratedIds.has(row.modelBId)),
      index,
      resolved.strongVerdictWeight,
    );
    rated = await sources.ratings.run({
      ...common,
      kind: 'clustered',
      cells: clustered,
      modelCount: models.length,
    });
  } else
    rated = await sources.ratings.run({
      ...common,
      kind: 'plain',
      cells,
      modelCount: models.length,
    });

  // Each model's record counts every verdict of the slice, those against models rated apart too.
  const tallies = tally(whole.rows, whole.index);
  const ranks = rated.intervals ? rankByIntervals(rated.intervals) : rankByRating(rated.ratings);
  const uncontrolledRanks =
    rated.uncontrolled === null
      ? null
      : rated.uncontrolledIntervals
        ? rankByIntervals(rated.uncontrolledIntervals)
        : rankByRating(rated.uncontrolled);
  const baselineRating = baselineIndex === null ? null : rated.ratings[baselineIndex];
  const entries: LeaderboardEntry[] = models.map((model, i) => ({
    rank: ranks[i],
    model,
    rating: rated.ratings[i],
    uncontrolledRating: rated.uncontrolled?.[i] ?? null,
    rankDelta: uncontrolledRanks === null ? null : uncontrolledRanks[i] - ranks[i],
    ciLower: rated.intervals?.[i]?.lower ?? null,
    ciUpper: rated.intervals?.[i]?.upper ?? null,
    winRateVsBaseline:
      baselineRating === null ? null : 100 * expectedScore(rated.ratings[i], baselineRating),
    winRateVsBaselineLower: rated.baselineIntervals?.[i]?.lower ?? null,
    winRateVsBaselineUpper: rated.baselineIntervals?.[i]?.upper ?? null,
    ...tallies[whole.index.of(model.id)],
    ...intervalReliability(
      tallies[whole.index.of(model.id)].battles,
      Boolean(rated.intervals?.[i]),
      rated.mleExists,
    ),
  }));
  entries.sort((a, b) => b.rating - a.rating || compareCodePoints(a.model.name, b.model.name));
  const ratedApart = ratedApartEntries(
    separation,
    whole,
    wholeCells,
    new Map(entries.map((entry) => [entry.model.id, entry.rating])),
    resolved.confidenceLevel,
  );
  const problem =
    separation.apart.length > 0
      ? ratedApartProblem(separation.apart, separation.nothingRated)
      : rated.problem;

  return {
    method: resolved.method,
    swapPolicy: resolved.swapPolicy,
    clusterBy: resolved.clusterBy,
    clusterCount: byPrompt && new Set(byPrompt.map((row) => row.promptId)).size,
    verdictCount: whole.rows.reduce((sum, row) => sum + row.count, 0),
    modelCount: whole.models.length,
    mleExists: rated.mleExists,
    problem,
    anchor: resolved.anchor,
    baseline: resolved.baseline,
    intervalMethod: rated.intervalMethod,
    bootstrapRounds: rated.intervalMethod === 'BOOTSTRAP' ? resolved.bootstrapRounds : 0,
    seed: resolved.seed,
    confidenceLevel: resolved.confidenceLevel,
    styleCoefficients: rated.styleCoefficients,
    styleCoverage: coverage,
    intervalUnavailableReason: rated.intervalUnavailableReason,
    entries,
    ratedApart,
    footprintBytes: leaderboardFootprint({
      models: whole.models.length,
      nameCharacters: models.reduce((sum, model) => sum + model.name.length, 0),
      coefficients: rated.styleCoefficients?.length ?? 0,
      retainedRows: cells.length + counted.length + jointSize(rated.joint ?? null) / 8,
      problemCharacters: (problem?.length ?? 0) + (rated.intervalUnavailableReason?.length ?? 0),
    }),
    winRates: once(() => winRateMatrix(cells, rated.ratings, models, counted, index)),
    jointUncertainty: () => rated.joint ?? null,
    modelIndexOf: (modelId) => {
      const position = models.findIndex((model) => model.id === modelId);
      return position < 0 ? undefined : position;
    },
  };
}

/** One orientation per pair, so (A, B, s) and (B, A, 1 − s) share a cell: half the cells to resample. */
function sliceCells(
  slice: { index: ModelIndex; rows: readonly CountedOutcome[] },
  strongVerdictWeight: number,
): PairCell[] {
  const verdictCells = slice.rows.map((row) => ({
    modelA: slice.index.of(row.modelAId),
    modelB: slice.index.of(row.modelBId),
    outcome: row.outcome,
    preferenceA: row.preferenceA,
    count: row.count,
  }));
  return aggregateCells(verdictCells.map(orientedByIndex), { strongVerdictWeight });
}

/** The dense index of a named anchor or baseline, which must be among the rated models. */
function requireRated(
  apart: SliceSeparation<CountedOutcome>['apart'],
  name: string,
  field: string,
  locate: () => number | Promise<number>,
): number | Promise<number> {
  const apartModel = apart.find(({ model }) => model.name === name);
  if (apartModel) {
    throw new InvalidRequestError(
      `${field} must name a rated model, but ${excerpt(name)} is rated apart: it has no ` +
        `finite estimate in this slice (reason ${apartModel.reason}). Choose a rated model, or pass ` +
        'regularization to rate every model.',
      field,
    );
  }
  return locate();
}

/** Numbers the joint uncertainty keeps alive (a covariance or the bootstrap's rounds). */
function jointSize(joint: JointUncertainty | null): number {
  if (joint === null) return 0;
  const matrix = 'covariance' in joint ? joint.covariance : joint.roundRatings;
  return matrix.length * (matrix[0]?.length ?? 0);
}

function once<T>(build: () => T): () => T {
  let value: { built: T } | null = null;
  return () => (value ??= { built: build() }).built;
}
