/**
 * A reviewer's vote is about what they saw: the answer shown first and the answer shown second.
 * The stored verdict is about models A and B. Which of A and B was shown first is the item's
 * `shownFirst`, so the same vote is `A>B` on one item and `B>A` on another.
 */
import type { OutcomeLabel } from './outcome-labels';
import type { PositionName } from './verdict-record';

export const REVIEW_VOTES = [
  'FIRST_MUCH_BETTER',
  'FIRST_BETTER',
  'TIE',
  'SECOND_BETTER',
  'SECOND_MUCH_BETTER',
  'BOTH_BAD',
] as const;
export type ReviewVoteName = (typeof REVIEW_VOTES)[number];

/** The outcome in the order the answers were shown, as if the first one were A. */
const AS_SHOWN: Record<ReviewVoteName, OutcomeLabel> = {
  FIRST_MUCH_BETTER: 'A>>B',
  FIRST_BETTER: 'A>B',
  TIE: 'A=B',
  SECOND_BETTER: 'B>A',
  SECOND_MUCH_BETTER: 'B>>A',
  BOTH_BAD: 'BOTH_BAD',
};

/** A label read from the other side: `A>B` becomes `B>A`; ties stay ties. */
const MIRRORED: Record<OutcomeLabel, OutcomeLabel> = {
  'A>>B': 'B>>A',
  'A>B': 'B>A',
  'A=B': 'A=B',
  'B>A': 'A>B',
  'B>>A': 'A>>B',
  BOTH_BAD: 'BOTH_BAD',
};

export function storedOutcomeOfVote(vote: ReviewVoteName, shownFirst: PositionName): OutcomeLabel {
  const asShown = AS_SHOWN[vote];
  return shownFirst === 'A' ? asShown : MIRRORED[asShown];
}
