/**
 * A leaderboard's rating step as data: the fit and its intervals over counts already read, with
 * nothing but numbers, strings and typed arrays in it, so that it can run in a worker thread
 * (rating-workers.ts) as well as in this one and give the same answer either way.
 */
import { isArrayBuffer } from 'node:util/types';
import type { ClusteredCell, PairCell, StyleRows } from '../ratings';
import { clusteredBradleyTerryRatings } from './leaderboard-cluster-ratings';
import { bradleyTerryRatings, styleControlledRatings } from './leaderboard-bradley-terry';
import type { ResolvedLeaderboardRequest } from './leaderboard-request';
import type { LeaderboardRatings } from './leaderboard-types';

/** BradleyTerryOptions without its function: `problem` texts name models by these names. */
export interface FitSettings {
  anchor: { model: number; rating: number } | null;
  regularization: number;
  modelNames: string[];
}

interface TaskCommon {
  request: ResolvedLeaderboardRequest;
  fit: FitSettings;
  baseline: number | null;
}

export type RatingTask =
  | (TaskCommon & { kind: 'plain'; cells: PairCell[]; modelCount: number })
  | (TaskCommon & { kind: 'style-controlled'; rows: StyleRows; cells: PairCell[] })
  | (TaskCommon & { kind: 'clustered'; cells: ClusteredCell[]; modelCount: number });

/**
 * Runs a rating task (what a leaderboard spends its CPU on): in-process or in a worker. The task
 * is the runner's from then on: a worker is handed a style task's row arrays (see
 * transferredBuffers), so the caller must not read them after `run`.
 */
export interface RatingRunner {
  run(task: RatingTask): Promise<LeaderboardRatings>;
}

/**
 * The buffers a worker is handed rather than sent a copy of: a style task's rows, built for the
 * task alone (StyleVerdicts.rows). Copying them cost ~100–135 ms at 1M rows (64 MB) per request,
 * and the copy was garbage as soon as the fit ended.
 */
export function transferredBuffers(task: RatingTask): ArrayBuffer[] {
  if (task.kind !== 'style-controlled') return [];
  const { rowCount, featureCount, modelA, modelB, score, count, weight, differences } = task.rows;
  // A handed-over array reads as empty here, and a message naming it in its transfer list is
  // dropped without an error (Node 20), so the task would wait forever: refuse it instead.
  const perRow = [modelA, modelB, score, count, weight];
  const lengths = perRow.map((array) => array.length);
  if (
    lengths.some((length) => length !== rowCount) ||
    differences.length !== rowCount * featureCount
  )
    throw new RangeError(
      `a style task's rows must hold ${rowCount} rows (${rowCount * featureCount} style differences), but its arrays hold ${lengths.join(', ')} and ${differences.length}: they were handed to a worker already (build them for each task)`,
    );
  const buffers = new Set<ArrayBufferLike>([...perRow, differences].map((array) => array.buffer));
  // Not `instanceof`: that is false for an ArrayBuffer of another realm (a vm context, as in Jest).
  return [...buffers].filter((buffer): buffer is ArrayBuffer => isArrayBuffer(buffer));
}

export function runRatingTask(task: RatingTask): LeaderboardRatings {
  const { fit, request, baseline } = task;
  const options = {
    anchor: fit.anchor ?? undefined,
    regularization: fit.regularization,
    modelLabel: (model: number) => JSON.stringify(fit.modelNames[model]),
  };
  switch (task.kind) {
    case 'plain':
      return bradleyTerryRatings(task.cells, task.modelCount, request, options, baseline);
    case 'style-controlled':
      return styleControlledRatings(task.rows, task.cells, request, options, baseline);
    case 'clustered':
      return clusteredBradleyTerryRatings(task.cells, task.modelCount, request, options, baseline);
  }
}

/** The runner for CLI commands and benches: this thread, one task at a time as asked. */
export const IN_PROCESS_RATINGS: RatingRunner = {
  run: (task) => Promise.resolve().then(() => runRatingTask(task)),
};
