/**
 * Leaderboards over a slice of verdicts. Bradley–Terry reads aggregated
 * (model A, model B, outcome, preference) counts computed by SQL `GROUP BY`, so its cost grows
 * with distinct cells, not verdicts; online Elo needs the verdicts in time order and streams them.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { aggregateCells, fitBradleyTerry, onlineElo, type PairCell } from '../ratings';
import { isTie, scoreOfA, type OutcomeLabel } from '../ratings/outcomes';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export type RankingMethod = 'ELO' | 'BRADLEY_TERRY';

export interface LeaderboardRequest {
  method: RankingMethod;
  filter: VerdictFilter;
  strongVerdictWeight?: number;
}

export interface LeaderboardEntry {
  rank: number;
  model: { id: number; name: string };
  rating: number;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
}

export interface Leaderboard {
  method: RankingMethod;
  verdictCount: number;
  modelCount: number;
  mleExists: boolean;
  problem: string | null;
  entries: LeaderboardEntry[];
}

interface CountRow {
  model_a_id: number;
  model_b_id: number;
  outcome: OutcomeLabel;
  preference_a: number | null;
  verdicts: string | number;
}

export async function computeLeaderboard(db: Database, request: LeaderboardRequest): Promise<Leaderboard> {
  const where = verdictFilterCondition(request.filter);
  const rows = await queryRows<CountRow>(db, sql`
    SELECT v.model_a_id, v.model_b_id, v.outcome, v.preference_a, count(*) AS verdicts
    FROM verdicts v WHERE ${where}
    GROUP BY v.model_a_id, v.model_b_id, v.outcome, v.preference_a`);
  const index = new ModelIndex();
  const counted = rows.map((row) => ({
    modelA: index.of(row.model_a_id),
    modelB: index.of(row.model_b_id),
    outcome: row.outcome,
    preferenceA: row.preference_a,
    count: Number(row.verdicts),
  }));
  const names = await modelNames(db, index.ids);
  const tallies = tally(counted, index.size);
  const verdictCount = counted.reduce((sum, row) => sum + row.count, 0);

  let ratings: number[];
  let mleExists = true;
  let problem: string | null = null;
  if (request.method === 'ELO') {
    ratings = await eloRatings(db, request, index);
  } else {
    const cells: PairCell[] = aggregateCells(counted, { strongVerdictWeight: request.strongVerdictWeight ?? 1 });
    const fit = fitBradleyTerry(cells, index.size);
    ratings = fit.ratings;
    mleExists = fit.mleExists;
    problem = fit.problem === null ? null : replaceModelIndices(fit.problem, index.ids.map((id) => names.get(id)!));
  }

  const entries = index.ids.map((id, i) => ({
    rank: 0,
    model: { id, name: names.get(id)! },
    rating: ratings[i],
    ...tallies[i],
  }));
  entries.sort((a, b) => b.rating - a.rating || a.model.name.localeCompare(b.model.name));
  entries.forEach((entry) => {
    entry.rank = 1 + entries.filter((other) => other.rating > entry.rating).length;
  });
  return { method: request.method, verdictCount, modelCount: entries.length, mleExists, problem, entries };
}

async function eloRatings(db: Database, request: LeaderboardRequest, index: ModelIndex): Promise<number[]> {
  const rows = await queryRows<Omit<CountRow, 'verdicts'>>(db, sql`
    SELECT v.model_a_id, v.model_b_id, v.outcome, v.preference_a
    FROM verdicts v WHERE ${verdictFilterCondition(request.filter)}
    ORDER BY v.created_at, v.id`);
  const strongWeight = request.strongVerdictWeight ?? 1;
  return onlineElo(
    rows.map((row) => ({
      modelA: index.of(row.model_a_id),
      modelB: index.of(row.model_b_id),
      score: row.preference_a ?? scoreOfA(row.outcome),
      weight: row.outcome === 'A>>B' || row.outcome === 'B>>A' ? strongWeight : 1,
    })),
    index.size,
  );
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

async function modelNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(db, sql`
    SELECT id, name FROM models WHERE id = ANY(${sql.param(ids)}::int[])`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

function tally(rows: { modelA: number; modelB: number; outcome: OutcomeLabel; count: number }[], size: number) {
  const tallies = Array.from({ length: size }, () => ({ wins: 0, losses: 0, ties: 0, battles: 0 }));
  for (const row of rows) {
    const a = tallies[row.modelA];
    const b = tallies[row.modelB];
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

/** The rating library names models by index (`model #3`); users want names. */
function replaceModelIndices(text: string, names: string[]): string {
  return text.replace(/model #(\d+)/g, (whole, digits: string) => names[Number(digits)] ?? whole);
}
