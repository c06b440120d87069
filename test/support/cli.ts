/**
 * Runs the compiled `verdicts` command (dist/, built by `npm test`) against a scratch database:
 * a fresh PGlite directory, or a fresh database on the PostgreSQL server of DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from './test-server';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliDatabase {
  /** The environment each run gets (which database). */
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { stdin?: string }): Promise<CliResult>;
  drop(): Promise<void>;
}

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

export async function cliDatabase(): Promise<CliDatabase> {
  const scratch = await createScratchDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-cli-'));
  const env = { ...process.env, VERDICTS_DATA_DIR: dataDir, DATABASE_URL: scratch.url ?? '' };
  return {
    env,
    run: (args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [MAIN, ...args], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
        child.stdin.end(options.stdin ?? '');
      }),
    async drop() {
      await scratch.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
