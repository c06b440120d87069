/**
 * The slice's models and counts in a canonical order: models by name (code-point order), rows by
 * model indices, outcome and preference. The bootstrap's draws, and so the intervals, then
 * depend on the data alone, not on how the database happened to store or group them.
 */
import { isTie, scoreOfA } from '../ratings/outcomes';
import { compareCodePoints } from './code-point-order';
import { InvalidRequestError } from './errors';
import type { ModelRef } from './leaderboard-types';
import type { CountedOutcome } from './verdict-counts';
import { excerpt } from '../domain/excerpt';

/** Maps database ids to the dense indices the rating functions work with. */
export class ModelIndex {
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
  has(id: number): boolean {
    return this.positions.has(id);
  }
  get size(): number {
    return this.ids.length;
  }
}

/** The models by name and the rows sorted over their indices. */
export function canonicalSlice<Row extends CountedOutcome>(
  rows: readonly Row[],
  modelRows: ReadonlyMap<number, ModelRef>,
): { index: ModelIndex; models: ModelRef[]; rows: Row[] } {
  const index = new ModelIndex();
  const byName = [...modelRows.values()].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const model of byName) index.of(model.id);
  const sorted = rows
    .map((row) => ({ row, a: index.of(row.modelAId), b: index.of(row.modelBId) }))
    .sort(
      (x, y) =>
        x.a - y.a ||
        x.b - y.b ||
        compareCodePoints(x.row.outcome, y.row.outcome) ||
        (x.row.preferenceA ?? -1) - (y.row.preferenceA ?? -1),
    )
    .map(({ row }) => row);
  return { index, models: byName, rows: sorted };
}

export function requirePresent(models: ModelRef[], name: string, field: string): number {
  const position = models.findIndex((model) => model.name === name);
  if (position < 0) {
    throw new InvalidRequestError(
      `${field} must name a model with verdicts in this slice, but ${excerpt(name)} has none.`,
      field,
    );
  }
  return position;
}

/** Wins, losses, ties and battles per dense model index. */
export function tally(rows: readonly CountedOutcome[], index: ModelIndex) {
  const tallies = Array.from({ length: index.size }, () => ({
    wins: 0,
    losses: 0,
    ties: 0,
    battles: 0,
  }));
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
