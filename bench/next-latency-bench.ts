/**
 * `npm run bench -- --suite next-latency`: how fast `nextComparisons` answers at 100 models and
 * 1M verdicts (issue 22 §1: ≤ 200 ms). It seeds the data inside the database
 * (next-latency-seed.ts), starts the server in this process, and times the call over HTTP for
 * ADAPTIVE with count 1, 10 and 100 and UNIFORM with count 10: warm (the same data version, asked
 * again and again) and cold (each call right after a one-verdict recordVerdicts, which bumps the
 * data version). Each figure is `--runs` calls (default 20) after one warm-up; the table gives
 * the median and the p95. PostgreSQL by default (under scripts/with-postgres.sh when no
 * DATABASE_URL is set); `--driver pglite` uses a PGlite data directory. Writes
 * bench/results-next-latency.json and .txt (with `--scale 100k` or `--driver pglite` the suffix
 * names the scale or driver, so the main figure is not overwritten).
 *
 *   nice -n 10 npm run bench -- --suite next-latency [--scale 1m] [--models 100] [--runs 20] [--driver postgres|pglite]
 */
// type-graphql's decorators need the metadata polyfill loaded before any schema module.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, DEFAULT_SUBSCRIPTION_SETTINGS } from '../src/config';
import { openDatabase, type DatabaseHandle } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { startServer } from '../src/server';
import { postgresFactory } from './databases';
import { postGraphql, requestBody } from './graphql';
import { seedLatencyData } from './next-latency-seed';
import {
  median,
  optionValue,
  readCount,
  rerunUnderPostgres,
  writeSuiteResults,
} from './suite-support';

const TARGET_MS = 200;

/** What a judge pipeline asks for: the pair, the prompt and both stored answers. */
const NEXT = `query LatencyNext($input: NextComparisonsInput!) {
  nextComparisons(input: $input) {
    modelA { name } modelB { name } prompt { externalId text } responseA { text } responseB { text } shownFirst reason
  }
}`;

const RECORD = `mutation LatencyRecord($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }`;

const CASES = [
  { strategy: 'ADAPTIVE', count: 1 },
  { strategy: 'ADAPTIVE', count: 10 },
  { strategy: 'ADAPTIVE', count: 100 },
  { strategy: 'UNIFORM', count: 10 },
] as const;

interface LatencyFigure {
  label: string;
  medianMs: number;
  p95Ms: number;
  values: number[];
  verdict: 'PASS' | 'MISS';
}

/** The nearest-rank 95th percentile. */
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

export async function runNextLatencyBench(argv: string[]): Promise<void> {
  const driver = optionValue(argv, '--driver') ?? 'postgres';
  if (driver !== 'postgres' && driver !== 'pglite')
    throw new Error(`--driver: expected postgres or pglite, but received "${driver}"`);
  if (driver === 'postgres' && !process.env.DATABASE_URL)
    return rerunUnderPostgres('next-latency', argv);
  const verdicts = readCount(optionValue(argv, '--scale') ?? '1m');
  const models = Number(optionValue(argv, '--models') ?? 100);
  const runs = Number(optionValue(argv, '--runs') ?? 20);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-next-'));
  const fresh =
    driver === 'postgres'
      ? await postgresFactory(process.env.DATABASE_URL ?? '').create('next_latency')
      : null;
  const handle = await openDatabase({
    databaseUrl: fresh?.env.DATABASE_URL ?? null,
    dataDir: path.join(workDir, 'pglite'),
  });
  const figures: LatencyFigure[] = [];
  let seedSeconds: number;
  try {
    await migrateDatabase(handle);
    const seeding = performance.now();
    await seedLatencyData(handle, models, verdicts);
    seedSeconds = (performance.now() - seeding) / 1000;
    console.log(`seeded ${models} models and ${verdicts} verdicts in ${seedSeconds.toFixed(0)} s`);
    figures.push(...(await timeCalls(handle, runs)));
  } finally {
    await handle.close();
    await fresh?.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
  const table = [
    `nextComparisons over HTTP, ${models} models, ${verdicts.toLocaleString('en-US')} verdicts, ${driver}; ${runs} calls per figure after one warm-up; seeded in ${seedSeconds.toFixed(0)} s`,
    `${'figure'.padEnd(34)} ${'median'.padStart(8)} ${'p95'.padStart(8)}  target   verdict`,
    ...figures.map(
      (figure) =>
        `${figure.label.padEnd(34)} ${figure.medianMs.toFixed(0).padStart(5)} ms ${figure.p95Ms.toFixed(0).padStart(5)} ms  ≤ ${TARGET_MS} ms  ${figure.verdict}`,
    ),
    `load average (1, 5, 15 min) at the end: ${os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
  ].join('\n');
  console.log(table);
  const suffix = [driver === 'pglite' ? 'pglite' : '', verdicts === 1e6 ? '' : `${verdicts}`]
    .filter(Boolean)
    .join('-');
  await writeSuiteResults(
    'next-latency',
    argv,
    { driver, models, verdicts, seedSeconds, figures },
    table,
    suffix || undefined,
  );
}

async function timeCalls(handle: DatabaseHandle, runs: number): Promise<LatencyFigure[]> {
  const server = await startServer({
    database: handle,
    port: 0,
    host: '127.0.0.1',
    production: true,
    maxRequestBytes: 1024 * 1024,
    auth: false,
    publicRead: true,
    limits: DEFAULT_LIMITS,
    subscriptions: DEFAULT_SUBSCRIPTION_SETTINGS,
  });
  let written = 0;
  const writeOneVerdict = async () => {
    written += 1;
    const verdict = {
      judge: 'lat-gpt',
      prompt: { externalId: 'lat-q0' },
      modelA: 'lat-000',
      modelB: 'lat-001',
      outcome: written % 2 === 0 ? 'A_BETTER' : 'B_BETTER',
      idempotencyKey: `next-latency-${written}`,
    };
    await postGraphql(server.url, requestBody(RECORD, { input: { verdicts: [verdict] } }));
  };
  const figures: LatencyFigure[] = [];
  try {
    for (const { strategy, count } of CASES) {
      const ask = async (seed: number) => {
        const { ms, data } = await postGraphql<{ nextComparisons: unknown[] }>(
          server.url,
          requestBody(NEXT, { input: { count, strategy, seed } }),
        );
        if (data.nextComparisons.length !== count)
          throw new Error(`asked for ${count}, got ${data.nextComparisons.length}`);
        return ms;
      };
      await ask(1);
      const warm: number[] = [];
      for (let run = 0; run < runs; run += 1) warm.push(await ask(1));
      const cold: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        await writeOneVerdict();
        cold.push(await ask(1));
      }
      for (const [state, values] of [
        ['warm', warm],
        ['cold', cold],
      ] as const)
        figures.push({
          label: `${strategy} count ${count}, ${state}`,
          medianMs: median(values),
          p95Ms: p95(values),
          values: values.map((v) => Math.round(v)),
          verdict: p95(values) <= TARGET_MS ? 'PASS' : 'MISS',
        });
    }
  } finally {
    await server.stop();
  }
  return figures;
}
