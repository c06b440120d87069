import {
  designBasis,
  designComparisons,
  designOnBasis,
  type ComparisonDesignOptions,
} from '../../src/ratings/adaptive-design';
import { DesignInformation } from '../../src/ratings/design-information';
import { choleskyFactorWithJitter, choleskyInverse } from '../../src/ratings/linear-algebra';
import { createRandom, type RandomSource } from '../../src/ratings/random';
import type { PairCell } from '../../src/ratings/cells';

const LOG_UNITS = Math.LN10 / 400;

/** Every pair of `ratings` (Elo) judged `perPair` times at its expected score (soft cells). */
function measuredBoard(ratings: readonly number[], perPair: number): PairCell[] {
  const cells: PairCell[] = [];
  for (let i = 0; i < ratings.length; i += 1)
    for (let j = i + 1; j < ratings.length; j += 1) {
      const score = 1 / (1 + Math.exp((ratings[j] - ratings[i]) * LOG_UNITS));
      cells.push({ modelA: i, modelB: j, score, count: perPair, weight: 1 });
    }
  return cells;
}

function options(random: RandomSource, overrides: Partial<ComparisonDesignOptions> = {}) {
  return { count: 10, strategy: 'ADAPTIVE' as const, random, explorationRate: 0, ...overrides };
}

/** trace(C·W·C·Σ) of the ridge-regularised information, inverted directly. */
function directLoss(
  size: number,
  beta: number[],
  pairs: [number, number, number][],
  precision: number,
  weights: number[],
): number {
  const information = new Float64Array(size * size);
  for (let i = 0; i < size; i += 1) information[i * size + i] = precision;
  for (const [i, j, mass] of pairs) {
    const p = 1 / (1 + Math.exp(beta[j] - beta[i]));
    const w = mass * p * (1 - p);
    information[i * size + i] += w;
    information[j * size + j] += w;
    information[i * size + j] -= w;
    information[j * size + i] -= w;
  }
  const covariance = choleskyInverse(choleskyFactorWithJitter(information, size), size);
  const total = weights.reduce((s, w) => s + w, 0);
  let loss = 0;
  for (let r = 0; r < size; r += 1)
    for (let c = 0; c < size; c += 1) {
      const m = (r === c ? weights[r] : 0) - (weights[r] + weights[c]) / size + total / size ** 2;
      loss += m * covariance[r * size + c];
    }
  return loss;
}

test('the gain of a comparison is the drop in weighted variance that inverting the information directly gives, before and after an update', () => {
  const beta = [0.4, -0.2, 0.1, -0.8];
  const stored: [number, number, number][] = [
    [0, 1, 5],
    [1, 2, 3],
    [2, 3, 2],
  ];
  const weights = [1, 0, 1, 1];
  const mass = (i: number, j: number) => stored.find(([a, b]) => a === i && b === j)?.[2] ?? 0;
  const information = new DesignInformation(4, beta, mass, 0.5, weights);
  const before = directLoss(4, beta, stored, 0.5, weights);
  expect(information.totalLoss(weights)).toBeCloseTo(before, 10);
  const after03 = directLoss(4, beta, [...stored, [0, 3, 1]], 0.5, weights);
  expect(information.gain(0, 3)).toBeCloseTo(before - after03, 10);
  information.add(0, 3);
  expect(information.totalLoss(weights)).toBeCloseTo(after03, 10);
  const after03and12 = directLoss(4, beta, [...stored, [0, 3, 1], [1, 2, 1]], 0.5, weights);
  expect(information.gain(1, 2)).toBeCloseTo(after03 - after03and12, 10);
});

test('a model without verdicts joining a measured board gets placement matches spread over the ratings, then the most informative pairs', () => {
  const board = [1300, 1200, 1100, 1000, 900, 800, 700];
  const cells = measuredBoard(board, 200);
  const design = designComparisons(cells, 8, options(createRandom(1), { count: 12 }));
  expect(design.pairs).toHaveLength(12);
  for (const pair of design.pairs) expect([pair.modelA, pair.modelB]).toContain(7);
  const placements = design.pairs.slice(0, 5).map((pair) => pair.reason);
  expect(placements.map((reason) => reason.kind)).toEqual(Array(5).fill('PLACEMENT'));
  // Measured models sorted by rating: 6 (700) … 0 (1300); positions 3 (median), 1.5 → 1 (lower of a tie), 4.5 → 4.
  const opponents = design.pairs.slice(0, 5).map((p) => (p.modelA === 7 ? p.modelB : p.modelA));
  expect(opponents.slice(0, 3)).toEqual([3, 5, 2]);
  expect(design.pairs.slice(5).every((pair) => pair.reason.kind === 'INFORMATION')).toBe(true);
});

test('with ratings spread wide, the information criterion prefers close pairs to lopsided ones', () => {
  const board = [1600, 1450, 1300, 1150, 1000, 850, 700, 550];
  const design = designComparisons(
    measuredBoard(board, 2),
    8,
    options(createRandom(3), { count: 40 }),
  );
  const gap = (pairs: { modelA: number; modelB: number }[]) =>
    pairs.reduce((s, p) => s + Math.abs(board[p.modelA] - board[p.modelB]), 0) / pairs.length;
  const uniform = designComparisons(measuredBoard(board, 2), 8, {
    count: 40,
    strategy: 'UNIFORM',
    random: createRandom(3),
  });
  expect(uniform.pairs.every((pair) => pair.reason.kind === 'UNIFORM')).toBe(true);
  expect(gap(design.pairs)).toBeLessThan(0.7 * gap(uniform.pairs));
});

test('a TOP_K objective spends nothing on pairs of models that cannot reach the top', () => {
  const board = [1400, 1380, 1360, 1000, 700, 690, 680, 670];
  const design = designComparisons(measuredBoard(board, 30), 8, {
    ...options(createRandom(5), { count: 30 }),
    objective: { target: 'TOP_K', k: 2 },
  });
  expect(design.targets).toEqual([0, 1, 2]);
  for (const pair of design.pairs) expect(Math.min(pair.modelA, pair.modelB)).toBeLessThan(3);
});

test('capacities bound each pair, the same seed gives the same design, and exploration draws uniform pairs at its rate', () => {
  const cells = measuredBoard([1100, 1000, 900], 10);
  const capped = designComparisons(
    cells,
    3,
    options(createRandom(9), { count: 10, pairCapacity: () => 2 }),
  );
  expect(capped.pairs).toHaveLength(6);
  const seeded = { count: 200, strategy: 'ADAPTIVE' as const, explorationRate: 0.25 };
  const first = designComparisons(cells, 3, { ...seeded, random: createRandom(4) });
  expect(designComparisons(cells, 3, { ...seeded, random: createRandom(4) })).toEqual(first);
  const explored = first.pairs.filter((pair) => pair.reason.kind === 'EXPLORATION').length;
  expect(explored).toBeGreaterThan(30);
  expect(explored).toBeLessThan(70);
});

test('designs over one prepared basis equal fresh ones, and none of them changes the basis', () => {
  // Eight models, one far behind with two verdicts (placement), the rest measured.
  const cells = measuredBoard([1300, 1200, 1150, 1100, 1000, 950, 900], 20);
  cells.push({ modelA: 7, modelB: 0, score: 0, count: 2, weight: 1 });
  const basis = designBasis(cells, 8);
  const before = designOnBasis(basis, options(createRandom(1), { count: 0 }));
  for (const overrides of [
    { count: 60, explorationRate: 0.1 },
    { count: 25, objective: { target: 'TOP_K' as const, k: 2 } },
    { count: 10, strategy: 'UNIFORM' as const },
  ]) {
    const fresh = designComparisons(cells, 8, options(createRandom(7), overrides));
    expect(designOnBasis(basis, options(createRandom(7), overrides))).toEqual(fresh);
    // Once more on the same basis: the first design's updates went to its own copy.
    expect(designOnBasis(basis, options(createRandom(7), overrides))).toEqual(fresh);
  }
  expect(designOnBasis(basis, options(createRandom(1), { count: 0 }))).toEqual(before);
  expect(() => designBasis(cells, 8, 0)).toThrow(/priorStandardDeviation/);
});

test('bad arguments say what was expected', () => {
  const random = createRandom(0);
  expect(() => designComparisons([], 3, { ...options(random), count: -1 })).toThrow(/count/);
  expect(() =>
    designComparisons([], 3, { ...options(random), objective: { target: 'TOP_K', k: 4 } }),
  ).toThrow(/objective\.k: expected a whole number from 1 to 3/);
  expect(designComparisons([], 1, options(random)).pairs).toEqual([]);
});
