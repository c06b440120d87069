/**
 * `npm run bench -- --suite arena-design [--replicates-scale s] [--models n]`: why the arena bench's (b) gains
 * little, in pure math (no server; same truth draws, batches and seeds as (b) of arena-bench.ts,
 * designComparisons called as nextComparisons calls it, widths from the HC3 sandwich the
 * leaderboard uses). 1,000 replicates per variant, each as the ratio of its mean 95% width to
 * UNIFORM's on the same truth, so the ~1-point effects are resolved (±2 SE is printed):
 *   - the default ADAPTIVE (ε = 0.1, batches of 20);
 *   - without exploration (ε = 0): what the 10% uniform share costs;
 *   - batches of 5 instead of 20: what planning on a fit up to 19 picks stale costs;
 *   - the A-optimal allocation at the true ratings (ratings/optimal-design.ts, rounded to 600
 *     verdicts): what a chooser that knew the truth would measure, the practical floor.
 * `--models` (default 10) sets the board's size, with the budget at the same verdicts per pair
 * (600 over 45 pairs, rounded to whole batches of 20): the bound falls as the board grows.
 * Writes bench/results-arena-design.json and .txt (results-arena-design-<n>-models.* for another size).
 */
import {
  aOptimalPairShares,
  createRandom,
  designComparisons,
  sampleStandardNormal,
  sandwichBradleyTerry,
  type PairCell,
  type RandomSource,
} from '../src/ratings';
import {
  median,
  optionValue,
  replicatesScale,
  renderSuiteTable,
  writeSuiteResults,
  type SuiteFigure,
} from './suite-support';

/** A board: its models and the verdicts every variant spends on it. */
interface Board {
  models: number;
  budget: number;
}

const DEFAULT_MODELS = 10;
const VERDICTS_PER_PAIR = 600 / 45;
const SEED = 2_000;
const LOG10 = Math.log(10);
const winProbability = (a: number, b: number) => 1 / (1 + Math.exp(((b - a) * LOG10) / 400));

type Chooser = (
  cells: PairCell[],
  round: number,
  replicate: number,
  models: number,
) => [number, number][];

interface Variant {
  id: string;
  label: string;
  /** Pairs for the whole budget, given the replicate's truth (or null to plan in batches). */
  plan?: (truth: number[], budget: number) => [number, number][];
  batch?: number;
  choose?: Chooser;
}

const adaptive =
  (batch: number, explorationRate?: number): Chooser =>
  (cells, round, replicate, models) =>
    designComparisons(cells, models, {
      count: batch,
      strategy: 'ADAPTIVE',
      random: createRandom(replicate * 10_000 + round),
      ...(explorationRate === undefined ? {} : { explorationRate }),
    }).pairs.map((pair) => [pair.modelA, pair.modelB]);

const VARIANTS: Variant[] = [
  { id: 'default', label: 'ADAPTIVE (ε = 0.1, batches of 20)', batch: 20, choose: adaptive(20) },
  { id: 'no-exploration', label: 'ADAPTIVE, ε = 0', batch: 20, choose: adaptive(20, 0) },
  { id: 'batch-5', label: 'ADAPTIVE, batches of 5', batch: 5, choose: adaptive(5) },
  { id: 'oracle', label: 'A-optimal allocation at the true ratings', plan: optimalPlan },
];
const UNIFORM: Variant = {
  id: 'uniform',
  label: 'UNIFORM',
  batch: 20,
  choose: (cells, round, replicate, models) =>
    designComparisons(cells, models, {
      count: 20,
      strategy: 'UNIFORM',
      random: createRandom(replicate * 10_000 + round),
    }).pairs.map((pair) => [pair.modelA, pair.modelB]),
};

/** The optimal shares times the budget, rounded by largest remainder to whole verdicts. */
function optimalPlan(truth: number[], budget: number): [number, number][] {
  const { shares } = aOptimalPairShares(truth);
  const exact = shares.map((pair) => pair.share * budget);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, k) => [x - counts[k], k]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; counts.reduce((s, c) => s + c, 0) < budget; k += 1) counts[order[k][1]] += 1;
  return shares.flatMap((pair, k) =>
    Array.from({ length: counts[k] }, () => [pair.first, pair.second] as [number, number]),
  );
}

/** Mean HC3 95% width (Elo) after the variant spends the budget on this replicate's truth. */
function meanWidth(variant: Variant, replicate: number, { models, budget }: Board): number {
  const random = createRandom(SEED + replicate);
  const truth = Array.from({ length: models }, () => 1000 + 250 * sampleStandardNormal(random));
  const cells: PairCell[] = [];
  const judge = (pairs: [number, number][], rng: RandomSource) => {
    for (const [a, b] of pairs)
      cells.push({
        modelA: a,
        modelB: b,
        score: rng.nextFloat() < winProbability(truth[a], truth[b]) ? 1 : 0,
        count: 1,
        weight: 1,
      });
  };
  if (variant.plan) judge(variant.plan(truth, budget), random);
  else
    for (let round = 0; round * (variant.batch as number) < budget; round += 1)
      judge((variant.choose as Chooser)(cells, round, replicate, models), random);
  const intervals = sandwichBradleyTerry(cells, models, { correction: 'HC3' }).intervals;
  const widths = intervals.flatMap((interval) =>
    interval ? [interval.upper - interval.lower] : [],
  );
  return widths.reduce((s, w) => s + w, 0) / widths.length;
}

export async function runArenaDesignBench(argv: string[]): Promise<void> {
  const replicates = Math.max(2, Math.round(1000 * replicatesScale(argv)));
  const board = boardOption(argv);
  const uniform = Array.from({ length: replicates }, (_, r) => meanWidth(UNIFORM, r, board));
  const figures: SuiteFigure[] = [];
  const notes: string[] = [];
  for (const variant of VARIANTS) {
    const ratios = uniform.map((u, r) => meanWidth(variant, r, board) / u);
    const mean = ratios.reduce((s, x) => s + x, 0) / replicates;
    const sd = Math.sqrt(ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / (replicates - 1));
    figures.push({
      id: `${variant.id}-mean`,
      label: `${variant.label} / UNIFORM width, ${board.models} models, ${board.budget} verdicts, mean of ${replicates}`,
      values: [mean],
      unit: '×',
      target: null,
      verdict: null,
    });
    notes.push(
      `${variant.label}: mean ${mean.toFixed(3)} ± ${(2 * (sd / Math.sqrt(replicates))).toFixed(3)} (2 SE), median ${median(ratios).toFixed(3)}`,
    );
    console.log(notes.at(-1));
  }
  const table = [renderSuiteTable(figures), '', ...notes].join('\n');
  console.log(table);
  // The default board's file is the one the README cites; another size writes its own.
  const variant = board.models === DEFAULT_MODELS ? undefined : `${board.models}-models`;
  await writeSuiteResults(
    'arena-design',
    argv,
    { replicates, ...board, figures, notes },
    table,
    variant,
  );
}

function boardOption(argv: string[]): Board {
  const given = optionValue(argv, '--models');
  const models = given === undefined ? DEFAULT_MODELS : Number(given);
  if (!(Number.isInteger(models) && models >= 3 && models <= 200))
    throw new Error(`--models: expected a whole number from 3 to 200, got ${given}`);
  const pairs = (models * (models - 1)) / 2;
  return { models, budget: Math.round((pairs * VERDICTS_PER_PAIR) / 20) * 20 };
}
