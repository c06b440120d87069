/**
 * Child processes of the benchmark: `node dist/main.js serve` on a free port, and any other
 * `verdicts` command, each watched by a sampler that reads VmRSS (and the kernel's high-water
 * mark, VmHWM) from /proc/<pid>/status every 250 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { present } from '../src/domain/invariant';

export const ROOT = path.resolve(__dirname, '..', '..');
/**
 * The server under test: a copy of dist/ and drizzle/ taken when the run starts (see
 * snapshotBuild), so that a rebuild of dist/ during a long run cannot change it half-way.
 */
const SNAPSHOT = path.join(ROOT, 'dist-bench', 'server');
export const MAIN = path.join(SNAPSHOT, 'dist', 'main.js');

export async function snapshotBuild(): Promise<void> {
  await rm(SNAPSHOT, { recursive: true, force: true });
  await cp(path.join(ROOT, 'dist'), path.join(SNAPSHOT, 'dist'), { recursive: true });
  await cp(path.join(ROOT, 'drizzle'), path.join(SNAPSHOT, 'drizzle'), { recursive: true });
  // The dashboard the server serves (src/web/static-site.ts reads it beside dist/).
  await cp(path.join(ROOT, 'web', 'dist'), path.join(SNAPSHOT, 'web', 'dist'), { recursive: true });
  // The data `verdicts demo` loads (src/cli/demo-command.ts reads it beside dist/).
  await cp(path.join(ROOT, 'demo'), path.join(SNAPSHOT, 'demo'), { recursive: true });
}
const SAMPLE_MS = 250;

/** Every child still running, so that an interrupted run can stop them. */
const running = new Set<ChildProcess>();

export function stopAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ", utime and stime are the 12th and 13th fields, in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The environment that makes startServer run the server under `node --cpu-prof`, writing its
 * profile into `dir`; empty without a directory. (NODE_OPTIONS refuses --cpu-prof, so the flags
 * go on the server's command line through BENCH_SERVER_NODE_ARGS.)
 */
export function serverProfileEnv(dir: string | undefined): NodeJS.ProcessEnv {
  return dir ? { BENCH_SERVER_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${path.resolve(dir)}` } : {};
}

export interface MemoryPeak {
  /** Largest VmRSS seen by the 250 ms sampler. */
  sampledMaxMegabytes: number;
  /** VmHWM at the last sample: the kernel's own peak, which catches spikes between samples. */
  highWaterMegabytes: number;
  samples: number;
}

export class RssSampler {
  private timer: NodeJS.Timeout;
  private maxKb = 0;
  private hwmKb = 0;
  private count = 0;

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  sample(): void {
    let status: string;
    try {
      status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    } catch {
      return; // exited
    }
    const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    if (Number.isFinite(rss)) {
      this.maxKb = Math.max(this.maxKb, rss);
      this.count += 1;
    }
    if (Number.isFinite(hwm)) this.hwmKb = Math.max(this.hwmKb, hwm);
  }

  stop(): MemoryPeak {
    clearInterval(this.timer);
    return {
      sampledMaxMegabytes: this.maxKb / 1024,
      highWaterMegabytes: this.hwmKb / 1024,
      samples: this.count,
    };
  }
}

export interface ServerProcess {
  url: string;
  pid: number;
  startupMs: number;
  /**
   * Sends SIGTERM (the server drains and closes its database) and SIGKILL if it has not exited
   * after `graceMs`; returns the memory peak and whether it exited by itself.
   */
  stop(graceMs: number): Promise<MemoryPeak & { exitedCleanly: boolean; stopMs: number }>;
}

/**
 * Node options for the server only, e.g. `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p"`
 * to profile it: NODE_OPTIONS refuses --cpu-prof, and would profile the bench runner too. The
 * server's own environment wins over the runner's, so a suite can profile just its servers.
 */
function serverNodeArgs(env: NodeJS.ProcessEnv): string[] {
  return (env.BENCH_SERVER_NODE_ARGS ?? process.env.BENCH_SERVER_NODE_ARGS ?? '')
    .split(' ')
    .filter(Boolean);
}

/**
 * Starts `verdicts serve` (or `verdicts demo`, which loads the demo data first) on PORT=0 with
 * the given database environment; resolves once it listens.
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  command: 'serve' | 'demo' = 'serve',
): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...serverNodeArgs(env), MAIN, command], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const sampler = new RssSampler(present(child.pid, 'pid'));
  let stdout = '';
  let stderr = '';
  let listening = false;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 300 s:\n${stdout}\n${stderr}`)),
      300_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      // The request log (one line per request) is read and dropped; only the start line matters.
      if (listening) return;
      stdout += chunk.toString('utf8');
      const match = /(http:\/\/[^\s]+\/graphql)/.exec(stdout);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (!listening)
        reject(
          new Error(
            `the server exited (${code ?? signal}) before listening:\n${stdout}\n${stderr}`,
          ),
        );
    });
  });
  const startupMs = performance.now() - started;
  return {
    url,
    pid: present(child.pid, 'pid'),
    startupMs,
    async stop(graceMs) {
      sampler.sample();
      const stopping = performance.now();
      let exitedCleanly = child.exitCode !== null;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
        child.kill('SIGTERM');
        let killed = false;
        const timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, graceMs);
        const [code] = await exited;
        clearTimeout(timer);
        exitedCleanly = !killed && code === 0;
      }
      running.delete(child);
      return { ...sampler.stop(), exitedCleanly, stopMs: performance.now() - stopping };
    },
  };
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  memory: MemoryPeak;
}

/** Runs `node dist/main.js <args>` to completion, sampling its memory. */
export async function runVerdicts(args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const sampler = new RssSampler(present(child.pid, 'pid'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 100_000) stderr += chunk.toString('utf8');
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  running.delete(child);
  return { status: code, stdout, stderr, seconds, memory: sampler.stop() };
}
