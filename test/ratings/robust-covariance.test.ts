import { createRandom } from '../../src/ratings/random';
import { gaugedBread, robustCovariance } from '../../src/ratings/robust-covariance';
import { observedInformation, type PairedLogisticProblem } from '../../src/ratings/paired-logistic';

/**
 * The leverage-corrected sandwich (HC2, HC3) against its definition written out densely: each
 * row's design vector x = e_a − e_b + features, its leverage h = w·p(1 − p)·xᵀBx, and the meat
 * Σ count·(w·(s − p))²·x·xᵀ / (1 − h)^k, with k = 1 for HC2 and 2 for HC3 (MacKinnon & White 1985).
 */
const MODELS = 5;
const FEATURES = 3;
const ROWS = 60;

function styledProblem(): { problem: PairedLogisticProblem; counts: Float64Array } {
  const random = createRandom(11);
  const rowModelA = new Int32Array(ROWS);
  const rowModelB = new Int32Array(ROWS);
  const rowScore = new Float64Array(ROWS);
  const rowMass = new Float64Array(ROWS);
  const rowFeatures = new Float64Array(ROWS * FEATURES);
  const counts = new Float64Array(ROWS);
  for (let row = 0; row < ROWS; row += 1) {
    const a = row % MODELS;
    rowModelA[row] = a;
    rowModelB[row] = (a + 1 + (row % (MODELS - 1))) % MODELS;
    rowScore[row] = [0, 0.5, 1][row % 3];
    counts[row] = 1 + (row % 4);
    // Strong verdicts weigh more: a row's mass is its count times its per-verdict weight.
    rowMass[row] = counts[row] * (row % 5 === 0 ? 3 : 1);
    for (let feature = 0; feature < FEATURES; feature += 1)
      rowFeatures[row * FEATURES + feature] = 2 * random.nextFloat() - 1;
  }
  const problem = {
    modelCount: MODELS,
    featureCount: FEATURES,
    rowModelA,
    rowModelB,
    rowScore,
    rowMass,
    rowFeatures,
    modelRegularization: 0,
  };
  return { problem, counts };
}

function denseSandwich(
  problem: PairedLogisticProblem,
  counts: Float64Array,
  parameters: Float64Array,
  power: 1 | 2,
): number[][] {
  const size = MODELS + FEATURES;
  const bread = gaugedBread(observedInformation(problem, parameters), MODELS, size);
  const at = (i: number, j: number) => bread[i * size + j];
  const meat = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let row = 0; row < ROWS; row += 1) {
    const x = new Array<number>(size).fill(0);
    x[problem.rowModelA[row]] = 1;
    x[problem.rowModelB[row]] = -1;
    for (let feature = 0; feature < FEATURES; feature += 1)
      x[MODELS + feature] = problem.rowFeatures[row * FEATURES + feature];
    const eta = x.reduce((sum, value, index) => sum + value * parameters[index], 0);
    const p = 1 / (1 + Math.exp(-eta));
    const weight = problem.rowMass[row] / counts[row];
    let quadratic = 0;
    for (let i = 0; i < size; i += 1)
      for (let j = 0; j < size; j += 1) quadratic += x[i] * at(i, j) * x[j];
    const leverage = Math.min(weight * p * (1 - p) * quadratic, 0.99);
    const residual = weight * (problem.rowScore[row] - p);
    const factor = (counts[row] * residual * residual) / (1 - leverage) ** power;
    for (let i = 0; i < size; i += 1)
      for (let j = 0; j < size; j += 1) meat[i][j] += factor * x[i] * x[j];
  }
  return Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) => {
      let sum = 0;
      for (let k = 0; k < size; k += 1)
        for (let l = 0; l < size; l += 1) sum += at(i, k) * meat[k][l] * at(l, j);
      return sum;
    }),
  );
}

describe('robustCovariance with leverage corrections', () => {
  const { problem, counts } = styledProblem();
  // Any point will do for the algebra; a centred one away from the MLE keeps residuals large.
  const parameters = Float64Array.from([0.4, -0.2, 0.1, -0.5, 0.2, 0.3, -0.6, 0.05]);

  it.each([
    ['HC2', 1],
    ['HC3', 2],
  ] as const)('%s equals the dense definition entry by entry', (correction, power) => {
    const size = MODELS + FEATURES;
    const covariance = robustCovariance(problem, counts, parameters, correction);
    const expected = denseSandwich(problem, counts, parameters, power);
    for (let i = 0; i < size; i += 1) {
      for (let j = 0; j < size; j += 1) {
        const scale = Math.sqrt(Math.abs(expected[i][i] * expected[j][j]));
        expect(Math.abs(covariance[i * size + j] - expected[i][j])).toBeLessThan(1e-12 * scale);
      }
    }
  });

  it('HC3 inflates every variance over HC2 (each row divided by (1 − h) once more)', () => {
    const size = MODELS + FEATURES;
    const hc2 = robustCovariance(problem, counts, parameters, 'HC2');
    const hc3 = robustCovariance(problem, counts, parameters, 'HC3');
    for (let i = 0; i < size; i += 1) expect(hc3[i * size + i]).toBeGreaterThan(hc2[i * size + i]);
  });
});
