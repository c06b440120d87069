/** The shapes a leaderboard answer is made of, shared by the files that build its parts. */
import type { ApartReason, Interval, QuantileMethod, StyleCoefficient } from '../ratings';
import type { ClusterBy, IntervalMethod, RankingMethod, SwapPolicy } from './leaderboard-request';
import type { StyleCoverage } from './style-coverage';

export interface ModelRef {
  id: number;
  name: string;
  createdAt: Date;
}

export interface LeaderboardEntry {
  rank: number;
  model: ModelRef;
  rating: number;
  uncontrolledRating: number | null;
  /** With style control: rank without control minus rank with it (positive: control lifts the model). */
  rankDelta: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  winRateVsBaseline: number | null;
  winRateVsBaselineLower: number | null;
  winRateVsBaselineUpper: number | null;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
  /** Whether the interval can be trusted at its level (interval-reliability.ts); null without one. */
  intervalReliable: boolean | null;
  intervalReliabilityNote: string | null;
}

/** A model without a finite estimate in the slice, left out of the fit (leaderboard-rated-apart.ts). */
export interface RatedApartEntry {
  model: ModelRef;
  reason: ApartReason;
  explanation: string;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
  /** One-sided bound at the board's confidenceLevel, on the rated models' scale; null with the reason. */
  ratingUpperBound: number | null;
  ratingLowerBound: number | null;
  boundUnavailableReason: string | null;
}

export interface WinRateCell {
  modelA: ModelRef;
  modelB: ModelRef;
  /** 100·P(A ≻ B) from the ratings. */
  predicted: number;
  /** 100·(A's decisive wins over B) / (decisive verdicts between them); null when they never met or only tied. */
  empirical: number | null;
  battles: number;
}

export interface Leaderboard {
  method: RankingMethod;
  swapPolicy: SwapPolicy;
  clusterBy: ClusterBy;
  /** Prompts in the slice when clusterBy is PROMPT (the independent units); null otherwise. */
  clusterCount: number | null;
  verdictCount: number;
  modelCount: number;
  mleExists: boolean;
  problem: string | null;
  anchor: { model: string; rating: number } | null;
  baseline: string | null;
  intervalMethod: IntervalMethod | null;
  bootstrapRounds: number;
  seed: number;
  confidenceLevel: number;
  styleCoefficients: LeaderboardStyleCoefficient[] | null;
  /** With style control: how many of the slice's verdicts it could use; null without it. */
  styleCoverage: StyleCoverage | null;
  /** Why ciLower/ciUpper (and the coefficients' bounds) are null; null when intervals are given. */
  intervalUnavailableReason: string | null;
  entries: LeaderboardEntry[];
  /** Models rated apart: no finite estimate, so out of the fit, the centring and the entries. */
  ratedApart: RatedApartEntry[];
  /** Estimated bytes this result keeps alive (leaderboard-footprint.ts), what its cache charges. */
  footprintBytes: number;
  /** Every ordered pair of rated models; built on the first call (n·(n − 1) cells), then kept. */
  winRates(): WinRateCell[];
  /**
   * The joint uncertainty behind the intervals, by the models' dense indices (model id → index).
   * A function, like winRates, so that serialising the board (the CLI's --json) leaves it out.
   */
  jointUncertainty: () => JointUncertainty | null;
  modelIndexOf: (modelId: number) => number | undefined;
}

export interface LeaderboardStyleCoefficient extends StyleCoefficient {
  /** Interval bounds of `coefficient` (log-odds per SD); null with the reason beside. */
  ciLower: number | null;
  ciUpper: number | null;
  /** The same bounds in Elo points per SD. */
  eloPointsCiLower: number | null;
  eloPointsCiUpper: number | null;
  intervalUnavailableReason: string | null;
}

/** What a rating method hands back to the leaderboard, per dense model index. */
export interface LeaderboardRatings {
  ratings: number[];
  uncontrolled: number[] | null;
  /** Intervals of the uncontrolled ratings (style control only), for the rank without control. */
  uncontrolledIntervals: (Interval | null)[] | null;
  intervals: (Interval | null)[] | null;
  baselineIntervals: (Interval | null)[] | null;
  intervalMethod: IntervalMethod | null;
  mleExists: boolean;
  problem: string | null;
  styleCoefficients: LeaderboardStyleCoefficient[] | null;
  intervalUnavailableReason: string | null;
  /** What a difference of two ratings needs for its own interval; null when there are no intervals. */
  joint?: JointUncertainty | null;
}

/**
 * The joint uncertainty of the ratings (Elo points, dense model indices): the covariance of a
 * sandwich, or the bootstrap's rounds (NaN where a model was absent from a round).
 */
export type JointUncertainty =
  { covariance: number[][] } | { roundRatings: number[][]; quantileMethod: QuantileMethod };

export const NO_RATINGS: LeaderboardRatings = {
  ratings: [],
  uncontrolled: null,
  uncontrolledIntervals: null,
  intervals: null,
  baselineIntervals: null,
  intervalMethod: null,
  mleExists: true,
  problem: null,
  styleCoefficients: null,
  intervalUnavailableReason: null,
  joint: null,
};
