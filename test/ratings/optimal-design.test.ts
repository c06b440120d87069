import { DesignInformation } from '../../src/ratings/design-information';
import { aOptimalPairShares, designStandardErrors } from '../../src/ratings/optimal-design';
import { createRandom } from '../../src/ratings/random';

const POINTS = 400 / Math.LN10;
const summedVariance = (errors: number[]) => errors.reduce((sum, se) => sum + se * se, 0);

test('with equal ratings every pair gets the same share, and the standard errors are the complete graph’s closed form', () => {
  const result = aOptimalPairShares([1000, 1000, 1000, 1000]);
  expect(result.shares).toHaveLength(6);
  for (const { share } of result.shares) expect(share).toBeCloseTo(1 / 6, 9);
  expect(result.gap).toBeLessThanOrEqual(1e-3);
  // L = (1/4)(1/6)(4I − J), so L⁺ = (24/4)(I − J/4): variance 6·(3/4) = 4.5 per verdict of budget.
  for (const se of result.standardErrors) expect(se).toBeCloseTo(Math.sqrt(4.5) * POINTS, 6);
});

test('designStandardErrors is the centred variance of the information matrix, as the design’s own bookkeeping computes it', () => {
  const ratings = [1250, 1000, 980, 700, 1400];
  const counts = new Map([
    ['0,1', 7],
    ['1,2', 3],
    ['2,3', 9],
    ['3,4', 2],
    ['0,4', 5],
    ['1,3', 1],
  ]);
  const verdicts = (i: number, j: number) => counts.get(`${i},${j}`) ?? 0;
  const errors = designStandardErrors(ratings, verdicts);
  const strengths = ratings.map((rating) => (rating - 1000) / POINTS);
  const information = new DesignInformation(5, strengths, verdicts, 1e-9, [1, 1, 1, 1, 1]);
  expect(summedVariance(errors) / POINTS ** 2).toBeCloseTo(
    information.totalLoss([1, 1, 1, 1, 1]),
    5,
  );
  // Quadrupling every count halves every standard error.
  const doubled = designStandardErrors(ratings, (i, j) => 4 * verdicts(i, j));
  doubled.forEach((se, model) => expect(se).toBeCloseTo(errors[model] / 2, 9));
});

test('an allocation that leaves a model unlinked is refused', () => {
  expect(() =>
    designStandardErrors([1000, 1100, 900], (i, j) => (i === 0 && j === 1 ? 5 : 0)),
  ).toThrow(/connect every model/);
});

test('with spread ratings the shares meet the equivalence theorem and no allocation beats them by more than the gap', () => {
  const ratings = [1000, 1450, 620, 1080, 1210, 760, 990];
  const result = aOptimalPairShares(ratings, { tolerance: 1e-4 });
  expect(result.gap).toBeLessThanOrEqual(1e-4);
  const total = result.shares.reduce((sum, pair) => sum + pair.share, 0);
  expect(total).toBeCloseTo(1, 12);
  const shareOf = new Map(
    result.shares.map((pair) => [`${pair.first},${pair.second}`, pair.share]),
  );
  const optimum = summedVariance(
    designStandardErrors(ratings, (i, j) => shareOf.get(`${i},${j}`) as number),
  );
  expect(summedVariance(result.standardErrors)).toBeCloseTo(optimum, 9);
  const uniform = summedVariance(designStandardErrors(ratings, () => 1 / result.shares.length));
  expect(optimum).toBeLessThan(0.97 * uniform);
  // Convexity: no allocation is below φ(ξ)·(1 − gap) (φ* ≥ 2φ − max_k g_k), so seeded random
  // allocations and small moves of share away from ξ may not beat that either.
  const floor = optimum * (1 - result.gap);
  const random = createRandom(7);
  for (let trial = 0; trial < 200; trial += 1) {
    const raw = result.shares.map(() => 0.05 + random.nextFloat());
    const sum = raw.reduce((s, x) => s + x, 0);
    const allocation = new Map(
      result.shares.map((pair, k) => [`${pair.first},${pair.second}`, raw[k] / sum]),
    );
    expect(
      summedVariance(
        designStandardErrors(ratings, (i, j) => allocation.get(`${i},${j}`) as number),
      ),
    ).toBeGreaterThanOrEqual(floor);
    const [from, to] = [trial % result.shares.length, (7 * trial + 3) % result.shares.length];
    if (from === to) continue;
    const moved = result.shares.map((pair) => pair.share);
    const step = 0.2 * moved[from];
    moved[from] -= step;
    moved[to] += step;
    const nearby = new Map(
      result.shares.map((pair, k) => [`${pair.first},${pair.second}`, moved[k]]),
    );
    expect(
      summedVariance(designStandardErrors(ratings, (i, j) => nearby.get(`${i},${j}`) as number)),
    ).toBeGreaterThanOrEqual(floor);
  }
});

test('bad ratings are refused', () => {
  expect(() => aOptimalPairShares([1000])).toThrow(/at least two/);
  expect(() => aOptimalPairShares([1000, Number.NaN])).toThrow(/ratings\[1\]/);
});
