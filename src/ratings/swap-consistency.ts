import { RatingArgumentError } from './errors';
import { checkPreference, flipPreference, type Preference } from './preference';

/**
 * Terms. A **swap pair** is two verdicts by the same judge on the same prompt and the same two
 * models shown in opposite order: one with (modelA, modelB) = (x, y), the other with (y, x).
 * **Un-swapping** flips the second verdict's preference so both speak from x's side. The pair is
 * then **consistent** (same preference, a tie and a tie included), **inconsistent** (A against B),
 * or a **one-sided tie** (one tie, one decisive).
 */

/** A verdict in a swap group: its own model ids in the order shown, and its preference from A's side. */
export interface SwapVerdict {
  modelA: number;
  modelB: number;
  preference: Preference;
}

export type SwapPairKind = 'CONSISTENT' | 'INCONSISTENT' | 'ONE_SIDED_TIE';

export interface SwapConsistencyReport {
  pairs: number;
  consistent: number;
  inconsistent: number;
  oneSidedTie: number;
  /** consistent / pairs; null when there is no swap pair. */
  rate: number | null;
  /** Verdicts left without a partner in the opposite order (not counted in `pairs`). */
  unpaired: number;
}

/** The swap pairs of one group, as [earlier, later] indices into it, and the indices left over. */
export interface SwapPairing {
  pairs: Array<[number, number]>;
  unpaired: number[];
}

export function classifySwapPair(first: Preference, secondUnswapped: Preference): SwapPairKind {
  checkPreference('first', first);
  checkPreference('secondUnswapped', secondUnswapped);
  if (first === secondUnswapped) return 'CONSISTENT';
  return first === 'TIE' || secondUnswapped === 'TIE' ? 'ONE_SIDED_TIE' : 'INCONSISTENT';
}

/**
 * One verdict from a swap pair, MT-Bench's rule (lm-sys/FastChat
 * `fastchat/llm_judge/show_result.py`, `display_result_pairwise`): a model wins only when both
 * games name it; any pair whose games differ is a tie. That covers inconsistent pairs and
 * one-sided ties alike (a pair whose first game is a tie is a tie whatever the second says, and
 * one whose second game alone is a tie differs from the first). FastChat's second-game winner is
 * already mapped back to the model (`common.py`, `play_a_match_pair`), i.e. un-swapped.
 */
export function mergeSwapPair(first: Preference, secondUnswapped: Preference): Preference {
  return classifySwapPair(first, secondUnswapped) === 'CONSISTENT' ? first : 'TIE';
}

/**
 * Pairs a group's verdicts shown as (x, y) with those shown as (y, x), greedily in the given
 * order: the k-th verdict of one order is paired with the k-th of the other, which is what
 * matching each verdict to the earliest unmatched one of the opposite order gives. (x, y) is the
 * order of the group's first verdict. Throws when a verdict is not between the group's two models.
 */
export function pairSwapVerdicts(group: readonly SwapVerdict[]): SwapPairing {
  return pairGroup(group, 'group');
}

function pairGroup(untrusted: readonly SwapVerdict[], argument: string): SwapPairing {
  // Array.isArray narrows a readonly array to any[]; the code below reads the typed alias.
  const group: readonly SwapVerdict[] = untrusted;
  if (!Array.isArray(untrusted))
    throw new RatingArgumentError(argument, 'an array of verdicts', untrusted);
  const forward: number[] = [];
  const backward: number[] = [];
  group.forEach((verdict, index) => {
    const name = `${argument}[${index}]`;
    const { modelA, modelB, preference } = verdict ?? ({} as SwapVerdict);
    if (!Number.isFinite(modelA))
      throw new RatingArgumentError(`${name}.modelA`, 'a model id', modelA);
    if (!Number.isFinite(modelB))
      throw new RatingArgumentError(`${name}.modelB`, 'a model id', modelB);
    if (modelA === modelB) {
      throw new RatingArgumentError(
        `${name}.modelB`,
        `a model other than modelA (${modelA})`,
        modelB,
      );
    }
    checkPreference(`${name}.preference`, preference);
    const { modelA: x, modelB: y } = group[0];
    if (modelA === x && modelB === y) forward.push(index);
    else if (modelA === y && modelB === x) backward.push(index);
    else {
      throw new RatingArgumentError(
        name,
        `a verdict between models ${x} and ${y}, like the first of its group`,
        `${modelA} vs ${modelB}`,
      );
    }
  });
  const paired = Math.min(forward.length, backward.length);
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < paired; k += 1) {
    pairs.push(forward[k] < backward[k] ? [forward[k], backward[k]] : [backward[k], forward[k]]);
  }
  const unpaired = [...forward.slice(paired), ...backward.slice(paired)].sort((a, b) => a - b);
  return { pairs, unpaired };
}

/**
 * Swap consistency of a judge over groups of verdicts on one (prompt, unordered model pair) each:
 * how many swap pairs agree after un-swapping. `rate` is the share of pairs whose two games name
 * the same outcome, FastChat's `g1_winner == g2_winner` (`common.py`, `load_pairwise_model_judgments`),
 * so a one-sided tie is not consistent; it is counted apart from the A-against-B pairs because it
 * is a weaker disagreement.
 */
export function swapConsistency(groups: Iterable<readonly SwapVerdict[]>): SwapConsistencyReport {
  const report: SwapConsistencyReport = {
    pairs: 0,
    consistent: 0,
    inconsistent: 0,
    oneSidedTie: 0,
    rate: null,
    unpaired: 0,
  };
  let groupIndex = 0;
  for (const group of groups) {
    const { pairs, unpaired } = pairGroup(group, `groups[${groupIndex}]`);
    for (const [first, second] of pairs) {
      const kind = classifySwapPair(
        group[first].preference,
        flipPreference(group[second].preference),
      );
      report.pairs += 1;
      if (kind === 'CONSISTENT') report.consistent += 1;
      else if (kind === 'INCONSISTENT') report.inconsistent += 1;
      else report.oneSidedTie += 1;
    }
    report.unpaired += unpaired.length;
    groupIndex += 1;
  }
  report.rate = report.pairs > 0 ? report.consistent / report.pairs : null;
  return report;
}
