/** A two-sided interval on the Elo scale or, for win rates, in percent. */
export interface Interval {
  lower: number;
  upper: number;
}
