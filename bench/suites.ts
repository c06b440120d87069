/**
 * `npm run bench -- --suite <a,b>` runs only the named suites (no `--suite`: the full benchmark
 * of run.ts). Each suite lives in its own file and writes bench/results-<suite>.json and .txt.
 */
import { runCoverageBench } from './coverage-bench';
import { runStyleBench } from './style-bench';

const SUITES: Record<string, (argv: string[]) => Promise<void>> = {
  coverage: runCoverageBench,
  style: runStyleBench,
};

/** The suites named by `--suite`, or null when the option is absent. */
export function requestedSuites(argv: string[]): string[] | null {
  const at = argv.indexOf('--suite');
  if (at < 0) return null;
  const names = (argv[at + 1] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!(name in SUITES)) throw new Error(`--suite: unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
  }
  return names;
}

export async function runSuites(names: string[], argv: string[]): Promise<void> {
  const rest = argv.filter((_, index) => index !== argv.indexOf('--suite') && index !== argv.indexOf('--suite') + 1);
  for (const name of names) await SUITES[name](rest);
}
