import {
  aggregateCells,
  fitBradleyTerry,
  onlineElo,
  spearmanCorrelation,
  type OutcomeLabel,
} from '../../src/ratings';
import {
  indexModels,
  readComparisons,
  readGoldenScores,
  readPublishedScores,
  type Comparison,
  type Judge,
} from './llmfao-fixture';

/**
 * Reproduces the published LLMFAO leaderboard (data by Dmitry Ustalov et al., CC BY 4.0; see
 * demo/llmfao/ATTRIBUTION.md). Convention: left = model A, ties score 1/2.
 */
const OUTCOME_OF_WINNER: Record<Comparison['winner'], OutcomeLabel> = {
  left: 'A>B',
  right: 'B>A',
  tie: 'A=B',
};

/** Our converged fit as the published scale: p_i ∝ 10^(R_i/400), normalised to sum 1. */
function fitPublishedScale(judge: Judge): {
  names: string[];
  probabilities: Map<string, number>;
  gradientNorm: number;
} {
  const comparisons = readComparisons(judge);
  const { names, indexOf } = indexModels(comparisons);
  const cells = aggregateCells(
    comparisons.map((comparison) => ({
      modelA: indexOf.get(comparison.left) as number,
      modelB: indexOf.get(comparison.right) as number,
      outcome: OUTCOME_OF_WINNER[comparison.winner],
    })),
  );
  const fit = fitBradleyTerry(cells, names.length);
  expect(fit.mleExists).toBe(true);
  expect(fit.converged).toBe(true);
  const strengths = fit.ratings.map((rating) => 10 ** ((rating - 1000) / 400));
  const total = strengths.reduce((sum, value) => sum + value, 0);
  return {
    names,
    probabilities: new Map(names.map((name, index) => [name, strengths[index] / total])),
    gradientNorm: fit.gradientNorm,
  };
}

function maxAbsDifference(left: Map<string, number>, right: Map<string, number>): number {
  expect([...left.keys()].sort()).toEqual([...right.keys()].sort());
  return Math.max(
    ...[...left].map(([name, value]) => Math.abs(value - (right.get(name) as number))),
  );
}

/**
 * The published tables' own algorithm, written independently of src/ratings (data README §1):
 * Zermelo/MM sweeps p_i ← W_i / Σ_j n_ij/(p_i + p_j), renormalised, stopping at max|Δp| < 1e-6 or
 * after 100 sweeps.
 */
function publishedSweeps(judge: Judge): Map<string, number> {
  const comparisons = readComparisons(judge);
  const { names, indexOf } = indexModels(comparisons);
  const size = names.length;
  const wins = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const { left, right, winner } of comparisons) {
    const i = indexOf.get(left) as number;
    const j = indexOf.get(right) as number;
    if (winner === 'left') wins[i][j] += 1;
    else if (winner === 'right') wins[j][i] += 1;
    else {
      wins[i][j] += 0.5;
      wins[j][i] += 0.5;
    }
  }
  let p = new Array<number>(size).fill(1);
  for (let sweep = 0; sweep < 100; sweep += 1) {
    const next = p.map((pi, i) => {
      let numerator = 0;
      let denominator = 0;
      for (let j = 0; j < size; j += 1) {
        if (j === i) continue;
        numerator += wins[i][j];
        denominator += (wins[i][j] + wins[j][i]) / (pi + p[j]);
      }
      return numerator / denominator;
    });
    const total = next.reduce((sum, value) => sum + value, 0);
    const normalised = next.map((value) => value / total);
    const change = Math.max(...normalised.map((value, index) => Math.abs(value - p[index])));
    p = normalised;
    if (change < 1e-6) break;
  }
  return new Map(names.map((name, index) => [name, p[index]]));
}

describe('LLMFAO reproduction', () => {
  it.each(['crowd', 'gpt3'] as const)(
    'matches every published %s Bradley–Terry score to 1e-5',
    (judge) => {
      const { probabilities, gradientNorm } = fitPublishedScale(judge);
      const published = readPublishedScores(judge);
      expect(published.size).toBe(59);
      const error = maxAbsDifference(probabilities, published);
      console.log(
        `LLMFAO ${judge}: max |p − published| = ${error.toExponential(2)}, gradient ${gradientNorm.toExponential(1)}`,
      );
      expect(error).toBeLessThan(1e-5);
      expect(gradientNorm).toBeLessThan(1e-10);
    },
  );

  it('matches evalica’s golden bradley_terry scores for the crowd to 1e-5', () => {
    expect(
      maxAbsDifference(fitPublishedScale('crowd').probabilities, readGoldenScores('bradley_terry')),
    ).toBeLessThan(1e-5);
  });

  it('differs from the published GPT-4 table, which stopped at the 100-sweep cap before converging', () => {
    const { probabilities } = fitPublishedScale('gpt4');
    const published = readPublishedScores('gpt4');
    const replica = publishedSweeps('gpt4');
    // The replica of the capped procedure reproduces the table up to its 6-decimal rounding...
    expect(maxAbsDifference(replica, published)).toBeLessThan(1e-6);
    // ...while the converged MLE is off by a documented 0.0073 (GPT 3.5 Turbo's share of the total).
    const error = maxAbsDifference(probabilities, published);
    console.log(`LLMFAO gpt4: converged fit vs published table, max |Δp| = ${error.toFixed(6)}`);
    expect(error).toBeGreaterThan(0.007);
    expect(error).toBeLessThan(0.0076);
  });

  it('replays online Elo in file order to evalica’s golden elo within 1e-6', () => {
    const comparisons = readComparisons('crowd');
    const { names, indexOf } = indexModels(comparisons);
    const ratings = onlineElo(
      comparisons.map(({ left, right, winner }) => ({
        modelA: indexOf.get(left) as number,
        modelB: indexOf.get(right) as number,
        score: winner === 'left' ? 1 : winner === 'right' ? 0 : 0.5,
      })),
      names.length,
    );
    const error = maxAbsDifference(
      new Map(names.map((name, index) => [name, ratings[index]])),
      readGoldenScores('elo'),
    );
    console.log(`LLMFAO online Elo: max |ΔR| vs evalica golden = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-6);
  });

  it('reproduces the notebook’s Spearman correlations between judges within 0.002', () => {
    const fits = {
      crowd: fitPublishedScale('crowd'),
      gpt3: fitPublishedScale('gpt3'),
      gpt4: fitPublishedScale('gpt4'),
    };
    const models = [...fits.crowd.probabilities.keys()].sort();
    const correlation = (left: Judge, right: Judge) =>
      spearmanCorrelation(
        models.map((model) => fits[left].probabilities.get(model) as number),
        models.map((model) => fits[right].probabilities.get(model) as number),
      );
    const measured = {
      humansVersusGpt4: correlation('crowd', 'gpt4'),
      humansVersusGpt3: correlation('crowd', 'gpt3'),
      gpt4VersusGpt3: correlation('gpt4', 'gpt3'),
    };
    console.log(`LLMFAO Spearman: ${JSON.stringify(measured)}`);
    expect(Math.abs(measured.humansVersusGpt4 - 0.7309)).toBeLessThan(0.002);
    expect(Math.abs(measured.humansVersusGpt3 - 0.7166)).toBeLessThan(0.002);
    expect(Math.abs(measured.gpt4VersusGpt3 - 0.7171)).toBeLessThan(0.002);
  });
});
