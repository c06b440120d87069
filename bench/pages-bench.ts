/**
 * `npm run bench -- --suite pages`: uncached verdict pages on PostgreSQL (issue 20.6), the core
 * suite's `verdicts.pages` figure on its own. It imports the seeded workload (`--scale`, default
 * 100k), starts `verdicts serve`, and sends `verdicts(first: 100, after: <random cursor>)` with
 * every nested field (bench/graphql.ts) from 32 clients for `--duration` seconds, each request a
 * different page, so no cached answer applies. Besides pages/s and p99 it reports the server's
 * CPU time per page (utime + stime from /proc over the run, divided by the pages served): on a
 * shared machine the rate moves with the other load, the CPU a page costs much less so.
 * `--profile <dir>` runs the server under `node --cpu-prof` and leaves the profile there.
 * Without DATABASE_URL it runs itself under scripts/with-postgres.sh.
 * Writes bench/results-pages.json and .txt.
 *
 *   npm run bench -- --suite pages [--scale 100k] [--runs 3] [--duration 10] [--connections 32]
 *                                  [--profile dir]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeCursor } from '../src/graphql/common/cursor';
import { createRandom } from '../src/ratings';
import { hammerVaried, type ConcurrentFigure } from './concurrent';
import { postgresFactory } from './databases';
import { postGraphql, requestBody, VERDICT_PAGE_AFTER_QUERY } from './graphql';
import { benchImport, ensureBattleFile } from './import-bench';
import { cpuSeconds, serverProfileEnv, snapshotBuild, startServer } from './processes';
import {
  median,
  optionValue,
  readCount,
  rerunUnderPostgres,
  writeSuiteResults,
} from './suite-support';

const TARGET_PAGES_PER_SECOND = 300;

interface PagesRun extends ConcurrentFigure {
  serverCpuMsPerPage: number;
}

export async function runPagesBench(argv: string[]): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return rerunUnderPostgres('pages', argv);
  const scale = readCount(optionValue(argv, '--scale') ?? '100k');
  const runs = Number(optionValue(argv, '--runs') ?? 3);
  const duration = Number(optionValue(argv, '--duration') ?? 10);
  const profile = optionValue(argv, '--profile');
  // 32 clients keep the server's one thread busy; 1 asks for the next page after each answer.
  const connections = Number(optionValue(argv, '--connections') ?? 32);
  await snapshotBuild();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-pages-'));
  const database = await postgresFactory(adminUrl).create(`pages_${scale}`);
  const results: PagesRun[] = [];
  try {
    const file = path.join(workDir, 'battles.jsonl');
    await ensureBattleFile(file, scale);
    await benchImport(file, scale, database.env);
    const random = createRandom(7);
    const page = () =>
      requestBody(VERDICT_PAGE_AFTER_QUERY, {
        first: 100,
        after: encodeCursor(Math.floor(random.nextFloat() * Math.max(1, scale - 100))),
      });
    const profileEnv = serverProfileEnv(profile);
    for (let run = 1; run <= runs; run += 1) {
      const server = await startServer({ ...database.env, ...profileEnv });
      try {
        await postGraphql(server.url, page());
        const before = cpuSeconds(server.pid);
        const figure = await hammerVaried(server.url, page, connections, duration);
        const cpuMs = (cpuSeconds(server.pid) - before) * 1000;
        results.push({ ...figure, serverCpuMsPerPage: cpuMs / Math.max(1, figure.completed) });
        console.log(
          `pages run ${run}/${runs}: ${figure.requestsPerSecond.toFixed(1)} pages/s, p99 ${figure.p99Ms} ms, ` +
            `${(cpuMs / Math.max(1, figure.completed)).toFixed(2)} server CPU ms/page, ` +
            `errors ${figure.errors + figure.timeouts + figure.non2xx + figure.mismatches}`,
        );
      } finally {
        await server.stop(30_000);
      }
    }
  } finally {
    await database.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
  const rate = median(results.map((r) => r.requestsPerSecond));
  const lines = [
    `verdicts(first: 100) nested, a different page each request, PostgreSQL, ${scale} verdicts, ${connections} clients × ${duration} s, ${runs} runs`,
    `pages/s            ${rate.toFixed(1).padStart(8)}  (${results.map((r) => r.requestsPerSecond.toFixed(1)).join(', ')})  target ≥ ${TARGET_PAGES_PER_SECOND}  ${rate >= TARGET_PAGES_PER_SECOND ? 'PASS' : 'MISS'}`,
    `p99 ms             ${median(results.map((r) => r.p99Ms))
      .toFixed(0)
      .padStart(8)}  (${results.map((r) => r.p99Ms).join(', ')})`,
    `server CPU ms/page ${median(results.map((r) => r.serverCpuMsPerPage))
      .toFixed(2)
      .padStart(8)}  (${results.map((r) => r.serverCpuMsPerPage.toFixed(2)).join(', ')})`,
    `load average (1, 5, 15 min) on ${os.cpus().length} cores at the end: ${os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
  ];
  const table = lines.join('\n');
  console.log(table);
  await writeSuiteResults('pages', argv, { scale, runs, results }, table);
}
