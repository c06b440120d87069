/**
 * What `nextComparisons` reads of a slice before it designs anything: the candidate models, the
 * pair cells of their verdicts and, per candidate, its stored answers by prompt; and, made from
 * them once, the design's fit. At 100 models and 1M verdicts building these took about 225 ms of a
 * 450 ms call (profiled for issue 22 §1), though they change only with the data, so they are kept
 * per slice across data versions: a judge's write of a few verdicts costs reading those verdicts,
 * not the slice's counts again (the answer maps live longer still: answersByCandidate). The
 * design, the prompts' judged state and the random draws stay per call.
 */
import type { Database } from '../db/client';
import {
  aggregateCells,
  canonicalCells,
  designBasis,
  withCanonicalCells,
  type DesignBasis,
  type PairCell,
  type VerdictForCells,
} from '../ratings';
import { candidateAnswers } from './uniform-comparisons';
import type { CandidateAnswer } from '../ratings/uniform-design';
import type { DataChangeHistory } from './data-change-history';
import { readDataVersion } from './verdict-count-maintenance';
import {
  countOutcomes,
  countOutcomesWithVersion,
  modelIdsByNames,
  modelsByIdsForRanking,
  type CountedOutcome,
} from './verdict-counts';
import type { VerdictFilter } from './verdict-filter';

export interface Candidate {
  id: number;
  name: string;
}

export interface PreparedBoard {
  /** The data version the cells are exactly at. */
  version: number;
  /** In id order; positions index `cells` and `answered`. */
  candidates: readonly Candidate[];
  /** In canonical order (canonicalCells), so a board extended by appends equals a fresh read. */
  cells: readonly PairCell[];
  /** Per candidate position: prompt id → the response shown for it. Read only. */
  answered: readonly ReadonlyMap<number, number>[];
  /** The answer list `answered` was built from (candidateAnswers keeps one per answers version). */
  answers: readonly CandidateAnswer[];
}

/** What tells a kept board which verdicts were appended since (the server's DataChangeHistory). */
export type AppendedVerdicts = Pick<DataChangeHistory, 'appendedBetween'>;

/** Counts of board reads by kind, for the tests that check which path a call took. */
export const boardReads = { full: 0, extended: 0 };

/** Drops the boards kept for `db`, so the next call reads afresh (tests compare the two paths). */
export function forgetPreparedBoards(db: Database): void {
  boardCaches.delete(db);
}

/**
 * The board of a slice at the current data version. With `appends`, a kept board of an older
 * version is carried forward when only verdicts were appended since: it counts just those (one
 * verdict costs an indexed read of one row instead of the slice's outcome counts) and merges their
 * cells in. Any other write (a correction, a deletion, a new category, answers or models) or an
 * unknown version reads the board afresh, and so does every call without `appends`.
 */
export async function preparedBoard(
  db: Database,
  filter: VerdictFilter,
  strongVerdictWeight: number,
  appends: AppendedVerdicts | null = null,
): Promise<PreparedBoard> {
  // Any write moves the data version, so a kept board is never older than the data it answers.
  const version = await readDataVersion(db);
  const key = JSON.stringify([filter, strongVerdictWeight]);
  let boards = boardCaches.get(db);
  if (boards === undefined) {
    boards = new Map();
    boardCaches.set(db, boards);
  }
  const held = boards.get(key);
  if (held !== undefined && held.version >= version) {
    boards.delete(key);
    boards.set(key, held);
    return held.board;
  }
  const board =
    held !== undefined && appends !== null && !filter.ids
      ? extendBoard(db, filter, strongVerdictWeight, held.board, version, appends)
      : readBoard(db, filter, strongVerdictWeight);
  const entry = { version, board };
  const kept = boards;
  // A failed read is not kept; a few slices are (least recently used out first).
  void board.catch(() => {
    if (kept.get(key) === entry) kept.delete(key);
  });
  boards.delete(key);
  boards.set(key, entry);
  if (boards.size > CACHED_BOARDS) boards.delete(boards.keys().next().value as string);
  return board;
}

/**
 * The design's fit and information for a board (designBasis), made once per set of cells: a
 * board carried to a new version by a write that changed none of its cells keeps it too.
 */
export function boardDesignBasis(board: PreparedBoard): DesignBasis {
  let basis = designBases.get(board.cells);
  if (basis === undefined) {
    basis = designBasis(board.cells, board.candidates.length);
    designBases.set(board.cells, basis);
  }
  return basis;
}

const designBases = new WeakMap<readonly PairCell[], DesignBasis>();

const CACHED_BOARDS = 8;
/** Appended verdicts above this many are read with the whole slice instead. */
const MAX_APPENDED = 20_000;
const boardCaches = new WeakMap<
  object,
  Map<string, { version: number; board: Promise<PreparedBoard> }>
>();

async function readBoard(
  db: Database,
  filter: VerdictFilter,
  strongVerdictWeight: number,
): Promise<PreparedBoard> {
  boardReads.full += 1;
  // Two reads on two connections where the driver has a pool (PostgreSQL); PGlite queues them.
  const [{ version, counted }, answers] = await Promise.all([
    countOutcomesWithVersion(db, filter),
    candidateAnswers(db, filter),
  ]);
  const candidates = await candidateModels(db, filter, counted, answers);
  const position = new Map(candidates.map((model, at) => [model.id, at]));
  const cells = canonicalCells(
    aggregateCells(candidateVerdicts(counted, position), { strongVerdictWeight }),
  );
  const answered = answersByCandidate(answers, candidates, position);
  return { version, candidates, cells, answered, answers };
}

/**
 * `held` carried to `version`: its cells plus those of the verdicts appended since its own version,
 * when that is all that changed and the candidates and answers are the same; else a fresh read.
 */
async function extendBoard(
  db: Database,
  filter: VerdictFilter,
  strongVerdictWeight: number,
  held: Promise<PreparedBoard>,
  version: number,
  appends: AppendedVerdicts,
): Promise<PreparedBoard> {
  const base = await held.catch(() => null);
  const ids = base && (await appends.appendedBetween(base.version, version));
  if (!base || !ids || ids.length > MAX_APPENDED) return readBoard(db, filter, strongVerdictWeight);
  const [added, answers] = await Promise.all([
    ids.length > 0 ? countOutcomes(db, { ...filter, ids }, 'verdicts') : [],
    candidateAnswers(db, filter),
  ]);
  const position = new Map(base.candidates.map((model, at) => [model.id, at]));
  const newcomer = added.some((row) => !position.has(row.modelAId) || !position.has(row.modelBId));
  // Any write of answers, prompts or models gives a new answer list (candidateAnswers).
  if (newcomer || answers !== base.answers) return readBoard(db, filter, strongVerdictWeight);
  boardReads.extended += 1;
  const appended = aggregateCells(candidateVerdicts(added, position), { strongVerdictWeight });
  const cells = appended.length > 0 ? withCanonicalCells(base.cells, appended) : base.cells;
  return { ...base, version, cells };
}

function* candidateVerdicts(
  counted: readonly CountedOutcome[],
  position: ReadonlyMap<number, number>,
): Generator<VerdictForCells> {
  for (const row of counted) {
    const modelA = position.get(row.modelAId);
    const modelB = position.get(row.modelBId);
    if (modelA !== undefined && modelB !== undefined)
      yield {
        modelA,
        modelB,
        outcome: row.outcome,
        preferenceA: row.preferenceA,
        count: row.count,
      };
  }
}

/**
 * Per candidate position, its answers by prompt. The answers outlive data versions in which only
 * verdicts were added (candidateAnswers), and so do these maps, as long as the candidates are the
 * same: a write of one verdict then costs the outcome counts, not ~120k map entries again.
 */
function answersByCandidate(
  answers: readonly CandidateAnswer[],
  candidates: readonly Candidate[],
  position: ReadonlyMap<number, number>,
): readonly ReadonlyMap<number, number>[] {
  const candidateIds = candidates.map((model) => model.id).join(',');
  const kept = answerMaps.get(answers);
  if (kept !== undefined && kept.candidateIds === candidateIds) return kept.answered;
  const answered = candidates.map(() => new Map<number, number>());
  for (const answer of answers) {
    const at = position.get(answer.modelId);
    if (at !== undefined) answered[at].set(answer.promptId, answer.responseId);
  }
  answerMaps.set(answers, { candidateIds, answered });
  return answered;
}

/** Keyed by the answer list itself, so the maps go when candidateAnswers lets the list go. */
const answerMaps = new WeakMap<
  readonly CandidateAnswer[],
  { candidateIds: string; answered: readonly ReadonlyMap<number, number>[] }
>();

/**
 * The models named in the slice (with or without verdicts), else every model with a verdict in
 * the slice or an answer to one of its prompts; in id order.
 */
async function candidateModels(
  db: Database,
  filter: VerdictFilter,
  counted: readonly { modelAId: number; modelBId: number }[],
  answers: readonly CandidateAnswer[],
): Promise<Candidate[]> {
  let ids: number[];
  if (filter.models && filter.models.length > 0) {
    ids = [...(await modelIdsByNames(db, filter.models)).values()];
  } else {
    const seen = new Set(answeringModels(answers));
    for (const row of counted) seen.add(row.modelAId).add(row.modelBId);
    ids = [...seen];
  }
  const rows = await modelsByIdsForRanking(db, ids);
  return [...rows.values()]
    .map((row) => ({ id: row.id, name: row.name }))
    .sort((a, b) => a.id - b.id);
}

/** The models with a stored answer, kept per answer list like answerMaps (~120k answers at 1M). */
function answeringModels(answers: readonly CandidateAnswer[]): ReadonlySet<number> {
  let ids = answeringModelIds.get(answers);
  if (ids === undefined) {
    const seen = new Set<number>();
    for (const answer of answers) seen.add(answer.modelId);
    ids = seen;
    answeringModelIds.set(answers, ids);
  }
  return ids;
}

const answeringModelIds = new WeakMap<readonly CandidateAnswer[], ReadonlySet<number>>();
