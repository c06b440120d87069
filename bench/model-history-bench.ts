/**
 * `npm run bench -- --suite model-history`: Query.modelHistory (the model page's rating over
 * time, issue 23) on PostgreSQL. It imports the bench's Arena battle file (one verdict a second,
 * so 1M verdicts span about 12 days), starts `verdicts serve` and times, through the API, the
 * history of the first model by DAY and by WEEK: one grouped read of the slice, then a
 * warm-started fit and a sandwich covariance per cut-off. Each figure is the median of `--runs`
 * requests after one warm-up. Without DATABASE_URL it runs itself under scripts/with-postgres.sh.
 * Writes bench/results-model-history.json and .txt.
 *
 *   npm run bench -- --suite model-history [--scale 1m] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postgresFactory } from './databases';
import { postGraphql, requestBody, waitHealthy } from './graphql';
import { benchImport, ensureBattleFile } from './import-bench';
import { snapshotBuild, startServer } from './processes';
import {
  median,
  optionValue,
  readCount,
  renderSuiteTable,
  rerunUnderPostgres,
  type SuiteFigure,
  writeSuiteResults,
} from './suite-support';

const HISTORY_QUERY = `query ($input: ModelHistoryInput!) {
  modelHistory(input: $input) { points { cutOff rating ciLower ciUpper rank unavailableReason } }
}`;

interface HistoryData {
  modelHistory: { points: { rating: number | null }[] };
}

/** The model page's budget: its history must not hold the page up for more than a few seconds. */
const TARGET_MS = 3_000;

export async function runModelHistoryBench(argv: string[]): Promise<void> {
  if (!process.env.DATABASE_URL) return rerunUnderPostgres('model-history', argv);
  const scale = readCount(optionValue(argv, '--scale') ?? '1m');
  const runs = Number(optionValue(argv, '--runs') ?? 3);
  await snapshotBuild();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-history-'));
  const database = await postgresFactory(process.env.DATABASE_URL).create(`history_${scale}`);
  const figures: SuiteFigure[] = [];
  try {
    const file = path.join(workDir, 'battles.jsonl');
    await ensureBattleFile(file, scale);
    await benchImport(file, scale, database.env);
    const server = await startServer(database.env);
    try {
      await waitHealthy(server.url);
      const models = await postGraphql<{ models: { name: string }[] }>(
        server.url,
        requestBody('{ models { name } }', {}),
      );
      const model = models.data.models[0]?.name;
      if (model === undefined) throw new Error('the import stored no model');
      for (const interval of ['DAY', 'WEEK'] as const) {
        let points = 0;
        const ask = async () => {
          const { ms, data } = await postGraphql<HistoryData>(
            server.url,
            requestBody(HISTORY_QUERY, { input: { model, interval } }),
          );
          points = data.modelHistory.points.length;
          if (points === 0)
            throw new Error(`no ${interval} point for ${model}: the workload changed`);
          return ms;
        };
        await ask();
        const values: number[] = [];
        for (let run = 0; run < runs; run += 1) values.push(await ask());
        figures.push({
          id: `model-history.${interval.toLowerCase()}`,
          label: `modelHistory by ${interval} (${points} cut-offs, ${model})`,
          scale,
          values,
          unit: 'ms',
          target: `≤ ${TARGET_MS.toLocaleString('en-US')}`,
          verdict: median(values) <= TARGET_MS ? 'PASS' : 'MISS',
        });
      }
    } finally {
      await server.stop(10_000);
    }
  } finally {
    await database.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
  const table = `${renderSuiteTable(figures)}\nload average (1, 5, 15 min) at the end: ${os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}`;
  console.log(table);
  await writeSuiteResults('model-history', argv, { figures }, table);
}
