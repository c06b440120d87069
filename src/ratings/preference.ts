import { checkUnitInterval } from './arguments';
import { RatingArgumentError } from './errors';
import { isOutcomeLabel, OUTCOME_LABELS, type OutcomeLabel } from '../domain/outcome-labels';

/**
 * A verdict reduced to three ways, seen from model A's side: A preferred, a tie, or B preferred.
 * Judge-quality measures (agreement, kappa, position bias, swap consistency) compare verdicts on
 * this scale, so `A>>B` and `A>B` agree, and `A=B` and `BOTH_BAD` agree (both are ties, DESIGN.md §2).
 */
export type Preference = 'A' | 'TIE' | 'B';

/** The order of rows and columns in every 3×3 table of preferences. */
export const PREFERENCES = ['A', 'TIE', 'B'] as const satisfies readonly Preference[];

export function isPreference(value: unknown): value is Preference {
  return value === 'A' || value === 'TIE' || value === 'B';
}

/** Throws unless `value` is a Preference; `argument` names it in the message. */
export function checkPreference(argument: string, value: unknown): asserts value is Preference {
  if (!isPreference(value))
    throw new RatingArgumentError(argument, "a preference 'A', 'TIE' or 'B'", value);
}

/**
 * The 3-way preference of a verdict. A soft `preferenceA` (the probability or share with which
 * the judge prefers A, e.g. from a judge's logits), when given, decides on its own: above 1/2 is
 * A, below 1/2 is B, exactly 1/2 is a tie. Otherwise the label decides, with the score-of-A
 * convention of DESIGN.md §2: wins of A → A, `A=B` and `BOTH_BAD` → TIE, wins of B → B.
 */
export function preferenceOf(label: OutcomeLabel, preferenceA?: number | null): Preference {
  if (!isOutcomeLabel(label)) {
    throw new RatingArgumentError(
      'label',
      `an outcome label (${OUTCOME_LABELS.join(', ')})`,
      label,
    );
  }
  if (preferenceA !== undefined && preferenceA !== null) {
    checkUnitInterval('preferenceA', preferenceA);
    if (preferenceA > 0.5) return 'A';
    return preferenceA < 0.5 ? 'B' : 'TIE';
  }
  switch (label) {
    case 'A>>B':
    case 'A>B':
      return 'A';
    case 'A=B':
    case 'BOTH_BAD':
      return 'TIE';
    case 'B>A':
    case 'B>>A':
      return 'B';
  }
}

/** The same preference seen from the other side: what A is between (x, y) is B between (y, x). */
export function flipPreference(preference: Preference): Preference {
  checkPreference('preference', preference);
  if (preference === 'A') return 'B';
  return preference === 'B' ? 'A' : 'TIE';
}
