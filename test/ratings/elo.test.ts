import { onlineElo } from '../../src/ratings';

describe('onlineElo', () => {
  it('moves an even pair by K/2 on a win (1000 vs 1000, K = 4)', () => {
    expect(onlineElo([{ modelA: 0, modelB: 1, score: 1 }], 2)).toEqual([1002, 998]);
  });

  it('leaves an even pair unchanged on a tie and never-playing models at the initial rating', () => {
    expect(onlineElo([{ modelA: 0, modelB: 1, score: 0.5 }], 3)).toEqual([1000, 1000, 1000]);
  });

  it('scales the update by the match weight, as three identical strong rows would roughly do', () => {
    const [weighted] = onlineElo([{ modelA: 0, modelB: 1, score: 1, weight: 3 }], 2);
    expect(weighted).toBeCloseTo(1006, 12);
  });

  it('depends on the order of the matches, which is why the order is fixed', () => {
    const first = { modelA: 0, modelB: 1, score: 1 };
    const second = { modelA: 1, modelB: 2, score: 1 };
    expect(onlineElo([first, second], 3)).not.toEqual(onlineElo([second, first], 3));
  });

  it('uses the given K, scale, base and initial rating', () => {
    const [a, b] = onlineElo([{ modelA: 0, modelB: 1, score: 0 }], 2, {
      k: 32,
      initialRating: 1500,
      scale: 400,
      base: 10,
    });
    expect(a).toBe(1484);
    expect(b).toBe(1516);
  });

  it('rejects invalid matches and options, saying what it expected', () => {
    expect(() => onlineElo([{ modelA: 0, modelB: 2, score: 1 }], 2)).toThrow(
      'matches[0].modelB: expected a model index in 0..1, but received 2',
    );
    expect(() => onlineElo([{ modelA: 0, modelB: 1, score: 2 }], 2)).toThrow(
      'matches[0].score: expected a number in [0, 1]',
    );
    expect(() => onlineElo([], 2, { k: 0 })).toThrow(
      'k: expected a finite number > 0, but received 0',
    );
    expect(() => onlineElo([], 2, { base: 1 })).toThrow(
      'base: expected a finite number > 1, but received 1',
    );
  });
});
