/**
 * What the standalone bench suites share: reading `--scale`-style counts and their own options,
 * the median of a figure's runs, the figure row they report, and re-running a suite under a
 * throwaway PostgreSQL when no DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './processes';

export interface SuiteFigure {
  id: string;
  label: string;
  /** Verdicts the figure was measured at, where a suite runs several scales. */
  scale?: number;
  values: number[];
  unit: string;
  target: string | null;
  verdict: 'PASS' | 'MISS' | null;
}

/** A count such as `100k` or `1m`. */
export function readCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match)
    throw new Error(`--scale: cannot read ${JSON.stringify(text)}; use e.g. 10k, 100k, 1m`);
  const unit = match[2].toLowerCase();
  return Number(match[1]) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1);
}

/** The value after `name` in the suite's arguments, if given. */
export function optionValue(argv: string[], name: string): string | undefined {
  return argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
}

/** `--replicates-scale s`: how many of each design's replicates to run (`fallback` when absent). */
export function replicatesScale(argv: string[], fallback = 1): number {
  const at = argv.indexOf('--replicates-scale');
  const scale = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!(scale > 0)) throw new Error('--replicates-scale: expected a positive number');
  return scale;
}

/**
 * Writes bench/results-<suite>.json (the command that ran the suite, then `fields`) and
 * bench/results-<suite>.txt (the table it printed); with `variant`, results-<suite>-<variant>.*,
 * so a run on another driver or size keeps the default run's files.
 */
export async function writeSuiteResults(
  suite: string,
  argv: string[],
  fields: Record<string, unknown>,
  table: string,
  variant?: string,
): Promise<void> {
  const out = path.join(ROOT, 'bench', `results-${suite}${variant ? `-${variant}` : ''}`);
  const command = `npm run bench -- --suite ${suite} ${argv.join(' ')}`.trim();
  await writeFile(`${out}.json`, `${JSON.stringify({ command, ...fields }, null, 2)}\n`);
  await writeFile(`${out}.txt`, `${table}\n`);
}

/** The middle value; with an even count, the mean of the middle two. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
}

/** Runs `npm run bench -- --suite <suite> …argv` again inside scripts/with-postgres.sh. */
export async function rerunUnderPostgres(suite: string, argv: string[]): Promise<void> {
  const runner = path.join(ROOT, 'dist-bench', 'bench', 'run.js');
  const script = path.join(ROOT, 'scripts', 'with-postgres.sh');
  const args = [script, process.execPath, runner, '--suite', suite, ...argv];
  const child = spawn('bash', args, { cwd: ROOT, stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the ${suite} suite under with-postgres.sh failed (${code})`);
}

/** The figure table of a standalone suite: median, values, unit, target, verdict. */
export function renderSuiteTable(figures: SuiteFigure[]): string {
  const digits = (unit: string) => (unit === '×' ? 2 : 0);
  const lines = figures.map((figure) =>
    [
      figure.label.padEnd(58),
      (figure.values.length === 1 ? figure.values[0] : median(figure.values))
        .toLocaleString('en-US', { maximumFractionDigits: digits(figure.unit) })
        .padStart(9),
      figure.values.length > 1
        ? `(${figure.values.map((v) => v.toFixed(digits(figure.unit))).join(', ')})`.padEnd(24)
        : ''.padEnd(24),
      figure.unit.padEnd(7),
      (figure.target ?? '').padEnd(10),
      figure.verdict ?? '',
    ].join(' '),
  );
  return [
    `${'figure'.padEnd(58)} ${'median'.padStart(9)} ${'values'.padEnd(24)} ${'unit'.padEnd(7)} ${'target'.padEnd(10)} verdict`,
    ...lines,
  ].join('\n');
}
