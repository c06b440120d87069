import { OUTCOME_LABELS } from '../../src/domain/outcome-labels';
import { REVIEW_VOTES, storedOutcomeOfVote } from '../../src/domain/review-vote';

test('with A shown first a vote reads as A against B', () => {
  expect(REVIEW_VOTES.map((vote) => storedOutcomeOfVote(vote, 'A'))).toEqual([
    'A>>B',
    'A>B',
    'A=B',
    'B>A',
    'B>>A',
    'BOTH_BAD',
  ]);
});

test('with B shown first the winner named is the other model, and ties stay ties', () => {
  expect(REVIEW_VOTES.map((vote) => storedOutcomeOfVote(vote, 'B'))).toEqual([
    'B>>A',
    'B>A',
    'A=B',
    'A>B',
    'A>>B',
    'BOTH_BAD',
  ]);
});

test('every stored label is reachable from either presentation order', () => {
  for (const shownFirst of ['A', 'B'] as const)
    expect(new Set(REVIEW_VOTES.map((vote) => storedOutcomeOfVote(vote, shownFirst)))).toEqual(
      new Set(OUTCOME_LABELS),
    );
});
