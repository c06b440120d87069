/**
 * `npm run bench -- --suite coverage`: do the leaderboard's 95% intervals cover the truth 95% of
 * the time? Seeded simulated tournaments with known ratings (coverage-simulate.ts), from 10 models
 * × 600 battles to 50 × 100,000, with and without ties, plain and style-controlled; for each
 * interval method the share of (model, replicate) pairs whose interval holds the true rating, the
 * share of replicates whose length-coefficient interval holds the true coefficient (style only),
 * and the mean width. Writes bench/results-coverage.json and .txt.
 *
 *   npm run bench -- --suite coverage [--quick] [--replicates-scale 1]
 */
import {
  bootstrapBradleyTerry,
  bootstrapStyleRows,
  createRandom,
  sandwichBradleyTerry,
  sandwichStyleRows,
  type Interval,
  type SandwichCorrection,
} from '../src/ratings';
import { LENGTH_EFFECT, plainTournament, styleTournament, trueRatings } from './coverage-simulate';
import { replicatesScale, writeSuiteResults } from './suite-support';

interface Design {
  models: number;
  battles: number;
  /** Replicates at scale 1, fewer where each costs more; the (model, replicate) pairs stay ≥ 1,000. */
  replicates: number;
}

const DESIGNS: Design[] = [
  { models: 10, battles: 600, replicates: 400 },
  { models: 12, battles: 3_000, replicates: 250 },
  { models: 20, battles: 20_000, replicates: 100 },
  { models: 50, battles: 100_000, replicates: 24 },
];
const TIE_SHARES = [0, 0.3];
const SPREAD = 100;
const ROUNDS = 100;
const SANDWICHES: SandwichCorrection[] = ['HC0', 'HC3'];

interface Row {
  kind: 'plain' | 'style';
  models: number;
  battles: number;
  tieShare: number;
  replicates: number;
  method: string;
  /** % of (model, replicate) pairs whose rating interval holds the truth. */
  coverage: number;
  /** % of replicates whose length-coefficient interval holds the truth (style only). */
  coefficientCoverage: number | null;
  /** Mean rating-interval width, Elo points. */
  meanWidth: number;
  seconds: number;
}

class Tally {
  covered = 0;
  pairs = 0;
  width = 0;
  coefficientCovered = 0;
  coefficientTrials = 0;
  seconds = 0;
  addRatings(intervals: ReadonlyArray<Interval | null>, truth: readonly number[]): void {
    truth.forEach((rating, model) => {
      const interval = intervals[model];
      this.pairs += 1;
      if (interval && interval.lower <= rating && rating <= interval.upper) this.covered += 1;
      if (interval) this.width += interval.upper - interval.lower;
    });
  }
  addCoefficient(interval: Interval | null, truth: number): void {
    this.coefficientTrials += 1;
    if (interval && interval.lower <= truth && truth <= interval.upper)
      this.coefficientCovered += 1;
  }
}

function timed<T>(tally: Tally, run: () => T): T {
  const started = performance.now();
  const result = run();
  tally.seconds += (performance.now() - started) / 1000;
  return result;
}

function runDesign(
  kind: 'plain' | 'style',
  design: Design,
  tieShare: number,
  replicates: number,
): Row[] {
  const methods = ['bootstrap', ...SANDWICHES.map((correction) => `sandwich ${correction}`)];
  const tallies = new Map(methods.map((method) => [method, new Tally()]));
  const random = createRandom(
    1000 * design.models + design.battles + (tieShare > 0 ? 7 : 0) + (kind === 'style' ? 13 : 0),
  );
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    const truth = trueRatings(random, design.models, SPREAD);
    const tally = (method: string) => tallies.get(method) as Tally;
    if (kind === 'plain') {
      const cells = plainTournament(random, truth, design.battles, tieShare);
      const bootstrap = timed(tally('bootstrap'), () =>
        bootstrapBradleyTerry(cells, design.models, { rounds: ROUNDS, seed: replicate }),
      );
      tally('bootstrap').addRatings(bootstrap.intervals, truth);
      for (const correction of SANDWICHES) {
        const method = `sandwich ${correction}`;
        const sandwich = timed(tally(method), () =>
          sandwichBradleyTerry(cells, design.models, { fit: bootstrap.estimate, correction }),
        );
        tally(method).addRatings(sandwich.intervals, truth);
      }
    } else {
      const rows = styleTournament(random, truth, design.battles, tieShare);
      const bootstrap = timed(tally('bootstrap'), () =>
        bootstrapStyleRows(rows, { rounds: ROUNDS, seed: replicate }),
      );
      const lengthTruth = LENGTH_EFFECT * bootstrap.fit.coefficients[0].standardDeviation;
      tally('bootstrap').addRatings(bootstrap.intervals.ratings, truth);
      tally('bootstrap').addCoefficient(bootstrap.intervals.coefficients[0], lengthTruth);
      for (const correction of SANDWICHES) {
        const method = `sandwich ${correction}`;
        const sandwich = timed(tally(method), () => sandwichStyleRows(rows, { correction }));
        tally(method).addRatings(sandwich.intervals.ratings, truth);
        tally(method).addCoefficient(sandwich.intervals.coefficients[0], lengthTruth);
      }
    }
  }
  return methods.map((method) => {
    const tally = tallies.get(method) as Tally;
    return {
      kind,
      models: design.models,
      battles: design.battles,
      tieShare,
      replicates,
      method,
      coverage: (100 * tally.covered) / tally.pairs,
      coefficientCoverage:
        tally.coefficientTrials > 0
          ? (100 * tally.coefficientCovered) / tally.coefficientTrials
          : null,
      meanWidth: tally.width / tally.pairs,
      seconds: tally.seconds,
    };
  });
}

function render(rows: Row[]): string {
  const header =
    'kind   models  battles  ties  replicates  method         coverage  ±2se   length coef.  mean width  seconds';
  const lines = rows.map((row) => {
    const pairs = row.replicates * row.models;
    const twoSe = 200 * Math.sqrt(((row.coverage / 100) * (1 - row.coverage / 100)) / pairs);
    const mark = row.coverage >= 94 && row.coverage <= 96 ? '' : ' (outside 94–96)';
    return (
      [
        row.kind.padEnd(6),
        String(row.models).padStart(6),
        row.battles.toLocaleString('en-US').padStart(8),
        `${Math.round(row.tieShare * 100)}%`.padStart(5),
        String(row.replicates).padStart(11),
        `  ${row.method.padEnd(13)}`,
        `${row.coverage.toFixed(1)}%`.padStart(8),
        twoSe.toFixed(1).padStart(6),
        (row.coefficientCoverage === null
          ? '—'
          : `${row.coefficientCoverage.toFixed(1)}%`
        ).padStart(13),
        row.meanWidth.toFixed(1).padStart(11),
        row.seconds.toFixed(1).padStart(8),
      ].join(' ') + mark
    );
  });
  return [header, ...lines].join('\n');
}

export async function runCoverageBench(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const scale = replicatesScale(argv, quick ? 0.2 : 1);
  const rows: Row[] = [];
  for (const kind of ['plain', 'style'] as const) {
    for (const design of DESIGNS) {
      for (const tieShare of TIE_SHARES) {
        const replicates = Math.max(4, Math.round(design.replicates * scale));
        const found = runDesign(kind, design, tieShare, replicates);
        rows.push(...found);
        for (const row of found) {
          console.log(
            `${kind} ${row.models}×${row.battles} ties ${row.tieShare}: ${row.method} ${row.coverage.toFixed(1)}% (${row.seconds.toFixed(1)} s)`,
          );
        }
      }
    }
  }
  const table = render(rows);
  console.log(table);
  await writeSuiteResults('coverage', argv, { spread: SPREAD, rounds: ROUNDS, rows }, table);
}
