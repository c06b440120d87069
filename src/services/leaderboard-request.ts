/**
 * The leaderboard's knobs, their defaults (DESIGN.md §2) and their valid ranges. Every value is
 * checked before any query runs, and the message says what was expected and what was received.
 */
import { InvalidRequestError } from './errors';
import type { VerdictFilter } from './verdict-filter';

export type RankingMethod = 'ELO' | 'BRADLEY_TERRY';
export type IntervalMethod = 'BOOTSTRAP' | 'SANDWICH' | 'PROFILE';
export type SwapPolicy = 'KEEP_BOTH' | 'MERGE' | 'DROP_INCONSISTENT';
export type ClusterBy = 'VERDICT' | 'PROMPT';

export interface LeaderboardRequest {
  method?: RankingMethod | null;
  filter: VerdictFilter;
  anchor?: { model: string; rating: number } | null;
  baseline?: string | null;
  strongVerdictWeight?: number | null;
  bootstrapRounds?: number | null;
  seed?: number | null;
  confidenceLevel?: number | null;
  intervalMethod?: IntervalMethod | null;
  regularization?: number | null;
  styleControl?: boolean | null;
  swapPolicy?: SwapPolicy | null;
  clusterBy?: ClusterBy | null;
}

export interface ResolvedLeaderboardRequest {
  method: RankingMethod;
  filter: VerdictFilter;
  anchor: { model: string; rating: number } | null;
  baseline: string | null;
  strongVerdictWeight: number;
  bootstrapRounds: number;
  seed: number;
  confidenceLevel: number;
  intervalMethod: IntervalMethod;
  regularization: number;
  styleControl: boolean;
  swapPolicy: SwapPolicy;
  clusterBy: ClusterBy;
}

export const LEADERBOARD_DEFAULTS = {
  bootstrapRounds: 100,
  seed: 0,
  confidenceLevel: 0.95,
  maxBootstrapRounds: 1000,
} as const;

export function resolveLeaderboardRequest(request: LeaderboardRequest): ResolvedLeaderboardRequest {
  const strongVerdictWeight = request.strongVerdictWeight ?? 1;
  if (!(
    Number.isFinite(strongVerdictWeight) &&
    strongVerdictWeight > 0 &&
    strongVerdictWeight <= 100
  )) {
    throw new InvalidRequestError(
      `strongVerdictWeight must be a number above 0 and at most 100, but got ${strongVerdictWeight}.`,
      'input.strongVerdictWeight',
    );
  }
  const bootstrapRounds = request.bootstrapRounds ?? LEADERBOARD_DEFAULTS.bootstrapRounds;
  if (!(
    Number.isInteger(bootstrapRounds) &&
    bootstrapRounds >= 0 &&
    bootstrapRounds <= LEADERBOARD_DEFAULTS.maxBootstrapRounds
  )) {
    throw new InvalidRequestError(
      `bootstrapRounds must be a whole number from 0 to ${LEADERBOARD_DEFAULTS.maxBootstrapRounds}, but got ${bootstrapRounds}.`,
      'input.bootstrapRounds',
    );
  }
  const seed = request.seed ?? LEADERBOARD_DEFAULTS.seed;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new InvalidRequestError(
      `seed must be a whole number from 0 to 4294967295, but got ${seed}.`,
      'input.seed',
    );
  }
  const confidenceLevel = request.confidenceLevel ?? LEADERBOARD_DEFAULTS.confidenceLevel;
  if (!(Number.isFinite(confidenceLevel) && confidenceLevel >= 0.5 && confidenceLevel < 1)) {
    throw new InvalidRequestError(
      `confidenceLevel must be at least 0.5 and below 1 (e.g. 0.95), but got ${confidenceLevel}.`,
      'input.confidenceLevel',
    );
  }
  const regularization = request.regularization ?? 0;
  if (!(Number.isFinite(regularization) && regularization >= 0 && regularization <= 1e6)) {
    throw new InvalidRequestError(
      `regularization must be a number from 0 to 1e6, but got ${regularization}.`,
      'input.regularization',
    );
  }
  if (request.anchor && !Number.isFinite(request.anchor.rating)) {
    throw new InvalidRequestError(
      `anchor.rating must be a finite number, but got ${request.anchor.rating}.`,
      'input.anchor.rating',
    );
  }
  const swapPolicy = request.swapPolicy ?? 'KEEP_BOTH';
  if (swapPolicy !== 'KEEP_BOTH' && (request.method === 'ELO' || request.styleControl)) {
    throw new InvalidRequestError(
      `swapPolicy ${swapPolicy} applies to plain Bradley–Terry, but this request asks for ${request.method === 'ELO' ? 'online Elo' : 'style control'}; use KEEP_BOTH.`,
      'input.swapPolicy',
    );
  }
  if (request.intervalMethod === 'PROFILE' && (request.method === 'ELO' || request.styleControl)) {
    throw new InvalidRequestError(
      `intervalMethod PROFILE applies to plain Bradley–Terry (clusterBy VERDICT or PROMPT, any swapPolicy), but this request asks for ${request.method === 'ELO' ? 'online Elo, which gives no interval at all (its ratings depend on the order of the verdicts); use method BRADLEY_TERRY for intervals' : 'style control; use BOOTSTRAP or SANDWICH'}.`,
      'input.intervalMethod',
    );
  }
  const clusterBy = request.clusterBy ?? 'VERDICT';
  if (
    clusterBy === 'PROMPT' &&
    (request.method === 'ELO' || request.styleControl || swapPolicy !== 'KEEP_BOTH')
  ) {
    const asked =
      request.method === 'ELO'
        ? 'online Elo'
        : request.styleControl
          ? 'style control'
          : `swapPolicy ${swapPolicy}`;
    throw new InvalidRequestError(
      `clusterBy PROMPT applies to plain Bradley–Terry with swapPolicy KEEP_BOTH, but this request asks for ${asked}; use clusterBy VERDICT.`,
      'input.clusterBy',
    );
  }
  return {
    method: request.method ?? 'BRADLEY_TERRY',
    filter: request.filter,
    anchor: request.anchor ?? null,
    baseline: request.baseline ?? null,
    strongVerdictWeight,
    bootstrapRounds,
    seed,
    confidenceLevel,
    intervalMethod: request.intervalMethod ?? 'BOOTSTRAP',
    regularization,
    styleControl: request.styleControl ?? false,
    swapPolicy,
    clusterBy,
  };
}
