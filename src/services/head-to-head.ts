/**
 * Two models' record against each other over a slice: counts by outcome seen from the first
 * model's side, the empirical win rate, and the win rate the slice's Bradley–Terry fit predicts.
 */
import { sql } from 'drizzle-orm';
import { requireKnownSliceNames } from './slice-names';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { expectedScore } from '../ratings';
import { OUTCOME_LABELS, type OutcomeLabel } from '../domain/outcome-labels';
import { isTie, scoreOfA, swapLabel } from '../ratings/outcomes';
import { InvalidRequestError } from './errors';
import { computeLeaderboard } from './leaderboard';
import { modelIdsByNames } from './verdict-counts';
import { pairCondition, verdictFilterCondition, type VerdictFilter } from './verdict-filter';
import { mustGet } from '../domain/invariant';
import { excerpt } from '../domain/excerpt';

export interface HeadToHead {
  modelAId: number;
  modelBId: number;
  filter: VerdictFilter;
  verdictCount: number;
  /** Every label, with A standing for the first model named. */
  outcomes: { outcome: OutcomeLabel; count: number }[];
  wins: number;
  losses: number;
  ties: number;
  empiricalWinRate: number | null;
  predictedWinRate: number | null;
}

export async function headToHead(
  db: Database,
  modelA: string,
  modelB: string,
  filter: VerdictFilter,
): Promise<HeadToHead> {
  if (modelA === modelB)
    throw new InvalidRequestError(
      'modelA and modelB must be two different models, but both name the same one.',
      'modelB',
    );
  await requireKnownSliceNames(db, filter, 'filter');
  const ids = await modelIdsByNames(db, [modelA, modelB]);
  for (const [name, field] of [
    [modelA, 'modelA'],
    [modelB, 'modelB'],
  ] as const) {
    if (!ids.has(name))
      throw new InvalidRequestError(
        `${field} must name a stored model, but ${excerpt(name)} is unknown.`,
        field,
        'NOT_FOUND',
      );
  }
  const [a, b] = [mustGet(ids, modelA, 'model id'), mustGet(ids, modelB, 'model id')];
  const rows = await queryRows<{ a_first: boolean; outcome: OutcomeLabel; n: string }>(
    db,
    sql`
    SELECT v.model_a_id = ${a} AS a_first, v.outcome, count(*) AS n
    FROM verdicts v
    WHERE ${verdictFilterCondition(filter)} AND ${pairCondition(a, b)}
    GROUP BY 1, 2`,
  );
  const counts = new Map<OutcomeLabel, number>(OUTCOME_LABELS.map((label) => [label, 0]));
  for (const row of rows) {
    const label = row.a_first ? row.outcome : swapLabel(row.outcome);
    counts.set(label, mustGet(counts, label, 'outcome count') + Number(row.n));
  }
  const outcomes = OUTCOME_LABELS.map((outcome) => ({
    outcome,
    count: mustGet(counts, outcome, 'outcome count'),
  }));
  const wins = outcomes
    .filter((o) => !isTie(o.outcome) && scoreOfA(o.outcome) === 1)
    .reduce((sum, o) => sum + o.count, 0);
  const losses = outcomes
    .filter((o) => scoreOfA(o.outcome) === 0)
    .reduce((sum, o) => sum + o.count, 0);
  const ties = outcomes.filter((o) => isTie(o.outcome)).reduce((sum, o) => sum + o.count, 0);

  const board = await computeLeaderboard(db, { filter, bootstrapRounds: 0 });
  const ratingOf = (id: number) => board.entries.find((entry) => entry.model.id === id)?.rating;
  const [ratingA, ratingB] = [ratingOf(a), ratingOf(b)];
  return {
    modelAId: a,
    modelBId: b,
    filter,
    verdictCount: wins + losses + ties,
    outcomes,
    wins,
    losses,
    ties,
    empiricalWinRate: wins + losses > 0 ? (100 * wins) / (wins + losses) : null,
    predictedWinRate:
      ratingA === undefined || ratingB === undefined ? null : 100 * expectedScore(ratingA, ratingB),
  };
}
