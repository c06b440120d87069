/**
 * The seam between a review queue and whoever decides what it should hold. A filler turns a
 * queue's slice into the comparisons to review: pairs of stored answers to one prompt, each with
 * a randomised presentation order. UNIFORM is built in (uniform-comparisons.ts); ADAPTIVE is the
 * `nextComparisons` planner of issue 22 §1 (adaptive-comparisons.ts adapts it).
 */
import type { Database } from '../db/client';
import type { PositionName } from '../domain/verdict-record';
import { fillAdaptively } from './adaptive-comparisons';
import { fillUniformly } from './uniform-comparisons';

export type QueueStrategyName = 'UNIFORM' | 'ADAPTIVE';

/** Which stored answers items may be drawn from; absent fields do not filter. */
export interface ReviewSlice {
  models?: string[] | null;
  categories?: string[] | null;
  tags?: string[] | null;
}

export interface FillRequest {
  slice: ReviewSlice;
  count: number;
  seed: number;
}

export interface PlannedComparison {
  promptId: number;
  modelAId: number;
  modelBId: number;
  responseAId: number;
  responseBId: number;
  shownFirst: PositionName;
}

/** Either the comparisons asked for, or how many the slice can offer (fewer than asked). */
export type FillResult =
  { ok: true; comparisons: PlannedComparison[] } | { ok: false; available: number };

export type ComparisonFiller = (db: Database, request: FillRequest) => Promise<FillResult>;

/** null: the strategy is named in the schema but not available in this build. */
export const QUEUE_FILLERS: Record<QueueStrategyName, ComparisonFiller | null> = {
  UNIFORM: fillUniformly,
  ADAPTIVE: fillAdaptively,
};
