/**
 * `npm run bench -- --suite arena [--replicates-scale s]`: the collection loop of issue 22 §1,
 * simulated through the API (in-memory PGlite server, real HTTP): each round asks
 * nextComparisons for a batch, draws every verdict from the true ratings (Bradley–Terry, no ties)
 * and records it with recordVerdicts; interval widths are the 95% sandwich intervals of
 * Query.leaderboard. Figures:
 *   (a) a newcomer joining a measured board: verdicts until its interval is narrower than
 *       NEWCOMER_WIDTH, UNIFORM over ADAPTIVE (target ≥ 2.5×);
 *   (b) ratings spread SD 250 Elo: mean interval width after the same budget, ADAPTIVE over
 *       UNIFORM (target ≤ 0.9×), beside the bound no chooser can beat: the A-optimal fixed
 *       allocation at the true ratings over uniform pairs, in expected widths
 *       (ratings/optimal-design.ts); and the same at 20 models (same verdicts per pair), where
 *       the bound is lower;
 *   (c) coverage of 95% intervals after adaptive collection (the realistic coverage bench's
 *       "adaptive" scenario, pure math, same chooser; target 94–96%).
 * Writes bench/results-arena.json and .txt.
 */
import {
  aOptimalPairShares,
  createRandom,
  designStandardErrors,
  sampleStandardNormal,
  type RandomSource,
} from '../src/ratings';
import {
  intervalWidths,
  nextComparisons,
  recordSimulated,
  startArenaServer,
  storeArenaAnswers,
  type SimulatedVerdict,
} from './arena-server';
import { ADAPTIVE_SCENARIO, runScenario } from './coverage-realistic';
import {
  median,
  replicatesScale,
  writeSuiteResults,
  type SuiteFigure,
  renderSuiteTable,
} from './suite-support';

type Strategy = 'ADAPTIVE' | 'UNIFORM';
const PROMPTS = 40;
const LOG10 = Math.log(10);
const winProbability = (a: number, b: number) => 1 / (1 + Math.exp(((b - a) * LOG10) / 400));
const names = (count: number) =>
  Array.from({ length: count }, (_, i) => `arena-${String(i).padStart(2, '0')}`);

/** Draws the verdicts of the suggested comparisons from the true ratings. */
function judge(
  suggestions: readonly {
    modelA: { name: string };
    modelB: { name: string };
    prompt: { externalId: string } | null;
    shownFirst: 'A' | 'B';
  }[],
  truth: ReadonlyMap<string, number>,
  random: RandomSource,
): SimulatedVerdict[] {
  return suggestions.map((s) => ({
    modelA: s.modelA.name,
    modelB: s.modelB.name,
    prompt: s.prompt?.externalId ?? 'arena-q0',
    shownFirst: s.shownFirst,
    aWins:
      random.nextFloat() <
      winProbability(truth.get(s.modelA.name) as number, truth.get(s.modelB.name) as number),
  }));
}

// (a) 8 measured models 100 Elo apart, 40 verdicts per pair; the newcomer's truth ~ N(0, 150).
const MEASURED = 8;
const MEASURED_PER_PAIR = 40;
const NEWCOMER_WIDTH = 200;
const NEWCOMER_BATCH = 5;
const NEWCOMER_CAP = 2000;

async function newcomerVerdicts(strategy: Strategy, replicate: number): Promise<number> {
  const random = createRandom(1_000 + replicate);
  const models = names(MEASURED + 1);
  const newcomer = models[MEASURED];
  const truth = new Map(models.map((name, i) => [name, 1000 + (i - (MEASURED - 1) / 2) * 100]));
  truth.set(newcomer, 1000 + 150 * sampleStandardNormal(random));
  const arena = await startArenaServer();
  try {
    await storeArenaAnswers(arena, models, PROMPTS);
    const base: SimulatedVerdict[] = [];
    for (let a = 0; a < MEASURED; a += 1)
      for (let b = a + 1; b < MEASURED; b += 1)
        for (let k = 0; k < MEASURED_PER_PAIR; k += 1)
          base.push({
            modelA: models[a],
            modelB: models[b],
            prompt: `arena-q${k % PROMPTS}`,
            aWins:
              random.nextFloat() <
              winProbability(truth.get(models[a]) as number, truth.get(models[b]) as number),
          });
    await recordSimulated(arena, base);
    let spent = 0;
    for (let round = 0; spent < NEWCOMER_CAP; round += 1) {
      const { suggestions } = await nextComparisons(arena, {
        leaderboard: { models },
        count: NEWCOMER_BATCH,
        strategy,
        seed: replicate * 10_000 + round,
      });
      await recordSimulated(arena, judge(suggestions, truth, random));
      spent += suggestions.length;
      const width = (await intervalWidths(arena, models)).get(newcomer);
      if (width !== undefined && width <= NEWCOMER_WIDTH) return spent;
    }
    return spent;
  } finally {
    await arena.close();
  }
}

// (b) 10 models with truth ~ N(0, 250²), nothing judged yet, a budget of 600 verdicts (40/3 per
// pair); the 20-model run keeps that per-pair budget (2,540 = 127 batches ≈ 190 · 40/3).
interface SpreadCase {
  models: number;
  budget: number;
  seed: number;
}
const SPREAD: SpreadCase = { models: 10, budget: 600, seed: 2_000 };
const SPREAD_WIDE: SpreadCase = { models: 20, budget: 2_540, seed: 3_000 };
const SPREAD_BATCH = 20;

/** The replicate's true ratings (Elo), drawn first from its random stream. */
function spreadTruth(random: RandomSource, count: number): number[] {
  return Array.from({ length: count }, () => 1000 + 250 * sampleStandardNormal(random));
}

/** Expected mean width of the A-optimal allocation at the truth over that of uniform pairs. */
function spreadBound(spread: SpreadCase, replicate: number): number {
  const truth = spreadTruth(createRandom(spread.seed + replicate), spread.models);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const optimal = aOptimalPairShares(truth);
  const uniform = designStandardErrors(truth, () => 1 / optimal.shares.length);
  return mean(optimal.standardErrors) / mean(uniform);
}

async function spreadWidth(
  spread: SpreadCase,
  strategy: Strategy,
  replicate: number,
): Promise<{ mean: number; unrated: number }> {
  const random = createRandom(spread.seed + replicate);
  const models = names(spread.models);
  const values = spreadTruth(random, spread.models);
  const truth = new Map(models.map((name, i) => [name, values[i]]));
  const arena = await startArenaServer();
  try {
    await storeArenaAnswers(arena, models, PROMPTS);
    for (let round = 0; round * SPREAD_BATCH < spread.budget; round += 1) {
      const { suggestions } = await nextComparisons(arena, {
        leaderboard: { models },
        count: SPREAD_BATCH,
        strategy,
        seed: replicate * 10_000 + round,
      });
      await recordSimulated(arena, judge(suggestions, truth, random));
    }
    const widths = [...(await intervalWidths(arena, models)).values()];
    return {
      mean: widths.reduce((s, w) => s + w, 0) / widths.length,
      unrated: spread.models - widths.length,
    };
  } finally {
    await arena.close();
  }
}

export async function runArenaBench(argv: string[]): Promise<void> {
  const scale = replicatesScale(argv);
  const reps = (base: number) => Math.max(1, Math.round(base * scale));
  const figures: SuiteFigure[] = [];
  const notes: string[] = [];

  const newcomer: Record<Strategy, number[]> = { ADAPTIVE: [], UNIFORM: [] };
  for (let r = 0; r < reps(4); r += 1)
    for (const strategy of ['ADAPTIVE', 'UNIFORM'] as const) {
      newcomer[strategy].push(await newcomerVerdicts(strategy, r));
      console.log(`(a) ${strategy} replicate ${r}: ${newcomer[strategy].at(-1)} verdicts`);
    }
  const ratioA = newcomer.UNIFORM.map((u, i) => u / newcomer.ADAPTIVE[i]);
  figures.push(
    {
      id: 'newcomer-adaptive',
      label: `(a) newcomer to width ≤ ${NEWCOMER_WIDTH} Elo: ADAPTIVE verdicts`,
      values: newcomer.ADAPTIVE,
      unit: 'verdicts',
      target: null,
      verdict: null,
    },
    {
      id: 'newcomer-uniform',
      label: `(a) newcomer to width ≤ ${NEWCOMER_WIDTH} Elo: UNIFORM verdicts`,
      values: newcomer.UNIFORM,
      unit: 'verdicts',
      target: null,
      verdict: null,
    },
    {
      id: 'newcomer-ratio',
      label: '(a) UNIFORM / ADAPTIVE verdicts, per replicate',
      values: ratioA,
      unit: '×',
      target: '≥ 2.5×',
      verdict: median(ratioA) >= 2.5 ? 'PASS' : 'MISS',
    },
  );

  for (const spread of [SPREAD, SPREAD_WIDE])
    figures.push(...(await spreadFigures(spread, reps(4), notes)));

  const coverageReps = reps(ADAPTIVE_SCENARIO.replicates);
  const coverage = runScenario(ADAPTIVE_SCENARIO, coverageReps);
  for (const row of coverage.filter(
    (r) => r.method === 'bootstrap/verdict' || r.method === 'sandwich HC3',
  )) {
    const value = row.coverage ?? Number.NaN;
    figures.push({
      id: `coverage-${row.method}`,
      label: `(c) coverage after adaptive collection, ${row.method} (${coverageReps} reps)`,
      values: [value],
      unit: '%',
      target: '94–96%',
      verdict: value >= 94 && value <= 96 ? 'PASS' : 'MISS',
    });
  }
  const table = [renderSuiteTable(figures), '', ...notes].join('\n');
  console.log(table);
  await writeSuiteResults('arena', argv, { figures, notes }, table);
}

async function spreadFigures(
  spread: SpreadCase,
  replicates: number,
  notes: string[],
): Promise<SuiteFigure[]> {
  const widths: Record<Strategy, number[]> = { ADAPTIVE: [], UNIFORM: [] };
  const bound: number[] = [];
  const tag = spread === SPREAD ? '(b)' : `(b, ${spread.models} models)`;
  for (let r = 0; r < replicates; r += 1) {
    for (const strategy of ['ADAPTIVE', 'UNIFORM'] as const) {
      const { mean, unrated } = await spreadWidth(spread, strategy, r);
      widths[strategy].push(mean);
      if (unrated > 0)
        notes.push(
          `${tag} ${strategy} replicate ${r}: ${unrated} model(s) rated apart, left out of the mean`,
        );
      console.log(`${tag} ${strategy} replicate ${r}: mean width ${mean.toFixed(1)} Elo`);
    }
    bound.push(spreadBound(spread, r));
  }
  const ratio = widths.ADAPTIVE.map((a, i) => a / widths.UNIFORM[i]);
  const size = `${spread.models} models, SD 250, ${spread.budget} verdicts`;
  const id = spread === SPREAD ? 'spread' : `spread-${spread.models}`;
  const figures: SuiteFigure[] = [
    {
      id: `${id}-adaptive`,
      label: `${tag} ${size}: ADAPTIVE mean width`,
      values: widths.ADAPTIVE,
      unit: 'Elo',
      target: null,
      verdict: null,
    },
    {
      id: `${id}-uniform`,
      label: `${tag} ${size}: UNIFORM mean width`,
      values: widths.UNIFORM,
      unit: 'Elo',
      target: null,
      verdict: null,
    },
    {
      id: `${id}-ratio`,
      label: `${tag} ADAPTIVE / UNIFORM mean width, per replicate`,
      values: ratio,
      unit: '×',
      // The target is set on the 10-model board; the 20-model run is for comparison.
      target: spread === SPREAD ? '≤ 0.9×' : null,
      verdict: spread === SPREAD ? (median(ratio) <= 0.9 ? 'PASS' : 'MISS') : null,
    },
    {
      id: `${id}-bound`,
      label: `${tag} bound: A-optimal at the truth / UNIFORM, expected width`,
      values: bound,
      unit: '×',
      target: null,
      verdict: null,
    },
  ];
  return figures;
}
