/**
 * `npm run bench -- --suite writes`: `recordVerdicts` over HTTP on PostgreSQL (issue 20.3), the
 * core suite's write figure on its own and at any scale. Each run starts a new database and a
 * `verdicts serve`, then posts the seeded workload (`--scale`, default 100k) in batches of 5,000
 * from `--clients` clients (default 1; bench/record-bench.ts). Besides verdicts/s it reports the
 * server's CPU time per verdict (utime + stime from /proc over the load): the server's one Node
 * thread is what bounds a single client, and its CPU moves far less than the rate when other work
 * shares the cores. `--profile <dir>` runs the server under `node --cpu-prof`.
 * Without DATABASE_URL it runs itself under scripts/with-postgres.sh.
 * Writes bench/results-writes.json and .txt.
 *
 *   npm run bench -- --suite writes [--scale 100k] [--runs 3] [--clients 1] [--profile dir]
 */
import os from 'node:os';
import { postgresFactory } from './databases';
import { cpuSeconds, serverProfileEnv, snapshotBuild, startServer } from './processes';
import { loadOverHttp, type LoadFigure } from './record-bench';
import {
  median,
  optionValue,
  readCount,
  rerunUnderPostgres,
  writeSuiteResults,
} from './suite-support';

/** Issue 20.3's target for one client on PostgreSQL. */
const TARGET_VERDICTS_PER_SECOND = 25_000;

interface WritesRun extends LoadFigure {
  serverCpuMicrosecondsPerVerdict: number;
}

export async function runWritesBench(argv: string[]): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return rerunUnderPostgres('writes', argv);
  const scale = readCount(optionValue(argv, '--scale') ?? '100k');
  const runs = Number(optionValue(argv, '--runs') ?? 3);
  const clients = Number(optionValue(argv, '--clients') ?? 1);
  const profile = optionValue(argv, '--profile');
  await snapshotBuild();
  const factory = postgresFactory(adminUrl);
  const profileEnv = serverProfileEnv(profile);
  const results: WritesRun[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const database = await factory.create(`writes_${scale}`);
    try {
      const server = await startServer({ ...database.env, ...profileEnv });
      try {
        const before = cpuSeconds(server.pid);
        const figure = await loadOverHttp(server.url, scale, clients);
        const cpuMicroseconds = (cpuSeconds(server.pid) - before) * 1e6;
        results.push({ ...figure, serverCpuMicrosecondsPerVerdict: cpuMicroseconds / scale });
        console.log(
          `writes run ${run}/${runs}: ${figure.verdictsPerSecond.toFixed(0)} verdicts/s, ` +
            `${(cpuMicroseconds / scale).toFixed(1)} server CPU µs/verdict, ` +
            `batch median ${figure.batchMedianMs.toFixed(0)} ms, max ${figure.batchMaxMs.toFixed(0)} ms`,
        );
      } finally {
        await server.stop(30_000);
      }
    } finally {
      await database.dispose();
    }
  }
  const rate = median(results.map((r) => r.verdictsPerSecond));
  // The target is for one client; with more, the figure is shown without a verdict.
  const verdict =
    clients !== 1
      ? ''
      : `target ≥ ${TARGET_VERDICTS_PER_SECOND}  ${rate >= TARGET_VERDICTS_PER_SECOND ? 'PASS' : 'MISS'}`;
  const lines = [
    `recordVerdicts, batches of 5,000, PostgreSQL, ${scale} verdicts into a new database, ${clients} client(s), ${runs} runs`,
    `verdicts/s              ${rate.toFixed(0).padStart(8)}  (${results.map((r) => r.verdictsPerSecond.toFixed(0)).join(', ')})  ${verdict}`,
    `server CPU µs/verdict   ${median(results.map((r) => r.serverCpuMicrosecondsPerVerdict))
      .toFixed(1)
      .padStart(
        8,
      )}  (${results.map((r) => r.serverCpuMicrosecondsPerVerdict.toFixed(1)).join(', ')})`,
    `batch median ms         ${median(results.map((r) => r.batchMedianMs))
      .toFixed(0)
      .padStart(8)}  (${results.map((r) => r.batchMedianMs.toFixed(0)).join(', ')})`,
    `load average (1, 5, 15 min) on ${os.cpus().length} cores at the end: ${os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
  ];
  const table = lines.join('\n');
  console.log(table);
  await writeSuiteResults('writes', argv, { scale, runs, clients, results }, table);
}
