import { aggregateCells, pairwiseWinRates, winRateVersusBaseline } from '../../src/ratings';

describe('winRateVersusBaseline', () => {
  it('is 100·P(model ≻ baseline): 50 for the baseline, about 64 at +100 Elo', () => {
    const rates = winRateVersusBaseline([1100, 1000, 900, Number.NaN], 1);
    expect(rates[1]).toBe(50);
    expect(rates[0]).toBeCloseTo(100 / (1 + 10 ** (-100 / 400)), 12);
    expect(rates[0] + rates[2]).toBeCloseTo(100, 12);
    expect(rates[3]).toBeNaN();
  });

  it('rejects a baseline that is not a model', () => {
    expect(() => winRateVersusBaseline([1000, 1000], 2)).toThrow(
      'baseline: expected a model index in 0..1, but received 2',
    );
  });
});

describe('pairwiseWinRates', () => {
  it('reports both directions of each pair that met, ties excluded, weights applied', () => {
    const cells = aggregateCells(
      [
        { modelA: 0, modelB: 1, outcome: 'A>B', count: 3 },
        { modelA: 1, modelB: 0, outcome: 'A>>B' },
        { modelA: 0, modelB: 1, outcome: 'A=B', count: 4 },
        { modelA: 2, modelB: 1, outcome: 'BOTH_BAD' },
      ],
      { strongVerdictWeight: 3 },
    );
    const rates = pairwiseWinRates(cells, [1100, 1000, 1000]);
    expect(rates.map(({ model, opponent }) => [model, opponent])).toEqual([
      [0, 1],
      [1, 0],
      [1, 2],
      [2, 1],
    ]);
    expect(rates[0]).toEqual({
      model: 0,
      opponent: 1,
      empiricalWinRate: 0.5,
      decisiveWeight: 6,
      tieWeight: 4,
      predictedWinRate: 1 / (1 + 10 ** (-100 / 400)),
    });
    expect(rates[1].empiricalWinRate).toBe(0.5);
    expect(rates[2]).toMatchObject({
      empiricalWinRate: null,
      decisiveWeight: 0,
      tieWeight: 1,
      predictedWinRate: 0.5,
    });
  });

  it('counts a soft preference fractionally', () => {
    const cells = [{ modelA: 0, modelB: 1, score: 0.8, count: 2, weight: 1 }];
    const [forward, backward] = pairwiseWinRates(cells, [1000, 1000]);
    expect(forward.empiricalWinRate).toBeCloseTo(0.8, 12);
    expect(backward.empiricalWinRate).toBeCloseTo(0.2, 12);
  });
});
