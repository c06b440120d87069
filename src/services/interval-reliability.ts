/**
 * Whether a model's interval can be trusted to hold at its nominal level, from what the
 * realistic coverage bench measured (`npm run bench -- --suite coverage-realistic`, README
 * "Intervals under skewed sampling and repeated prompts"): rows that miss 94–96% are models with
 * few battles, and boards without a finite MLE, whose intervals rest on a fallback ridge.
 */
export const RELIABLE_INTERVAL_MIN_BATTLES = 50;

export interface IntervalReliability {
  /** Null when the entry has no interval. */
  intervalReliable: boolean | null;
  /** Why not, when intervalReliable is false; null otherwise. */
  intervalReliabilityNote: string | null;
}

export function intervalReliability(
  battles: number,
  hasInterval: boolean,
  mleExists: boolean,
): IntervalReliability {
  if (!hasInterval) return { intervalReliable: null, intervalReliabilityNote: null };
  if (!mleExists)
    return {
      intervalReliable: false,
      intervalReliabilityNote:
        'the slice has no finite maximum-likelihood estimate (see problem), so the interval rests on a fallback ridge',
    };
  if (battles < RELIABLE_INTERVAL_MIN_BATTLES)
    return {
      intervalReliable: false,
      intervalReliabilityNote: `${battles} battles, fewer than ${RELIABLE_INTERVAL_MIN_BATTLES}: the coverage bench does not show 95% intervals holding at such counts`,
    };
  return { intervalReliable: true, intervalReliabilityNote: null };
}
