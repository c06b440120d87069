/**
 * `nextComparisons` (issue 22 §1): which comparisons a judge pipeline or a reviewer should do
 * next. The pairs come from the design in ratings/adaptive-design.ts over the slice's current
 * counts; this file picks the candidate models, fits nothing itself, and gives each pair a prompt:
 * one both models answered that the slice has not yet judged on this pair, else any prompt of the
 * slice. Everything random is drawn from `seed`, and every query is ordered, so the same input at
 * the same data version gives the same answer.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { PositionName } from '../domain/verdict-record';
import {
  createRandom,
  designOnBasis,
  type DesignObjective,
  type DesignReason,
  type DesignStrategy,
  type RandomSource,
} from '../ratings';
import { InvalidRequestError } from './errors';
import { resolveLeaderboardRequest, type LeaderboardRequest } from './leaderboard-request';
import { requireKnownSliceNames } from './slice-names';
import {
  boardDesignBasis,
  preparedBoard,
  type AppendedVerdicts,
  type Candidate,
} from './next-comparisons-board';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export const MAX_SUGGESTIONS = 1000;

export type ComparisonObjective = DesignObjective;

export interface NextComparisonsRequest {
  leaderboard: LeaderboardRequest;
  count: number;
  strategy?: DesignStrategy | null;
  seed?: number | null;
  objective?: DesignObjective | null;
}

export interface NextComparisonsOptions {
  /** Where the request's fields sit, for error paths; default `input`. */
  path?: string;
  /** Only comparisons of stored answers, each (prompt, pair) once (what a review queue holds). */
  requireAnswers?: boolean;
  /** The largest count accepted; default MAX_SUGGESTIONS (a queue plans up to its own bound). */
  maxCount?: number;
  /** What was appended since a kept board's version (the server's DataChangeHistory), so the board is carried forward instead of read again. */
  appends?: AppendedVerdicts | null;
}

export type SuggestionKind = DesignReason['kind'];

export interface SuggestedComparison {
  modelAId: number;
  modelBId: number;
  promptId: number | null;
  responseAId: number | null;
  responseBId: number | null;
  shownFirst: PositionName;
  kind: SuggestionKind;
  reason: string;
}

export interface Suggestions {
  comparisons: SuggestedComparison[];
  /**
   * Distinct (prompt, pair) comparisons with both answers stored among the candidates: counted
   * on request, since it intersects the prompts of every pair and only a queue short of items
   * needs it.
   */
  answeredComparisons: () => number;
}

export async function suggestComparisons(
  db: Database,
  request: NextComparisonsRequest,
  options: NextComparisonsOptions = {},
): Promise<Suggestions> {
  const path = options.path ?? 'input';
  const { count } = request;
  const maxCount = options.maxCount ?? MAX_SUGGESTIONS;
  if (!(Number.isInteger(count) && count >= 1 && count <= maxCount))
    throw new InvalidRequestError(
      `${path}.count must be a whole number from 1 to ${maxCount}, but got ${count}.`,
      `${path}.count`,
    );
  const seed = request.seed ?? 0;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    throw new InvalidRequestError(
      `${path}.seed must be a whole number from 0 to 4294967295, but got ${seed}.`,
      `${path}.seed`,
    );
  const board = resolveLeaderboardRequest(request.leaderboard);
  const { filter } = board;
  await requireKnownSliceNames(db, filter, `${path}.leaderboard`);

  const prepared = await preparedBoard(
    db,
    filter,
    board.strongVerdictWeight,
    options.appends ?? null,
  );
  const { candidates, answered } = prepared;
  if (candidates.length < 2)
    throw new InvalidRequestError(
      `${path}.leaderboard must leave at least two candidate models (named in models, in the slice's verdicts or answering its prompts), but it leaves ${candidates.length}.`,
      `${path}.leaderboard`,
    );
  const objective = request.objective ?? null;
  if (objective?.target === 'TOP_K' && !(objective.k >= 1 && objective.k <= candidates.length))
    throw new InvalidRequestError(
      `${path}.objective.k must be a whole number from 1 to the ${candidates.length} candidate models, but got ${objective.k}.`,
      `${path}.objective.k`,
    );

  const prompts = new PromptChooser(db, filter, answered, candidates, options.requireAnswers);
  const random = createRandom(seed);
  const design = designOnBasis(boardDesignBasis(prepared), {
    count,
    strategy: request.strategy ?? 'ADAPTIVE',
    random,
    objective: objective ?? undefined,
    pairCapacity: options.requireAnswers ? (i, j) => prompts.answeredCount(i, j) : undefined,
  });
  await prompts.loadJudged(design.pairs);
  const names = candidates.map((model) => model.name);
  const comparisons: SuggestedComparison[] = [];
  for (const pair of design.pairs) {
    const chosen = await prompts.choose(pair.modelA, pair.modelB, random);
    comparisons.push({
      modelAId: candidates[pair.modelA].id,
      modelBId: candidates[pair.modelB].id,
      promptId: chosen.promptId,
      responseAId: chosen.responseAId,
      responseBId: chosen.responseBId,
      shownFirst: random.nextFloat() < 0.5 ? 'A' : 'B',
      kind: pair.reason.kind,
      reason: `${describeReason(pair.reason, names, objective)}; ${chosen.why}`,
    });
  }
  return { comparisons, answeredComparisons: () => prompts.answeredTotal() };
}

interface ChosenPrompt {
  promptId: number | null;
  responseAId: number | null;
  responseBId: number | null;
  why: string;
}

/** Prompts for the designed pairs: both answered and unjudged first, then any of the slice. */
class PromptChooser {
  // Per unordered pair (pairKey), the prompts judged in the slice and those planned in this call.
  private readonly judged = new Map<number, Set<number>>();
  private readonly planned = new Map<number, Set<number>>();
  private readonly commonByPair = new Map<number, readonly number[]>();
  private slicePrompts: Promise<number[]> | null = null;

  constructor(
    private readonly db: Database,
    private readonly filter: VerdictFilter,
    /** Per candidate position: prompt id → response id (shared across calls: read only). */
    private readonly answered: readonly ReadonlyMap<number, number>[],
    private readonly candidates: readonly Candidate[],
    private readonly answersOnly = false,
  ) {}

  /**
   * Prompts both models of positions i and j answered, in id order; kept per pair for the call,
   * since a design of 100 comparisons often returns to the same pair (read only).
   */
  common(i: number, j: number): readonly number[] {
    const pair = this.pairKey(i, j);
    let prompts = this.commonByPair.get(pair);
    if (prompts === undefined) {
      const [small, large] = smallerFirst(this.answered[i], this.answered[j]);
      prompts = [...small.keys()].filter((prompt) => large.has(prompt)).sort((a, b) => a - b);
      this.commonByPair.set(pair, prompts);
    }
    return prompts;
  }

  /** How many prompts both answered, without keeping them (a queue asks this of every pair). */
  answeredCount(i: number, j: number): number {
    const kept = this.commonByPair.get(this.pairKey(i, j));
    if (kept !== undefined) return kept.length;
    const [small, large] = smallerFirst(this.answered[i], this.answered[j]);
    let count = 0;
    for (const prompt of small.keys()) if (large.has(prompt)) count += 1;
    return count;
  }

  answeredTotal(): number {
    let total = 0;
    for (let i = 0; i < this.candidates.length; i += 1)
      for (let j = i + 1; j < this.candidates.length; j += 1) total += this.answeredCount(i, j);
    return total;
  }

  /** A small integer per unordered pair of positions: a numeric key, no string per lookup. */
  private pairKey(i: number, j: number): number {
    return i < j ? i * this.candidates.length + j : j * this.candidates.length + i;
  }

  private promptsOf(sets: Map<number, Set<number>>, i: number, j: number): Set<number> {
    const pair = this.pairKey(i, j);
    let prompts = sets.get(pair);
    if (prompts === undefined) {
      prompts = new Set();
      sets.set(pair, prompts);
    }
    return prompts;
  }

  /** Which of the designed pairs' common prompts the slice has already judged (one query). */
  async loadJudged(pairs: readonly { modelA: number; modelB: number }[]): Promise<void> {
    const conditions: SQL[] = [];
    const seen = new Set<number>();
    for (const { modelA, modelB } of pairs) {
      const key = this.pairKey(modelA, modelB);
      if (seen.has(key)) continue;
      seen.add(key);
      const prompts = this.common(modelA, modelB);
      if (prompts.length === 0) continue;
      const [a, b] = [this.candidates[modelA].id, this.candidates[modelB].id];
      // Plain column equalities, not least()/greatest(): PostgreSQL can then AND the two model
      // indexes of each pair instead of scanning every verdict (at 1M verdicts, 10 pairs: 45 ms
      // instead of 250 ms).
      conditions.push(
        sql`((v.model_a_id = ${a} AND v.model_b_id = ${b} OR v.model_a_id = ${b} AND v.model_b_id = ${a}) AND v.prompt_id = ANY(${sql.param(prompts)}::int[]))`,
      );
    }
    if (conditions.length === 0) return;
    const position = new Map(this.candidates.map((model, i) => [model.id, i]));
    const rows = await queryRows<{ prompt_id: number; model_a_id: number; model_b_id: number }>(
      this.db,
      sql`SELECT DISTINCT v.prompt_id, v.model_a_id, v.model_b_id FROM verdicts v
          WHERE ${verdictFilterCondition(this.filter)} AND (${sql.join(conditions, sql` OR `)})`,
    );
    for (const row of rows) {
      const i = position.get(row.model_a_id);
      const j = position.get(row.model_b_id);
      if (i !== undefined && j !== undefined) this.promptsOf(this.judged, i, j).add(row.prompt_id);
    }
  }

  async choose(i: number, j: number, random: RandomSource): Promise<ChosenPrompt> {
    const planned = this.promptsOf(this.planned, i, j);
    const judged = this.judged.get(this.pairKey(i, j));
    const common =
      planned.size === 0 ? this.common(i, j) : this.common(i, j).filter((p) => !planned.has(p));
    const fresh = judged === undefined ? common : common.filter((p) => !judged.has(p));
    if (fresh.length > 0)
      return this.answer(
        pick(fresh, random),
        i,
        j,
        'a prompt both answered, not yet judged on this pair',
      );
    if (this.answersOnly)
      return this.answer(
        pick(common, random),
        i,
        j,
        'a prompt both answered, already judged on this pair',
      );
    const slice = await this.promptsOfSlice();
    if (slice.length === 0)
      return {
        promptId: null,
        responseAId: null,
        responseBId: null,
        why: 'the slice holds no prompt',
      };
    const unplanned = slice.filter((prompt) => !planned.has(prompt));
    return this.answer(
      pick(unplanned.length > 0 ? unplanned : slice, random),
      i,
      j,
      'no prompt both answered is left unjudged on this pair, so any prompt of the slice',
    );
  }

  private answer(promptId: number, i: number, j: number, why: string): ChosenPrompt {
    this.promptsOf(this.planned, i, j).add(promptId);
    return {
      promptId,
      responseAId: this.answered[i].get(promptId) ?? null,
      responseBId: this.answered[j].get(promptId) ?? null,
      why,
    };
  }

  /** The slice's prompts (its categories and tags), read once and only when needed. */
  private promptsOfSlice(): Promise<number[]> {
    this.slicePrompts ??= (async () => {
      const conditions: SQL[] = [sql`TRUE`];
      const { categories, tags } = this.filter;
      if (categories && categories.length > 0)
        conditions.push(sql`p.category = ANY(${sql.param(categories)}::text[])`);
      if (tags && tags.length > 0) conditions.push(sql`p.tags && ${sql.param(tags)}::text[]`);
      const rows = await queryRows<{ id: number }>(
        this.db,
        sql`SELECT p.id FROM prompts p WHERE ${sql.join(conditions, sql` AND `)} ORDER BY p.id`,
      );
      return rows.map((row) => row.id);
    })();
    return this.slicePrompts;
  }
}

/** Intersections walk the smaller map and probe the larger. */
function smallerFirst<M extends ReadonlyMap<number, number>>(a: M, b: M): [M, M] {
  return a.size <= b.size ? [a, b] : [b, a];
}

function pick<T>(items: readonly T[], random: RandomSource): T {
  return items[Math.floor(random.nextFloat() * items.length)];
}

const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

function describeReason(
  reason: DesignReason,
  names: readonly string[],
  objective: DesignObjective | null,
): string {
  switch (reason.kind) {
    case 'INFORMATION': {
      const target =
        objective?.target === 'TOP_K'
          ? `the variance of the ratings that may be in the top ${objective.k}`
          : "the ratings' summed variance";
      const share = reason.lossBefore > 0 ? reason.lossReduction / reason.lossBefore : 0;
      return `most informative pair: one verdict is expected to cut ${target} by ${percent(share)} (greedy A-optimal design on the current Bradley–Terry fit)`;
    }
    case 'PLACEMENT':
      return `placement match ${reason.match} of ${reason.of} for ${names[reason.model]}: an opponent at the ${Math.round(100 * reason.opponentQuantile)}th percentile of the measured ratings`;
    case 'EXPLORATION':
      return `exploration: a uniformly random pair (ε = ${reason.rate})`;
    case 'UNIFORM':
      return 'a uniformly random pair';
  }
}
