/**
 * Models rated apart (DESIGN.md §6): a model or group without a finite Bradley–Terry estimate is
 * kept out of the fit and the centring, so the rest of the board is exactly what it would be
 * without it, and listed with its record, the reason and a one-sided bound on its rating.
 */
import {
  lowerBoundWithoutLosses,
  separateUnratedModels,
  upperBoundWithoutWins,
  type ApartReason,
  type BoundOpponent,
  type PairCell,
} from '../ratings';
import { canonicalSlice, tally, type ModelIndex } from './leaderboard-slice';
import type { ModelRef, RatedApartEntry } from './leaderboard-types';
import type { CountedOutcome } from './verdict-counts';

export interface SliceSeparation<Row extends CountedOutcome> {
  /** The slice with only the rated models' verdicts among themselves, in canonical order. */
  rated: { index: ModelIndex; models: ModelRef[]; rows: Row[] };
  /** Ids of the models rated apart, and why (indices of the whole slice). */
  apart: { model: ModelRef; reason: ApartReason; wholeIndex: number }[];
  /** True when no group of models could be rated at all. */
  nothingRated: boolean;
}

const EXPLANATIONS: Record<ApartReason, string> = {
  NEVER_WON: 'never won (nor tied) a verdict in this slice',
  NEVER_LOST: 'never lost (nor tied) a verdict in this slice',
  BELOW_RATED_GROUP:
    'never beat a rated model, directly or through the models it beat, so its rating has no lower limit',
  ABOVE_RATED_GROUP:
    'never lost to a rated model, directly or through the models that beat it, so its rating has no upper limit',
  NOT_CONNECTED: 'no chain of verdicts links it both ways to the rated models',
  NO_RATED_GROUP: 'no group of models in this slice has both won and lost against each other',
};

/**
 * Splits a slice into the models a plain fit can rate (the most-battled strongly connected
 * component of the win graph) and the rest. Nothing is split with an explicit regularization
 * (the penalised estimate always exists) or for online Elo (which the caller does not pass here).
 */
export function separateSlice<Row extends CountedOutcome>(
  whole: { index: ModelIndex; models: ModelRef[]; rows: Row[] },
  wholeCells: readonly PairCell[],
  modelRows: ReadonlyMap<number, ModelRef>,
): SliceSeparation<Row> {
  const separation = separateUnratedModels(wholeCells, whole.models.length);
  if (separation.apart.length === 0) return { rated: whole, apart: [], nothingRated: false };
  const kept = new Set(whole.models.filter((_, i) => separation.rated[i]).map((m) => m.id));
  const rated = canonicalSlice(
    whole.rows.filter((row) => kept.has(row.modelAId) && kept.has(row.modelBId)),
    new Map([...modelRows].filter(([id]) => kept.has(id))),
  );
  return {
    rated,
    apart: separation.apart.map(({ model, reason }) => ({
      model: whole.models[model],
      reason,
      wholeIndex: model,
    })),
    nothingRated: kept.size === 0,
  };
}

/** The listed entries: record, reason and the one-sided bound against the rated models' ratings. */
export function ratedApartEntries<Row extends CountedOutcome>(
  separation: SliceSeparation<Row>,
  whole: { index: ModelIndex; rows: Row[] },
  wholeCells: readonly PairCell[],
  ratingById: ReadonlyMap<number, number>,
  confidenceLevel: number,
): RatedApartEntry[] {
  const tallies = tally(whole.rows, whole.index);
  const idOf = (position: number) => whole.index.ids[position];
  return separation.apart.map(({ model, reason, wholeIndex }) => {
    const losses: BoundOpponent[] = [];
    const wins: BoundOpponent[] = [];
    for (const cell of wholeCells) {
      const side = cell.modelA === wholeIndex ? 'A' : cell.modelB === wholeIndex ? 'B' : null;
      if (side === null || !(cell.count > 0)) continue;
      const opponent = ratingById.get(idOf(side === 'A' ? cell.modelB : cell.modelA));
      if (opponent === undefined) continue;
      // Against a rated model every verdict goes one way (a tie would join it to the group).
      const scored = side === 'A' ? cell.score : 1 - cell.score;
      (scored >= 1 ? wins : losses).push({ rating: opponent, count: cell.count });
    }
    const bound = oneSidedBound(wins, losses, confidenceLevel, separation.nothingRated);
    return {
      model,
      reason,
      explanation: EXPLANATIONS[reason],
      ...tallies[wholeIndex],
      ...bound,
    };
  });
}

function oneSidedBound(
  wins: BoundOpponent[],
  losses: BoundOpponent[],
  confidenceLevel: number,
  nothingRated: boolean,
): Pick<RatedApartEntry, 'ratingUpperBound' | 'ratingLowerBound' | 'boundUnavailableReason'> {
  const none = { ratingUpperBound: null, ratingLowerBound: null };
  if (nothingRated)
    return {
      ...none,
      boundUnavailableReason: 'no model could be rated, so there is no scale to bound it on',
    };
  if (losses.length > 0 && wins.length === 0)
    return {
      ...none,
      ratingUpperBound: upperBoundWithoutWins(losses, confidenceLevel),
      boundUnavailableReason: null,
    };
  if (wins.length > 0 && losses.length === 0)
    return {
      ...none,
      ratingLowerBound: lowerBoundWithoutLosses(wins, confidenceLevel),
      boundUnavailableReason: null,
    };
  return {
    ...none,
    boundUnavailableReason: 'it never met a rated model, so only its group could be bounded',
  };
}

/** The note in Leaderboard.problem, so a reader of the board alone still learns of them. */
export function ratedApartProblem(
  apart: readonly { model: ModelRef; reason: ApartReason }[],
  nothingRated: boolean,
): string {
  const named = apart
    .slice(0, 10)
    .map(
      ({ model, reason }) => `${JSON.stringify(model.name.slice(0, 100))} ${EXPLANATIONS[reason]}`,
    )
    .join('; ');
  const more = apart.length > 10 ? `; and ${apart.length - 10} more` : '';
  if (nothingRated)
    return (
      'no finite maximum-likelihood estimate: no group of models in this slice has both won and lost ' +
      `against each other, so no model is rated; every model is listed in ratedApart (${named}${more})`
    );
  return (
    `${apart.length} ${apart.length === 1 ? 'model has' : 'models have'} no finite maximum-likelihood ` +
    `estimate and ${apart.length === 1 ? 'is' : 'are'} rated apart, out of the fit and the centring ` +
    `(see ratedApart): ${named}${more}`
  );
}
