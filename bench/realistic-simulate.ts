/**
 * Seeded arenas as they are, not as the uniform coverage bench draws them (issue #21):
 *   - skewed popularity: each model's weight is Pareto(1.5) (as the real arena's), a pair is
 *     drawn with probability ∝ w_a·w_b, so some models get fewer than 50 battles;
 *   - prompt effects: each prompt shifts every model's rating by its own N(0, τ²) amount (Elo
 *     points), shared by the prompt's 2–4 verdicts on one pair (swapped games, several judges),
 *     so verdicts on one prompt are correlated;
 *   - a sparse newcomer: one more model whose pairs are drawn `newcomerBattles`/battles as often.
 * With prompt effects the pooled fit does not estimate the ratings themselves but a slightly
 * flattened version (the marginal P(A ≻ B) = E[σ(Δ + ε)] is attenuated; Zeger, Liang & Albert
 * 1988), so the truth an interval must cover is that population estimand: the Bradley–Terry fit
 * to the exact marginal probabilities, weighted by how often each pair is drawn.
 */
import {
  createRandom,
  fitBradleyTerry,
  sampleStandardNormal,
  type ClusteredCell,
  type PairCell,
  type RandomSource,
} from '../src/ratings';

export interface ArenaDesign {
  models: number;
  battles: number;
  /** SD of the true ratings (Elo points). */
  spread: number;
  /** SD τ of a prompt's shift of each model (Elo points); 0 = no prompt effects. */
  promptEffect: number;
  /** Verdicts per prompt, drawn uniformly from this inclusive range. */
  verdictsPerPrompt: [number, number];
  /** Pareto shape of popularity; null = uniform pairings. */
  paretoShape: number | null;
  /** Expected battles of one extra, sparse model; 0 = none. */
  newcomerBattles: number;
  /** Fixed true ratings instead of spread·N(0, 1) draws (the decision bench). */
  ratings?: readonly number[];
  /**
   * Adaptive collection: picks each prompt's pair from the verdicts so far instead of drawing it
   * by popularity (the hook for issue #22's nextComparisons). The estimand then weights each pair
   * by how often it was actually judged: given the design, the pooled MLE solves
   * Σ n_ab (π_ab − p_ab(θ)) = 0, so with prompt effects that is what it estimates (without them
   * the truth is the raw ratings whatever the weights).
   */
  choosePair?: PairChooser;
}

export type PairChooser = (
  random: RandomSource,
  sofar: { cells: readonly ClusteredCell[]; battles: readonly number[] },
) => [number, number];

export interface Arena {
  /** Verdicts as clustered cells (cluster = prompt), one cell per verdict. */
  cells: ClusteredCell[];
  /** What an interval should cover: the population estimand, centred on 1000. */
  truth: number[];
  battles: number[];
}

const LOG10 = Math.log(10);

export function popularity(random: RandomSource, design: ArenaDesign): number[] {
  const weights = Array.from({ length: design.models }, () =>
    design.paretoShape === null ? 1 : (1 - random.nextFloat()) ** (-1 / design.paretoShape),
  );
  if (design.newcomerBattles > 0) {
    // Pairs of the newcomer take newcomerBattles/battles of the draws (≈ its expected battles).
    const total = weights.reduce((sum, w) => sum + w, 0);
    const share = design.newcomerBattles / design.battles;
    const pairMass = total * total - weights.reduce((sum, w) => sum + w * w, 0);
    weights.push((share * pairMass) / (2 * total * (1 - share)));
  }
  return weights;
}

function drawPair(random: RandomSource, cumulative: Float64Array): [number, number] {
  const pick = () => {
    const target = random.nextFloat() * cumulative[cumulative.length - 1];
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  for (;;) {
    const a = pick();
    const b = pick();
    if (a !== b) return [a, b];
  }
}

const probability = (difference: number) => 1 / (1 + Math.exp((-difference * LOG10) / 400));

export function simulateArena(random: RandomSource, design: ArenaDesign): Arena {
  const weights = popularity(random, design);
  const models = weights.length;
  const raw = design.ratings
    ? [...design.ratings]
    : Array.from({ length: models }, () => design.spread * sampleStandardNormal(random));
  const cumulative = new Float64Array(models);
  weights.forEach((w, i) => (cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + w));
  const cells: ClusteredCell[] = [];
  const battles = new Array<number>(models).fill(0);
  const [fewest, most] = design.verdictsPerPrompt;
  let prompt = 0;
  while (cells.length < design.battles) {
    const shift = raw.map(() => design.promptEffect * sampleStandardNormal(random));
    const verdicts = fewest + Math.floor(random.nextFloat() * (most - fewest + 1));
    // One pair per prompt, judged 2–4 times (swapped games, several judges), as in Arena-Hard.
    const [a, b] = design.choosePair
      ? design.choosePair(random, { cells, battles })
      : drawPair(random, cumulative);
    const p = probability(raw[a] + shift[a] - raw[b] - shift[b]);
    for (let v = 0; v < verdicts && cells.length < design.battles; v += 1) {
      const score = random.nextFloat() < p ? 1 : 0;
      cells.push({ modelA: a, modelB: b, score, count: 1, weight: 1, cluster: prompt });
      battles[a] += 1;
      battles[b] += 1;
    }
    prompt += 1;
  }
  const pairWeights = design.choosePair ? judgedPairCounts(cells, models) : pairProducts(weights);
  return { cells, truth: populationEstimand(raw, pairWeights, design.promptEffect), battles };
}

const pairProducts = (weights: number[]) => (a: number, b: number) => weights[a] * weights[b];

function judgedPairCounts(cells: readonly ClusteredCell[], models: number) {
  const counts = new Float64Array(models * models);
  for (const cell of cells) {
    counts[Math.min(cell.modelA, cell.modelB) * models + Math.max(cell.modelA, cell.modelB)] += 1;
  }
  return (a: number, b: number) => counts[a * models + b];
}

/**
 * The Bradley–Terry fit to the exact marginal P(a ≻ b) = E[σ(Δ + ε)], ε ~ N(0, 2τ²) (by a
 * 201-point rule on ±6 SD), each pair (a < b) weighted by how often it is drawn or judged.
 */
export function populationEstimand(
  raw: number[],
  pairWeight: (a: number, b: number) => number,
  promptEffect: number,
): number[] {
  const models = raw.length;
  const spread = Math.SQRT2 * promptEffect;
  const nodes = promptEffect === 0 ? [{ x: 0, w: 1 }] : gridRule(201, spread);
  const cells: PairCell[] = [];
  for (let a = 0; a < models; a += 1) {
    for (let b = a + 1; b < models; b += 1) {
      const marginal = nodes.reduce(
        (sum, node) => sum + node.w * probability(raw[a] - raw[b] + node.x),
        0,
      );
      cells.push({
        modelA: a,
        modelB: b,
        score: marginal,
        count: 1,
        weight: 1e6 * pairWeight(a, b),
      });
    }
  }
  return fitBradleyTerry(cells, models).ratings;
}

function gridRule(points: number, sd: number): { x: number; w: number }[] {
  const nodes = Array.from({ length: points }, (_, i) => {
    const x = -6 * sd + (12 * sd * i) / (points - 1);
    return { x, w: Math.exp(-(x * x) / (2 * sd * sd)) };
  });
  const total = nodes.reduce((sum, node) => sum + node.w, 0);
  return nodes.map((node) => ({ x: node.x, w: node.w / total }));
}

export { createRandom };
