/**
 * `npm run bench -- --suite dashboard`: the dashboard in headless Chromium over the bench
 * workload (50 models) on PostgreSQL, on a warm server. Figures (issue #14's targets):
 * - leaderboard view usable (table and forest plot drawn) after navigation   ≤ 1,000 ms
 * - a change of slice the cache holds (table redrawn for it)                  ≤ 300 ms
 * - the heatmaps of 50 models drawn (navigation, and a switch of matrix)      ≤ 500 ms
 * - JavaScript shipped, gzipped                                               ≤ 250 KB
 * Without DATABASE_URL it re-runs itself under scripts/with-postgres.sh.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { postgresFactory } from './databases';
import { benchImport, ensureBattleFile } from './import-bench';
import { ROOT, snapshotBuild, startServer } from './processes';
import { MODEL_COUNT } from './workload';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface DashboardFigure {
  id: string;
  label: string;
  unit: 'ms' | 'KB';
  samples: number[];
  median: number;
  min: number;
  max: number;
  target: number;
  met: boolean;
}

function figure(
  id: string,
  label: string,
  unit: 'ms' | 'KB',
  samples: number[],
  target: number,
): DashboardFigure {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return {
    id,
    label,
    unit,
    samples,
    median,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    target,
    met: median <= target,
  };
}

function log(message: string): void {
  console.log(`[bench dashboard] ${message}`);
}

export interface DashboardOptions {
  scale: number;
  runs: number;
}

export async function runDashboardSuite(options: DashboardOptions): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    log('starting a throwaway PostgreSQL server with scripts/with-postgres.sh');
    const child = spawn(
      'bash',
      [
        path.join(ROOT, 'scripts', 'with-postgres.sh'),
        process.execPath,
        process.argv[1] ?? '',
        '--suite',
        'dashboard',
        '--scale',
        String(options.scale),
        '--runs',
        String(options.runs),
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the dashboard suite failed under with-postgres.sh (${code})`);
    return;
  }
  await snapshotBuild();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-dashboard-'));
  const database = await postgresFactory(url).create('dashboard');
  try {
    const file = path.join(workDir, `battles-${options.scale}.jsonl`);
    await ensureBattleFile(file, options.scale);
    log(`importing ${options.scale} verdicts`);
    const imported = await benchImport(file, options.scale, database.env);
    log(`imported in ${imported.seconds.toFixed(1)} s`);
    const server = await startServer(database.env);
    try {
      const figures = await measure(server.url.replace(/\/graphql$/, ''), options.runs, workDir);
      figures.push(await shippedScript());
      await report(figures, options);
    } finally {
      await server.stop(10_000);
    }
  } finally {
    await database.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Locator waits (the page's CSP forbids the string evaluation a waitForFunction would need). */
async function tableAndPlotDrawn(page: Page, rows: number): Promise<void> {
  await page
    .locator('[data-ready="true"] table.leaderboard tbody tr')
    .nth(rows - 1)
    .waitFor({ state: 'attached', timeout: 60_000 });
  await page
    .locator('[data-ready="true"] .forest-plot g.row')
    .nth(rows - 1)
    .waitFor({ state: 'attached', timeout: 60_000 });
}

async function heatmapDrawn(page: Page, cells: number, matrix: string): Promise<void> {
  await page
    .locator(`[data-ready="true"] #matrix-${matrix} rect[data-cell]`)
    .nth(cells - 1)
    .waitFor({ state: 'attached', timeout: 60_000 });
}

async function api<Data>(
  origin: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data };
  if (body.data === undefined) throw new Error(`the API did not answer ${query}`);
  return body.data;
}

/** How many models the API ranks in a slice: the rows the page must draw. */
async function modelCount(origin: string, input: Record<string, unknown>): Promise<number> {
  const data = await api<{ leaderboard: { modelCount: number } }>(
    origin,
    'query ($input: LeaderboardInput) { leaderboard(input: $input) { modelCount } }',
    { input },
  );
  return data.leaderboard.modelCount;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measure(origin: string, runs: number, workDir: string): Promise<DashboardFigure[]> {
  const context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    // The other slice: one judge's verdicts (the bench import carries judges, not categories).
    const { judges } = await api<{ judges: { name: string }[] }>(origin, '{ judges { name } }');
    const judge = judges[0]?.name ?? '';
    const all = await modelCount(origin, {});
    const oneJudge = await modelCount(origin, { judges: [judge] });
    log(`models ranked: ${all} in all, ${oneJudge} by ${judge}`);
    // Warm the server: every page below is answered once before it is timed.
    const warm = await context.newPage();
    await warm.goto(`${origin}/`);
    await tableAndPlotDrawn(warm, all);
    await warm.goto(`${origin}/?judge=${encodeURIComponent(judge)}`);
    await tableAndPlotDrawn(warm, oneJudge);
    await warm.goto(`${origin}/matrices`);
    await heatmapDrawn(warm, all * (all - 1), 'predicted');
    await warm.close();

    const navigation: number[] = [];
    const sliceChange: number[] = [];
    const heatmapNavigation: number[] = [];
    const matrixSwitch: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const page = await context.newPage();
      navigation.push(
        await timed(async () => {
          await page.goto(`${origin}/`, { waitUntil: 'commit' });
          await tableAndPlotDrawn(page, all);
        }),
      );
      // The slice the cache holds: one judge, then back to all.
      sliceChange.push(
        await timed(async () => {
          await page.selectOption('select[name="judge"]', [judge]);
          await page.waitForURL((address) => address.searchParams.get('judge') === judge);
          await tableAndPlotDrawn(page, oneJudge);
        }),
      );
      sliceChange.push(
        await timed(async () => {
          await page.selectOption('select[name="judge"]', []);
          await page.waitForURL((address) => !address.searchParams.has('judge'));
          await tableAndPlotDrawn(page, all);
        }),
      );
      heatmapNavigation.push(
        await timed(async () => {
          await page.goto(`${origin}/matrices`, { waitUntil: 'commit' });
          await heatmapDrawn(page, all * (all - 1), 'predicted');
        }),
      );
      matrixSwitch.push(
        await timed(async () => {
          await page.click('[role="tab"]:has-text("Battle count")');
          await heatmapDrawn(page, 1, 'count');
        }),
      );
      await page.close();
    }
    return [
      figure(
        'dashboard.leaderboard.navigation',
        'leaderboard view usable after navigation (table + forest plot)',
        'ms',
        navigation,
        1000,
      ),
      figure(
        'dashboard.slice.cached',
        'change of slice the cache holds (table + plot redrawn)',
        'ms',
        sliceChange,
        300,
      ),
      figure(
        'dashboard.heatmap.navigation',
        `heatmap of ${MODEL_COUNT} models after navigation`,
        'ms',
        heatmapNavigation,
        500,
      ),
      figure(
        'dashboard.heatmap.switch',
        `switch to another matrix of ${MODEL_COUNT} models`,
        'ms',
        matrixSwitch,
        500,
      ),
    ];
  } finally {
    await context.close();
  }
}

async function shippedScript(): Promise<DashboardFigure> {
  const assets = path.join(ROOT, 'web', 'dist', 'assets');
  let bytes = 0;
  for (const name of await readdir(assets))
    if (name.endsWith('.js')) bytes += gzipSync(await readFile(path.join(assets, name))).length;
  return figure(
    'dashboard.script.gzipped',
    'JavaScript shipped, gzipped (all of web/dist/assets/*.js)',
    'KB',
    [bytes / 1024],
    250,
  );
}

async function report(figures: DashboardFigure[], options: DashboardOptions): Promise<void> {
  const lines = [
    `Dashboard (npm run bench -- --suite dashboard), PostgreSQL, ${options.scale.toLocaleString('en-US')} verdicts, ${MODEL_COUNT} models, ${options.runs} runs, headless Chromium at 1280×900`,
    '',
    `${'figure'.padEnd(66)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}  target`,
    ...figures.map(
      (f) =>
        `${f.label.padEnd(66)} ${f.median.toFixed(1).padStart(9)} ${f.min.toFixed(1).padStart(9)} ${f.max.toFixed(1).padStart(9)}  ≤ ${f.target} ${f.unit}  ${f.met ? 'met' : 'MISS'}`,
    ),
  ];
  const text = `${lines.join('\n')}\n`;
  console.log(`\n${text}`);
  const results = {
    generatedAt: new Date().toISOString(),
    scale: options.scale,
    runs: options.runs,
    machine: { cpus: os.cpus().length, node: process.version },
    figures,
  };
  await writeFile(
    path.join(ROOT, 'bench', 'results-dashboard.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  await writeFile(path.join(ROOT, 'bench', 'results-dashboard.txt'), text);
}
