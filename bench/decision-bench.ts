/**
 * `npm run bench -- --suite decision [--replicates-scale s]`: does Query.comparison's decision
 * keep its promises when verdicts on one prompt are correlated (realistic-simulate.ts: 2–4
 * verdicts per prompt on one pair, each prompt shifting every model by N(0, 100²) Elo)?
 *   - false BETTER: candidate and baseline equally strong; the share of BETTER decisions must be
 *     at most α (+0.5 points); the two-sided 95% interval makes it α/2 in theory;
 *   - power: a candidate 40 Elo stronger; a pilot of 600 verdicts predicts how many verdicts
 *     decide it (sampleGrowthToDecide, 80% power); a fresh study of that size must decide BETTER
 *     at least 80% of the time.
 * Each with the leaderboard's two interval paths by prompt and, for contrast, by verdict. Writes
 * bench/results-decision.json and .txt.
 */
import {
  bootstrapBradleyTerry,
  bootstrapClusteredBradleyTerry,
  clusterSandwichBradleyTerry,
  decide,
  differenceFromCovariance,
  differenceFromRounds,
  sampleGrowthToDecide,
  sandwichBradleyTerry,
  type ClusteredCell,
  type RatingDifference,
} from '../src/ratings';
import { createRandom, simulateArena, type ArenaDesign } from './realistic-simulate';
import { replicatesScale, writeSuiteResults } from './suite-support';

const LEVEL = 0.95;
const ALPHA = 1 - LEVEL;
const PILOT = 600;
const FALSE_BETTER_VERDICTS = 1500;
const TRUE_DIFFERENCE = 40;
const MAX_VERDICTS = 60_000;
// Model 0 is the candidate, model 1 the baseline; three others give the design its opponents.
const OTHERS = [950, 1000, 1050];

type Method =
  'sandwich CR3 / prompt' | 'bootstrap / prompt' | 'sandwich HC3 / verdict' | 'bootstrap / verdict';
const METHODS: Method[] = [
  'sandwich CR3 / prompt',
  'bootstrap / prompt',
  'sandwich HC3 / verdict',
  'bootstrap / verdict',
];

function design(difference: number, battles: number): ArenaDesign {
  return {
    models: 2 + OTHERS.length,
    battles,
    spread: 0,
    promptEffect: 100,
    verdictsPerPrompt: [2, 4],
    paretoShape: null,
    newcomerBattles: 0,
    ratings: [1000 + difference, 1000, ...OTHERS],
  };
}

function difference(method: Method, cells: ClusteredCell[], seed: number): RatingDifference {
  const models = 2 + OTHERS.length;
  switch (method) {
    case 'sandwich CR3 / prompt': {
      const result = clusterSandwichBradleyTerry(cells, models, { correction: 'CR3' });
      return differenceFromCovariance(result.estimate.ratings, result.covariance, 0, 1, LEVEL);
    }
    case 'sandwich HC3 / verdict': {
      const result = sandwichBradleyTerry(cells, models, { correction: 'HC3' });
      return differenceFromCovariance(result.estimate.ratings, result.covariance, 0, 1, LEVEL);
    }
    case 'bootstrap / prompt': {
      const result = bootstrapClusteredBradleyTerry(cells, models, { rounds: 100, seed });
      return differenceFromRounds(
        result.estimate.ratings,
        result.roundRatings,
        0,
        1,
        LEVEL,
        result.quantileMethod,
      );
    }
    case 'bootstrap / verdict': {
      const result = bootstrapBradleyTerry(cells, models, { rounds: 100, seed });
      return differenceFromRounds(
        result.estimate.ratings,
        result.roundRatings,
        0,
        1,
        LEVEL,
        result.quantileMethod,
      );
    }
  }
}

interface Row {
  method: Method;
  replicates: number;
  falseBetter: number;
  /** Median predicted study size (verdicts) from the pilots. */
  medianPredicted: number;
  /** Share of studies at their pilot's predicted size that decided BETTER. */
  power: number;
  /** Studies whose prediction was capped at MAX_VERDICTS or undefined (estimate ≤ 0). */
  cappedPredictions: number;
  /** Power over the studies whose prediction was not capped (the capped ones run at MAX_VERDICTS). */
  powerUncapped: number | null;
}

function run(method: Method, replicates: number, seedBase: number): Row {
  const random = createRandom(seedBase);
  let falseBetter = 0;
  for (let r = 0; r < replicates; r += 1) {
    const arena = simulateArena(random, design(0, FALSE_BETTER_VERDICTS));
    if (decide(difference(method, arena.cells, r), 0) === 'BETTER') falseBetter += 1;
  }
  const predicted: number[] = [];
  let better = 0;
  let capped = 0;
  let betterUncapped = 0;
  for (let r = 0; r < replicates; r += 1) {
    const pilot = simulateArena(random, design(TRUE_DIFFERENCE, PILOT));
    const estimate = difference(method, pilot.cells, r);
    const growth = sampleGrowthToDecide(estimate, 0, LEVEL);
    let size = growth === null ? MAX_VERDICTS : Math.ceil(growth * PILOT);
    if (decide(estimate, 0) !== 'INCONCLUSIVE') size = PILOT;
    const wasCapped = size > MAX_VERDICTS || estimate.value <= 0;
    if (wasCapped) {
      capped += 1;
      size = MAX_VERDICTS;
    }
    predicted.push(size);
    const study = size === PILOT ? pilot : simulateArena(random, design(TRUE_DIFFERENCE, size));
    if (decide(difference(method, study.cells, r + 100_000), 0) === 'BETTER') {
      better += 1;
      if (!wasCapped) betterUncapped += 1;
    }
  }
  predicted.sort((a, b) => a - b);
  return {
    method,
    replicates,
    falseBetter: (100 * falseBetter) / replicates,
    medianPredicted: predicted[Math.floor(predicted.length / 2)],
    power: (100 * better) / replicates,
    cappedPredictions: capped,
    powerUncapped: capped < replicates ? (100 * betterUncapped) / (replicates - capped) : null,
  };
}

function render(rows: Row[]): string {
  const header = `method                    reps  false BETTER (≤ ${(100 * ALPHA + 0.5).toFixed(1)}%)  ±2se  median predicted N  power at predicted N (≥ 80%)  ±2se  capped  power uncapped`;
  const lines = rows.map((row) => {
    const se = (p: number) =>
      (200 * Math.sqrt((p / 100) * (1 - p / 100))) / Math.sqrt(row.replicates);
    return [
      row.method.padEnd(24),
      String(row.replicates).padStart(5),
      `${row.falseBetter.toFixed(1)}%`.padStart(24),
      se(row.falseBetter).toFixed(1).padStart(5),
      row.medianPredicted.toLocaleString('en-US').padStart(19),
      `${row.power.toFixed(1)}%`.padStart(29),
      se(row.power).toFixed(1).padStart(5),
      String(row.cappedPredictions).padStart(7),
      (row.powerUncapped === null ? '—' : `${row.powerUncapped.toFixed(1)}%`).padStart(15),
    ].join(' ');
  });
  return [
    header,
    ...lines,
    '',
    `False BETTER: candidate = baseline, ${FALSE_BETTER_VERDICTS} verdicts. Power: candidate +${TRUE_DIFFERENCE} Elo, pilot of ${PILOT} verdicts, then a fresh study of the predicted size (capped at ${MAX_VERDICTS.toLocaleString('en-US')}; "capped": pilots whose estimate was ≤ 0 or predicted more; "power uncapped": power over the other studies).`,
  ].join('\n');
}

export async function runDecisionBench(argv: string[]): Promise<void> {
  const scale = replicatesScale(argv);
  const rows: Row[] = [];
  METHODS.forEach((method, index) => {
    const replicates = Math.max(
      10,
      Math.round((method.startsWith('bootstrap') ? 200 : 400) * scale),
    );
    const started = performance.now();
    rows.push(run(method, replicates, 4243 + index));
    const row = rows[rows.length - 1];
    console.log(
      `${method}: false BETTER ${row.falseBetter.toFixed(1)}%, power ${row.power.toFixed(1)}% at median N ${row.medianPredicted} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  });
  const table = render(rows);
  console.log(table);
  await writeSuiteResults(
    'decision',
    argv,
    { level: LEVEL, pilot: PILOT, trueDifference: TRUE_DIFFERENCE, rows },
    table,
  );
}
