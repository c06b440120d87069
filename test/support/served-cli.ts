/**
 * `verdicts serve` spawned from dist/ on a CLI scratch database, for tests of commands run beside
 * a running server. Ready when it prints its URL; stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CliDatabase } from './cli';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

export interface ServedDatabase {
  /** The GraphQL URL. */
  url: string;
  pid: number;
  /** What it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `command`: `serve`, or another command that ends up serving (`demo`). */
export function serveDatabase(
  cli: CliDatabase,
  env: NodeJS.ProcessEnv = {},
  command: string[] = ['serve'],
): Promise<ServedDatabase> {
  const child: ChildProcess = spawn(process.execPath, [MAIN, ...command], {
    env: {
      ...cli.env,
      PORT: '0',
      HOST: '127.0.0.1',
      VERDICTS_LOG_REQUESTS: 'false',
      ...env,
    },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const found = /GraphQL API on (\S+)/.exec(output);
      if (found)
        resolve({
          url: found[1],
          pid: child.pid as number,
          output: () => output,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.on('exit', (status) => reject(new Error(`serve exited ${status}: ${output}`)));
  });
}
