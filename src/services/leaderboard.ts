/**
 * Leaderboards over a slice of verdicts. Bradley–Terry reads SQL-aggregated
 * (model A, model B, outcome, preference) counts, so its cost grows with distinct cells, not
 * verdicts; online Elo needs the verdicts in time order and reads them in one pass. The parts:
 * leaderboard-request (knobs), leaderboard-swap-counts (swap policies), leaderboard-slice (models
 * and canonical order), leaderboard-bradley-terry, leaderboard-elo, leaderboard-win-rates.
 */
import type { Database } from '../db/client';
import {
  aggregateCells,
  expectedScore,
  rankByIntervals,
  rankByRating,
  type BradleyTerryOptions,
} from '../ratings';
import { compareCodePoints } from './code-point-order';
import {
  bradleyTerryRatings,
  orientedByIndex,
  styleControlledRatings,
} from './leaderboard-bradley-terry';
import { eloRatings } from './leaderboard-elo';
import { leaderboardFootprint } from './leaderboard-footprint';
import { resolveLeaderboardRequest, type LeaderboardRequest } from './leaderboard-request';
import { canonicalSlice, requirePresent, tally } from './leaderboard-slice';
import { countOutcomesUnderSwapPolicy } from './leaderboard-swap-counts';
import {
  NO_RATINGS,
  type Leaderboard,
  type LeaderboardEntry,
  type JointUncertainty,
  type LeaderboardRatings,
} from './leaderboard-types';
import { clusteredBradleyTerryRatings, clusteredCells } from './leaderboard-cluster-ratings';
import { countOutcomesByPrompt, sumOverPrompts } from './prompt-counts';
import { intervalReliability } from './interval-reliability';
import { winRateMatrix } from './leaderboard-win-rates';
import { readStyleVerdicts, type StyleVerdicts } from './style-verdicts';
import type { VerdictFilter } from './verdict-filter';
import { countOutcomes, modelsByIdsForRanking, type CountedOutcome } from './verdict-counts';

export type { LeaderboardRequest } from './leaderboard-request';
export type { Leaderboard, LeaderboardEntry, ModelRef, WinRateCell } from './leaderboard-types';

/** Where a leaderboard reads what it may share with others (LeaderboardCache passes a cache). */
export interface LeaderboardSources {
  styleVerdicts(db: Database, filter: VerdictFilter): Promise<StyleVerdicts>;
}

const DIRECT: LeaderboardSources = { styleVerdicts: readStyleVerdicts };

export async function computeLeaderboard(
  db: Database,
  request: LeaderboardRequest,
  sources: LeaderboardSources = DIRECT,
): Promise<Leaderboard> {
  const resolved = resolveLeaderboardRequest(request);
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
  const { index, models, rows: counted } = canonicalSlice(fetched, modelRows);
  const anchorIndex = resolved.anchor
    ? requirePresent(models, resolved.anchor.model, 'input.anchor.model')
    : null;
  const baselineIndex = resolved.baseline
    ? requirePresent(models, resolved.baseline, 'input.baseline')
    : null;
  const verdictCells = counted.map((row) => ({
    modelA: index.of(row.modelAId),
    modelB: index.of(row.modelBId),
    outcome: row.outcome,
    preferenceA: row.preferenceA,
    count: row.count,
  }));
  // One orientation per pair, so (A, B, s) and (B, A, 1 − s) share a cell: half the cells to resample.
  const cells = aggregateCells(verdictCells.map(orientedByIndex), {
    strongVerdictWeight: resolved.strongVerdictWeight,
  });
  const anchor =
    anchorIndex === null || resolved.anchor === null
      ? null
      : { model: anchorIndex, rating: resolved.anchor.rating };
  const fitOptions: BradleyTerryOptions = {
    anchor: anchor ?? undefined,
    regularization: resolved.regularization,
    modelLabel: (model) => JSON.stringify(models[model].name),
  };

  let rated: LeaderboardRatings;
  if (models.length === 0)
    rated = { ...NO_RATINGS, intervalUnavailableReason: 'the slice has no verdicts to rate' };
  else if (resolved.method === 'ELO') rated = await eloRatings(db, resolved, index, anchor);
  else if (styled) {
    const rows = styled.rows(index, resolved.strongVerdictWeight);
    rated = styleControlledRatings(rows, cells, resolved, fitOptions, baselineIndex);
  } else if (byPrompt && (resolved.intervalMethod === 'SANDWICH' || resolved.bootstrapRounds > 0)) {
    const clustered = clusteredCells(byPrompt, index, resolved.strongVerdictWeight);
    rated = clusteredBradleyTerryRatings(
      clustered,
      models.length,
      resolved,
      fitOptions,
      baselineIndex,
    );
  } else rated = bradleyTerryRatings(cells, models.length, resolved, fitOptions, baselineIndex);

  const tallies = tally(counted, index);
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
    ...tallies[i],
    ...intervalReliability(tallies[i].battles, Boolean(rated.intervals?.[i]), rated.mleExists),
  }));
  entries.sort((a, b) => b.rating - a.rating || compareCodePoints(a.model.name, b.model.name));

  return {
    method: resolved.method,
    swapPolicy: resolved.swapPolicy,
    clusterBy: resolved.clusterBy,
    clusterCount: byPrompt && new Set(byPrompt.map((row) => row.promptId)).size,
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
    intervalUnavailableReason: rated.intervalUnavailableReason,
    entries,
    footprintBytes: leaderboardFootprint({
      models: models.length,
      nameCharacters: models.reduce((sum, model) => sum + model.name.length, 0),
      coefficients: rated.styleCoefficients?.length ?? 0,
      retainedRows: cells.length + counted.length + jointSize(rated.joint ?? null) / 8,
      problemCharacters:
        (rated.problem?.length ?? 0) + (rated.intervalUnavailableReason?.length ?? 0),
    }),
    winRates: once(() => winRateMatrix(cells, rated.ratings, models, counted, index)),
    jointUncertainty: () => rated.joint ?? null,
    modelIndexOf: (modelId) => {
      const position = models.findIndex((model) => model.id === modelId);
      return position < 0 ? undefined : position;
    },
  };
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
