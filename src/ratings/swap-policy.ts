/**
 * What the leaderboard does with swap pairs (the same judge, prompt and two models, judged once
 * in each order): KEEP_BOTH counts both games (Arena-Hard); MERGE makes each pair one verdict by
 * MT-Bench's rule (agreeing games keep their winner, anything else is a tie; see mergeSwapPair);
 * DROP_INCONSISTENT leaves out pairs whose games name opposite winners. Unpaired verdicts stay.
 */
import { flipPreference, preferenceOf, type Preference } from './preference';
import { classifySwapPair, mergeSwapPair, pairSwapVerdicts } from './swap-consistency';
import type { OutcomeLabel } from '../domain/outcome-labels';

export type SwapPolicy = 'KEEP_BOTH' | 'MERGE' | 'DROP_INCONSISTENT';

export interface PolicyVerdict {
  modelA: number;
  modelB: number;
  outcome: OutcomeLabel;
  preferenceA: number | null;
}

const MERGED_LABEL: Record<Preference, OutcomeLabel> = { A: 'A>B', TIE: 'A=B', B: 'B>A' };

/** `groups`: verdicts of one judge on one prompt between one pair of models, in time order. */
export function applySwapPolicy<Verdict extends PolicyVerdict>(groups: Iterable<readonly Verdict[]>, policy: SwapPolicy): PolicyVerdict[] {
  const kept: PolicyVerdict[] = [];
  for (const group of groups) {
    if (policy === 'KEEP_BOTH' || group.length < 2) {
      kept.push(...group);
      continue;
    }
    const preferences = group.map((verdict) => ({ modelA: verdict.modelA, modelB: verdict.modelB, preference: preferenceOf(verdict.outcome, verdict.preferenceA) }));
    const { pairs, unpaired } = pairSwapVerdicts(preferences);
    for (const index of unpaired) kept.push(group[index]);
    for (const [first, second] of pairs) {
      const unswapped = flipPreference(preferences[second].preference);
      if (policy === 'MERGE') {
        const merged = mergeSwapPair(preferences[first].preference, unswapped);
        kept.push({ modelA: group[first].modelA, modelB: group[first].modelB, outcome: MERGED_LABEL[merged], preferenceA: null });
      } else if (classifySwapPair(preferences[first].preference, unswapped) !== 'INCONSISTENT') {
        kept.push(group[first], group[second]);
      }
    }
  }
  return kept;
}
