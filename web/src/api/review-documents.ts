/** The Vote view's GraphQL documents (issue 22 §2). */
const PROGRESS_FIELDS = `progress { items completeItems votes votesPlanned activeClaims medianSecondsPerVote
  reviewers { reviewer votes medianSecondsPerVote } }`;

export const REVIEW_QUEUES_QUERY = `query DashboardReviewQueues {
  reviewQueues { name status reviewsPerItem ${PROGRESS_FIELDS} }
}`;

export const REVIEW_QUEUE_QUERY = `query DashboardReviewQueue($name: String!) {
  reviewQueue(name: $name) { name status reviewsPerItem reservationSeconds ${PROGRESS_FIELDS} }
}`;

export const CLAIM_MUTATION = `mutation DashboardClaim($queue: String!, $reviewer: String) {
  claimReviewItem(queue: $queue, reviewer: $reviewer) {
    claim { id reviewer expiresAt item { id prompt { text category } first { text } second { text } } }
    userErrors { code message }
  }
}`;

export const VOTE_MUTATION = `mutation DashboardVote($input: SubmitReviewVoteInput!, $reviewer: String) {
  submitReviewVote(input: $input, reviewer: $reviewer) {
    status
    verdict { id outcome shownFirst modelA { name } modelB { name } }
    userErrors { code message }
  }
}`;

export interface QueueProgress {
  items: number;
  completeItems: number;
  votes: number;
  votesPlanned: number;
  activeClaims: number;
  medianSecondsPerVote: number | null;
  reviewers: { reviewer: string; votes: number; medianSecondsPerVote: number | null }[];
}

export interface QueueSummary {
  name: string;
  status: 'OPEN' | 'PAUSED' | 'CLOSED';
  reviewsPerItem: number;
  reservationSeconds?: number;
  progress: QueueProgress;
}

export interface UserErrorShape {
  code: string;
  message: string;
}

export interface ClaimedItem {
  id: string;
  reviewer: string;
  expiresAt: string;
  item: {
    id: string;
    prompt: { text: string | null; category: string | null };
    first: { text: string };
    second: { text: string };
  };
}

export interface ClaimAnswer {
  claimReviewItem: { claim: ClaimedItem | null; userErrors: UserErrorShape[] };
}

export interface VoteAnswer {
  submitReviewVote: {
    status: 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
    verdict: {
      id: string;
      outcome: string;
      shownFirst: 'A' | 'B' | null;
      modelA: { name: string };
      modelB: { name: string };
    } | null;
    userErrors: UserErrorShape[];
  };
}
