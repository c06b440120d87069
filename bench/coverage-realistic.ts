/**
 * `npm run bench -- --suite coverage-realistic [--replicates-scale s] [--bootstrap-rounds n]`: coverage of the 95%
 * intervals in realistic arenas (realistic-simulate.ts: Pareto(1.5) popularity, spreads of 100
 * and 250 Elo, prompt effects with 2–4 verdicts per prompt, a sparse newcomer), overall and per
 * battle-count band of the model, for the verdict and the prompt (cluster) bootstrap and the
 * HC3, CR1 and CR3 sandwiches, and the profile likelihood with the CR3 cut-off adjustment
 * (alone, and for models under 50 battles only). A scenario may set `choosePair` (adaptive
 * collection, issue #22). `--scenario adaptive,pareto` runs only the scenarios of those names
 * and merges their rows into the results file. Replicates where some model has no finite MLE (it never lost or
 * never won) are counted apart: their intervals rest on the fallback ridge. `--bootstrap-rounds`
 * (default 100, the API's default) sets both bootstraps' rounds, to tell the Monte Carlo error of
 * few rounds from the method's own coverage. Writes
 * bench/results-coverage-realistic.json and .txt.
 */
import {
  bootstrapBradleyTerry,
  bootstrapClusteredBradleyTerry,
  clusterSandwichBradleyTerry,
  profileLikelihoodBradleyTerry,
  sandwichBradleyTerry,
  type Interval,
} from '../src/ratings';
import {
  createRandom,
  simulateArena,
  type ArenaDesign,
  type PairChooser,
} from './realistic-simulate';
import { designComparisons } from '../src/ratings';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './processes';
import { optionValue, replicatesScale, writeSuiteResults } from './suite-support';

export interface Scenario extends ArenaDesign {
  name: string;
  replicates: number;
}

const PARETO = 1.5;
const PROMPTS: [number, number] = [2, 4];
const SINGLE: [number, number] = [1, 1];
const TAU = 100;

const SCENARIOS: Scenario[] = [
  {
    name: 'uniform',
    models: 10,
    battles: 600,
    spread: 100,
    promptEffect: 0,
    verdictsPerPrompt: SINGLE,
    paretoShape: null,
    newcomerBattles: 0,
    replicates: 200,
  },
  {
    name: 'pareto',
    models: 10,
    battles: 600,
    spread: 100,
    promptEffect: 0,
    verdictsPerPrompt: SINGLE,
    paretoShape: PARETO,
    newcomerBattles: 0,
    replicates: 200,
  },
  {
    name: 'pareto',
    models: 10,
    battles: 600,
    spread: 250,
    promptEffect: 0,
    verdictsPerPrompt: SINGLE,
    paretoShape: PARETO,
    newcomerBattles: 0,
    replicates: 200,
  },
  {
    name: 'pareto+prompts',
    models: 10,
    battles: 600,
    spread: 100,
    promptEffect: TAU,
    verdictsPerPrompt: PROMPTS,
    paretoShape: PARETO,
    newcomerBattles: 0,
    replicates: 200,
  },
  {
    name: 'pareto+prompts',
    models: 10,
    battles: 600,
    spread: 250,
    promptEffect: TAU,
    verdictsPerPrompt: PROMPTS,
    paretoShape: PARETO,
    newcomerBattles: 0,
    replicates: 200,
  },
  {
    name: 'pareto+prompts+newcomer',
    models: 10,
    battles: 600,
    spread: 100,
    promptEffect: TAU,
    verdictsPerPrompt: PROMPTS,
    paretoShape: PARETO,
    newcomerBattles: 20,
    replicates: 200,
  },
  {
    name: 'pareto+prompts',
    models: 20,
    battles: 5_000,
    spread: 100,
    promptEffect: TAU,
    verdictsPerPrompt: PROMPTS,
    paretoShape: PARETO,
    newcomerBattles: 20,
    replicates: 40,
  },
];

/**
 * Issue 22's ADAPTIVE chooser (ratings/adaptive-design.ts, as nextComparisons runs it) picking
 * each prompt's pair from the verdicts so far: the intervals must still cover although the pairs
 * now depend on the earlier outcomes.
 */
const adaptivePair: PairChooser = (random, sofar) => {
  const [pair] = designComparisons(sofar.cells, sofar.battles.length, {
    count: 1,
    strategy: 'ADAPTIVE',
    random,
  }).pairs;
  return [pair.modelA, pair.modelB];
};

export const ADAPTIVE_SCENARIO: Scenario = {
  name: 'adaptive',
  models: 10,
  battles: 600,
  spread: 250,
  promptEffect: 0,
  verdictsPerPrompt: SINGLE,
  paretoShape: null,
  newcomerBattles: 0,
  // 1,000 (10,000 pairs, ±2 SE ≈ 0.45 point): adaptive rows are cheap and sit near the band's edge.
  replicates: 1000,
  choosePair: adaptivePair,
};
/** The real case: the chosen pair's prompt judged 2–4 times (swapped games, several judges). */
const ADAPTIVE_PROMPTS_SCENARIO: Scenario = {
  ...ADAPTIVE_SCENARIO,
  name: 'adaptive+prompts',
  promptEffect: TAU,
  verdictsPerPrompt: PROMPTS,
};
SCENARIOS.push(ADAPTIVE_SCENARIO, ADAPTIVE_PROMPTS_SCENARIO);

const BANDS = [
  { name: '<50', below: 50 },
  { name: '50–199', below: 200 },
  { name: '200–999', below: 1000 },
  { name: '≥1000', below: Infinity },
];
const METHODS = [
  'bootstrap/verdict',
  'bootstrap/prompt',
  'sandwich HC3',
  'sandwich CR1',
  'sandwich CR3',
  'profile CR3',
  'CR3, profile <50',
] as const;
type Method = (typeof METHODS)[number];
const ROUNDS = 100;
/** Below this many battles the hybrid row uses the profile interval (the <50 band of the table). */
const SMALL_SAMPLE_BATTLES = 50;

class Tally {
  covered = BANDS.map(() => 0);
  pairs = BANDS.map(() => 0);
  width = 0;
  add(interval: Interval | null, truth: number, battles: number): void {
    const band = BANDS.findIndex((b) => battles < b.below);
    this.pairs[band] += 1;
    if (interval && interval.lower <= truth && truth <= interval.upper) this.covered[band] += 1;
    if (interval) this.width += interval.upper - interval.lower;
  }
  get total(): number {
    return this.pairs.reduce((s, n) => s + n, 0);
  }
  coverage(band?: number): number | null {
    const covered =
      band === undefined ? this.covered.reduce((s, n) => s + n, 0) : this.covered[band];
    const pairs = band === undefined ? this.total : this.pairs[band];
    return pairs > 0 ? (100 * covered) / pairs : null;
  }
}

export interface Row {
  scenario: string;
  models: number;
  battles: number;
  spread: number;
  replicates: number;
  replicatesWithoutMle: number;
  method: Method;
  coverage: number | null;
  bands: { band: string; pairs: number; coverage: number | null }[];
  meanWidth: number;
}

/** A newcomer is one more model. */
const rowsModels = (scenario: Scenario) => scenario.models + (scenario.newcomerBattles > 0 ? 1 : 0);

export function runScenario(
  scenario: Scenario,
  replicates: number,
  bootstrapRounds = ROUNDS,
): Row[] {
  const tallies = new Map(METHODS.map((m) => [m, new Tally()] as const));
  const random = createRandom(
    7919 * scenario.models +
      scenario.battles +
      scenario.spread +
      31 * scenario.newcomerBattles +
      (scenario.promptEffect > 0 ? 1 : 0) +
      (scenario.paretoShape === null ? 2 : 0),
  );
  let withoutMle = 0;
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    const arena = simulateArena(random, scenario);
    const models = arena.truth.length;
    const byVerdict = bootstrapBradleyTerry(arena.cells, models, {
      rounds: bootstrapRounds,
      seed: replicate,
    });
    if (!byVerdict.estimate.mleExists) {
      withoutMle += 1;
      continue;
    }
    // The fit centres on the models that played; so must the truth.
    const played = byVerdict.estimate.played;
    const playedTruth = arena.truth.filter((_, m) => played[m]);
    const centre = playedTruth.reduce((s, r) => s + r, 0) / playedTruth.length;
    const truth = arena.truth.map((r) => r - centre + 1000);
    const fit = byVerdict.estimate;
    const cr3 = clusterSandwichBradleyTerry(arena.cells, models, { fit, correction: 'CR3' });
    // Chandler & Bate's adjustment with the CR3 variances (profile-likelihood.ts).
    const profile = profileLikelihoodBradleyTerry(arena.cells, models, {
      fit,
      robustVariances: cr3.standardErrors.map((se) => se * se),
    }).intervals;
    const intervals: Record<Method, (Interval | null)[]> = {
      'bootstrap/verdict': byVerdict.intervals,
      'bootstrap/prompt': bootstrapClusteredBradleyTerry(arena.cells, models, {
        rounds: bootstrapRounds,
        seed: replicate,
      }).intervals,
      'sandwich HC3': sandwichBradleyTerry(arena.cells, models, { fit, correction: 'HC3' })
        .intervals,
      'sandwich CR1': clusterSandwichBradleyTerry(arena.cells, models, { fit, correction: 'CR1' })
        .intervals,
      'sandwich CR3': cr3.intervals,
      'profile CR3': profile,
      'CR3, profile <50': cr3.intervals.map((interval, model) =>
        arena.battles[model] < SMALL_SAMPLE_BATTLES ? profile[model] : interval,
      ),
    };
    for (const method of METHODS) {
      const tally = tallies.get(method) as Tally;
      for (let model = 0; model < models; model += 1) {
        if (played[model]) tally.add(intervals[method][model], truth[model], arena.battles[model]);
      }
    }
  }
  return METHODS.map((method) => {
    const tally = tallies.get(method) as Tally;
    return {
      scenario: scenario.name,
      models: rowsModels(scenario),
      battles: scenario.battles,
      spread: scenario.spread,
      replicates,
      replicatesWithoutMle: withoutMle,
      method,
      coverage: tally.coverage(),
      bands: BANDS.map((band, index) => ({
        band: band.name,
        pairs: tally.pairs[index],
        coverage: tally.coverage(index),
      })),
      meanWidth: tally.total > 0 ? tally.width / tally.total : Number.NaN,
    };
  });
}

function render(rows: Row[]): string {
  const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);
  const header = [
    'scenario'.padEnd(24),
    'models'.padStart(6),
    'battles'.padStart(8),
    'spread'.padStart(6),
    'reps'.padStart(5),
    'noMLE'.padStart(6),
    '  method'.padEnd(20),
    'overall'.padStart(8),
    ...BANDS.map((band) => `${band.name} (n)`.padStart(16)),
    'width'.padStart(7),
  ].join(' ');
  const lines = rows.map((row) => {
    const outside = row.coverage !== null && (row.coverage < 94 || row.coverage > 96);
    return (
      [
        row.scenario.padEnd(24),
        String(row.models).padStart(6),
        row.battles.toLocaleString('en-US').padStart(8),
        String(row.spread).padStart(6),
        String(row.replicates).padStart(5),
        String(row.replicatesWithoutMle).padStart(6),
        `  ${row.method}`.padEnd(20),
        percent(row.coverage).padStart(8),
        ...row.bands.map((band) => `${percent(band.coverage)} (${band.pairs})`.padStart(16)),
        row.meanWidth.toFixed(1).padStart(7),
      ].join(' ') + (outside ? ' *' : '')
    );
  });
  return [
    header,
    ...lines,
    '',
    '* overall coverage outside 94–96%; noMLE: replicates left out because some model never lost or never won.',
  ].join('\n');
}

/**
 * `--scenario a,b` (repeatable): the scenarios of those names only (every design of a name);
 * all of them when absent.
 */
export function chosenScenarios(argv: string[], scenarios = SCENARIOS): Scenario[] {
  const names = argv.flatMap((arg, at) =>
    arg === '--scenario' ? (argv[at + 1] ?? '').split(',').filter(Boolean) : [],
  );
  if (argv.includes('--scenario') && names.length === 0)
    throw new Error('--scenario: expected a name or a comma list of names');
  const unknown = names.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) {
    const known = [...new Set(scenarios.map((s) => s.name))].join(', ');
    throw new Error(`--scenario: no scenario named ${unknown.join(', ')} (known: ${known})`);
  }
  return names.length === 0 ? scenarios : scenarios.filter((s) => names.includes(s.name));
}

function bootstrapRoundsOption(argv: string[]): number {
  const given = optionValue(argv, '--bootstrap-rounds');
  if (given === undefined) return ROUNDS;
  const rounds = Number(given);
  if (!(Number.isInteger(rounds) && rounds >= 10))
    throw new Error(`--bootstrap-rounds: expected a whole number ≥ 10, got ${given}`);
  return rounds;
}

/** One design of a scenario name, as its rows identify it. */
const designKey = (row: Pick<Row, 'scenario' | 'models' | 'battles' | 'spread'>) =>
  `${row.scenario} ${row.models}×${row.battles} spread ${row.spread}`;
const scenarioKey = (scenario: Scenario) =>
  designKey({ ...scenario, scenario: scenario.name, models: rowsModels(scenario) });

/**
 * The rows of an earlier results file with the designs just run replaced by their new rows, in
 * SCENARIOS order (designs no longer defined are dropped), so one scenario can be rerun alone.
 */
export function mergeRows(earlier: Row[], fresh: Row[], scenarios = SCENARIOS): Row[] {
  const rerun = new Set(fresh.map(designKey));
  const kept = [...earlier.filter((row) => !rerun.has(designKey(row))), ...fresh];
  const order = scenarios.map(scenarioKey);
  return order.flatMap((key) => kept.filter((row) => designKey(row) === key));
}

async function earlierRows(): Promise<Row[]> {
  const file = path.join(ROOT, 'bench', 'results-coverage-realistic.json');
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { rows: Row[] }).rows;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function runRealisticCoverageBench(argv: string[]): Promise<void> {
  const scale = replicatesScale(argv);
  const scenarios = chosenScenarios(argv);
  const rounds = bootstrapRoundsOption(argv);
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const started = performance.now();
    const replicates = Math.max(4, Math.round(scenario.replicates * scale));
    const found = runScenario(scenario, replicates, rounds);
    rows.push(...found);
    console.log(
      `${scenario.name} ${scenario.models}×${scenario.battles} spread ${scenario.spread}: ${((performance.now() - started) / 1000).toFixed(1)} s; ${found.map((r) => `${r.method} ${r.coverage?.toFixed(1)}%`).join(', ')}`,
    );
  }
  console.log(render(rows));
  const merged = scenarios === SCENARIOS ? rows : mergeRows(await earlierRows(), rows);
  // The command recorded is this run's; rows of designs it did not run come from earlier runs.
  await writeSuiteResults(
    'coverage-realistic',
    argv,
    { rounds, promptEffect: TAU, rows: merged },
    render(merged),
  );
}
