/**
 * Counts under a swap policy. Swap pairs need each verdict's judge and prompt, so this path reads
 * groups finer than countOutcomes; the policy then works on those grouped counts directly.
 */
import type { Database } from '../db/client';
import { applySwapPolicyToCounts, type PolicyRun, type PolicyVerdict } from '../ratings';
import { judgedGroups, swapGroupKey } from './judge-verdicts';
import type { SwapPolicy } from './leaderboard-request';
import type { VerdictFilter } from './verdict-filter';
import type { CountedOutcome } from './verdict-counts';

export async function countOutcomesUnderSwapPolicy(
  db: Database,
  filter: VerdictFilter,
  policy: SwapPolicy,
): Promise<CountedOutcome[]> {
  const swapGroups = new Map<string, PolicyRun[]>();
  for (const group of await judgedGroups(db, filter)) {
    const key = swapGroupKey(group);
    const runs = swapGroups.get(key) ?? [];
    const verdict: PolicyVerdict = {
      modelA: group.modelAId,
      modelB: group.modelBId,
      outcome: group.outcome,
      preferenceA: group.preferenceA,
    };
    runs.push({ verdict, count: group.count });
    swapGroups.set(key, runs);
  }
  const counts = new Map<string, CountedOutcome>();
  for (const { verdict, count } of applySwapPolicyToCounts(swapGroups.values(), policy)) {
    const key = `${verdict.modelA}:${verdict.modelB}:${verdict.outcome}:${verdict.preferenceA}`;
    const row = counts.get(key);
    if (row) row.count += count;
    else
      counts.set(key, {
        modelAId: verdict.modelA,
        modelBId: verdict.modelB,
        outcome: verdict.outcome,
        preferenceA: verdict.preferenceA,
        count,
      });
  }
  return [...counts.values()];
}
