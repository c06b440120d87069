/**
 * What `nextComparisons` reads of a slice before it designs anything: the candidate models, the
 * pair cells of their verdicts and, per candidate, its stored answers by prompt. At 100 models
 * and 1M verdicts building these took about 225 ms of a 450 ms call (profiled for issue 22 §1),
 * though they change only with the data, so they are kept per data version and slice (the answer
 * maps longer: answersByCandidate); the design, the prompts' judged state and the random draws
 * stay per call.
 */
import type { Database } from '../db/client';
import { aggregateCells, type PairCell, type VerdictForCells } from '../ratings';
import { candidateAnswers } from './uniform-comparisons';
import type { CandidateAnswer } from '../ratings/uniform-design';
import { readDataVersion } from './verdict-count-maintenance';
import {
  countOutcomes,
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
  /** In id order; positions index `cells` and `answered`. */
  candidates: readonly Candidate[];
  cells: readonly PairCell[];
  /** Per candidate position: prompt id → the response shown for it. Read only. */
  answered: readonly ReadonlyMap<number, number>[];
}

export async function preparedBoard(
  db: Database,
  filter: VerdictFilter,
  strongVerdictWeight: number,
): Promise<PreparedBoard> {
  // Any write moves the data version, so a kept board is never older than the data it answers.
  const version = await readDataVersion(db);
  const key = JSON.stringify([filter, strongVerdictWeight]);
  let cache = boardCaches.get(db);
  if (cache === undefined || cache.version !== version) {
    cache = { version, byKey: new Map() };
    boardCaches.set(db, cache);
  }
  let board = cache.byKey.get(key);
  if (board === undefined) {
    board = readBoard(db, filter, strongVerdictWeight);
    // A failed read is not kept; a few slices per version are (oldest out first).
    void board.catch(() => cache.byKey.delete(key));
    cache.byKey.set(key, board);
    if (cache.byKey.size > CACHED_BOARDS)
      cache.byKey.delete(cache.byKey.keys().next().value as string);
  }
  return board;
}

const CACHED_BOARDS = 8;
const boardCaches = new WeakMap<
  object,
  { version: number; byKey: Map<string, Promise<PreparedBoard>> }
>();

async function readBoard(
  db: Database,
  filter: VerdictFilter,
  strongVerdictWeight: number,
): Promise<PreparedBoard> {
  // Two reads on two connections where the driver has a pool (PostgreSQL); PGlite queues them.
  const [counted, answers] = await Promise.all([
    countOutcomes(db, filter),
    candidateAnswers(db, filter),
  ]);
  const candidates = await candidateModels(db, filter, counted, answers);
  const position = new Map(candidates.map((model, at) => [model.id, at]));
  const cells = aggregateCells(candidateVerdicts(counted, position), { strongVerdictWeight });
  return { candidates, cells, answered: answersByCandidate(answers, candidates, position) };
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
