import type { Interval } from './interval';

/** Intervals of a style-controlled fit, by either method (style-sandwich.ts, style-bootstrap.ts). */
export interface StyleIntervals {
  /** Per model, the interval of the controlled rating (Elo points, the fit's gauge); null if it never played. */
  ratings: Array<Interval | null>;
  /** Per model, the interval of 100·P(model ≻ baseline) under control; null without a baseline. */
  winRateVersusBaseline: Array<Interval | null> | null;
  /** Per feature, the interval of the coefficient (log-odds per SD); null for a feature that never varies. */
  coefficients: Array<Interval | null>;
  confidenceLevel: number;
}
