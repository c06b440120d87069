import {
  classifySwapPair,
  mergeSwapPair,
  pairSwapVerdicts,
  preferenceOf,
  swapConsistency,
  swapLabel,
  type Preference,
  type SwapVerdict,
} from '../../src/ratings';

/** A verdict of a swap group: models in the order shown, preference from that A's side. */
const v = (modelA: number, modelB: number, preference: Preference): SwapVerdict => ({
  modelA,
  modelB,
  preference,
});

describe('swapConsistency', () => {
  it('classifies hand-built swap pairs and leaves unpaired verdicts out', () => {
    const groups = [
      [v(1, 2, 'A'), v(2, 1, 'B')], // 1 preferred both times: consistent
      [v(1, 3, 'A'), v(3, 1, 'A')], // the first shown wins both times: inconsistent
      [v(2, 3, 'TIE'), v(3, 2, 'TIE')], // tie both times: consistent
      [v(4, 5, 'TIE'), v(5, 4, 'B')], // tie, then 4 preferred: one-sided tie
      [v(1, 4, 'A'), v(1, 4, 'B'), v(4, 1, 'B'), v(1, 4, 'TIE')], // 0 pairs with 2 (consistent); 1 and 3 left over
      [v(6, 7, 'A')], // never swapped: unpaired
      [v(9, 8, 'A'), v(9, 8, 'B'), v(8, 9, 'B'), v(8, 9, 'A')], // 0–2 and 1–3, both consistent
    ];
    expect(swapConsistency(groups)).toEqual({
      pairs: 7,
      consistent: 5,
      inconsistent: 1,
      oneSidedTie: 1,
      rate: 5 / 7,
      unpaired: 3,
    });
  });

  it('reads verdict labels through preferenceOf: a label and its swap are consistent', () => {
    const verdict = (modelA: number, modelB: number, label: Parameters<typeof preferenceOf>[0]) =>
      v(modelA, modelB, preferenceOf(label));
    const groups = [
      [verdict(1, 2, 'A>>B'), verdict(2, 1, swapLabel('A>>B'))],
      [verdict(1, 2, 'A>B'), verdict(2, 1, 'B>>A')], // strength differs, direction agrees
      [verdict(1, 2, 'A=B'), verdict(2, 1, 'BOTH_BAD')], // both ties
      [verdict(1, 2, 'A>B'), verdict(2, 1, 'A>B')],
    ];
    expect(swapConsistency(groups)).toMatchObject({
      pairs: 4,
      consistent: 3,
      inconsistent: 1,
      oneSidedTie: 0,
    });
  });

  it('has no rate without swap pairs', () => {
    expect(swapConsistency([])).toEqual({
      pairs: 0,
      consistent: 0,
      inconsistent: 0,
      oneSidedTie: 0,
      rate: null,
      unpaired: 0,
    });
    expect(swapConsistency([[v(1, 2, 'A'), v(1, 2, 'B')], []])).toMatchObject({
      pairs: 0,
      rate: null,
      unpaired: 2,
    });
  });

  it('rejects a verdict between other models than the rest of its group', () => {
    expect(() => swapConsistency([[v(1, 2, 'A')], [v(1, 2, 'A'), v(2, 3, 'B')]])).toThrow(
      'groups[1][1]: expected a verdict between models 1 and 2, like the first of its group, but received "2 vs 3"',
    );
    expect(() => swapConsistency([[v(4, 4, 'A')]])).toThrow(
      'groups[0][0].modelB: expected a model other than modelA (4), but received 4',
    );
    expect(() => swapConsistency([[v(1, 2, 'X' as Preference)]])).toThrow(
      "groups[0][0].preference: expected a preference 'A', 'TIE' or 'B', but received \"X\"",
    );
  });
});

describe('pairSwapVerdicts', () => {
  it('pairs the k-th verdict of one order with the k-th of the other, in the given order', () => {
    expect(pairSwapVerdicts([v(1, 2, 'A'), v(1, 2, 'A'), v(2, 1, 'B'), v(2, 1, 'B')])).toEqual({
      pairs: [
        [0, 2],
        [1, 3],
      ],
      unpaired: [],
    });
    expect(
      pairSwapVerdicts([v(2, 1, 'A'), v(1, 2, 'A'), v(1, 2, 'B'), v(2, 1, 'TIE'), v(1, 2, 'B')]),
    ).toEqual({
      pairs: [
        [0, 1],
        [2, 3],
      ],
      unpaired: [4],
    });
  });
});

describe('classifySwapPair and mergeSwapPair (MT-Bench: a win only when both games agree)', () => {
  it.each<[Preference, Preference, string, Preference]>([
    ['A', 'A', 'CONSISTENT', 'A'],
    ['B', 'B', 'CONSISTENT', 'B'],
    ['TIE', 'TIE', 'CONSISTENT', 'TIE'],
    ['A', 'B', 'INCONSISTENT', 'TIE'],
    ['B', 'A', 'INCONSISTENT', 'TIE'],
    ['TIE', 'A', 'ONE_SIDED_TIE', 'TIE'],
    ['A', 'TIE', 'ONE_SIDED_TIE', 'TIE'],
    ['TIE', 'B', 'ONE_SIDED_TIE', 'TIE'],
    ['B', 'TIE', 'ONE_SIDED_TIE', 'TIE'],
  ])('%s then %s (un-swapped) is %s and merges to %s', (first, second, kind, merged) => {
    expect(classifySwapPair(first, second)).toBe(kind);
    expect(mergeSwapPair(first, second)).toBe(merged);
  });

  it('rejects anything but preferences', () => {
    expect(() => mergeSwapPair('A', 'model_a' as Preference)).toThrow(
      "secondUnswapped: expected a preference 'A', 'TIE' or 'B', but received \"model_a\"",
    );
  });
});
