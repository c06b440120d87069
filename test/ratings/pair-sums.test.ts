import { fitBradleyTerry, type PairCell } from '../../src/ratings';
import { PairSums, sumPairs } from '../../src/ratings/pair-sums';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';

describe('PairSums', () => {
  const cells: PairCell[] = [
    { modelA: 0, modelB: 1, score: 1, count: 3, weight: 1 },
    { modelA: 1, modelB: 0, score: 1, count: 2, weight: 3 },
    { modelA: 0, modelB: 1, score: 0.5, count: 4, weight: 1 },
    { modelA: 2, modelB: 0, score: 0.25, count: 2, weight: 1 },
    { modelA: 1, modelB: 2, score: 0, count: 0, weight: 1 },
  ];

  it('sums each pair, oriented from its lower model, into mass and mean score', () => {
    expect(sumPairs(cells, 3)).toEqual([
      // Mass 3 + 6 + 4 = 13; score mass 3 + 0 + 2 = 5.
      { modelA: 0, modelB: 1, score: 5 / 13, count: 1, weight: 13 },
      // (2, 0, 0.25) seen from model 0 scores 0.75.
      { modelA: 0, modelB: 2, score: 0.75, count: 1, weight: 2 },
    ]);
  });

  it("sums a resample: counts per cell replace the cells' own, and pairs left empty drop out", () => {
    const sums = new PairSums(cells, 3);
    expect(sums.pairCells([0, 1, 0, 0, 5])).toEqual([
      { modelA: 0, modelB: 1, score: 0, count: 1, weight: 3 },
      { modelA: 1, modelB: 2, score: 0, count: 1, weight: 5 },
    ]);
    // The sums are recomputed from zero each time.
    expect(sums.pairCells()).toEqual(sumPairs(cells, 3));
  });

  it('keeps a one-sided pair at exactly 1 or 0, so a missing finite MLE is still detected', () => {
    const oneSided: PairCell[] = [
      { modelA: 0, modelB: 1, score: 1, count: 7, weight: 0.1 },
      { modelA: 1, modelB: 0, score: 0, count: 3, weight: 0.7 },
    ];
    expect(sumPairs(oneSided, 2)[0].score).toBe(1);
    const fit = fitBradleyTerry(oneSided, 2);
    expect(fit.mleExists).toBe(false);
  });

  it('gives the closed-form two-model Bradley–Terry rating gap', () => {
    // With one pair the MLE sets P(0 ≻ 1) to the mean score S/M = 5/13.
    const fit = fitBradleyTerry(cells.slice(0, 3), 2);
    expect(fit.ratings[0] - fit.ratings[1]).toBeCloseTo(400 * Math.log10(5 / 8), 6);
  });

  it('leaves the fit unchanged when cells are split, duplicated or flipped', () => {
    const random = createRandom(5);
    const simulated = simulateCells(random, {
      trueRatings: drawTrueRatings(random, 8, 150),
      games: 2_000,
      tieShare: 0.2,
    });
    const reshaped = simulated.flatMap((cell) => {
      const flipped = {
        modelA: cell.modelB,
        modelB: cell.modelA,
        score: 1 - cell.score,
        weight: cell.weight,
      };
      const half = Math.floor(cell.count / 2);
      return [
        { ...cell, count: half },
        { ...flipped, count: cell.count - half },
      ];
    });
    const direct = fitBradleyTerry(simulated, 8);
    const fromReshaped = fitBradleyTerry(reshaped, 8);
    direct.ratings.forEach((rating, model) =>
      expect(fromReshaped.ratings[model]).toBeCloseTo(rating, 9),
    );
  });
});
