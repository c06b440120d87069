/**
 * What the leaderboard does with swap pairs (the same judge, prompt and two models, judged once
 * in each order): KEEP_BOTH counts both games (Arena-Hard); MERGE makes each pair one verdict by
 * MT-Bench's rule (agreeing games keep their winner, anything else is a tie; see mergeSwapPair);
 * DROP_INCONSISTENT leaves out pairs whose games name opposite winners. Unpaired verdicts stay.
 *
 * The policy works on grouped counts: a group is a run-length list of rows (verdicts sharing
 * models, outcome and preference, `count` of them), so its cost grows with rows, not verdicts.
 */
import { RatingArgumentError } from './errors';
import { flipPreference, preferenceOf, type Preference } from './preference';
import { classifySwapPair, mergeSwapPair } from './swap-consistency';
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
export function applySwapPolicy(
  groups: Iterable<readonly PolicyVerdict[]>,
  policy: SwapPolicy,
): PolicyVerdict[] {
  const counted = (function* () {
    for (const group of groups) yield group.map((verdict) => ({ verdict, count: 1 }));
  })();
  const kept: PolicyVerdict[] = [];
  for (const { verdict, count } of applySwapPolicyToCounts(counted, policy)) {
    for (let i = 0; i < count; i += 1) kept.push(verdict);
  }
  return kept;
}

/** One run of a group: `count` consecutive verdicts equal to `verdict`. */
export interface PolicyRun<Verdict extends PolicyVerdict = PolicyVerdict> {
  verdict: Verdict;
  count: number;
}

/**
 * applySwapPolicy over run-length groups. The k-th verdict shown as (x, y) pairs with the k-th shown
 * as (y, x) (swap-consistency.ts, pairSwapVerdicts), so the two orders' runs are walked side by side
 * and every stretch where both stay in one run yields `m` identical pairs at once. Output runs
 * carry the verdict objects given (or a merged one) with their counts; unpaired runs come first
 * per group, then the pairs, as in the per-verdict form.
 */
export function applySwapPolicyToCounts<Verdict extends PolicyVerdict>(
  groups: Iterable<readonly PolicyRun<Verdict>[]>,
  policy: SwapPolicy,
): PolicyRun<Verdict | PolicyVerdict>[] {
  const kept: PolicyRun<Verdict | PolicyVerdict>[] = [];
  for (const group of groups) {
    const size = group.reduce((sum, run) => sum + run.count, 0);
    if (policy === 'KEEP_BOTH' || size < 2) {
      for (const run of group) if (run.count > 0) kept.push(run);
      continue;
    }
    const { modelA: x, modelB: y } = group[0].verdict;
    const forward: Array<{ run: PolicyRun<Verdict>; start: number }> = [];
    const backward: Array<{ run: PolicyRun<Verdict>; start: number }> = [];
    let position = 0;
    for (const run of group) {
      const { modelA, modelB } = run.verdict;
      if (modelA === x && modelB === y) forward.push({ run, start: position });
      else if (modelA === y && modelB === x) backward.push({ run, start: position });
      else
        throw new RatingArgumentError(
          'groups',
          `runs between models ${x} and ${y} only`,
          `${modelA} vs ${modelB}`,
        );
      position += run.count;
    }
    const pairs: PolicyRun<Verdict | PolicyVerdict>[] = [];
    let f = 0;
    let b = 0;
    let usedF = 0;
    let usedB = 0;
    while (f < forward.length && b < backward.length) {
      const first = forward[f];
      const second = backward[b];
      const times = Math.min(first.run.count - usedF, second.run.count - usedB);
      if (times > 0) pairs.push(...pairRuns(first, usedF, second, usedB, times, policy));
      usedF += times;
      usedB += times;
      if (usedF >= first.run.count) [f, usedF] = [f + 1, 0];
      if (usedB >= second.run.count) [b, usedB] = [b + 1, 0];
    }
    // What is left of the longer order has no partner and stays as it is.
    const [rest, used, from] = f < forward.length ? [forward, usedF, f] : [backward, usedB, b];
    for (let index = from; index < rest.length; index += 1) {
      const left = rest[index].run.count - (index === from ? used : 0);
      if (left > 0) kept.push({ verdict: rest[index].run.verdict, count: left });
    }
    kept.push(...pairs);
  }
  return kept;
}

/** `times` identical swap pairs: the forward run's verdict from `usedF` on, the backward one's from `usedB`. */
function pairRuns<Verdict extends PolicyVerdict>(
  forward: { run: PolicyRun<Verdict>; start: number },
  usedF: number,
  backward: { run: PolicyRun<Verdict>; start: number },
  usedB: number,
  times: number,
  policy: SwapPolicy,
): PolicyRun<Verdict | PolicyVerdict>[] {
  // Within the stretch both positions advance together, so which came first is the same for all.
  const forwardFirst = forward.start + usedF < backward.start + usedB;
  const [first, second] = forwardFirst
    ? [forward.run.verdict, backward.run.verdict]
    : [backward.run.verdict, forward.run.verdict];
  const firstPreference = preferenceOf(first.outcome, first.preferenceA);
  const unswapped = flipPreference(preferenceOf(second.outcome, second.preferenceA));
  if (policy === 'MERGE') {
    const merged = mergeSwapPair(firstPreference, unswapped);
    return [
      {
        verdict: {
          modelA: first.modelA,
          modelB: first.modelB,
          outcome: MERGED_LABEL[merged],
          preferenceA: null,
        },
        count: times,
      },
    ];
  }
  if (classifySwapPair(firstPreference, unswapped) === 'INCONSISTENT') return [];
  return [
    { verdict: first, count: times },
    { verdict: second, count: times },
  ];
}
