/**
 * `npm run bench`: the Verdicts benchmark (issue 7). For each driver (embedded PGlite, and a
 * PostgreSQL server it starts itself through scripts/with-postgres.sh) and each scale, it loads
 * the seeded workload through the real HTTP API of `verdicts serve`, imports the same verdicts
 * with `verdicts import`, times leaderboards cold and under 32 concurrent clients, samples the
 * server's RSS, prints a table and writes bench/results.json.
 *
 *   npm run bench -- [--scale 10k,100k,1m] [--runs 3] [--driver pglite|postgres|both]
 *   npm run bench -- --suite coverage,style   (only those suites: bench/suites.ts)
 *
 * Run `node dist-bench/bench/run.js --help` for every option.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeCursor } from '../src/graphql/common/cursor';
import { createRandom } from '../src/ratings';
import { hammer, hammerVaried, type ConcurrentFigure } from './concurrent';
import {
  pgliteFactory,
  postgresFactory,
  type DatabaseFactory,
  type DriverName,
  type FreshDatabase,
} from './databases';
import {
  judge,
  makeFigure,
  renderTable,
  scaleLabel,
  SPECS,
  type Figure,
  type FigureId,
} from './figures';
import {
  BT_ALL,
  BT_FILTERED,
  ELO_ALL,
  LEADERBOARD_QUERY,
  PROFILE_ALL,
  PROFILE_BY_PROMPT,
  postGraphql,
  requestBody,
  VERDICT_PAGE_QUERY,
  VERDICT_PAGE_AFTER_QUERY,
  waitHealthy,
  type LeaderboardData,
} from './graphql';
import { runDashboardSuite } from './dashboard-bench';
import { benchImport, ensureBattleFile } from './import-bench';
import {
  ROOT,
  runVerdicts,
  snapshotBuild,
  startServer,
  stopAllChildren,
  type MemoryPeak,
} from './processes';
import { BATCH_SIZE, loadOverHttp } from './record-bench';
import { readCount } from './suite-support';
import {
  requestedSuites,
  runStandaloneSuites,
  STANDALONE_SUITES,
  withoutSuiteOption,
} from './suites';
import { CATEGORIES, JUDGES, MODEL_COUNT, PROMPT_COUNT } from './workload';
import { mustGet, present } from '../src/domain/invariant';
import { compareCodePoints } from '../src/domain/compare';

const USAGE = `Usage: npm run bench -- [options]     (or: node dist-bench/bench/run.js [options] after building)

Options:
  --scale <list>        Comma-separated verdict counts: 10k,100k,1m (default), 10m, any n/nk/nm.
                        A list starting with + adds to the default: --scale +10m.
  --runs <n>            Runs per figure (median, min, max); default 3.
  --load-runs <n>       Runs of the HTTP load and of the import above 100k verdicts; default 3
                        (the last load serves the query figures; at and below 100k, --runs).
  --driver <d>          pglite, postgres or both (default). postgres uses DATABASE_URL when set,
                        else starts a throwaway server with scripts/with-postgres.sh (fsync on).
  --duration <s>        Seconds per concurrent (autocannon) run; default 10.
  --connections <n>     Concurrent clients for those runs; default 32.
  --out <file>          Where to write the results; default bench/results.json (the printed
                        table goes beside it, as results.txt).
  --suite <list>        Comma-separated suites (bench/suites.ts): core (the figures above),
                        dashboard (the web dashboard in Chromium on PostgreSQL, at the largest
                        --scale), guard, style, coverage, subscriptions, startup, pages, writes,
                        pglite-statements, and the others in bench/suites.ts.
                        Default: all.
  --help                This text.`;

const DEFAULT_SCALES = [10_000, 100_000, 1_000_000];

interface Options {
  scales: number[];
  runs: number;
  loadRuns: number;
  drivers: DriverName[];
  duration: number;
  connections: number;
  out: string;
  /** Internal: run one driver and write its report here (used under with-postgres.sh). */
  childOutput: string | null;
  workDir: string | null;
}

function parseScale(text: string): number {
  const value = readCount(text);
  if (!Number.isInteger(value) || value < BATCH_SIZE)
    throw new Error(`--scale: ${text} must be a whole number of verdicts, at least ${BATCH_SIZE}`);
  return value;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    scales: DEFAULT_SCALES,
    runs: 3,
    loadRuns: 3,
    drivers: ['pglite', 'postgres'],
    duration: 10,
    connections: 32,
    out: path.join(ROOT, 'bench', 'results.json'),
    childOutput: null,
    workDir: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${flag} must be a positive whole number, not ${JSON.stringify(v)}`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        console.log(USAGE);
        return process.exit(0);
      case '--scale': {
        const text = value();
        const adding = text.startsWith('+');
        const listed = text.replace(/^\+/, '').split(',').filter(Boolean).map(parseScale);
        options.scales = [...new Set([...(adding ? DEFAULT_SCALES : []), ...listed])].sort(
          (a, b) => a - b,
        );
        break;
      }
      case '--runs':
        options.runs = positive(value());
        break;
      case '--load-runs':
        options.loadRuns = positive(value());
        break;
      case '--driver': {
        const v = value();
        if (v === 'both') options.drivers = ['pglite', 'postgres'];
        else if (v === 'pglite' || v === 'postgres') options.drivers = [v];
        else throw new Error(`--driver must be pglite, postgres or both, not ${JSON.stringify(v)}`);
        break;
      }
      case '--duration':
        options.duration = positive(value());
        break;
      case '--connections':
        options.connections = positive(value());
        break;
      case '--out':
        options.out = path.resolve(value());
        break;
      case '--child-output':
        options.childOutput = value();
        break;
      case '--work-dir':
        options.workDir = value();
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  return options;
}

function childArguments(
  options: Options,
  driver: DriverName,
  output: string,
  workDir: string,
): string[] {
  return [
    '--driver',
    driver,
    '--scale',
    options.scales.join(','),
    '--runs',
    String(options.runs),
    '--load-runs',
    String(options.loadRuns),
    '--duration',
    String(options.duration),
    '--connections',
    String(options.connections),
    '--child-output',
    output,
    '--work-dir',
    workDir,
  ];
}

// ---------------------------------------------------------------------------------------------
// Logging

/** A child run (under with-postgres.sh) stamps its lines from the parent's start. */
const benchStarted =
  performance.now() -
  (process.env.VERDICTS_BENCH_STARTED_AT
    ? Date.now() - Number(process.env.VERDICTS_BENCH_STARTED_AT)
    : 0);
function log(message: string): void {
  const seconds = Math.round((performance.now() - benchStarted) / 1000);
  const stamp = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  process.stderr.write(`[bench ${stamp}] ${message}\n`);
}
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---------------------------------------------------------------------------------------------
// One driver

interface ServerRun {
  phase: string;
  startupMs: number;
  memory: MemoryPeak;
  exitedCleanly: boolean;
  stopMs: number;
}

/** How long the server that loaded the data the queries use gets to drain and close its database before SIGKILL. */
const LOAD_SERVER_GRACE_MS = 20_000;
/** Every other server (its database is read only, or thrown away) is stopped at once: SIGTERM, SIGKILL after 2 s. */
const QUERY_SERVER_GRACE_MS = 2_000;

interface DriverReport {
  driver: DriverName;
  database: string;
  figures: Figure[];
  scales: {
    scale: number;
    seconds: number;
    databaseMegabytes: number;
    serverStartupMs: number[];
    serversKilled: number;
    /** `verdicts migrate` on each fresh database (PGlite creates its cluster there). */
    databaseCreation: { seconds: number; peakMegabytes: number }[];
    loadAverage: { start: number[]; end: number[] };
  }[];
  seconds: number;
}

async function benchDriver(
  factory: DatabaseFactory,
  options: Options,
  workDir: string,
): Promise<DriverReport> {
  const driver = factory.driver;
  const driverStarted = performance.now();
  const database = await factory.describe();
  log(`${driver}: ${database}`);
  const figures: Figure[] = [];
  const scaleReports: DriverReport['scales'] = [];

  for (const scale of options.scales) {
    const scaleStarted = performance.now();
    const label = `${driver} ${scaleLabel(scale)}`;
    const servers: ServerRun[] = [];
    const creations: { seconds: number; peakMegabytes: number }[] = [];
    const loadAtStart = os.loadavg();
    if (loadAtStart[0] > 0.5)
      log(
        `${label}: note: load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} before this scale: other work shares the machine`,
      );
    /** A fresh database, created and migrated by `verdicts migrate` (untimed). */
    const prepare = async (name: string) => {
      const db = await factory.create(`${scaleLabel(scale)}-${name}`);
      const migrated = await runVerdicts(['migrate'], db.env);
      if (migrated.status !== 0)
        throw new Error(`verdicts migrate failed: ${migrated.stderr.slice(0, 2000)}`);
      creations.push({
        seconds: migrated.seconds,
        peakMegabytes: migrated.memory.sampledMaxMegabytes,
      });
      return db;
    };
    const add = (
      id: FigureId,
      runs: number[],
      details: Record<string, unknown>[] = [],
      notes: string[] = [],
    ) => {
      const figure = makeFigure(id, driver, scale, runs, details, notes);
      figures.push(figure);
      return figure;
    };
    /** A fresh `verdicts serve` process on the database for the duration of `work`. */
    const withServer = async <T>(
      db: FreshDatabase,
      phase: string,
      work: (url: string, startupMs: number) => Promise<T>,
      graceMs = QUERY_SERVER_GRACE_MS,
    ): Promise<T> => {
      const server = await startServer(db.env);
      try {
        await waitHealthy(server.url);
        return await work(server.url, server.startupMs);
      } finally {
        const stopped = await server.stop(graceMs);
        servers.push({
          phase,
          startupMs: server.startupMs,
          memory: stopped,
          exitedCleanly: stopped.exitedCleanly,
          stopMs: stopped.stopMs,
        });
      }
    };
    const loadRuns = scale <= 100_000 ? options.runs : options.loadRuns;
    const loadNote =
      loadRuns < options.runs
        ? [
            `${loadRuns} run${loadRuns === 1 ? '' : 's'} at ${scaleLabel(scale)} (a load takes minutes; use --load-runs for more)`,
          ]
        : [];

    // 1. recordVerdicts over HTTP, one client; the last run's database serves the query figures.
    const sequential: number[] = [];
    const sequentialDetails: Record<string, unknown>[] = [];
    let queryDb: FreshDatabase | null = null;
    let firstAfterLoad: { ms: number; verdictCount: number } | null = null;
    for (let run = 1; run <= loadRuns; run += 1) {
      const db = await prepare('load');
      const last = run === loadRuns;
      await withServer(
        db,
        `load (1 client) run ${run}`,
        async (url) => {
          let reported = 0;
          const figure = await loadOverHttp(url, scale, 1, (done) => {
            if (done - reported >= 100_000) {
              reported = done;
              log(`${label}: loading… ${fmt(done)} verdicts`);
            }
          });
          sequential.push(figure.verdictsPerSecond);
          sequentialDetails.push({ ...figure });
          log(
            `${label}: recordVerdicts, 1 client, run ${run}/${loadRuns}: ${fmt(figure.verdictsPerSecond)} verdicts/s (${fmt(figure.seconds, 1)} s)`,
          );
          if (last) {
            // The first leaderboard request after the load, on the server that loaded it.
            const result = await postGraphql<LeaderboardData>(
              url,
              requestBody(LEADERBOARD_QUERY, { input: BT_ALL }),
            );
            firstAfterLoad = { ms: result.ms, verdictCount: result.data.leaderboard.verdictCount };
            log(`${label}: leaderboard BT+100, first request after the load: ${fmt(result.ms)} ms`);
          }
        },
        last ? LOAD_SERVER_GRACE_MS : QUERY_SERVER_GRACE_MS,
      );
      if (last) queryDb = db;
      else await db.dispose();
    }
    add('record.sequential', sequential, sequentialDetails, loadNote);
    const fal = firstAfterLoad as { ms: number; verdictCount: number } | null;
    if (fal) {
      if (fal.verdictCount !== scale)
        throw new Error(`leaderboard counted ${fal.verdictCount} verdicts, expected ${scale}`);
      add(
        'leaderboard.firstAfterLoad',
        [fal.ms],
        [{ ...fal }],
        ['one request per scale: the first after the (last) load, on the loading server'],
      );
    }
    const databaseMegabytes = await present(queryDb, 'queryDb').sizeMegabytes();

    // 1b. The same with 2 concurrent clients, each taking the next batch.
    const twoClients: number[] = [];
    const twoClientDetails: Record<string, unknown>[] = [];
    for (let run = 1; run <= loadRuns; run += 1) {
      const db = await prepare('load2');
      try {
        await withServer(db, `load (2 clients) run ${run}`, async (url) => {
          const figure = await loadOverHttp(url, scale, 2);
          twoClients.push(figure.verdictsPerSecond);
          twoClientDetails.push({ ...figure });
          log(
            `${label}: recordVerdicts, 2 clients, run ${run}/${loadRuns}: ${fmt(figure.verdictsPerSecond)} verdicts/s (${fmt(figure.seconds, 1)} s)`,
          );
        });
      } finally {
        await db.dispose();
      }
    }
    add('record.twoClients', twoClients, twoClientDetails, loadNote);

    // 2. verdicts import arena-battles of the same verdicts as JSON lines.
    const battleFile = path.join(workDir, `battles-${scale}.jsonl`);
    await ensureBattleFile(battleFile, scale);
    const importRates: number[] = [];
    const importPeaks: number[] = [];
    const importDetails: Record<string, unknown>[] = [];
    for (let run = 1; run <= loadRuns; run += 1) {
      const db = await prepare('import');
      try {
        const figure = await benchImport(battleFile, scale, db.env);
        importRates.push(figure.rowsPerSecond);
        importPeaks.push(figure.peakMegabytes);
        importDetails.push({ ...figure });
        log(
          `${label}: import, run ${run}/${loadRuns}: ${fmt(figure.rowsPerSecond)} rows/s (${fmt(figure.seconds, 1)} s), peak ${fmt(figure.peakMegabytes)} MB`,
        );
      } finally {
        await db.dispose();
      }
    }
    add('import.rate', importRates, importDetails, loadNote);
    add(
      'import.peakRss',
      importPeaks,
      importDetails.map((d) => ({
        cliPeakMegabytes: d.peakMegabytes,
        sampledPeakMegabytes: d.sampledPeakMegabytes,
      })),
      loadNote,
    );

    // 3, 4, 7. Cold leaderboards: inputs no process has answered yet. Each run starts a fresh
    // server, whose first request (BT_ALL with another seed: the same work, another cache key) is
    // timed as the fresh-process figure; the timed query then meets a warm process, cold caches.
    const coldQueries = [
      { id: 'leaderboard.cold' as const, input: BT_ALL, expect: scale },
      { id: 'leaderboard.filtered.cold' as const, input: BT_FILTERED, expect: null },
      { id: 'elo.cold' as const, input: ELO_ALL, expect: scale },
      { id: 'leaderboard.profile.cold' as const, input: PROFILE_ALL, expect: scale },
      { id: 'leaderboard.profilePrompt.cold' as const, input: PROFILE_BY_PROMPT, expect: scale },
    ];
    const cold = new Map<FigureId, { runs: number[]; details: Record<string, unknown>[] }>(
      [...coldQueries.map((q) => q.id), 'leaderboard.coldProcess' as const].map((id) => [
        id,
        { runs: [], details: [] },
      ]),
    );
    const timeLeaderboard = async (
      url: string,
      id: FigureId,
      input: Record<string, unknown>,
      expect: number | null,
      startupMs: number,
      run: number,
    ) => {
      const result = await postGraphql<LeaderboardData>(
        url,
        requestBody(LEADERBOARD_QUERY, { input }),
      );
      const board = result.data.leaderboard;
      if (expect !== null && board.verdictCount !== expect)
        throw new Error(`${id}: verdictCount ${board.verdictCount}, expected ${expect}`);
      if (board.verdictCount === 0 || board.entries.length === 0)
        throw new Error(`${id}: an empty leaderboard`);
      const entry = mustGet(cold, id, 'cold figure');
      entry.runs.push(result.ms);
      entry.details.push({
        ms: result.ms,
        verdictCount: board.verdictCount,
        modelCount: board.modelCount,
        serverStartupMs: startupMs,
      });
      log(
        `${label}: ${id}, run ${run}/${options.runs}: ${fmt(result.ms)} ms (${fmt(board.verdictCount)} verdicts)`,
      );
    };
    for (let run = 1; run <= options.runs; run += 1) {
      for (const query of coldQueries) {
        await withServer(
          present(queryDb, 'queryDb'),
          `${query.id} run ${run}`,
          async (url, startupMs) => {
            const first = { ...BT_ALL, seed: 1000 + run };
            if (query.id === 'leaderboard.cold')
              await timeLeaderboard(url, 'leaderboard.coldProcess', first, scale, startupMs, run);
            else await postGraphql(url, requestBody(LEADERBOARD_QUERY, { input: first }));
            await timeLeaderboard(url, query.id, query.input, query.expect, startupMs, run);
          },
        );
      }
    }
    const coldNote = [
      'each run: a fresh server process answers BT_ALL with another seed first (timed as the fresh-process figure), then the timed request; no input is answered twice',
    ];
    for (const id of cold.keys())
      add(
        id,
        mustGet(cold, id, 'cold figure').runs,
        mustGet(cold, id, 'cold figure').details,
        coldNote,
      );

    // 5, 6. Concurrent clients: a fresh server per run, one warm-up request (it fills any cache
    // and, for a repeated query, is the body every later response must equal), then autocannon.
    const concurrent = async (name: string, body: string, nextBody?: () => string) => {
      const results: ConcurrentFigure[] = [];
      for (let run = 1; run <= options.runs; run += 1) {
        await withServer(present(queryDb, 'queryDb'), `${name} run ${run}`, async (url) => {
          const warm = await postGraphql(url, body);
          const figure = nextBody
            ? await hammerVaried(url, nextBody, options.connections, options.duration)
            : await hammer(url, body, warm.text, options.connections, options.duration);
          results.push(figure);
          log(
            `${label}: ${name}, run ${run}/${options.runs}: p99 ${fmt(figure.p99Ms)} ms, ${fmt(figure.requestsPerSecond, 1)} req/s ` +
              `(${figure.completed} responses${figure.errors + figure.timeouts + figure.non2xx + figure.mismatches > 0 ? `, errors ${figure.errors}, timeouts ${figure.timeouts}, non-2xx ${figure.non2xx}, mismatches ${figure.mismatches}` : ''})`,
          );
        });
      }
      const details = results.map((r) => ({
        ...r,
        failed: r.errors + r.timeouts + r.non2xx + r.mismatches > 0 || r.completed === 0,
      }));
      const notes = [
        `${options.connections} connections for ${options.duration} s per run (autocannon); a fresh server per run, warmed by one request`,
      ];
      if (results.some((r) => r.completed < options.connections * 2)) {
        notes.push(
          'few responses completed: requests still in flight when the time ran out are not counted, so p99 understates the wait',
        );
      }
      return { results, details, notes };
    };
    const cached = await concurrent(
      'leaderboard (repeated)',
      requestBody(LEADERBOARD_QUERY, { input: BT_ALL }),
    );
    add(
      'leaderboard.cached.p99',
      cached.results.map((r) => r.p99Ms),
      cached.details,
      cached.notes,
    );
    add(
      'leaderboard.cached.rps',
      cached.results.map((r) => r.requestsPerSecond),
      cached.details,
      cached.notes,
    );
    const nested = await concurrent(
      'verdicts(first:100) nested',
      requestBody(VERDICT_PAGE_QUERY, { first: 100 }),
    );
    add(
      'verdicts.nested.p99',
      nested.results.map((r) => r.p99Ms),
      nested.details,
      nested.notes,
    );
    add(
      'verdicts.nested.rps',
      nested.results.map((r) => r.requestsPerSecond),
      nested.details,
      nested.notes,
    );
    // Pages at seeded random cursors: what a client paging through the data meets (no cache hits).
    const pageRandom = createRandom(7);
    const randomPage = () =>
      requestBody(VERDICT_PAGE_AFTER_QUERY, {
        first: 100,
        after: encodeCursor(Math.floor(pageRandom.nextFloat() * Math.max(1, scale - 100))),
      });
    const pages = await concurrent(
      'verdicts(first:100) nested, distinct pages',
      randomPage(),
      randomPage,
    );
    add(
      'verdicts.pages.p99',
      pages.results.map((r) => r.p99Ms),
      pages.details,
      pages.notes,
    );
    add(
      'verdicts.pages.rps',
      pages.results.map((r) => r.requestsPerSecond),
      pages.details,
      pages.notes,
    );

    await present(queryDb, 'queryDb').dispose();

    // 8. The server's RSS over every server process of this scale.
    add(
      'server.rss',
      servers.map((s) => s.memory.sampledMaxMegabytes),
      servers.map((s) => ({
        phase: s.phase,
        sampledMaxMegabytes: s.memory.sampledMaxMegabytes,
        highWaterMegabytes: s.memory.highWaterMegabytes,
        samples: s.memory.samples,
        startupMs: s.startupMs,
        exitedCleanly: s.exitedCleanly,
      })),
      [
        `VmRSS of each \`verdicts serve\` process sampled every 250 ms (${servers.length} processes); the max is compared`,
        'each database is created by `verdicts migrate` first (PGlite creates its cluster there, see scales[].databaseCreation), so a server never starts on an empty directory',
        ...(driver === 'postgres'
          ? ["the PostgreSQL server's own processes are not included"]
          : ['PGlite runs inside the server process, so its memory is included']),
      ],
    );
    const seconds = (performance.now() - scaleStarted) / 1000;
    scaleReports.push({
      scale,
      seconds,
      databaseMegabytes,
      serverStartupMs: servers.map((s) => Math.round(s.startupMs)),
      serversKilled: servers.filter((s) => !s.exitedCleanly).length,
      databaseCreation: creations,
      loadAverage: { start: loadAtStart, end: os.loadavg() },
    });
    log(`${label}: done in ${fmt(seconds)} s (database ${fmt(databaseMegabytes)} MB)`);
  }
  return {
    driver,
    database,
    figures,
    scales: scaleReports,
    seconds: (performance.now() - driverStarted) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL through scripts/with-postgres.sh

let postgresChild: ReturnType<typeof spawn> | null = null;

async function benchPostgresUnderWrapper(options: Options, workDir: string): Promise<DriverReport> {
  const output = path.join(workDir, 'postgres-report.json');
  const script = path.join(ROOT, 'scripts', 'with-postgres.sh');
  log(
    'postgres: starting a throwaway PostgreSQL server with scripts/with-postgres.sh (default settings, fsync on)',
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VERDICTS_BENCH_STARTED_AT: String(Date.now() - Math.round(performance.now() - benchStarted)),
  };
  delete env.PG_FAST;
  delete env.DATABASE_URL;
  postgresChild = spawn(
    'bash',
    [script, process.execPath, __filename, ...childArguments(options, 'postgres', output, workDir)],
    { cwd: ROOT, env, stdio: 'inherit' },
  );
  const [code, signal] = (await once(postgresChild, 'exit')) as [number | null, string | null];
  postgresChild = null;
  if (code !== 0) throw new Error(`the PostgreSQL part failed (${code ?? signal})`);
  return JSON.parse(await readFile(output, 'utf8')) as DriverReport;
}

// ---------------------------------------------------------------------------------------------
// Results

function growthFigures(reports: DriverReport[]): Figure[] {
  const figures: Figure[] = [];
  for (const report of reports) {
    const at = (scale: number) =>
      report.figures.find((f) => f.id === 'leaderboard.cold' && f.scale === scale);
    const small = at(100_000);
    const large = at(1_000_000);
    if (!small || !large) continue;
    const figure = makeFigure(
      'growth.cold100kTo1m',
      report.driver,
      1_000_000,
      [large.median / small.median],
      [{ coldMedianMs100k: small.median, coldMedianMs1m: large.median }],
    );
    figure.min = large.min / small.min;
    figure.max = large.max / small.max;
    figure.notes.push(
      'median: ratio of the medians of the cold leaderboard at 1M and 100k; min/max: ratio of the mins and of the maxes',
    );
    judge(figure);
    figures.push(figure);
  }
  return figures;
}

async function packageVersion(name: string): Promise<string> {
  try {
    return (
      JSON.parse(await readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const suites = requestedSuites(argv);
  const rest = withoutSuiteOption(argv);
  if (suites !== null) await runStandaloneSuites(suites, rest);
  if (suites !== null && !suites.includes('core') && !suites.includes('dashboard')) return;
  const options = parseOptions(rest);

  if (options.childOutput) {
    // One driver, inside with-postgres.sh (or any environment with DATABASE_URL).
    const url = process.env.DATABASE_URL;
    if (options.drivers.length !== 1) throw new Error('--child-output runs exactly one --driver');
    const workDir = options.workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-')));
    const factory =
      options.drivers[0] === 'postgres'
        ? postgresFactory(requireUrl(url))
        : pgliteFactory(workDir, await packageVersion('@electric-sql/pglite'));
    const report = await benchDriver(factory, options, workDir);
    await writeFile(options.childOutput, JSON.stringify(report));
    return;
  }
  if (suites === null) await runStandaloneSuites(STANDALONE_SUITES, rest);
  if (suites === null || suites.includes('dashboard')) {
    await runDashboardSuite({ scale: Math.max(...options.scales), runs: options.runs });
  }
  if (suites !== null && !suites.includes('core')) return;

  const started = new Date();
  await snapshotBuild();
  const source = gitState();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-'));
  const cleanup = () => rm(workDir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      stopAllChildren();
      if (postgresChild) postgresChild.kill(signal);
      const finish = () => void cleanup().finally(() => process.exit(130));
      if (postgresChild) postgresChild.once('exit', finish);
      else finish();
    });
  }
  log(
    `scales ${options.scales.map(scaleLabel).join(', ')}; drivers ${options.drivers.join(', ')}; ${options.runs} runs per figure; work directory ${workDir}`,
  );
  const reports: DriverReport[] = [];
  try {
    for (const driver of options.drivers) {
      if (driver === 'pglite') {
        reports.push(
          await benchDriver(
            pgliteFactory(workDir, await packageVersion('@electric-sql/pglite')),
            options,
            workDir,
          ),
        );
      } else if (process.env.DATABASE_URL) {
        log(
          'postgres: using the server DATABASE_URL names (one database per load is created and dropped there)',
        );
        reports.push(
          await benchDriver(postgresFactory(process.env.DATABASE_URL), options, workDir),
        );
      } else {
        reports.push(await benchPostgresUnderWrapper(options, workDir));
      }
    }
  } finally {
    await cleanup();
  }

  const figures = [...reports.flatMap((r) => r.figures), ...growthFigures(reports)];
  // The table follows the order figures are declared in (figures.ts).
  const order = Object.keys(SPECS) as FigureId[];
  figures.sort(
    (a, b) =>
      order.indexOf(a.id) - order.indexOf(b.id) ||
      compareCodePoints(a.driver, b.driver) ||
      a.scale - b.scale,
  );
  const wallSeconds = (performance.now() - benchStarted) / 1000;
  const cpus = os.cpus();
  const results = {
    generatedAt: started.toISOString(),
    wallSeconds,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryMegabytes: Math.round(os.totalmem() / 1024 / 1024),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      databases: Object.fromEntries(reports.map((r) => [r.driver, r.database])),
      autocannon: await packageVersion('autocannon'),
    },
    source,
    options: {
      scales: options.scales,
      runs: options.runs,
      loadRunsAbove100k: options.loadRuns,
      drivers: options.drivers,
      concurrentSeconds: options.duration,
      connections: options.connections,
      serverEnvironment:
        'verdicts serve (node dist/main.js serve), PORT=0, HOST=127.0.0.1, VERDICTS_AUTH=off, NODE_ENV=production, other settings default',
      loadGenerator: 'this process, on the same machine as the server and the database',
    },
    workload: {
      generator:
        'bench/workload.ts generateVerdicts(count, seed 1); the first n verdicts of every scale are the same',
      models: MODEL_COUNT,
      popularity: 'Zipf-like, weight of the i-th model 1/(i+1)^0.8',
      strengths: 'logistic strengths from +1.5 down to -1.44, evenly spaced',
      judges: JUDGES,
      categories: CATEGORIES,
      prompts: PROMPT_COUNT,
      outcomes:
        '15% ties (2% BOTH_BAD), decisive by the strength model, ~15% of decisive verdicts strong (>>); bench-claude reports soft preferences',
      recordVerdicts: `batches of ${BATCH_SIZE}, prompt by externalId + category, idempotencyKey per verdict, createdAt 1 s apart`,
      import:
        'the same verdicts as Chatbot Arena battle rows (JSON lines): verdicts import arena-battles <file> --quiet',
      leaderboardInputs: { coldAll: BT_ALL, filtered: BT_FILTERED, elo: ELO_ALL },
      leaderboardSelection:
        'method verdictCount modelCount mleExists problem bootstrapRounds intervalMethod entries { rank model { name } rating ciLower ciUpper wins losses ties battles }',
      verdictPage:
        'verdicts(first: 100) { edges { cursor node { scalars, judge, prompt, modelA/modelB { stats }, responseA/responseB { model prompt } } } pageInfo }',
      verdictPages:
        'the same page query with after: a cursor at a seeded random verdict id, a new one per request (no response-cache hits)',
    },
    scales: reports.map((r) => ({ driver: r.driver, seconds: r.seconds, scales: r.scales })),
    figures,
  };
  await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);

  const printed: string[] = [];
  const print = (line: string) => printed.push(line);
  print(
    `\nVerdicts benchmark — ${results.machine.cpus} × ${results.machine.cpuModel}, ${fmt(results.machine.memoryMegabytes / 1024, 1)} GB, Node ${process.version}`,
  );
  for (const report of reports) print(`  ${report.driver}: ${report.database}`);
  print(
    `  ${options.runs} runs per figure (median, min, max); status: PASS/MISS where issue 7 sets the target, (pass)/(miss) for reference where it is set for PostgreSQL or at another scale.\n`,
  );
  print(renderTable(figures));
  const notes = new Map<string, string[]>();
  for (const figure of figures) {
    for (const note of figure.notes)
      notes.set(note, [
        ...(notes.get(note) ?? []),
        `${figure.driver} ${scaleLabel(figure.scale)} ${figure.id}`,
      ]);
  }
  print('\nNotes:');
  for (const [note, where] of notes)
    print(
      `  - ${note}  [${where.length > 4 ? `${where.slice(0, 4).join('; ')}; …` : where.join('; ')}]`,
    );
  print(
    `  - load average (1 min) when each scale started and ended: ${reports
      .flatMap((r) =>
        r.scales.map(
          (x) =>
            `${r.driver} ${scaleLabel(x.scale)} ${x.loadAverage.start[0].toFixed(1)}→${x.loadAverage.end[0].toFixed(1)}`,
        ),
      )
      .join(
        ', ',
      )} (${os.cpus().length} CPUs; above ~0.5 before a scale means other work shared the machine)`,
  );
  print(
    `\nWall time ${fmt(wallSeconds / 60, 1)} min (${reports.map((r) => `${r.driver} ${fmt(r.seconds / 60, 1)} min`).join(', ')}). Results in ${path.relative(process.cwd(), options.out) || options.out} and ${path.basename(tableFileOf(options.out))}.`,
  );
  console.log(printed.join('\n'));
  // The printed table is kept beside the JSON, as the run printed it.
  await writeFile(tableFileOf(options.out), `${printed.join('\n').trimStart()}\n`);
}

function tableFileOf(jsonFile: string): string {
  return jsonFile.endsWith('.json')
    ? `${jsonFile.slice(0, -'.json'.length)}.txt`
    : `${jsonFile}.txt`;
}

/** Which code was measured: the commit, and the files that differed from it when the run started. */
function gitState(): { commit: string; uncommittedFiles: string[] } {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git(['rev-parse', 'HEAD']) || 'unknown',
    uncommittedFiles: git(['status', '--porcelain']).split('\n').filter(Boolean),
  };
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('--driver postgres in child mode needs DATABASE_URL');
  return url;
}

main().catch((error: unknown) => {
  stopAllChildren();
  console.error(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
