import {
  aggregateStyleCells,
  fitStyleControlledBradleyTerry,
  normalisedStyleDifference,
  STYLE_FEATURE_NAMES,
} from '../../src/ratings';
import { createRandom, drawTrueRatings, simulateStyleVerdicts } from './simulate';

const TYPICAL_LENGTHS = [150, 900, 300, 600, 200, 1200, 450, 350];

function styleTournament(seed: number, lengthEffect: number) {
  const random = createRandom(seed);
  const trueRatings = drawTrueRatings(random, 8, 80);
  const verdicts = simulateStyleVerdicts(random, {
    trueRatings,
    typicalLengths: TYPICAL_LENGTHS,
    lengthEffect,
    games: 20_000,
  });
  return { trueRatings, cells: aggregateStyleCells(verdicts) };
}

const maxAbsError = (estimate: readonly number[], truth: readonly number[]) =>
  Math.max(...estimate.map((value, index) => Math.abs(value - truth[index])));

describe('fitStyleControlledBradleyTerry', () => {
  it('recovers the true strengths and a positive length coefficient when length drives preference', () => {
    const { trueRatings, cells } = styleTournament(17, 1.5);
    const fit = fitStyleControlledBradleyTerry(cells, 8);
    expect(fit).toMatchObject({ mleExists: true, converged: true });
    expect(fit.gradientNorm).toBeLessThan(1e-10);

    const controlledError = maxAbsError(fit.ratings, trueRatings);
    const uncontrolledError = maxAbsError(fit.uncontrolled.ratings, trueRatings);
    console.log(
      `style control: max |ΔR| controlled ${controlledError.toFixed(1)}, uncontrolled ${uncontrolledError.toFixed(1)}`,
    );
    expect(controlledError).toBeLessThan(20);
    expect(uncontrolledError).toBeGreaterThan(50);

    const [length, ...others] = fit.coefficients;
    expect(length.feature).toBe('tokenLength');
    // On the z-scale the true coefficient is lengthEffect·SD of the normalised length difference.
    expect(length.coefficient / (1.5 * length.standardDeviation)).toBeGreaterThan(0.9);
    expect(length.coefficient / (1.5 * length.standardDeviation)).toBeLessThan(1.1);
    expect(length.eloPointsPerStandardDeviation).toBeCloseTo(
      (length.coefficient * 400) / Math.log(10),
      9,
    );
    for (const other of others) expect(Math.abs(other.coefficient)).toBeLessThan(0.05);
  });

  it('finds a length coefficient of about zero when style has no effect', () => {
    const { trueRatings, cells } = styleTournament(18, 0);
    const fit = fitStyleControlledBradleyTerry(cells, 8);
    for (const coefficient of fit.coefficients)
      expect(Math.abs(coefficient.coefficient)).toBeLessThan(0.05);
    expect(maxAbsError(fit.ratings, trueRatings)).toBeLessThan(20);
    expect(maxAbsError(fit.ratings, fit.uncontrolled.ratings)).toBeLessThan(10);
  });

  it('follows the anchor rule and reports a constant feature with coefficient 0', () => {
    const cells = aggregateStyleCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', styleA: [100, 1], styleB: [50, 1] },
      { modelA: 0, modelB: 1, outcome: 'B>A', styleA: [60, 1], styleB: [80, 1] },
      { modelA: 1, modelB: 2, outcome: 'A>B', styleA: [90, 1], styleB: [40, 1] },
      { modelA: 2, modelB: 1, outcome: 'A>B', styleA: [30, 1], styleB: [70, 1] },
      { modelA: 2, modelB: 0, outcome: 'A=B', styleA: [30, 1], styleB: [70, 1] },
      { modelA: 2, modelB: 0, outcome: 'A>B', styleA: [30, 1], styleB: [30, 1] },
    ]);
    const fit = fitStyleControlledBradleyTerry(cells, 3, {
      featureNames: ['length', 'headers'],
      anchor: { model: 1, rating: 1200 },
    });
    expect(fit.ratings[1]).toBeCloseTo(1200, 9);
    expect(fit.coefficients[1]).toEqual({
      feature: 'headers',
      coefficient: 0,
      eloPointsPerStandardDeviation: 0,
      mean: 0,
      standardDeviation: 0,
    });
    expect(fit.converged).toBe(true);
  });

  it('flags a missing MLE as the plain fit does', () => {
    const cells = aggregateStyleCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', styleA: [1, 0, 0, 0], styleB: [2, 0, 0, 0] },
      { modelA: 0, modelB: 1, outcome: 'A>B', styleA: [5, 0, 0, 0], styleB: [2, 0, 0, 0] },
    ]);
    const fit = fitStyleControlledBradleyTerry(cells, 2);
    expect(fit.mleExists).toBe(false);
    expect(fit.problem).toContain('model 0 never loses');
    expect(fit.ratings.every(Number.isFinite)).toBe(true);
  });
});

describe('orientation', () => {
  it('gives the same controlled ratings whichever answer is called A', () => {
    const { cells } = styleTournament(5, 1.0);
    // The same verdicts, every one seen from the other side; then only half of them flipped.
    const flip = (cell: (typeof cells)[number]) => ({
      ...cell,
      modelA: cell.modelB,
      modelB: cell.modelA,
      score: 1 - cell.score,
      styleA: cell.styleB,
      styleB: cell.styleA,
    });
    const original = fitStyleControlledBradleyTerry(cells, 8).ratings;
    for (const flipped of [
      cells.map(flip),
      cells.map((cell, i) => (i % 2 === 0 ? flip(cell) : cell)),
    ]) {
      fitStyleControlledBradleyTerry(flipped, 8).ratings.forEach((rating, model) =>
        expect(rating).toBeCloseTo(original[model], 6),
      );
    }
  });
});

describe('style features that separate the outcomes', () => {
  it('are reported as no finite MLE, with bounded ratings from the fallback ridge', () => {
    // The longer answer always wins: the length coefficient could grow without bound.
    const cells = [
      {
        modelA: 0,
        modelB: 1,
        score: 1,
        count: 30,
        weight: 1,
        styleA: [500, 0, 0, 0],
        styleB: [50, 0, 0, 0],
      },
      {
        modelA: 0,
        modelB: 1,
        score: 0,
        count: 10,
        weight: 1,
        styleA: [40, 0, 0, 0],
        styleB: [450, 0, 0, 0],
      },
      {
        modelA: 1,
        modelB: 0,
        score: 1,
        count: 12,
        weight: 1,
        styleA: [600, 0, 0, 0],
        styleB: [30, 0, 0, 0],
      },
    ];
    const fit = fitStyleControlledBradleyTerry(cells, 2);
    expect(fit.mleExists).toBe(false);
    expect(fit.problem).toMatch(/style features separate the outcomes/);
    expect(fit.converged).toBe(true);
    for (const rating of fit.ratings) expect(Math.abs(rating - 1000)).toBeLessThan(5000);
    expect(fit.coefficients[0].coefficient).toBeGreaterThan(1);
  });
});

describe('style cells', () => {
  it('normalises a difference as (x_A − x_B)/(x_A + x_B + 1)', () => {
    expect(normalisedStyleDifference(300, 100)).toBeCloseTo(200 / 401, 15);
    expect(normalisedStyleDifference(0, 0)).toBe(0);
  });

  it('merges verdicts with identical models, outcome and style counts', () => {
    const verdict = {
      modelA: 0,
      modelB: 1,
      outcome: 'A>B' as const,
      styleA: [10, 1, 2, 0],
      styleB: [5, 0, 0, 0],
    };
    const cells = aggregateStyleCells([verdict, verdict, { ...verdict, styleB: [6, 0, 0, 0] }]);
    expect(cells.map((cell) => cell.count)).toEqual([2, 1]);
    expect(STYLE_FEATURE_NAMES).toEqual([
      'tokenLength',
      'markdownHeaders',
      'listItems',
      'boldSpans',
    ]);
  });

  it('rejects style counts of the wrong length or sign', () => {
    const cells = aggregateStyleCells([
      { modelA: 0, modelB: 1, outcome: 'A>B', styleA: [1, 2], styleB: [1, 2] },
    ]);
    expect(() => fitStyleControlledBradleyTerry(cells, 2)).toThrow(
      'cells[0].styleA: expected an array of 4 counts, but received an array of length 2',
    );
    expect(() =>
      aggregateStyleCells([
        { modelA: 0, modelB: 1, outcome: 'A>B', styleA: [1, -2, 0, 0], styleB: [1, 2, 0, 0] },
      ]),
    ).toThrow('verdicts[0].styleA[1]: expected a finite number >= 0, but received -2');
    const valid = {
      modelA: 0,
      modelB: 1,
      outcome: 'A>B' as const,
      styleA: [1, 2, 0, 0],
      styleB: [1, 2, 0, 0],
    };
    expect(() => aggregateStyleCells([valid, { ...valid, modelB: 0 }])).toThrow(
      'verdicts[1].modelB: expected a model other than modelA (0), but received 0',
    );
  });
});
