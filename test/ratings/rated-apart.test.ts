import {
  bootstrapBradleyTerry,
  fitBradleyTerry,
  lowerBoundWithoutLosses,
  separateUnratedModels,
  upperBoundWithoutWins,
  type PairCell,
} from '../../src/ratings';

/** A cell of `count` verdicts in which `winner` beat `loser` (score 1 for A). */
function won(winner: number, loser: number, count = 1): PairCell {
  return { modelA: winner, modelB: loser, score: 1, count, weight: 1 };
}

describe('separateUnratedModels', () => {
  test('a strongly connected slice rates every model', () => {
    const cells = [won(0, 1), won(1, 2), won(2, 0)];
    expect(separateUnratedModels(cells, 3)).toEqual({ rated: [true, true, true], apart: [] });
  });

  test('a model that never won, and one that never lost, are rated apart', () => {
    const cells = [won(0, 1), won(1, 0), won(0, 2, 2), won(3, 1)];
    const { rated, apart } = separateUnratedModels(cells, 4);
    expect(rated).toEqual([true, true, false, false]);
    expect(apart).toEqual([
      { model: 2, reason: 'NEVER_WON' },
      { model: 3, reason: 'NEVER_LOST' },
    ]);
  });

  test('a group below or above the rest is rated apart as a group', () => {
    // Core {0, 1}; {2, 3} beat each other but only lost to the core; {4, 5} only beat the core.
    const cells = [won(0, 1), won(1, 0), won(2, 3), won(3, 2), won(0, 2), won(1, 3)];
    cells.push(won(4, 5), won(5, 4), won(4, 0), won(5, 1));
    expect(separateUnratedModels(cells, 6).apart).toEqual([
      { model: 2, reason: 'BELOW_RATED_GROUP' },
      { model: 3, reason: 'BELOW_RATED_GROUP' },
      { model: 4, reason: 'ABOVE_RATED_GROUP' },
      { model: 5, reason: 'ABOVE_RATED_GROUP' },
    ]);
  });

  test('of two separate groups the one with more verdicts inside is rated; the other never met it', () => {
    const cells = [won(0, 1), won(1, 0), won(2, 3, 2), won(3, 2, 2)];
    const { rated, apart } = separateUnratedModels(cells, 4);
    expect(rated).toEqual([false, false, true, true]);
    expect(apart.map((entry) => entry.reason)).toEqual(['NOT_CONNECTED', 'NOT_CONNECTED']);
  });

  test('a chain of wins has no group to rate', () => {
    const { rated, apart } = separateUnratedModels([won(0, 1), won(1, 2)], 3);
    expect(rated).toEqual([false, false, false]);
    expect(apart).toEqual([
      { model: 0, reason: 'NEVER_LOST' },
      { model: 1, reason: 'NO_RATED_GROUP' },
      { model: 2, reason: 'NEVER_WON' },
    ]);
  });

  test('a tie joins two models: mass both ways', () => {
    const tie: PairCell = { modelA: 0, modelB: 1, score: 0.5, count: 1, weight: 1 };
    expect(separateUnratedModels([tie], 2).apart).toEqual([]);
  });

  test('the rated models fit alone exactly as they would without the others', () => {
    const core = [won(0, 1, 3), won(1, 0), won(1, 2, 2), won(2, 1), won(0, 2), won(2, 0)];
    const alone = fitBradleyTerry(core, 3);
    const withNewcomer = [...core, won(0, 3, 2)];
    const { rated } = separateUnratedModels(withNewcomer, 4);
    const kept = withNewcomer.filter((cell) => rated[cell.modelA] && rated[cell.modelB]);
    const fit = fitBradleyTerry(kept, 4);
    expect(fit.mleExists).toBe(true);
    expect(fit.ratings.slice(0, 3)).toEqual(alone.ratings);
    expect(fit.ratings[3]).toBeNaN();
  });
});

describe('one-sided bounds', () => {
  test('against one opponent the upper bound is the Clopper–Pearson 1 − α^(1/n)', () => {
    for (const n of [1, 2, 10, 100]) {
      const p = 1 - 0.05 ** (1 / n);
      const expected = 1100 + 400 * Math.log10(p / (1 - p));
      expect(upperBoundWithoutWins([{ rating: 1100, count: n }], 0.95)).toBeCloseTo(expected, 6);
    }
  });

  test('at the bound the record keeps exactly chance α, over several opponents', () => {
    const opponents = [
      { rating: 900, count: 3 },
      { rating: 1200, count: 5 },
    ];
    const bound = upperBoundWithoutWins(opponents, 0.9);
    const chance = opponents.reduce(
      (product, { rating, count }) =>
        product * (1 - 1 / (1 + 10 ** ((rating - bound) / 400))) ** count,
      1,
    );
    expect(chance).toBeCloseTo(0.1, 9);
  });

  test('more losses lower the upper bound; the lower bound mirrors it', () => {
    const few = upperBoundWithoutWins([{ rating: 1000, count: 2 }], 0.95);
    const many = upperBoundWithoutWins([{ rating: 1000, count: 50 }], 0.95);
    expect(many).toBeLessThan(few);
    expect(lowerBoundWithoutLosses([{ rating: 1000, count: 2 }], 0.95)).toBeCloseTo(2000 - few, 9);
  });

  test('bad arguments say what was expected', () => {
    expect(() => upperBoundWithoutWins([], 0.95)).toThrow(
      /opponents: expected at least one opponent/,
    );
    expect(() => upperBoundWithoutWins([{ rating: 1000, count: 0 }], 0.95)).toThrow(
      /opponents\[0\]\.count: expected a finite number > 0/,
    );
  });
});

describe('bootstrap rounds in which a model loses its finite estimate', () => {
  test('are centred over the models the round can rate, so the others are not dragged along', () => {
    const tie = (a: number, b: number, count: number): PairCell => ({
      modelA: a,
      modelB: b,
      score: 0.5,
      count,
      weight: 1,
    });
    // Three evenly matched models, and a fourth that won 1 of 21: some resamples draw no win.
    const cells = [won(0, 1, 20), won(1, 0, 20), won(1, 2, 20), won(2, 1, 20), tie(0, 2, 40)];
    cells.push(won(3, 0, 1), won(0, 3, 20));
    const result = bootstrapBradleyTerry(cells, 4, { rounds: 200, seed: 3 });
    const apartRounds = result.roundRatings.filter((ratings) => ratings[3] < 0);
    expect(result.roundsWithoutMle).toBeGreaterThan(0);
    expect(apartRounds.length).toBe(result.roundsWithoutMle);
    for (const ratings of apartRounds) {
      expect((ratings[0] + ratings[1] + ratings[2]) / 3).toBeCloseTo(1000, 6);
    }
    // Its interval reaches as far down as those rounds put it: the data cannot bound it better.
    expect(result.intervals[3]?.lower).toBeLessThan(0);
  });
});
