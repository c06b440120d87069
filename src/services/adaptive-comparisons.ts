/** The ADAPTIVE filler of review queues: the nextComparisons planner over stored answers only. */
import type { Database } from '../db/client';
import { present } from '../domain/invariant';
import { suggestComparisons } from './next-comparisons';
import type { FillRequest, FillResult } from './review-queue-fillers';

export async function fillAdaptively(db: Database, request: FillRequest): Promise<FillResult> {
  const { comparisons, answeredComparisons } = await suggestComparisons(
    db,
    {
      leaderboard: { filter: request.slice },
      count: request.count,
      strategy: 'ADAPTIVE',
      seed: request.seed,
    },
    // The queue has checked its own bound on items (review-queues.ts), above nextComparisons'.
    { path: 'input.slice', requireAnswers: true, maxCount: request.count },
  );
  if (comparisons.length < request.count) return { ok: false, available: answeredComparisons() };
  return {
    ok: true,
    comparisons: comparisons.map((comparison) => ({
      ...comparison,
      promptId: present(comparison.promptId, 'the prompt of a queue comparison'),
      responseAId: present(comparison.responseAId, "a queue comparison's answer A"),
      responseBId: present(comparison.responseBId, "a queue comparison's answer B"),
    })),
  };
}
