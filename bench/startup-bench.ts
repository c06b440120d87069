/**
 * `npm run bench -- --suite startup`: what a new user waits for and how much memory a fresh
 * embedded database costs (issue 20.4). Each figure is the median of `--runs` runs (default 3):
 *  - `npm start` with nothing changed, until the server prints its URL (the build is skipped);
 *  - the full build that every `npm start` used to run first (`node scripts/build.js`; once);
 *  - the first `npx verdicts` call of a new user (`keys create`, which creates the data directory);
 *  - `verdicts migrate` and `verdicts import` of a 112-row Arena battle file into a new PGlite data
 *    directory, from the template and, for comparison, with `VERDICTS_PGLITE_TEMPLATE=off`
 *    (initdb in the process, as before the template).
 * Each command runs under GNU time (/usr/bin/time), which gives its CPU time (user + system, its
 * child processes included) and peak RSS (getrusage's maxrss of its largest process). The machine
 * is shared, so the CPU time and the load average at the start and end are written beside the
 * wall-clock figures.
 * Writes bench/results-startup.json and .txt.
 *
 *   npm run bench -- --suite startup [--runs 3]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { median, optionValue, writeSuiteResults, type SuiteFigure } from './suite-support';
import { MAIN, ROOT, snapshotBuild } from './processes';

const BATTLE_FIXTURE = path.join(
  ROOT,
  'test',
  'fixtures',
  'arena-hard',
  'battles_official_judgments_2models.jsonl',
);
const IMPORT_ROWS = 112;
const TARGET_SECONDS = 3;
const TARGET_MEGABYTES = 400;
/** GNU time, for each command's CPU time and peak RSS (Debian's `time` package). */
const TIME = '/usr/bin/time';
/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times. */
const CLOCK_TICKS = 100;

type Figure = SuiteFigure;

interface Timed {
  seconds: number;
  /** User + system CPU seconds of the command and every process it started. */
  cpuSeconds: number;
  /** Peak RSS of the command's largest process, from getrusage (GNU time's %M). */
  peakMegabytes: number;
}

/** CPU seconds used so far by a process and its descendants, live or reaped, from /proc. */
function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const visit = (id: number) => {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after "pid (comm) ".
      ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ') : []) visit(Number(child));
      }
    } catch {
      // Exited meanwhile: its parent's cutime holds it once reaped.
    }
  };
  visit(pid);
  return ticks / CLOCK_TICKS;
}

/** Runs a command to completion under GNU time (wall clock here, CPU and peak RSS from time). */
async function timed(command: string[], env: NodeJS.ProcessEnv, expect: RegExp): Promise<Timed> {
  const started = performance.now();
  const child = spawn(TIME, ['-f', '@@time %U %S %M', ...command], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const match = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(output);
  if (code !== 0 || !match || !expect.test(output))
    throw new Error(`${command.join(' ')} failed (${code}):\n${output.slice(-4000)}`);
  return {
    seconds,
    cpuSeconds: Number(match[1]) + Number(match[2]),
    peakMegabytes: Number(match[3]) / 1024,
  };
}

/** Starts `npm start` and times it until the server prints its URL; then stops it. */
async function timedStart(env: NodeJS.ProcessEnv): Promise<Timed> {
  const started = performance.now();
  // Its own process group, so stopping it stops npm's children too, and nothing else.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? 0;
  let output = '';
  const ready = await new Promise<Timed>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/http:\/\/\S+\/graphql/.test(output))
        resolve({
          seconds: (performance.now() - started) / 1000,
          cpuSeconds: treeCpuSeconds(pid),
          peakMegabytes: NaN,
        });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  const exited = once(child, 'exit');
  process.kill(-pid, 'SIGTERM');
  await exited;
  return ready;
}

export async function runStartupBench(argv: string[]): Promise<void> {
  const runs = Number(optionValue(argv, '--runs') ?? 3);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error('--runs must be a positive whole number');
  await snapshotBuild();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-startup-'));
  const loadBefore = os.loadavg();
  const figures: Figure[] = [];
  const add = (id: string, label: string, values: number[], unit: string, target: number | null) =>
    figures.push({
      id,
      label,
      values,
      unit,
      target: target === null ? null : `≤ ${target}`,
      verdict: target === null ? null : median(values) <= target ? 'PASS' : 'MISS',
    });
  let directories = 0;
  const freshEnv = () => ({
    ...process.env,
    DATABASE_URL: '',
    VERDICTS_DATA_DIR: path.join(workDir, `data-${(directories += 1)}`),
  });
  // Wall clock against the target, and beside it the CPU the same run used: on a machine shared
  // with other work the wall clock grows with the load, the CPU time much less so.
  const addTimed = (
    id: string,
    label: string,
    runs: Timed[],
    target: number | null,
    rss = true,
  ) => {
    add(
      id,
      label,
      runs.map((r) => r.seconds),
      's',
      target,
    );
    add(
      `${id}.cpu`,
      '  CPU time (user + system, every process)',
      runs.map((r) => r.cpuSeconds),
      's',
      null,
    );
    if (rss)
      add(
        `${id}.rss`,
        '  peak RSS (largest process)',
        runs.map((r) => r.peakMegabytes),
        'MB',
        id.startsWith('startup.import') && target !== null ? TARGET_MEGABYTES : null,
      );
  };
  const repeat = async (work: () => Promise<Timed>) => {
    const results: Timed[] = [];
    for (let run = 0; run < runs; run += 1) results.push(await work());
    return results;
  };
  try {
    const battles = path.join(workDir, 'battles-112.jsonl');
    const lines = (await readFile(BATTLE_FIXTURE, 'utf8')).split('\n').slice(0, IMPORT_ROWS);
    await writeFile(battles, `${lines.join('\n')}\n`);
    const verdicts = (args: string[], env: NodeJS.ProcessEnv, expect: RegExp) =>
      timed([process.execPath, MAIN, ...args], env, expect);

    const existing = freshEnv();
    await verdicts(['migrate'], existing, /Migrations applied/);
    addTimed(
      'startup.npmStart',
      '`npm start`, nothing changed, until it listens',
      await repeat(() => timedStart({ ...existing, PORT: '0' })),
      TARGET_SECONDS,
      false,
    );
    const build = await timed(
      [process.execPath, path.join('scripts', 'build.js')],
      process.env,
      /@@time/,
    );
    addTimed(
      'startup.fullBuild',
      'full build (what every `npm start` ran first before)',
      [build],
      null,
    );
    addTimed(
      'startup.npxFirst',
      'first `npx verdicts` call (keys create, new data dir)',
      await repeat(() =>
        timed(
          ['npx', 'verdicts', 'keys', 'create', '--scope', 'read', '--name', 'bench'],
          freshEnv(),
          /Created key/,
        ),
      ),
      TARGET_SECONDS,
    );

    for (const template of [true, false]) {
      const how = template ? 'from the template' : 'initdb (VERDICTS_PGLITE_TEMPLATE=off)';
      const env = () => ({ ...freshEnv(), VERDICTS_PGLITE_TEMPLATE: template ? 'on' : 'off' });
      const suffix = template ? '' : '.initdb';
      const target = template ? TARGET_SECONDS : null;
      const migrate = await repeat(() => verdicts(['migrate'], env(), /Migrations applied/));
      addTimed(`startup.freshDir${suffix}`, `new data dir + migrations, ${how}`, migrate, target);
      const args = ['import', 'arena-battles', battles, '--judge', 'bench', '--quiet'];
      const imports = await repeat(() => verdicts(args, env(), /accepted 112/));
      addTimed(
        `startup.import${suffix}`,
        `import ${IMPORT_ROWS} rows into a new data dir, ${how}`,
        imports,
        target,
      );
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const load = { before: loadBefore, after: os.loadavg(), cores: os.cpus().length };
  const table = renderTable(figures, load);
  console.log(table);
  await writeSuiteResults('startup', argv, { runs, load, figures }, table);
}

function renderTable(
  figures: Figure[],
  load: { before: number[]; after: number[]; cores: number },
): string {
  const digits = (unit: string) => (unit === 's' ? 2 : 0);
  const lines = figures.map((figure) =>
    [
      figure.label.padEnd(60),
      median(figure.values).toFixed(digits(figure.unit)).padStart(7),
      (figure.values.length > 1
        ? `(${figure.values.map((v) => v.toFixed(digits(figure.unit))).join(', ')})`
        : ''
      ).padEnd(24),
      figure.unit.padEnd(4),
      (figure.target ?? '').padEnd(7),
      figure.verdict ?? '',
    ].join(' '),
  );
  const average = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ');
  return [
    `${'figure'.padEnd(60)}  median values                   unit target  verdict`,
    ...lines,
    `load average (1, 5, 15 min) on ${load.cores} cores: ${average(load.before)} at the start, ${average(load.after)} at the end`,
  ].join('\n');
}
