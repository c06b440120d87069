/**
 * A private PostgreSQL server for one test file, for tests that stop, crash and restart the
 * database (test/integration/faults.test.ts). Same approach as scripts/with-postgres.sh and
 * DESIGN.md §4: the highest /usr/lib/postgresql/<version>/bin (or PG_BIN), `initdb` and `pg_ctl`
 * in a temporary directory, run as the `postgres` user through `runuser` when we are root, a free
 * TCP port on 127.0.0.1 and a socket directory inside the temporary directory. fsync stays ON:
 * the tests check that what was acknowledged survives a crash.
 *
 * The port and data directory stay the same across stop() and start(), so a client that keeps
 * DATABASE_URL (the API under test) reconnects to the restarted server.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { compareCodePoints } from '../../src/domain/compare';

export type StopMode = 'smart' | 'fast' | 'immediate';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly running: boolean;
  /** The same server's URL for another database. */
  urlFor(database: string): string;
  /** Starts (or restarts) the server on the same data directory and port; waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m <mode>`; `immediate` is a crash: no checkpoint, recovery from WAL at the next start. */
  stop(mode?: StopMode): Promise<void>;
  /** The server log so far (for failure messages). */
  log(): Promise<string>;
  /** Stops the server however it can and removes the temporary directory. Safe to call twice. */
  destroy(): Promise<void>;
}

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** The directory holding initdb, pg_ctl and postgres, or null when the server binaries are not installed. */
export function findPostgresBinDir(): string | null {
  const hasAll = (dir: string) =>
    ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(path.join(dir, name)));
  if (process.env.PG_BIN) return hasAll(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort(
    (a, b) => Number(b) - Number(a) || compareCodePoints(b, a),
  );
  for (const version of versions) {
    const dir = path.join(root, version, 'bin');
    if (hasAll(dir)) return dir;
  }
  return null;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  options: { cwd: string; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error
          ? typeof (error as { code?: unknown }).code === 'number'
            ? (error as { code: number }).code
            : 1
          : 0;
        resolve({
          code,
          stdout: String(stdout),
          stderr: String(stderr) + (error && code === 1 && !stderr ? error.message : ''),
        });
      },
    );
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = await run('id', ['-u', 'postgres'], { cwd: '/', timeoutMs: 10_000 });
  const gid = await run('id', ['-g', 'postgres'], { cwd: '/', timeoutMs: 10_000 });
  if (uid.code !== 0 || gid.code !== 0) {
    throw new Error(
      'running as root, but there is no `postgres` user to run the server as (scripts/with-postgres.sh creates one)',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Makes a temporary directory the server's user can write (as root: owned by postgres, and not under an unreachable TMPDIR). */
async function makeTempDir(): Promise<string> {
  if (!IS_ROOT) return mkdtemp(path.join(os.tmpdir(), 'verdicts-pg-'));
  const { uid, gid } = await postgresIds();
  for (const base of [...new Set([os.tmpdir(), '/tmp'])]) {
    const dir = await mkdtemp(path.join(base, 'verdicts-pg-'));
    await chown(dir, uid, gid);
    await chmod(dir, 0o700);
    const probe = await run('runuser', ['-u', 'postgres', '--', 'test', '-w', dir], {
      cwd: '/',
      timeoutMs: 10_000,
    });
    if (probe.code === 0) return dir;
    await rm(dir, { recursive: true, force: true });
  }
  throw new Error('no temporary directory is writable by the postgres user');
}

/** initdb in a fresh temporary directory; the server is not started yet (call start()). */
export async function createPostgresServer(
  options: { maxConnections?: number; settings?: Record<string, string> } = {},
): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  if (!bin)
    throw new Error(
      'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (set PG_BIN or install the postgresql package)',
    );
  const tmp = await makeTempDir();
  const dataDir = path.join(tmp, 'data');
  const socketDir = path.join(tmp, 'sock');
  const logFile = path.join(tmp, 'server.log');

  // Run from inside the temporary directory, so that an unreadable cwd (e.g. /root) does not matter.
  const asPostgres = (file: string, args: string[], timeoutMs = 90_000) =>
    IS_ROOT
      ? run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: tmp, timeoutMs })
      : run(file, args, { cwd: tmp, timeoutMs });
  const pgCtl = (args: string[], timeoutMs?: number) =>
    asPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args], timeoutMs);

  let destroyed = false;
  try {
    const mkdir = await asPostgres('mkdir', ['-m', '0700', socketDir]);
    if (mkdir.code !== 0) throw new Error(`mkdir ${socketDir} failed: ${mkdir.stderr}`);
    const initdb = await asPostgres(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    if (initdb.code !== 0)
      throw new Error(`initdb failed (${initdb.code}): ${initdb.stdout}\n${initdb.stderr}`);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }

  let port = 0;
  let running = false;

  const postmasterPid = async (): Promise<number | null> => {
    try {
      const first = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
      return /^\d+$/.test(first) ? Number(first) : null;
    } catch {
      return null;
    }
  };

  const settings = {
    fsync: 'on',
    max_connections: String(options.maxConnections ?? 100),
    ...options.settings,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!/^[a-z_.]+$/.test(name) || !/^[\w.]+$/.test(value))
      throw new Error(`unsupported server setting ${name}=${value}`);
  }
  const settingArgs = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const startOn = async (candidate: number): Promise<RunResult> =>
    // pg_ctl passes -o through a shell, hence the quotes around the socket directory. fsync is on
    // by default; it is named here so that nobody turns it off by accident.
    pgCtl([
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-k '${socketDir}' -h 127.0.0.1 -p ${candidate} ${settingArgs}`,
      'start',
    ]);

  const server: PostgresServer = {
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    },
    get port() {
      return port;
    },
    dataDir,
    get running() {
      return running;
    },
    urlFor(database: string) {
      return `postgres://postgres@127.0.0.1:${port}/${database}`;
    },
    async start() {
      if (destroyed) throw new Error('this PostgreSQL server was destroyed');
      if (running) return;
      if (port !== 0) {
        // A restart keeps the port: the API under test still has the old URL.
        const result = await startOn(port);
        if (result.code !== 0)
          throw new Error(
            `pg_ctl start on port ${port} failed: ${result.stdout}${result.stderr}\n${await server.log()}`,
          );
        running = true;
        return;
      }
      let last = '';
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const candidate = await freePort();
        const result = await startOn(candidate);
        if (result.code === 0) {
          port = candidate;
          running = true;
          return;
        }
        last = `${result.stdout}${result.stderr}\n${await server.log()}`;
        await pgCtl(['-m', 'immediate', '-w', '-t', '10', 'stop']);
        if (!/could not (bind|create listen)|address already in use/i.test(last)) break;
      }
      throw new Error(`could not start PostgreSQL: ${last}`);
    },
    async stop(mode: StopMode = 'fast') {
      if (!running) return;
      const result = await pgCtl(['-m', mode, '-w', '-t', '30', 'stop'], 40_000);
      if (result.code !== 0) {
        const pid = await postmasterPid();
        if (pid !== null) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      running = false;
    },
    async log() {
      try {
        return await readFile(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (running || (await postmasterPid()) !== null) {
        const fast = await pgCtl(['-m', 'fast', '-w', '-t', '20', 'stop'], 30_000);
        if (fast.code !== 0) await pgCtl(['-m', 'immediate', '-w', '-t', '10', 'stop'], 15_000);
        const pid = await postmasterPid();
        if (pid !== null) {
          try {
            process.kill(pid, 0);
            process.kill(pid, 'SIGKILL');
            await new Promise((resolve) => setTimeout(resolve, 500));
          } catch {
            // not running
          }
        }
      }
      running = false;
      await rm(tmp, { recursive: true, force: true });
    },
  };
  return server;
}
