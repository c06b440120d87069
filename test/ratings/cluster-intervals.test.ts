import {
  bootstrapBradleyTerry,
  bootstrapClusteredBradleyTerry,
  clusterSandwichBradleyTerry,
  createRandom,
  expectedScore,
  fitBradleyTerry,
  sandwichBradleyTerry,
  type ClusteredCell,
  type PairCell,
  type RandomSource,
} from '../../src/ratings';

const POINTS_PER_LOG_UNIT = 400 / Math.log(10);

/** Prompts with 2–4 verdicts each; each prompt shifts every model's odds by its own amount. */
function promptVerdicts(
  random: RandomSource,
  prompts: number,
  trueRatings: number[],
): ClusteredCell[] {
  const cells: ClusteredCell[] = [];
  for (let prompt = 0; prompt < prompts; prompt += 1) {
    const shift = trueRatings.map(() => (random.nextFloat() - 0.5) * 400);
    const verdicts = 2 + Math.floor(random.nextFloat() * 3);
    for (let verdict = 0; verdict < verdicts; verdict += 1) {
      const modelA = Math.floor(random.nextFloat() * trueRatings.length);
      const modelB =
        (modelA + 1 + Math.floor(random.nextFloat() * (trueRatings.length - 1))) %
        trueRatings.length;
      const p = expectedScore(
        trueRatings[modelA] + shift[modelA],
        trueRatings[modelB] + shift[modelB],
      );
      const draw = random.nextFloat();
      const score = draw < 0.1 ? 0.5 : draw < 0.1 + 0.9 * p ? 1 : 0;
      cells.push({
        modelA,
        modelB,
        score,
        count: 1,
        weight: verdict === 3 ? 3 : 1,
        cluster: 100 + prompt * 7,
      });
    }
  }
  return cells;
}

/** Log-likelihood of `cells` at reduced strengths θ (β_0 = 0, β_i = θ_{i−1}), natural-log units. */
function logLikelihood(cells: readonly PairCell[], theta: number[]): number {
  const beta = (model: number) => (model === 0 ? 0 : theta[model - 1]);
  let total = 0;
  for (const cell of cells) {
    const p = 1 / (1 + Math.exp(beta(cell.modelB) - beta(cell.modelA)));
    total +=
      cell.count * cell.weight * (cell.score * Math.log(p) + (1 - cell.score) * Math.log(1 - p));
  }
  return total;
}

function numericGradient(cells: readonly PairCell[], theta: number[]): number[] {
  const h = 1e-5;
  return theta.map((_, i) => {
    const up = [...theta];
    const down = [...theta];
    up[i] += h;
    down[i] -= h;
    return (logLikelihood(cells, up) - logLikelihood(cells, down)) / (2 * h);
  });
}

/** −∂²ℓ/∂θ² by central second differences. */
function numericInformation(cells: readonly PairCell[], theta: number[]): number[][] {
  const h = 1e-3;
  const at = (i: number, di: number, j: number, dj: number) => {
    const point = [...theta];
    point[i] += di;
    point[j] += dj;
    return logLikelihood(cells, point);
  };
  return theta.map((_, i) =>
    theta.map(
      (__, j) =>
        -(at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h),
    ),
  );
}

function inverse(matrix: number[][]): number[][] {
  const n = matrix.length;
  const work = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < n; column += 1) {
    const pivot = work[column][column];
    for (let k = 0; k < 2 * n; k += 1) work[column][k] /= pivot;
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const ratio = work[row][column];
      for (let k = 0; k < 2 * n; k += 1) work[row][k] -= ratio * work[column][k];
    }
  }
  return work.map((row) => row.slice(n));
}

const times = (a: number[][], b: number[][]) =>
  a.map((row) => b[0].map((_, j) => row.reduce((sum, value, k) => sum + value * b[k][j], 0)));
const outer = (u: number[]) => u.map((x) => u.map((y) => x * y));
const add = (a: number[][], b: number[][]) =>
  a.map((row, i) => row.map((value, j) => value + b[i][j]));
const scaled = (a: number[][], factor: number) =>
  a.map((row) => row.map((value) => value * factor));
const zeros = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0));

/** Var(β_i − β_j) in natural-log units from an Elo-point covariance. */
function differenceVariance(covariance: number[][], i: number, j: number): number {
  return (covariance[i][i] + covariance[j][j] - 2 * covariance[i][j]) / POINTS_PER_LOG_UNIT ** 2;
}
/** The same from a covariance of the reduced strengths θ (β_0 = 0). */
function reducedDifferenceVariance(covariance: number[][], i: number, j: number): number {
  const entry = (a: number, b: number) => (a === 0 || b === 0 ? 0 : covariance[a - 1][b - 1]);
  return entry(i, i) + entry(j, j) - 2 * entry(i, j);
}

describe('cluster-robust intervals', () => {
  const trueRatings = [1000, 1060, 940, 1020];
  const clustered = promptVerdicts(createRandom(11), 40, trueRatings);
  const clusters = [...new Set(clustered.map((cell) => cell.cluster))];
  const fit = fitBradleyTerry(clustered, 4);
  const theta = fit.ratings
    .slice(1)
    .map((rating) => (rating - fit.ratings[0]) / POINTS_PER_LOG_UNIT);
  const bread = inverse(numericInformation(clustered, theta));
  const scores = clusters.map((cluster) =>
    numericGradient(
      clustered.filter((cell) => cell.cluster === cluster),
      theta,
    ),
  );
  const G = clusters.length;

  it('CR1 equals B·(Σ_g U_g·U_gᵀ)·B·G/(G − 1) computed from numeric derivatives', () => {
    const meat = scores.reduce((sum, score) => add(sum, outer(score)), zeros(3));
    const direct = scaled(times(times(bread, meat), bread), G / (G - 1));
    const result = clusterSandwichBradleyTerry(clustered, 4, { correction: 'CR1' });
    expect(result.clusterCount).toBe(40);
    for (const [i, j] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ]) {
      expect(differenceVariance(result.covariance, i, j)).toBeCloseTo(
        reducedDifferenceVariance(direct, i, j),
        5,
      );
    }
  });

  it('CR3 equals the one-step delete-one-prompt jackknife, (I − I_g)⁻¹·U_g, computed directly', () => {
    let sum = zeros(3);
    clusters.forEach((cluster, g) => {
      const rest = clustered.filter((cell) => cell.cluster !== cluster);
      const step = times(
        inverse(numericInformation(rest, theta)),
        scores[g].map((x) => [x]),
      ).map(([x]) => x);
      sum = add(sum, outer(step));
    });
    const direct = scaled(sum, (G - 1) / G);
    const result = clusterSandwichBradleyTerry(clustered, 4, { correction: 'CR3' });
    for (const [i, j] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ]) {
      expect(differenceVariance(result.covariance, i, j)).toBeCloseTo(
        reducedDifferenceVariance(direct, i, j),
        5,
      );
    }
  });

  it('with one verdict per prompt, CR1 is White’s HC0 sandwich times G/(G − 1)', () => {
    const singletons = clustered.map((cell, index) => ({ ...cell, cluster: index }));
    const cluster = clusterSandwichBradleyTerry(singletons, 4, { correction: 'CR1' });
    const verdict = sandwichBradleyTerry(singletons, 4, { correction: 'HC0' });
    const n = singletons.length;
    for (let i = 0; i < 4; i += 1) {
      for (let j = 0; j < 4; j += 1) {
        expect(cluster.covariance[i][j]).toBeCloseTo((verdict.covariance[i][j] * n) / (n - 1), 6);
      }
    }
  });

  it('widens with correlated copies within a prompt, where resampling verdicts does not', () => {
    // Each prompt's verdicts repeated 4 times: 4× the verdicts, but no more information.
    const copied = clustered.map((cell) => ({ ...cell, count: 4 }));
    const width = (interval: { lower: number; upper: number } | null) =>
      interval === null ? Number.NaN : interval.upper - interval.lower;
    const byPrompt = bootstrapClusteredBradleyTerry(copied, 4, { rounds: 200, seed: 3 });
    const byVerdict = bootstrapBradleyTerry(copied, 4, { rounds: 200, seed: 3 });
    const original = bootstrapClusteredBradleyTerry(clustered, 4, { rounds: 200, seed: 3 });
    for (let model = 0; model < 4; model += 1) {
      // Resampling prompts gives the same spread for copies as for the original data…
      expect(width(byPrompt.intervals[model]) / width(original.intervals[model])).toBeCloseTo(1, 5);
      // …while resampling verdicts halves it (1/√4), understating the uncertainty.
      expect(width(byVerdict.intervals[model]) / width(byPrompt.intervals[model])).toBeLessThan(
        0.65,
      );
    }
    const sandwichCopied = clusterSandwichBradleyTerry(copied, 4, { correction: 'CR1' });
    const sandwichOriginal = clusterSandwichBradleyTerry(clustered, 4, { correction: 'CR1' });
    expect(sandwichCopied.standardErrors[1]).toBeCloseTo(sandwichOriginal.standardErrors[1], 6);
  });

  it('is seeded: the same seed gives the same rounds, another seed others', () => {
    const first = bootstrapClusteredBradleyTerry(clustered, 4, { rounds: 20, seed: 5 });
    const again = bootstrapClusteredBradleyTerry(clustered, 4, { rounds: 20, seed: 5 });
    const other = bootstrapClusteredBradleyTerry(clustered, 4, { rounds: 20, seed: 6 });
    expect(again.roundRatings).toEqual(first.roundRatings);
    expect(other.roundRatings).not.toEqual(first.roundRatings);
    expect(first.estimate.ratings).toEqual(fit.ratings);
  });

  it('says what it expected of a cluster id', () => {
    expect(() =>
      clusterSandwichBradleyTerry(
        [{ modelA: 0, modelB: 1, score: 1, count: 1, weight: 1, cluster: -1 }],
        2,
      ),
    ).toThrow(/cells\[0\]\.cluster.*expected/i);
  });
});
