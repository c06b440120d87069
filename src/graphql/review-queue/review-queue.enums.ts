import { registerEnumType } from 'type-graphql';
import type { ReviewVoteName } from '../../domain/review-vote';

export enum ReviewQueueStatus {
  OPEN = 'OPEN',
  PAUSED = 'PAUSED',
  CLOSED = 'CLOSED',
}
registerEnumType(ReviewQueueStatus, {
  name: 'ReviewQueueStatus',
  description: 'Whether a review queue hands out items.',
  valuesConfig: {
    OPEN: { description: 'Claims are handed out.' },
    PAUSED: { description: 'No new claims; claims held may still be voted. Resumable.' },
    CLOSED: { description: 'Finished for good: no new claims; claims held may still be voted.' },
  },
});

export enum ReviewQueueStrategy {
  UNIFORM = 'UNIFORM',
  ADAPTIVE = 'ADAPTIVE',
}
registerEnumType(ReviewQueueStrategy, {
  name: 'ReviewQueueStrategy',
  description: 'How a queue chooses the comparisons it holds.',
  valuesConfig: {
    UNIFORM: {
      description: 'Model pairs uniformly at random, then a prompt both answered, without repeats.',
    },
    ADAPTIVE: {
      description:
        'Where a vote reduces the ranking uncertainty most, as nextComparisons plans it over the slice at creation, without repeats.',
    },
  },
});

/** The vote in the order the answers were shown; the stored verdict is mapped to models A and B. */
export enum ReviewVote {
  FIRST_MUCH_BETTER = 'FIRST_MUCH_BETTER',
  FIRST_BETTER = 'FIRST_BETTER',
  TIE = 'TIE',
  SECOND_BETTER = 'SECOND_BETTER',
  SECOND_MUCH_BETTER = 'SECOND_MUCH_BETTER',
  BOTH_BAD = 'BOTH_BAD',
}
// Every GraphQL value is a domain vote name (checked by the compiler through this mapping).
export const REVIEW_VOTE_NAMES: Record<ReviewVote, ReviewVoteName> = {
  FIRST_MUCH_BETTER: 'FIRST_MUCH_BETTER',
  FIRST_BETTER: 'FIRST_BETTER',
  TIE: 'TIE',
  SECOND_BETTER: 'SECOND_BETTER',
  SECOND_MUCH_BETTER: 'SECOND_MUCH_BETTER',
  BOTH_BAD: 'BOTH_BAD',
};
registerEnumType(ReviewVote, {
  name: 'ReviewVote',
  description:
    "A reviewer's vote on the two answers as shown: first (left, or top on a phone) and second.",
  valuesConfig: {
    FIRST_MUCH_BETTER: { description: 'The first answer is much better (`>>`).' },
    FIRST_BETTER: { description: 'The first answer is better.' },
    TIE: { description: 'About as good as each other.' },
    SECOND_BETTER: { description: 'The second answer is better.' },
    SECOND_MUCH_BETTER: { description: 'The second answer is much better (`>>`).' },
    BOTH_BAD: { description: 'Both answers fail (a tie).' },
  },
});
