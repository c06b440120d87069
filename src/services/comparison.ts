/**
 * A decision between two models over a slice: their rating difference with an interval from the
 * leaderboard's joint uncertainty (never from two separate intervals), P(A preferred to B), a
 * decision against an optional margin, and how many more verdicts would decide an open case.
 */
import { excerpt } from '../domain/excerpt';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import {
  decide,
  DEFAULT_POWER,
  differenceFromCovariance,
  differenceFromRounds,
  probabilityFromDifference,
  sampleGrowthToDecide,
  type Decision,
  type RatingDifference,
} from '../ratings';
import { InvalidRequestError } from './errors';
import type { Leaderboard } from './leaderboard-types';
import { LEADERBOARD_DEFAULTS, type LeaderboardRequest } from './leaderboard-request';
import { modelIdsByNames } from './verdict-counts';
import { pairCondition, verdictFilterCondition } from './verdict-filter';

export interface ComparisonRequest {
  modelA: string;
  modelB: string;
  leaderboard: LeaderboardRequest;
  /** Non-inferiority margin in Elo points; default 0. */
  margin?: number | null;
  /** Level of the two-sided interval of the difference; default the leaderboard's, else 0.95. */
  level?: number | null;
}

export interface Comparison {
  modelAId: number;
  modelBId: number;
  /** Verdicts between the two in the slice, either way round. */
  verdicts: number;
  /** Verdicts in the whole slice: the fit (and so the difference) uses all of them. */
  sliceVerdicts: number;
  ratingDifference: RatingDifference;
  /** P(A ≻ B) in [0, 1] with the difference's interval mapped through the logistic. */
  probabilityABetter: { value: number; lower: number; upper: number };
  decision: Decision;
  margin: number;
  level: number;
  /** More verdicts (same design) for DEFAULT_POWER of deciding; 0 when decided, null when no number helps. */
  additionalVerdicts: number | null;
  /** What additionalVerdicts assumes, or why it is null. */
  additionalVerdictsNote: string;
  board: Leaderboard;
}

const MAX_MARGIN = 1000;

/** Parses the knobs the leaderboard does not have, and the board request at the chosen level. */
export function resolveComparisonRequest(request: ComparisonRequest): {
  margin: number;
  level: number;
  boardRequest: LeaderboardRequest;
} {
  if (request.modelA === request.modelB)
    throw new InvalidRequestError(
      'modelA and modelB must be two different models, but both name the same one.',
      'input.modelB',
    );
  const margin = request.margin ?? 0;
  if (!(Number.isFinite(margin) && margin >= 0 && margin <= MAX_MARGIN))
    throw new InvalidRequestError(
      `margin must be a number of Elo points from 0 to ${MAX_MARGIN}, but got ${margin}.`,
      'input.margin',
    );
  const boardLevel = request.leaderboard.confidenceLevel;
  const level = request.level ?? boardLevel ?? LEADERBOARD_DEFAULTS.confidenceLevel;
  if (!(Number.isFinite(level) && level >= 0.5 && level < 1))
    throw new InvalidRequestError(
      `level must be at least 0.5 and below 1 (e.g. 0.95), but got ${level}.`,
      'input.level',
    );
  if (boardLevel !== null && boardLevel !== undefined && boardLevel !== level)
    throw new InvalidRequestError(
      `level (${level}) and leaderboard.confidenceLevel (${boardLevel}) disagree; give one of them.`,
      'input.level',
    );
  const board = request.leaderboard;
  // A profile interval is one quantity's; the difference's own profile would need a refit of the
  // slice per pair, which the board does not keep (leaderboard-bradley-terry.ts, profileRatings).
  if (board.intervalMethod === 'PROFILE')
    throw new InvalidRequestError(
      'a comparison takes leaderboard.intervalMethod SANDWICH (CR3 by prompt) or BOOTSTRAP, whose joint uncertainty gives the difference its interval; PROFILE intervals are per rating only.',
      'input.leaderboard.intervalMethod',
    );
  // By prompt unless asked otherwise or impossible: with repeated prompts only the prompt-level
  // intervals held 94–96% coverage and kept false BETTER decisions under α (README, bench suites
  // coverage-realistic and decision). There is no published figure to keep here.
  const clusterBy =
    board.clusterBy ??
    (board.method !== 'ELO' &&
    !board.styleControl &&
    (board.swapPolicy ?? 'KEEP_BOTH') === 'KEEP_BOTH'
      ? 'PROMPT'
      : 'VERDICT');
  return { margin, level, boardRequest: { ...board, confidenceLevel: level, clusterBy } };
}

export async function compareModels(
  db: Database,
  request: ComparisonRequest,
  leaderboard: (request: LeaderboardRequest) => Promise<Leaderboard>,
): Promise<Comparison> {
  const { margin, level, boardRequest } = resolveComparisonRequest(request);
  const ids = await modelIdsByNames(db, [request.modelA, request.modelB]);
  const idOf = (name: string, field: string): number => {
    const id = ids.get(name);
    if (id === undefined)
      throw new InvalidRequestError(
        `${field} must name a stored model, but ${excerpt(name)} is unknown.`,
        field,
      );
    return id;
  };
  const a = idOf(request.modelA, 'input.modelA');
  const b = idOf(request.modelB, 'input.modelB');
  const board = await leaderboard(boardRequest);
  const indexOf = (id: number, name: string, field: string): number => {
    const index = board.modelIndexOf(id);
    if (index === undefined)
      throw new InvalidRequestError(
        `${field} must name a model with verdicts in this slice, but ${excerpt(name)} has none.`,
        field,
      );
    return index;
  };
  const indexA = indexOf(a, request.modelA, 'input.modelA');
  const indexB = indexOf(b, request.modelB, 'input.modelB');
  const joint = board.jointUncertainty();
  if (joint === null)
    throw new InvalidRequestError(
      `a comparison needs the ratings' joint uncertainty, but this leaderboard has none (${board.intervalUnavailableReason ?? 'no intervals'}).`,
      'input.leaderboard',
    );
  const ratings = ratingsByIndex(board, indexA, indexB);
  const ratingDifference =
    'covariance' in joint
      ? differenceFromCovariance(ratings, joint.covariance, indexA, indexB, level)
      : differenceFromRounds(
          ratings,
          joint.roundRatings,
          indexA,
          indexB,
          level,
          joint.quantileMethod,
        );
  const decision = decide(ratingDifference, margin);
  const growth = sampleGrowthToDecide(ratingDifference, margin, level);
  return {
    modelAId: a,
    modelBId: b,
    verdicts: await verdictsBetween(db, boardRequest, a, b),
    sliceVerdicts: board.verdictCount,
    ratingDifference,
    probabilityABetter: probabilityFromDifference(ratingDifference),
    decision,
    margin,
    level,
    additionalVerdicts:
      growth === null ? null : Math.ceil((growth - 1) * board.verdictCount - 1e-9),
    additionalVerdictsNote:
      decision !== 'INCONCLUSIVE'
        ? 'decided: no more verdicts needed'
        : growth === null
          ? 'the estimate sits on the decision threshold, so no number of verdicts is expected to decide it'
          : `verdicts to add to the slice for ${100 * DEFAULT_POWER}% power, assuming the true difference equals the estimate and new verdicts keep the slice's design (pairs, verdicts per prompt), so the standard error shrinks as 1/√n`,
    board,
  };
}

/** The board's ratings by dense index (the entries are sorted best first). */
function ratingsByIndex(board: Leaderboard, ...wanted: number[]): number[] {
  const ratings = new Array<number>(board.modelCount).fill(Number.NaN);
  for (const entry of board.entries) {
    const index = board.modelIndexOf(entry.model.id);
    if (index !== undefined && wanted.includes(index)) ratings[index] = entry.rating;
  }
  return ratings;
}

async function verdictsBetween(
  db: Database,
  request: LeaderboardRequest,
  a: number,
  b: number,
): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*) AS n FROM verdicts v
    WHERE ${verdictFilterCondition(request.filter)} AND ${pairCondition(a, b)}`,
  );
  return Number(row?.n ?? 0);
}
