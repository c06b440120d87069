/**
 * `npm run bench -- --suite style`: style-controlled leaderboards at arena scale on PostgreSQL.
 * Per scale (default 100k and 1M battles, every battle with its own two answers whose length and
 * markdown vary by model, bench/workload.ts): import the battles with `verdicts import
 * arena-battles`, start `verdicts serve`, and time through the API the first style-controlled
 * sandwich leaderboard of the fresh process, then cold ones on the warm process (each right after a
 * one-verdict write, so no cached board answers; the slice's style rows are carried across the
 * write and only the new verdict is read), the same with
 * 100 bootstrap rounds, and a sandwich at a version whose verdicts were already read; the
 * server's RSS is sampled throughout. Without DATABASE_URL it runs itself under scripts/with-postgres.sh.
 * Writes bench/results-style.json and .txt.
 *
 *   npm run bench -- --suite style [--scale 100k,1m] [--runs 3]
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  median,
  optionValue,
  readCount,
  rerunUnderPostgres,
  type SuiteFigure,
  writeSuiteResults,
} from './suite-support';
import { postgresFactory } from './databases';
import { postGraphql, RECORD_VERDICTS_MUTATION, requestBody, waitHealthy } from './graphql';
import { runVerdicts, snapshotBuild, startServer } from './processes';
import { asStyledArenaBattle, generateVerdicts } from './workload';

const STYLE_QUERY = `query StyleBench($input: LeaderboardInput) {
  leaderboard(input: $input) {
    verdictCount modelCount intervalMethod intervalUnavailableReason
    styleCoefficients { feature coefficient ciLower ciUpper }
    entries { rank rankDelta rating uncontrolledRating ciLower ciUpper }
  }
}`;

interface StyleData {
  leaderboard: {
    verdictCount: number;
    intervalMethod: string | null;
    intervalUnavailableReason: string | null;
    entries: unknown[];
  };
}

type Figure = SuiteFigure & { scale: number };

function parseScales(text: string | undefined): number[] {
  return (text ?? '100k,1m').split(',').map(readCount);
}

export async function ensureStyledBattleFile(file: string, rows: number): Promise<void> {
  if (await stat(file).catch(() => null)) return;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let battle = 0;
  for (const verdict of generateVerdicts(rows, 1)) {
    if (!out.write(`${asStyledArenaBattle(verdict, battle)}\n`)) await once(out, 'drain');
    battle += 1;
  }
  out.end();
  await once(out, 'finish');
  await rename(partial, file);
}

export async function runStyleBench(argv: string[]): Promise<void> {
  if (!process.env.DATABASE_URL) return rerunUnderPostgres('style', argv);
  const valueOf = (name: string) => optionValue(argv, name);
  const scales = parseScales(valueOf('--scale'));
  const runs = Number(valueOf('--runs') ?? 3);
  const factory = postgresFactory(process.env.DATABASE_URL);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-style-bench-'));
  await snapshotBuild();
  const figures: Figure[] = [];
  const add = (
    id: string,
    label: string,
    scale: number,
    values: number[],
    unit: string,
    target: string | null,
    pass: ((value: number) => boolean) | null,
  ) => {
    figures.push({
      id,
      label,
      scale,
      values,
      unit,
      target,
      verdict: pass === null ? null : pass(median(values)) ? 'PASS' : 'MISS',
    });
  };
  try {
    for (const scale of scales) {
      const file = path.join(workDir, `styled-${scale}.jsonl`);
      await ensureStyledBattleFile(file, scale);
      const db = await factory.create(`style_${scale}`);
      try {
        const imported = await runVerdicts(['import', 'arena-battles', file, '--quiet'], db.env);
        if (imported.status !== 0)
          throw new Error(
            `import failed: ${imported.stderr.slice(0, 2000)}${imported.stdout.slice(0, 2000)}`,
          );
        console.log(`style ${scale}: imported in ${imported.seconds.toFixed(1)} s`);
        add(
          'style.import',
          'import arena-battles with answers',
          scale,
          [scale / imported.seconds],
          'rows/s',
          null,
          null,
        );
        const server = await startServer(db.env);
        try {
          await waitHealthy(server.url);
          let stored = scale;
          const ask = async (input: Record<string, unknown>) => {
            const { ms, data } = await postGraphql<StyleData>(
              server.url,
              requestBody(STYLE_QUERY, { input: { styleControl: true, ...input } }),
            );
            if (data.leaderboard.verdictCount !== stored)
              throw new Error(`expected ${stored} verdicts, got ${data.leaderboard.verdictCount}`);
            if (data.leaderboard.intervalUnavailableReason !== null)
              throw new Error(`no interval: ${data.leaderboard.intervalUnavailableReason}`);
            return ms;
          };
          // One more styled verdict through the API: a new data version, so no cached board answers
          // the next style request; the slice's style rows are carried over and only the appended
          // verdict is read (style-verdicts-cache.ts), as after any write that only inserts.
          const write = async () => {
            const verdict = {
              judge: 'bench-style-writer',
              prompt: { externalId: `style-extra-${stored}` },
              modelA: 'model-00',
              modelB: 'model-01',
              outcome: 'A_BETTER',
              responseA: `extra answer ${stored} a`,
              responseB: `extra answer ${stored} b`,
              idempotencyKey: `style-extra-${stored}`,
            };
            await postGraphql(
              server.url,
              requestBody(RECORD_VERDICTS_MUTATION, { verdicts: [verdict] }),
            );
            stored += 1;
          };
          const first = await ask({ intervalMethod: 'SANDWICH', seed: 1_000_000 });
          add(
            'style.sandwich.first',
            'style control + sandwich, 1st request of the process',
            scale,
            [first],
            'ms',
            null,
            null,
          );
          const sandwich: number[] = [];
          const bootstrap: number[] = [];
          const sandwichCached: number[] = [];
          for (let run = 0; run < runs; run += 1) {
            await write();
            sandwich.push(await ask({ intervalMethod: 'SANDWICH', seed: run }));
            sandwichCached.push(await ask({ intervalMethod: 'SANDWICH', seed: 100 + run }));
            await write();
            bootstrap.push(
              await ask({ intervalMethod: 'BOOTSTRAP', bootstrapRounds: 100, seed: run }),
            );
            console.log(
              `style ${scale}: run ${run + 1}/${runs}: sandwich ${sandwich[run].toFixed(0)} ms (verdicts already read: ${sandwichCached[run].toFixed(0)} ms), bootstrap ${bootstrap[run].toFixed(0)} ms`,
            );
          }
          const isMillion = scale >= 1_000_000;
          add(
            'style.sandwich',
            'style control + sandwich, cold (after a write)',
            scale,
            sandwich,
            'ms',
            // Issue 20.2's target (issue 15's was 2 s).
            isMillion ? '≤ 1,500 @1M' : null,
            isMillion ? (v) => v <= 1500 : null,
          );
          add(
            'style.sandwich.read',
            'same, another seed (verdicts read at this version)',
            scale,
            sandwichCached,
            'ms',
            null,
            null,
          );
          add(
            'style.bootstrap',
            'style control + 100 bootstrap rounds, cold (after a write)',
            scale,
            bootstrap,
            'ms',
            isMillion ? '≤ 20,000 @1M' : null,
            isMillion ? (v) => v <= 20_000 : null,
          );
        } finally {
          const memory = await server.stop(10_000);
          const peak = Math.max(memory.sampledMaxMegabytes, memory.highWaterMegabytes);
          add(
            'style.rss',
            'server peak RSS (kernel high-water)',
            scale,
            [peak],
            'MB',
            '≤ 800',
            (v) => v <= 800,
          );
        }
      } finally {
        await db.dispose();
      }
    }
    for (const id of ['style.sandwich', 'style.bootstrap']) {
      const small = figures.find((figure) => figure.id === id && figure.scale === 100_000);
      const large = figures.find((figure) => figure.id === id && figure.scale === 1_000_000);
      if (small && large) {
        const growth = median(large.values) / median(small.values);
        add(
          `${id}.growth`,
          `${large.label}: growth 100k → 1M`,
          1_000_000,
          [growth],
          '×',
          '≤ 10',
          (v) => v <= 10,
        );
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const table = renderTable(figures);
  console.log(table);
  await writeSuiteResults('style', argv, { runs, figures }, table);
}

function renderTable(figures: Figure[]): string {
  const scaleLabel = (scale: number) => (scale >= 1e6 ? `${scale / 1e6}M` : `${scale / 1e3}k`);
  const lines = figures.map((figure) =>
    [
      figure.label.padEnd(56),
      scaleLabel(figure.scale).padStart(5),
      median(figure.values)
        .toLocaleString('en-US', { maximumFractionDigits: figure.unit === '×' ? 2 : 0 })
        .padStart(9),
      figure.values.length > 1
        ? `(${figure.values.map((v) => v.toFixed(figure.unit === '×' ? 2 : 0)).join(', ')})`.padEnd(
            24,
          )
        : ''.padEnd(24),
      figure.unit.padEnd(7),
      (figure.target ?? '').padEnd(14),
      figure.verdict ?? '',
    ].join(' '),
  );
  return [
    'figure                                                   scale    median  values                   unit    target         verdict',
    ...lines,
  ].join('\n');
}
