/** Per-request state, built once per HTTP request: the database and fresh DataLoaders. */
import DataLoader from 'dataloader';
import type { Database } from '../db/client';
import type { Principal } from '../services/api-keys';
import type { LeaderboardCache } from '../services/leaderboard-cache';
import {
  judgesByIds,
  modelsByIds,
  modelStatsByIds,
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

export interface Loaders {
  model: DataLoader<number, ModelRow | null>;
  judge: DataLoader<number, JudgeRow | null>;
  prompt: DataLoader<number, PromptRow | null>;
  response: DataLoader<number, ResponseRow | null>;
  verdict: DataLoader<number, VerdictRow | null>;
  modelStats: DataLoader<number, ModelStats>;
}

export interface Context {
  db: Database;
  loaders: Loaders;
  /** The API key the request carries, checked; null without one. */
  principal: Principal | null;
  /** Shared by every request of this server process. */
  leaderboards: LeaderboardCache;
}

export function createLoaders(db: Database): Loaders {
  return {
    model: new DataLoader((ids) => modelsByIds(db, ids)),
    judge: new DataLoader((ids) => judgesByIds(db, ids)),
    prompt: new DataLoader((ids) => promptsByIds(db, ids)),
    response: new DataLoader((ids) => responsesByIds(db, ids)),
    verdict: new DataLoader((ids) => verdictsByIds(db, ids)),
    modelStats: new DataLoader((ids) => modelStatsByIds(db, ids)),
  };
}

export function createContext(db: Database, leaderboards: LeaderboardCache, principal: Principal | null = null): Context {
  return { db, loaders: createLoaders(db), principal, leaderboards };
}
