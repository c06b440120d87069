import {
  bootstrapBradleyTerry,
  bootstrapClusteredBradleyTerry,
  clusterSandwichBradleyTerry,
  createRandom,
  expectedScore,
  fitBradleyTerry,
  sandwichBradleyTerry,
  type ClusteredCell,
  type RandomSource,
} from '../../src/ratings';
import {
  add,
  differenceVariance,
  inverse,
  numericGradient,
  numericInformation,
  outer,
  reducedDifferenceVariance,
  scaled,
  times,
  zeros,
} from './direct-covariance';

import { POINTS_PER_LOG_UNIT } from './direct-covariance';

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
