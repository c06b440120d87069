/**
 * `npm run bench -- --suite <a,b>` runs only the named suites; without `--suite`, all of them.
 * `core` (the load, import and leaderboard figures) and `dashboard` (Chromium over the loaded
 * data) live in run.ts; the standalone suites here each write bench/results-<suite>.json and .txt.
 */
import { runArenaBench } from './arena-bench';
import { runArenaDesignBench } from './arena-design-bench';
import { runCoercionBench } from './coercion-bench';
import { runCoverageBench } from './coverage-bench';
import { runFanOutBench } from './fan-out-bench';
import { runRealisticCoverageBench } from './coverage-realistic';
import { runDecisionBench } from './decision-bench';
import { runGuardBench } from './guard-bench';
import { runPagesBench } from './pages-bench';
import { runPgliteStatementsBench } from './pglite-statements-bench';
import { runSearchBench } from './search-bench';
import { runModelHistoryBench } from './model-history-bench';
import { runNextLatencyBench } from './next-latency-bench';
import { runStartupBench } from './startup-bench';
import { runStyleBench } from './style-bench';
import { runSubscriptionsBench } from './subscriptions-bench';
import { runWritesBench } from './writes-bench';

const STANDALONE: Record<string, (argv: string[]) => Promise<void>> = {
  arena: runArenaBench,
  'arena-design': runArenaDesignBench,
  coercion: runCoercionBench,
  coverage: runCoverageBench,
  'fan-out': runFanOutBench,
  'coverage-realistic': runRealisticCoverageBench,
  decision: runDecisionBench,
  guard: () => runGuardBench(),
  pages: runPagesBench,
  'pglite-statements': runPgliteStatementsBench,
  search: runSearchBench,
  'model-history': runModelHistoryBench,
  'next-latency': runNextLatencyBench,
  startup: runStartupBench,
  style: runStyleBench,
  subscriptions: runSubscriptionsBench,
  writes: runWritesBench,
};
const RUN_TS_SUITES = ['core', 'dashboard'];

export const STANDALONE_SUITES = Object.keys(STANDALONE);

/** The suites named by `--suite`, or null when the option is absent. */
export function requestedSuites(argv: string[]): string[] | null {
  const at = argv.indexOf('--suite');
  if (at < 0) return null;
  const known = [...RUN_TS_SUITES, ...STANDALONE_SUITES];
  const names = (argv[at + 1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new Error(`--suite needs a comma-separated list of ${known.join(', ')}`);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new Error(`--suite: expected one of ${known.join(', ')}, but received "${name}"`);
    }
  }
  return names;
}

/** The arguments without `--suite <list>`, for the suites' own option parsers. */
export function withoutSuiteOption(argv: string[]): string[] {
  const at = argv.indexOf('--suite');
  return at < 0 ? argv : argv.filter((_, index) => index !== at && index !== at + 1);
}

/** Runs the named standalone suites in order; names of run.ts's own suites are passed over. */
export async function runStandaloneSuites(names: string[], argv: string[]): Promise<void> {
  for (const name of names) {
    const suite = STANDALONE[name];
    if (suite) await suite(argv);
  }
}
