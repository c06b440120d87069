/**
 * Stored answers to review: `models` models each answering `prompts` prompts, so that
 * (models choose 2) × prompts distinct comparisons exist. Generated text, no data set.
 */
import type { Database } from '../../src/db/client';
import { recordResponses } from '../../src/services/catalog-import';

export function modelNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `model-${String(i).padStart(2, '0')}`);
}

export async function storeAnswers(
  db: Database,
  models: readonly string[],
  prompts: number,
  category = 'general',
): Promise<void> {
  const records = [];
  for (let p = 0; p < prompts; p += 1)
    for (const model of models)
      records.push({
        prompt: {
          externalId: `${category}-q${p}`,
          text: `Question ${p} of ${category}?`,
          category,
        },
        model,
        text: `${model} answers question ${p} of ${category}.`,
      });
  const { results } = await recordResponses(db, records);
  const refused = results.filter((result) => result.userErrors.length > 0);
  if (refused.length > 0) throw new Error(`fixture answers refused: ${JSON.stringify(refused[0])}`);
}

export const CREATE_QUEUE = `mutation Create($input: CreateReviewQueueInput!) {
  createReviewQueue(input: $input) {
    queue { id name status strategy reviewsPerItem reservationSeconds slice { models categories tags }
            progress { items goldItems votes votesPlanned activeClaims } }
    userErrors { code field message }
  }
}`;

export const CLAIM = `mutation Claim($queue: String!, $reviewer: String) {
  claimReviewItem(queue: $queue, reviewer: $reviewer) {
    claim { id reviewer expiresAt item { id position prompt { text } first { text } second { text } } }
    userErrors { code field message }
  }
}`;

export const VOTE = `mutation Vote($input: SubmitReviewVoteInput!, $reviewer: String) {
  submitReviewVote(input: $input, reviewer: $reviewer) {
    status
    claim { id votedAt }
    verdict { id outcome shownFirst judge { name kind } modelA { name } modelB { name }
              responseA { text } responseB { text } }
    userErrors { code field message }
  }
}`;

export const PROGRESS = `query Progress($name: String!) {
  reviewQueue(name: $name) {
    status
    progress { items goldItems completeItems votes votesPlanned activeClaims medianSecondsPerVote
               reviewers { reviewer votes activeClaims medianSecondsPerVote goldVotes goldAgreements } }
  }
}`;
