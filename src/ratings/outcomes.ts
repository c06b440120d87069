/**
 * What a verdict's outcome label means for the ratings: scores, strength, ties, swapping.
 * The labels themselves are domain vocabulary (domain/outcome-labels.ts).
 */
import type { OutcomeLabel } from '../domain/outcome-labels';

/** Score of model A (Chatbot Arena convention, DESIGN.md §2): win 1, tie 1/2, loss 0. */
export function scoreOfA(label: OutcomeLabel): number {
  switch (label) {
    case 'A>>B':
    case 'A>B':
      return 1;
    case 'A=B':
    case 'BOTH_BAD':
      return 0.5;
    case 'B>A':
    case 'B>>A':
      return 0;
  }
}

export function isStrong(label: OutcomeLabel): boolean {
  return label === 'A>>B' || label === 'B>>A';
}

export function isTie(label: OutcomeLabel): boolean {
  return label === 'A=B' || label === 'BOTH_BAD';
}

/** The same judgement seen from the other side: `A>B` between (x, y) is `B>A` between (y, x). */
export function swapLabel(label: OutcomeLabel): OutcomeLabel {
  switch (label) {
    case 'A>>B':
      return 'B>>A';
    case 'A>B':
      return 'B>A';
    case 'B>A':
      return 'A>B';
    case 'B>>A':
      return 'A>>B';
    default:
      return label;
  }
}
