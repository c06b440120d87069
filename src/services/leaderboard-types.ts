/** The shapes a leaderboard answer is made of, shared by the files that build its parts. */
import type { Interval, StyleCoefficient } from '../ratings';
import type { IntervalMethod, RankingMethod, SwapPolicy } from './leaderboard-request';

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
  ciLower: number | null;
  ciUpper: number | null;
  winRateVsBaseline: number | null;
  winRateVsBaselineLower: number | null;
  winRateVsBaselineUpper: number | null;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
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
  styleCoefficients: StyleCoefficient[] | null;
  entries: LeaderboardEntry[];
  /** Every ordered pair of rated models; built on the first call (n·(n − 1) cells), then kept. */
  winRates(): WinRateCell[];
}

/** What a rating method hands back to the leaderboard, per dense model index. */
export interface LeaderboardRatings {
  ratings: number[];
  uncontrolled: number[] | null;
  intervals: (Interval | null)[] | null;
  baselineIntervals: (Interval | null)[] | null;
  intervalMethod: IntervalMethod | null;
  mleExists: boolean;
  problem: string | null;
  styleCoefficients: StyleCoefficient[] | null;
}

export const NO_RATINGS: LeaderboardRatings = {
  ratings: [],
  uncontrolled: null,
  intervals: null,
  baselineIntervals: null,
  intervalMethod: null,
  mleExists: true,
  problem: null,
  styleCoefficients: null,
};
