/**
 * Per-request state, built once per HTTP request: the database, fresh DataLoaders and the data
 * version (read once, when first needed), plus the caches this server process shares.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/client';
import type { Principal } from '../services/api-keys';
import type { DataChanges } from '../services/data-changes';
import type { DataVersionReader } from '../services/data-version';
import type { FreshnessReader } from '../services/freshness';
import { countJudgeKinds, type JudgeKindCount } from '../services/judge-kind-counts';
import type { VerdictFilter } from '../services/verdict-filter';
import type { LeaderboardCache } from '../services/leaderboard-cache';
import type { ModelStatsCache } from '../services/model-stats-cache';
import {
  judgesByIds,
  modelsByIds,
  promptsByIds,
  responsesByIds,
  verdictsByIds,
  type JudgeRow,
  type ModelRow,
  type ModelStats,
  type PromptRow,
  type ResponseRow,
  type VerdictRow,
} from '../services/catalog';
import { reviewItemsByIds, reviewQueuesByIds, type ReviewItemRow } from '../services/review-items';
import { progressOfQueues, type QueueProgress } from '../services/review-progress';
import type { QueueRow } from '../services/review-queues';
import { asInstances } from './common/instance';
import { ReadyLoader } from './common/ready-loader';
import { loadGrouped } from './common/load-grouped';
import { matchesOfPrompts, type PromptMatches } from '../services/prompt-search';
import {
  battlesOfPrompts,
  judgeIdsOfPrompts,
  type PromptBattles,
} from '../services/prompt-battles';
import { Judge } from './judge/judge.type';
import { Model } from './model/model.type';
import { Prompt } from './prompt/prompt.type';
import { Response } from './response/response.type';
import { Verdict } from './verdict/verdict.type';

export interface Loaders {
  // The rows nested in a verdict page answer in the same tick once loaded (common/ready-loader.ts).
  model: ReadyLoader<number, ModelRow | null>;
  judge: ReadyLoader<number, JudgeRow | null>;
  prompt: ReadyLoader<number, PromptRow | null>;
  response: ReadyLoader<number, ResponseRow | null>;
  verdict: DataLoader<number, VerdictRow | null>;
  modelStats: ReadyLoader<number, ModelStats>;
  /** Judge-kind counts per slice filter (keyed by its JSON: equal filters share one query). */
  judgeKinds: DataLoader<VerdictFilter, JudgeKindCount[], string>;
  // Review queues (issue 22 §2).
  reviewQueue: DataLoader<number, QueueRow | null>;
  reviewItem: DataLoader<number, ReviewItemRow | null>;
  reviewProgress: DataLoader<number, QueueProgress>;
  // Search (issue 23): what matched in a hit, a prompt's battles and its judges.
  searchMatches: DataLoader<{ query: string; promptId: number }, PromptMatches, string>;
  promptBattles: DataLoader<{ promptId: number; limit: number }, PromptBattles, string>;
  promptJudgeIds: DataLoader<number, number[]>;
}

/** Shared by every request of one server process. */
export interface ProcessState {
  versions: DataVersionReader;
  leaderboards: LeaderboardCache;
  modelStats: ModelStatsCache;
  /** Committed writes of every process, for subscriptions; absent where nothing listens. */
  live?: LiveUpdates;
  freshness: FreshnessReader;
}

export interface LiveUpdates {
  changes: DataChanges;
  /** At most one `leaderboardChanged` event per subscription per this many milliseconds. */
  coalesceMs: number;
  /** Runs live leaderboard computations a few at a time, yielding to writes and between them. */
  computations: { run<T>(compute: () => Promise<T>): Promise<T> };
}

export interface Context {
  db: Database;
  loaders: Loaders;
  /** The API key the request carries, checked; null without one. */
  principal: Principal | null;
  /** The data version for this request, read once, before any data it keys. */
  dataVersion: () => Promise<number>;
  leaderboards: LeaderboardCache;
  live: LiveUpdates | null;
  /**
   * A subscription executes all its events with one context: each event first takes fresh
   * loaders at its own data version, so no event is answered from an earlier one's rows.
   */
  renew(version: number): void;
  freshness: FreshnessReader;
}

function createLoaders(
  db: Database,
  shared: ProcessState,
  dataVersion: () => Promise<number>,
): Loaders {
  return {
    // Rows as instances of their types, once per request (common/instance.ts).
    model: new ReadyLoader(async (ids) => asInstances(Model, await modelsByIds(db, ids))),
    judge: new ReadyLoader(async (ids) => asInstances(Judge, await judgesByIds(db, ids))),
    prompt: new ReadyLoader(async (ids) => asInstances(Prompt, await promptsByIds(db, ids))),
    response: new ReadyLoader(async (ids) => asInstances(Response, await responsesByIds(db, ids))),
    verdict: new DataLoader(async (ids) => asInstances(Verdict, await verdictsByIds(db, ids))),
    modelStats: new ReadyLoader(async (ids) => shared.modelStats.get(db, await dataVersion(), ids)),
    judgeKinds: new DataLoader(
      (filters) => Promise.all(filters.map((filter) => countJudgeKinds(db, filter))),
      { cacheKeyFn: (filter) => JSON.stringify(filter) },
    ),
    reviewQueue: new DataLoader((ids) => reviewQueuesByIds(db, ids)),
    reviewItem: new DataLoader((ids) => reviewItemsByIds(db, ids)),
    reviewProgress: new DataLoader((ids) => progressOfQueues(db, ids)),
    searchMatches: new DataLoader(
      (keys) =>
        loadGrouped(
          keys,
          (key) => key.query,
          (query, group) =>
            matchesOfPrompts(
              db,
              query,
              group.map((key) => key.promptId),
            ),
        ),
      { cacheKeyFn: (key) => `${key.promptId}:${key.query}` },
    ),
    promptBattles: new DataLoader(
      (keys) =>
        loadGrouped(
          keys,
          (key) => key.limit,
          (limit, group) =>
            battlesOfPrompts(
              db,
              group.map((key) => key.promptId),
              limit,
            ),
        ),
      { cacheKeyFn: (key) => `${key.promptId}:${key.limit}` },
    ),
    promptJudgeIds: new DataLoader((ids) => judgeIdsOfPrompts(db, ids)),
  };
}

/** `version`: the data version when the caller has already read it for this request. */
export function createContext(
  db: Database,
  shared: ProcessState,
  principal: Principal | null = null,
  version?: number,
): Context {
  let reading: Promise<number> | null = version === undefined ? null : Promise.resolve(version);
  const dataVersion = () => (reading ??= shared.versions.read());
  const context: Context = {
    db,
    loaders: createLoaders(db, shared, dataVersion),
    principal,
    dataVersion,
    leaderboards: shared.leaderboards,
    live: shared.live ?? null,
    freshness: shared.freshness,
    renew(eventVersion) {
      reading = Promise.resolve(eventVersion);
      context.loaders = createLoaders(db, shared, dataVersion);
    },
  };
  return context;
}
