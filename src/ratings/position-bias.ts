import { checkConfidenceLevel } from './arguments';
import { RatingArgumentError } from './errors';
import { checkPreference, type Preference } from './preference';
import { wilsonInterval } from './wilson-interval';

/** One verdict for position bias: its preference (from A's side) and which answer was shown first. */
export interface PositionedVerdict {
  preference: Preference;
  shownFirst: 'A' | 'B';
}

/** Position bias of a judge; the rate and its bounds are null when no verdict was decisive. */
export interface PositionBiasReport {
  /** Verdicts that preferred one answer (ties say nothing about position and are left out). */
  decisive: number;
  /** Decisive verdicts won by the answer shown first. */
  firstShownWins: number;
  firstShownWinRate: number | null;
  /** Wilson score interval of the rate at the requested confidence level. */
  lower: number | null;
  upper: number | null;
}

/**
 * Position bias: among decisive verdicts, the share won by the answer shown first. An unbiased
 * judge shown answers in random order wins 1/2 for each position; an interval that excludes 1/2
 * is evidence of a preference for a position (the first-position bias of Zheng et al. 2023,
 * "Judging LLM-as-a-judge with MT-Bench and Chatbot Arena").
 */
export function positionBias(
  verdicts: Iterable<PositionedVerdict>,
  confidenceLevel = 0.95,
): PositionBiasReport {
  checkConfidenceLevel(confidenceLevel);
  let decisive = 0;
  let firstShownWins = 0;
  let index = 0;
  for (const { preference, shownFirst } of verdicts) {
    checkPreference(`verdicts[${index}].preference`, preference);
    if (shownFirst !== 'A' && shownFirst !== 'B') {
      throw new RatingArgumentError(`verdicts[${index}].shownFirst`, "'A' or 'B'", shownFirst);
    }
    if (preference !== 'TIE') {
      decisive += 1;
      if (preference === shownFirst) firstShownWins += 1;
    }
    index += 1;
  }
  const interval = wilsonInterval(firstShownWins, decisive, confidenceLevel);
  return {
    decisive,
    firstShownWins,
    firstShownWinRate: decisive > 0 ? firstShownWins / decisive : null,
    lower: interval?.lower ?? null,
    upper: interval?.upper ?? null,
  };
}
