import {
  aggregateCells,
  canonicalCells,
  withCanonicalCells,
  type PairCell,
  type VerdictForCells,
} from '../../src/ratings';

const verdict = (
  modelA: number,
  modelB: number,
  outcome: VerdictForCells['outcome'],
  extra: Partial<VerdictForCells> = {},
) => ({
  modelA,
  modelB,
  outcome,
  ...extra,
});

describe('aggregateCells', () => {
  it('merges verdicts with the same models, score and weight, in first-seen order', () => {
    const cells = aggregateCells([
      verdict(0, 1, 'A>B'),
      verdict(0, 1, 'A>>B'),
      verdict(0, 1, 'A=B'),
      verdict(0, 1, 'BOTH_BAD'),
      verdict(1, 0, 'B>A'),
    ]);
    expect(cells).toEqual([
      { modelA: 0, modelB: 1, score: 1, count: 2, weight: 1 },
      { modelA: 0, modelB: 1, score: 0.5, count: 2, weight: 1 },
      { modelA: 1, modelB: 0, score: 0, count: 1, weight: 1 },
    ]);
  });

  it('gives strong verdicts their own weight and cell', () => {
    const cells = aggregateCells(
      [verdict(0, 1, 'A>>B'), verdict(0, 1, 'A>B'), verdict(0, 1, 'B>>A')],
      { strongVerdictWeight: 3 },
    );
    expect(cells).toEqual([
      { modelA: 0, modelB: 1, score: 1, count: 1, weight: 3 },
      { modelA: 0, modelB: 1, score: 1, count: 1, weight: 1 },
      { modelA: 0, modelB: 1, score: 0, count: 1, weight: 3 },
    ]);
  });

  it('uses a soft preference as the score and honours pre-aggregated counts', () => {
    const cells = aggregateCells([
      verdict(2, 0, 'A>B', { preferenceA: 0.73, count: 4 }),
      verdict(2, 0, 'A>B', { preferenceA: null, count: 0 }),
      verdict(2, 0, 'B>A', { preferenceA: 0.73 }),
    ]);
    expect(cells).toEqual([{ modelA: 2, modelB: 0, score: 0.73, count: 5, weight: 1 }]);
  });

  it('merges the same way when a pair has many soft preferences, or model indices past 2^15', () => {
    // 40 distinct preferences on one pair, each seen three times, interleaved with another pair.
    const verdicts: VerdictForCells[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (let step = 0; step < 40; step += 1) {
        verdicts.push(verdict(0, 1, 'A>B', { preferenceA: step / 40 }));
        verdicts.push(verdict(40_000, 2, 'B>A'));
      }
    }
    const cells = aggregateCells(verdicts);
    expect(cells).toHaveLength(41);
    expect(cells[0]).toEqual({ modelA: 0, modelB: 1, score: 0, count: 3, weight: 1 });
    expect(cells[1]).toEqual({ modelA: 40_000, modelB: 2, score: 0, count: 120, weight: 1 });
    expect(cells.slice(2).map((cell) => [cell.score, cell.count])).toEqual(
      Array.from({ length: 39 }, (_, step) => [(step + 1) / 40, 3]),
    );
  });

  it('rejects invalid verdicts, naming the position, the expectation and the value', () => {
    expect(() => aggregateCells([verdict(0, 0, 'A>B')])).toThrow(
      'verdicts[0].modelB: expected a model other than modelA (0), but received 0',
    );
    expect(() =>
      aggregateCells([verdict(0, 1, 'A>B'), verdict(0, 1, 'A>B', { preferenceA: 2 })]),
    ).toThrow('verdicts[1].preferenceA: expected a number in [0, 1], but received 2');
    expect(() => aggregateCells([verdict(0, 1, 'win' as VerdictForCells['outcome'])])).toThrow(
      'verdicts[0].outcome: expected one of A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD, but received "win"',
    );
    expect(() => aggregateCells([verdict(-1, 1, 'A>B')])).toThrow(
      'verdicts[0].modelA: expected a non-negative safe integer',
    );
    expect(() => aggregateCells([verdict(0, 1, 'A>B', { count: 1.5 })])).toThrow(
      'verdicts[0].count',
    );
  });
});

describe('canonicalCells', () => {
  it('gives one list for the same verdicts in any order or split, without changing its input', () => {
    const verdicts: VerdictForCells[] = [
      verdict(2, 0, 'A>>B'),
      verdict(0, 1, 'A>B', { count: 3 }),
      verdict(0, 1, 'B>A'),
      verdict(1, 0, 'A=B', { preferenceA: 0.25 }),
      verdict(0, 1, 'A>B'),
      verdict(2, 0, 'A>B', { count: 2 }),
    ];
    const whole = canonicalCells(aggregateCells(verdicts, { strongVerdictWeight: 3 }));
    expect(whole).toEqual([
      { modelA: 0, modelB: 1, score: 0, count: 1, weight: 1 },
      { modelA: 0, modelB: 1, score: 1, count: 4, weight: 1 },
      { modelA: 1, modelB: 0, score: 0.25, count: 1, weight: 1 },
      { modelA: 2, modelB: 0, score: 1, count: 2, weight: 1 },
      { modelA: 2, modelB: 0, score: 1, count: 1, weight: 3 },
    ]);
    // Read backwards in two parts and merged, as a board extended by appended verdicts is.
    const older = aggregateCells(verdicts.slice(2).reverse(), { strongVerdictWeight: 3 });
    const appended = aggregateCells(verdicts.slice(0, 2), { strongVerdictWeight: 3 });
    const olderCopy: PairCell[] = older.map((cell) => ({ ...cell }));
    expect(canonicalCells([...older, ...appended])).toEqual(whole);
    expect(older).toEqual(olderCopy);
    // Merged into a canonical list: cells before, between, after and equal to the stored ones.
    const stored = canonicalCells(older);
    const storedCopy = stored.map((cell) => ({ ...cell }));
    expect(withCanonicalCells(stored, appended)).toEqual(whole);
    expect(withCanonicalCells(stored, [])).toEqual(stored);
    const around: PairCell[] = [
      { modelA: 0, modelB: 1, score: 0.75, count: 1, weight: 1 },
      { modelA: 1, modelB: 0, score: 0.25, count: 2, weight: 1 },
      { modelA: 1, modelB: 0, score: 0.5, count: 1, weight: 1 },
      { modelA: 9, modelB: 1, score: 0, count: 1, weight: 1 },
    ];
    expect(withCanonicalCells(stored, around)).toEqual(canonicalCells([...stored, ...around]));
    expect(stored).toEqual(storedCopy);
  });
});
