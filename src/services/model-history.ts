/**
 * One model's place on a leaderboard as of each day or week: the Bradley–Terry board with
 * sandwich intervals over every verdict of the slice up to each cut-off (ratings/rating-history.ts).
 *
 * Cost: one read of the slice, grouped in SQL by (period, model A, model B, outcome, preference),
 * so what crosses the wire grows with periods × distinct cells, not verdicts; then per cut-off
 * one warm-started Newton fit and one sandwich covariance (O(models³) each). No bootstrap: a
 * hundred refits per cut-off would multiply the cost by a hundred.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { OutcomeLabel } from '../domain/outcome-labels';
import { aggregateCells, ratingHistory, type PairCell, type VerdictForCells } from '../ratings';
import { compareCodePoints } from './code-point-order';
import { InvalidRequestError, LimitExceededError } from './errors';
import { orientedByIndex } from './leaderboard-bradley-terry';
import { resolveLeaderboardRequest, type LeaderboardRequest } from './leaderboard-request';
import { requirePresent } from './leaderboard-slice';
import type { ModelRef } from './leaderboard-types';
import { requireKnownSliceNames } from './slice-names';
import { verdictFilterCondition } from './verdict-filter';
import { modelsByIdsForRanking } from './verdict-counts';

export type HistoryInterval = 'DAY' | 'WEEK';

/** Cut-offs one request may ask for: about a year and a half of days, ten years of weeks. */
export const MAX_HISTORY_CUT_OFFS = 500;

/** Same residual correction as the leaderboard's sandwich, so the last cut-off matches it. */
const SANDWICH_CORRECTION = 'HC3';

export interface ModelHistoryRequest {
  model: string;
  leaderboard: LeaderboardRequest;
  interval: HistoryInterval;
}

export interface ModelHistoryPoint {
  /** Start of the period (UTC midnight; weeks start on Monday, as in ISO 8601). */
  periodStart: Date;
  /** End of the period: the board counts the verdicts before this instant. */
  cutOff: Date;
  rating: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  rank: number | null;
  /** Models rated at this cut-off (what the rank is out of). */
  ratedModels: number;
  /** Verdicts of this model up to the cut-off. */
  battles: number;
  /** Verdicts of the slice up to the cut-off. */
  verdicts: number;
  unavailableReason: string | null;
}

export interface ModelHistory {
  model: ModelRef;
  interval: HistoryInterval;
  confidenceLevel: number;
  points: ModelHistoryPoint[];
}

interface PeriodRow {
  period_start: string;
  model_a_id: number;
  model_b_id: number;
  outcome: OutcomeLabel;
  preference_a: number | null;
  n: string;
}

const PERIOD_UNIT: Record<HistoryInterval, ReturnType<typeof sql.raw>> = {
  DAY: sql.raw(`'day'`),
  WEEK: sql.raw(`'week'`),
};
const PERIOD_MS: Record<HistoryInterval, number> = { DAY: 86_400_000, WEEK: 7 * 86_400_000 };

export async function computeModelHistory(
  db: Database,
  request: ModelHistoryRequest,
): Promise<ModelHistory> {
  checkSupported(request.leaderboard);
  const resolved = resolveLeaderboardRequest(request.leaderboard);
  await requireKnownSliceNames(db, { model: request.model }, () => 'input.model');
  await requireKnownSliceNames(db, resolved.filter, 'input.leaderboard', {
    anchor: resolved.anchor?.model,
  });
  const rows = await queryRows<PeriodRow>(
    db,
    sql`
    SELECT (extract(epoch FROM date_trunc(${PERIOD_UNIT[request.interval]}, v.created_at AT TIME ZONE 'UTC')) * 1000)::bigint AS period_start,
           v.model_a_id, v.model_b_id, v.outcome, v.preference_a, count(*) AS n
    FROM verdicts v WHERE ${verdictFilterCondition(resolved.filter)}
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1`,
  );
  const starts = [...new Set(rows.map((row) => Number(row.period_start)))];
  if (starts.length > MAX_HISTORY_CUT_OFFS) {
    throw new LimitExceededError(
      `A model history may have at most ${MAX_HISTORY_CUT_OFFS} cut-offs, but this slice has ` +
        `verdicts in ${starts.length} ${request.interval === 'DAY' ? 'days' : 'weeks'}; ask for ` +
        'WEEK, or narrow the slice with since and until.',
      'historyCutOffs',
      MAX_HISTORY_CUT_OFFS,
      starts.length,
    );
  }
  const modelRows = await modelsByIdsForRanking(db, [
    ...new Set(rows.flatMap((row) => [row.model_a_id, row.model_b_id])),
  ]);
  const models = [...modelRows.values()].sort((a, b) => compareCodePoints(a.name, b.name));
  const position = new Map(models.map((model, index) => [model.id, index]));
  const target = requirePresent(models, request.model, 'input.model');
  const anchor = resolved.anchor && {
    model: requirePresent(models, resolved.anchor.model, 'input.leaderboard.anchor.model'),
    rating: resolved.anchor.rating,
  };

  const periodOf = new Map(starts.map((start, period) => [start, period]));
  const verdictsByPeriod = starts.map((): VerdictForCells[] => []);
  for (const row of rows) {
    verdictsByPeriod[periodOf.get(Number(row.period_start)) as number].push(
      orientedByIndex({
        modelA: position.get(row.model_a_id) as number,
        modelB: position.get(row.model_b_id) as number,
        outcome: row.outcome,
        preferenceA: row.preference_a,
        count: Number(row.n),
      }),
    );
  }
  const periods: PairCell[][] = verdictsByPeriod.map((verdicts) =>
    aggregateCells(verdicts, { strongVerdictWeight: resolved.strongVerdictWeight }),
  );
  const history = ratingHistory(periods, models.length, {
    anchor: anchor ?? undefined,
    regularization: resolved.regularization,
    confidenceLevel: resolved.confidenceLevel,
    correction: SANDWICH_CORRECTION,
    modelLabel: (model) => models[model].name,
  });

  let verdicts = 0;
  const points = history.map((point, period): ModelHistoryPoint => {
    verdicts += periods[period].reduce((sum, cell) => sum + cell.count, 0);
    const rating = point.ratings[target];
    const interval = point.intervals[target];
    const rated = Number.isFinite(rating);
    return {
      periodStart: new Date(starts[period]),
      cutOff: new Date(starts[period] + PERIOD_MS[request.interval]),
      rating: rated ? rating : null,
      ciLower: interval?.lower ?? null,
      ciUpper: interval?.upper ?? null,
      rank: Number.isFinite(point.ranks[target]) ? point.ranks[target] : null,
      ratedModels: point.ranks.filter(Number.isFinite).length,
      battles: point.battles[target],
      verdicts,
      unavailableReason:
        point.problem ??
        (rated ? null : `${models[target].name} has no verdict in the slice yet at this cut-off`),
    };
  });
  return {
    model: models[target],
    interval: request.interval,
    confidenceLevel: resolved.confidenceLevel,
    points,
  };
}

/** The history is plain Bradley–Terry with sandwich intervals; other boards would cost a refit per round. */
function checkSupported(request: LeaderboardRequest): void {
  const refuse = (field: string, asked: string) => {
    throw new InvalidRequestError(
      `A model history is a plain Bradley–Terry board with sandwich intervals, but ${field} asks for ${asked}; leave it out.`,
      `input.leaderboard.${field}`,
    );
  };
  if (request.method === 'ELO') refuse('method', 'online Elo');
  if (request.intervalMethod === 'BOOTSTRAP') refuse('intervalMethod', 'bootstrap intervals');
  if (request.styleControl) refuse('styleControl', 'style control');
  if (request.swapPolicy && request.swapPolicy !== 'KEEP_BOTH')
    refuse('swapPolicy', `swapPolicy ${request.swapPolicy}`);
  if (request.clusterBy === 'PROMPT') refuse('clusterBy', 'prompt clusters');
  if (request.baseline) refuse('baseline', 'win rates against a baseline');
}
