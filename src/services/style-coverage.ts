/**
 * What a style-controlled leaderboard covers: style control fits only the verdicts whose two
 * answers are stored (with their style counts), so the board says how many of the slice's
 * verdicts those are, and an anchor or baseline missing from them is refused with that cause.
 */
import { excerpt } from '../domain/excerpt';
import type { Database } from '../db/client';
import { InvalidRequestError } from './errors';
import type { ModelRef } from './leaderboard-types';
import type { StyleVerdicts } from './style-verdicts';
import type { VerdictFilter } from './verdict-filter';
import { countOutcomes, modelsByIdsForRanking } from './verdict-counts';

export interface StyleCoverage {
  /** Verdicts of the slice with both answers' style counts: the ones style control fits. */
  verdictsWithStyle: number;
  verdictsInSlice: number;
}

export function styleCoverage(styled: StyleVerdicts): StyleCoverage {
  return { verdictsWithStyle: styled.size, verdictsInSlice: styled.verdictsInSlice };
}

/** Said wherever a style-controlled board is short of verdicts. */
export function describeStyleCoverage(coverage: StyleCoverage): string {
  return `style control uses only verdicts whose two answers are stored with their style counts: ${coverage.verdictsWithStyle} of the slice's ${coverage.verdictsInSlice} verdicts`;
}

/** Why a style-controlled board has no ratings, when the slice itself has verdicts. */
export function emptyStyledReason(coverage: StyleCoverage): string | null {
  return coverage.verdictsInSlice > 0 && coverage.verdictsWithStyle === 0
    ? `the slice has ${coverage.verdictsInSlice} verdicts, but none has both answers stored, and ${describeStyleCoverage(coverage)}`
    : null;
}

/**
 * The position of the model named by an anchor or baseline among the style-controlled models.
 * When it is missing only because its verdicts lack answers, the error says so.
 */
export async function requireStyledModel(
  db: Database,
  filter: VerdictFilter,
  models: ModelRef[],
  coverage: StyleCoverage,
  name: string,
  field: string,
): Promise<number> {
  const position = models.findIndex((model) => model.name === name);
  if (position >= 0) return position;
  const inSlice = await modelsByIdsForRanking(db, [
    ...new Set((await countOutcomes(db, filter)).flatMap((row) => [row.modelAId, row.modelBId])),
  ]);
  const shown = excerpt(name);
  if ([...inSlice.values()].some((model) => model.name === name)) {
    throw new InvalidRequestError(
      `${field} must name a model that style control can rate, but ${shown} has no verdict in this slice with both answers stored (${describeStyleCoverage(coverage)}). Import the answers, or turn style control off.`,
      field,
    );
  }
  throw new InvalidRequestError(
    `${field} must name a model with verdicts in this slice, but ${shown} has none.`,
    field,
  );
}
