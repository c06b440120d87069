/**
 * `npm run bench -- --suite search`: full-text search latency (issue 23) on PostgreSQL at 100k
 * verdicts. It imports the style suite's battles (every battle with its own two answers, so 200k
 * answers over 5,000 prompts), starts `verdicts serve` and times, through the API, the
 * dashboard's search document (20 hits, each with snippets, 5 battles and judges) for a rare
 * phrase (one answer), a mid-frequency word and a word in most answers (the worst case: every
 * match is ranked before the first page). Each figure is the median of `--runs` requests after
 * one warm-up. Without DATABASE_URL it runs itself under scripts/with-postgres.sh.
 * Writes bench/results-search.json and .txt.
 *
 *   npm run bench -- --suite search [--scale 100k] [--runs 5]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SEARCH_QUERY } from '../web/src/api/documents';
import { postgresFactory } from './databases';
import { postGraphql, requestBody, waitHealthy } from './graphql';
import { runVerdicts, snapshotBuild, startServer } from './processes';
import { ensureStyledBattleFile } from './style-bench';
import {
  median,
  optionValue,
  readCount,
  renderSuiteTable,
  rerunUnderPostgres,
  type SuiteFigure,
  writeSuiteResults,
} from './suite-support';

interface SearchData {
  search: { nodes: unknown[] };
}

/** What each figure searches for, in the styled answers' words (bench/workload.ts styledAnswer). */
const SEARCHES = [
  { id: 'search.rare', label: 'search: a phrase in one answer', query: '"answer 4242a"' },
  { id: 'search.mid', label: 'search: a word in a few % of answers', query: 'note 3' },
  { id: 'search.common', label: 'search: a word in most answers', query: 'point' },
];

export async function runSearchBench(argv: string[]): Promise<void> {
  if (!process.env.DATABASE_URL) return rerunUnderPostgres('search', argv);
  const scale = readCount(optionValue(argv, '--scale') ?? '100k');
  const runs = Number(optionValue(argv, '--runs') ?? 5);
  const factory = postgresFactory(process.env.DATABASE_URL);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-search-bench-'));
  await snapshotBuild();
  const figures: SuiteFigure[] = [];
  try {
    const file = path.join(workDir, `styled-${scale}.jsonl`);
    await ensureStyledBattleFile(file, scale);
    const db = await factory.create(`search_${scale}`);
    try {
      const imported = await runVerdicts(['import', 'arena-battles', file, '--quiet'], db.env);
      if (imported.status !== 0)
        throw new Error(`import failed: ${imported.stderr.slice(0, 2000)}`);
      console.log(`search ${scale}: imported in ${imported.seconds.toFixed(1)} s`);
      figures.push({
        id: 'search.import',
        label: 'import arena-battles with answers (GIN indexes kept)',
        scale,
        values: [scale / imported.seconds],
        unit: 'rows/s',
        target: null,
        verdict: null,
      });
      const server = await startServer(db.env);
      try {
        await waitHealthy(server.url);
        for (const search of SEARCHES) {
          const ask = async () => {
            const { ms, data } = await postGraphql<SearchData>(
              server.url,
              requestBody(SEARCH_QUERY, { query: search.query }),
            );
            if (data.search.nodes.length === 0)
              throw new Error(`${search.query} found nothing: the workload changed`);
            return ms;
          };
          await ask();
          const values: number[] = [];
          for (let run = 0; run < runs; run += 1) values.push(await ask());
          figures.push({
            id: search.id,
            label: `${search.label} (${search.query})`,
            scale,
            values,
            unit: 'ms',
            target: '≤ 1,000',
            verdict: median(values) <= 1_000 ? 'PASS' : 'MISS',
          });
        }
      } finally {
        await server.stop(10_000);
      }
    } finally {
      await db.dispose();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const table = renderSuiteTable(figures);
  console.log(table);
  await writeSuiteResults('search', argv, { figures }, table);
}
