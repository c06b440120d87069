import {
  aggregateStyleCells,
  bootstrapStyleRows,
  createRandom,
  fitStyleRows,
  normalisedStyleDifference,
  samplePoisson,
  sandwichStyleRows,
  StyleRowsBuilder,
  type StyleRows,
  type VerdictForStyleCells,
} from '../../src/ratings';
import { drawTrueRatings, simulateStyleVerdicts } from './simulate';

const LN10_OVER_400 = Math.log(10) / 400;

function rowsOf(verdicts: VerdictForStyleCells[], modelCount: number): StyleRows {
  const builder = new StyleRowsBuilder(4, 8);
  for (const cell of aggregateStyleCells(verdicts))
    builder.append(
      cell.modelA,
      cell.modelB,
      cell.score,
      cell.count,
      cell.weight,
      cell.styleA,
      cell.styleB,
    );
  return builder.rows(modelCount);
}

function tournament(seed: number, models: number, games: number) {
  const random = createRandom(seed);
  const trueRatings = drawTrueRatings(random, models, 80);
  const typicalLengths = Array.from({ length: models }, (_, model) => 150 + 100 * model);
  return simulateStyleVerdicts(random, { trueRatings, typicalLengths, lengthEffect: 1, games });
}

/**
 * The obviously correct reference: one row per verdict (no cells, no compact arrays), the design
 * vector x = (e_a − e_b, z) written out densely, and plain Newton with a dense Hessian and Gaussian
 * elimination, the first strength pinned at 0 to fix the gauge. z is each normalised difference
 * divided by its root mean square over the verdicts.
 */
function referenceFit(verdicts: VerdictForStyleCells[], modelCount: number) {
  const featureCount = 4;
  const raw = verdicts.map((v) =>
    v.styleA.map((a, f) => normalisedStyleDifference(a, v.styleB[f])),
  );
  const rms = Array.from({ length: featureCount }, (_, f) =>
    Math.sqrt(raw.reduce((sum, d) => sum + d[f] ** 2, 0) / verdicts.length),
  );
  const designs = verdicts.map((v, i) => {
    const x = new Array<number>(modelCount + featureCount).fill(0);
    x[v.modelA] += 1;
    x[v.modelB] -= 1;
    for (let f = 0; f < featureCount; f += 1) x[modelCount + f] = raw[i][f] / rms[f];
    return x.slice(1); // strength 0 pinned
  });
  const scores = verdicts.map((v) => (v.outcome === 'A>B' ? 1 : v.outcome === 'B>A' ? 0 : 0.5));
  const size = modelCount - 1 + featureCount;
  let theta = new Array<number>(size).fill(0);
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const gradient = new Array<number>(size).fill(0);
    const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    designs.forEach((x, i) => {
      const eta = x.reduce((sum, value, k) => sum + value * theta[k], 0);
      const p = 1 / (1 + Math.exp(-eta));
      for (let j = 0; j < size; j += 1) {
        gradient[j] += (scores[i] - p) * x[j];
        for (let k = 0; k < size; k += 1) hessian[j][k] += p * (1 - p) * x[j] * x[k];
      }
    });
    const step = solveDense(hessian, gradient);
    theta = theta.map((value, k) => value + step[k]);
    if (Math.max(...step.map(Math.abs)) < 1e-13) break;
  }
  const strengths = [0, ...theta.slice(0, modelCount - 1)];
  const mean = strengths.reduce((sum, value) => sum + value, 0) / modelCount;
  return {
    ratings: strengths.map((value) => 1000 + (value - mean) / LN10_OVER_400),
    coefficients: theta.slice(modelCount - 1),
  };
}

function solveDense(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1)
      if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) pivot = row;
    [a[column], a[pivot]] = [a[pivot], a[column]];
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const factor = a[row][column] / a[column][column];
      for (let k = column; k <= n; k += 1) a[row][k] -= factor * a[column][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

describe('the contextual fit over compact rows', () => {
  it('matches a dense per-verdict Newton reference to 1e-6 Elo and 1e-9 in the coefficients', () => {
    const verdicts = tournament(3, 5, 1500);
    const reference = referenceFit(verdicts, 5);
    const fit = fitStyleRows(rowsOf(verdicts, 5));
    fit.ratings.forEach((rating, model) =>
      expect(Math.abs(rating - reference.ratings[model])).toBeLessThan(1e-6),
    );
    fit.coefficients.forEach((coefficient, feature) =>
      expect(Math.abs(coefficient.coefficient - reference.coefficients[feature])).toBeLessThan(
        1e-9,
      ),
    );
  });

  it('gives the same ratings, coefficients and intervals whichever answer is called A', () => {
    const verdicts = tournament(4, 6, 3000);
    const swapped = verdicts.map((v, i) =>
      i % 3 === 0
        ? {
            modelA: v.modelB,
            modelB: v.modelA,
            outcome: v.outcome === 'A>B' ? ('B>A' as const) : ('A>B' as const),
            styleA: v.styleB,
            styleB: v.styleA,
          }
        : v,
    );
    const [original, flipped] = [verdicts, swapped].map((list) =>
      sandwichStyleRows(rowsOf(list, 6), { baseline: 0 }),
    );
    flipped.fit.ratings.forEach((rating, model) =>
      expect(rating).toBeCloseTo(original.fit.ratings[model], 6),
    );
    flipped.intervals.ratings.forEach((interval, model) => {
      expect(interval?.lower).toBeCloseTo(
        original.intervals.ratings[model]?.lower ?? Number.NaN,
        6,
      );
      expect(interval?.upper).toBeCloseTo(
        original.intervals.ratings[model]?.upper ?? Number.NaN,
        6,
      );
    });
    flipped.intervals.coefficients.forEach((interval, feature) =>
      expect(interval?.lower).toBeCloseTo(
        original.intervals.coefficients[feature]?.lower ?? Number.NaN,
        8,
      ),
    );
  });
});

describe('style-controlled intervals', () => {
  const verdicts = tournament(7, 6, 4000);
  const rows = rowsOf(verdicts, 6);

  it('by the sandwich and by the bootstrap agree on the width of every interval within a third', () => {
    const sandwich = sandwichStyleRows(rows, { baseline: 2 });
    const bootstrap = bootstrapStyleRows(rows, { rounds: 200, seed: 1, baseline: 2 });
    const width = (interval: { lower: number; upper: number } | null) =>
      interval ? interval.upper - interval.lower : Number.NaN;
    sandwich.intervals.ratings.forEach((interval, model) => {
      expect(interval?.lower).toBeLessThan(sandwich.fit.ratings[model]);
      expect(interval?.upper).toBeGreaterThan(sandwich.fit.ratings[model]);
      expect(width(bootstrap.intervals.ratings[model]) / width(interval)).toBeGreaterThan(0.67);
      expect(width(bootstrap.intervals.ratings[model]) / width(interval)).toBeLessThan(1.5);
    });
    sandwich.intervals.coefficients.forEach((interval, feature) => {
      expect(interval?.lower).toBeLessThan(sandwich.fit.coefficients[feature].coefficient);
      expect(interval?.upper).toBeGreaterThan(sandwich.fit.coefficients[feature].coefficient);
      expect(width(bootstrap.intervals.coefficients[feature]) / width(interval)).toBeGreaterThan(
        0.67,
      );
      expect(width(bootstrap.intervals.coefficients[feature]) / width(interval)).toBeLessThan(1.5);
    });
    // The baseline against itself is 50% with no uncertainty: its interval shrinks to the point.
    expect(sandwich.intervals.winRateVersusBaseline?.[2]).toEqual({ lower: 50, upper: 50 });
    const winRate = sandwich.intervals.winRateVersusBaseline?.[0];
    expect(winRate?.lower).toBeGreaterThan(0);
    expect(winRate?.upper).toBeLessThan(100);
  });

  it('by the bootstrap are reproducible from the seed', () => {
    const first = bootstrapStyleRows(rows, { rounds: 20, seed: 9 });
    const again = bootstrapStyleRows(rows, { rounds: 20, seed: 9 });
    const other = bootstrapStyleRows(rows, { rounds: 20, seed: 10 });
    expect(again.intervals).toEqual(first.intervals);
    expect(other.intervals.ratings[0]).not.toEqual(first.intervals.ratings[0]);
  });

  it('HC3 widens the sandwich over HC0', () => {
    const small = rowsOf(tournament(8, 6, 300), 6);
    const plain = sandwichStyleRows(small, { correction: 'HC0' });
    const corrected = sandwichStyleRows(small, { correction: 'HC3' });
    plain.standardErrors.forEach((error, model) =>
      expect(corrected.standardErrors[model]).toBeGreaterThan(error),
    );
  });
});

describe('the compact rows', () => {
  it('grow past their first capacity and keep every row', () => {
    const builder = new StyleRowsBuilder(2, 1);
    for (let i = 0; i < 5; i += 1) builder.append(0, 1, 1, 1, 1, [i, 0], [1, 0]);
    const rows = builder.rows(2);
    expect(rows.rowCount).toBe(5);
    expect(Array.from(rows.differences.filter((_, k) => k % 2 === 0))).toEqual(
      [0, 1, 2, 3, 4].map((i) => normalisedStyleDifference(i, 1)),
    );
    expect(builder.byteLength).toBe(8 * (4 + 4 + 8 + 8 + 8 + 16));
  });

  it('are refused with a message when a row names one model twice', () => {
    const builder = new StyleRowsBuilder(4, 1);
    builder.append(1, 1, 1, 1, 1, [1, 0, 0, 0], [2, 0, 0, 0]);
    expect(() => fitStyleRows(builder.rows(2))).toThrow(
      /rows\[0\]: expected models in 0..1 and distinct/,
    );
  });
});

describe('samplePoisson', () => {
  it('has the mean and variance of its parameter', () => {
    const random = createRandom(5);
    for (const mean of [1, 4.5, 70]) {
      const draws = Array.from({ length: 20_000 }, () => samplePoisson(random, mean));
      const average = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
      const variance = draws.reduce((sum, draw) => sum + (draw - average) ** 2, 0) / draws.length;
      expect(Math.abs(average - mean)).toBeLessThan(5 * Math.sqrt(mean / draws.length));
      expect(variance / mean).toBeGreaterThan(0.95);
      expect(variance / mean).toBeLessThan(1.05);
    }
  });
});
