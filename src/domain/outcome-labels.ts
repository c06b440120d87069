/**
 * Outcome labels of a pairwise verdict, stored exactly as the judge gave them.
 * `BOTH_BAD` is a tie in which both answers fail (Chatbot Arena's "tie (bothbad)").
 */
export const OUTCOME_LABELS = ['A>>B', 'A>B', 'A=B', 'B>A', 'B>>A', 'BOTH_BAD'] as const;
export type OutcomeLabel = (typeof OUTCOME_LABELS)[number];

export function isOutcomeLabel(value: string): value is OutcomeLabel {
  return (OUTCOME_LABELS as readonly string[]).includes(value);
}
