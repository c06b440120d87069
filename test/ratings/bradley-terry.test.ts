import {
  aggregateCells,
  fitBradleyTerry,
  type OutcomeLabel,
  type PairCell,
} from '../../src/ratings';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';

/** Cells from a compact list of [modelA, modelB, outcome, count?]. */
function cellsOf(rows: Array<[number, number, OutcomeLabel, number?]>): PairCell[] {
  return aggregateCells(
    rows.map(([modelA, modelB, outcome, count]) => ({ modelA, modelB, outcome, count })),
  );
}

const POINTS_PER_LOG_UNIT = 400 / Math.log(10);

/** ∂ℓ/∂β recomputed here, independently of the library, from the returned ratings. */
function gradientAt(cells: readonly PairCell[], ratings: readonly number[]): number[] {
  const gradient = ratings.map(() => 0);
  for (const cell of cells) {
    const probability = 1 / (1 + 10 ** ((ratings[cell.modelB] - ratings[cell.modelA]) / 400));
    const residual = cell.count * cell.weight * (cell.score - probability);
    gradient[cell.modelA] += residual;
    gradient[cell.modelB] -= residual;
  }
  return gradient;
}

const ROUND_ROBIN = cellsOf([
  [0, 1, 'A>B', 7],
  [0, 1, 'B>A', 3],
  [1, 2, 'A>B', 6],
  [1, 2, 'A=B', 2],
  [1, 2, 'B>A', 2],
  [2, 0, 'A>B', 2],
  [2, 0, 'B>>A', 8],
  [3, 0, 'A>B', 1],
  [3, 0, 'B>A', 4],
  [3, 2, 'A>B', 5],
  [3, 2, 'BOTH_BAD', 1],
  [3, 2, 'B>A', 2],
]);

describe('fitBradleyTerry', () => {
  it('converges until the gradient is below the tolerance, centred on 1000', () => {
    const fit = fitBradleyTerry(ROUND_ROBIN, 4);
    expect(fit).toMatchObject({
      mleExists: true,
      problem: null,
      converged: true,
      played: [true, true, true, true],
    });
    expect(fit.gradientNorm).toBeLessThan(1e-10);
    expect(Math.max(...gradientAt(ROUND_ROBIN, fit.ratings).map(Math.abs))).toBeLessThan(1e-9);
    expect(fit.ratings.reduce((sum, rating) => sum + rating, 0) / 4).toBeCloseTo(1000, 9);
    expect(fit.iterations).toBeLessThan(15);
  });

  it('gives two models the closed form R_A − R_B = 400·log10(wins/losses)', () => {
    const fit = fitBradleyTerry(
      cellsOf([
        [0, 1, 'A>B', 30],
        [1, 0, 'A>B', 10],
      ]),
      2,
    );
    expect(fit.ratings[0] - fit.ratings[1]).toBeCloseTo(400 * Math.log10(3), 9);
    expect(fit.ratings[0] + fit.ratings[1]).toBeCloseTo(2000, 9);
  });

  it('shifts every rating by the same amount to honour an anchor', () => {
    const centred = fitBradleyTerry(ROUND_ROBIN, 4);
    const anchored = fitBradleyTerry(ROUND_ROBIN, 4, { anchor: { model: 2, rating: 1114 } });
    expect(anchored.ratings[2]).toBeCloseTo(1114, 9);
    const shift = anchored.ratings[0] - centred.ratings[0];
    anchored.ratings.forEach((rating, model) =>
      expect(rating - centred.ratings[model]).toBeCloseTo(shift, 8),
    );
  });

  it('shrinks ratings towards equal as regularization grows', () => {
    const spread = (regularization: number) => {
      const { ratings } = fitBradleyTerry(ROUND_ROBIN, 4, { regularization });
      return Math.max(...ratings) - Math.min(...ratings);
    };
    const spreads = [0, 1, 10, 100, 1e6].map(spread);
    for (let index = 1; index < spreads.length; index += 1)
      expect(spreads[index]).toBeLessThan(spreads[index - 1]);
    expect(spreads[4]).toBeLessThan(0.01);
  });

  it('maximises the penalised likelihood: gradient of ℓ equals λ·β', () => {
    const regularization = 2.5;
    const fit = fitBradleyTerry(ROUND_ROBIN, 4, { regularization });
    const gradient = gradientAt(ROUND_ROBIN, fit.ratings);
    fit.ratings.forEach((rating, model) =>
      expect(gradient[model]).toBeCloseTo(
        (regularization * (rating - 1000)) / POINTS_PER_LOG_UNIT,
        8,
      ),
    );
  });

  it('says there is no finite MLE when a model only wins, naming it, and stays finite', () => {
    const cells = cellsOf([
      [0, 1, 'A>B', 3],
      [0, 1, 'B>A', 2],
      [2, 0, 'A>B', 4],
      [2, 1, 'A>>B', 1],
      [1, 2, 'B>A', 2],
    ]);
    const fit = fitBradleyTerry(cells, 3);
    expect(fit.mleExists).toBe(false);
    expect(fit.problem).toContain('model 2 never loses');
    expect(fit.appliedRegularization).toBe(1e-6);
    expect(fit.ratings.every(Number.isFinite)).toBe(true);
    expect(fit.ratings[2]).toBeGreaterThan(fit.ratings[0] + 400);
    expect(fit.converged).toBe(true);
  });

  it('names a model that never wins', () => {
    const fit = fitBradleyTerry(
      cellsOf([
        [0, 1, 'A>B', 3],
        [1, 0, 'A>B', 2],
        [2, 0, 'B>A'],
        [1, 2, 'A>B'],
      ]),
      3,
    );
    expect(fit.problem).toContain('model 2 never wins');
  });

  it('says a disconnected comparison graph has no finite MLE, listing the groups', () => {
    const cells = cellsOf([
      [0, 1, 'A>B'],
      [1, 0, 'A>B'],
      [2, 3, 'A>B', 2],
      [3, 2, 'A=B'],
    ]);
    const fit = fitBradleyTerry(cells, 5);
    expect(fit.mleExists).toBe(false);
    expect(fit.problem).toContain('disconnected into 2 groups that never met: {0, 1}, {2, 3}');
    expect(fit.played).toEqual([true, true, true, true, false]);
    expect(fit.ratings.slice(0, 4).every(Number.isFinite)).toBe(true);
    expect(fit.ratings[4]).toBeNaN();
  });

  it('treats an explicit regularization as a well-posed problem', () => {
    const fit = fitBradleyTerry(cellsOf([[0, 1, 'A>B']]), 2, { regularization: 1 });
    expect(fit).toMatchObject({
      mleExists: true,
      problem: null,
      converged: true,
      appliedRegularization: 1,
    });
  });

  it('gives defined answers for one verdict, all ties and no verdicts', () => {
    const single = fitBradleyTerry(cellsOf([[0, 1, 'A>B']]), 2);
    expect(single.mleExists).toBe(false);
    expect(single.ratings.every(Number.isFinite)).toBe(true);
    expect(single.ratings[0]).toBeGreaterThan(single.ratings[1]);

    const ties = fitBradleyTerry(
      cellsOf([
        [0, 1, 'A=B', 3],
        [1, 2, 'BOTH_BAD'],
        [2, 0, 'A=B'],
      ]),
      3,
    );
    expect(ties.mleExists).toBe(true);
    ties.ratings.forEach((rating) => expect(rating).toBeCloseTo(1000, 9));

    const empty = fitBradleyTerry([], 3);
    expect(empty).toMatchObject({
      mleExists: true,
      problem: null,
      converged: true,
      iterations: 0,
      played: [false, false, false],
    });
    expect(empty.ratings.every(Number.isNaN)).toBe(true);
  });

  it('ignores cells of zero count or weight when deciding who played', () => {
    const fit = fitBradleyTerry(
      [
        { modelA: 0, modelB: 1, score: 1, count: 2, weight: 1 },
        { modelA: 1, modelB: 0, score: 1, count: 1, weight: 1 },
        { modelA: 2, modelB: 0, score: 1, count: 0, weight: 1 },
        { modelA: 3, modelB: 0, score: 1, count: 5, weight: 0 },
      ],
      4,
    );
    expect(fit.played).toEqual([true, true, false, false]);
    expect(fit.mleExists).toBe(true);
  });

  it('fits 100 models over ~5,000 cells in a few Newton steps', () => {
    const random = createRandom(2024);
    const cells = simulateCells(random, {
      trueRatings: drawTrueRatings(random, 100, 150),
      games: 6_000,
      tieShare: 0.3,
    });
    expect(cells.length).toBeGreaterThan(4_500);
    const fit = fitBradleyTerry(cells, 100);
    // Speed is measured by `npm run bench`; here, the count of Newton steps that drives it.
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(10);
  });

  it('reports an unconverged fit when the iteration cap is reached first', () => {
    const fit = fitBradleyTerry(ROUND_ROBIN, 4, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(1);
    expect(fit.gradientNorm).toBeGreaterThan(1e-10);
  });

  it('starts from given ratings and reaches the same optimum', () => {
    const cold = fitBradleyTerry(ROUND_ROBIN, 4);
    const warm = fitBradleyTerry(ROUND_ROBIN, 4, {
      startingRatings: [900, 1200, Number.NaN, 1000],
    });
    warm.ratings.forEach((rating, model) => expect(rating).toBeCloseTo(cold.ratings[model], 8));
  });

  it('rejects invalid cells and options, saying what it expected and what it got', () => {
    expect(() =>
      fitBradleyTerry([{ modelA: 0, modelB: 4, score: 1, count: 1, weight: 1 }], 4),
    ).toThrow('cells[0].modelB: expected a model index in 0..3, but received 4');
    expect(() =>
      fitBradleyTerry([{ modelA: 0, modelB: 1, score: 1, count: -1, weight: 1 }], 4),
    ).toThrow('cells[0].count: expected a non-negative safe integer, but received -1');
    expect(() => fitBradleyTerry(ROUND_ROBIN, 4, { anchor: { model: 9, rating: 1000 } })).toThrow(
      'anchor.model: expected a model index in 0..3, but received 9',
    );
    expect(() => fitBradleyTerry(ROUND_ROBIN, 5, { anchor: { model: 4, rating: 1000 } })).toThrow(
      'anchor.model: expected a model with at least one comparison, but received 4',
    );
    expect(() => fitBradleyTerry(ROUND_ROBIN, 4, { regularization: -1 })).toThrow(
      'regularization: expected a finite number >= 0, but received -1',
    );
    expect(() => fitBradleyTerry(ROUND_ROBIN, 4, { startingRatings: [1000] })).toThrow(
      'startingRatings: expected an array of 4 ratings (one per model), but received an array of length 1',
    );
  });
});
