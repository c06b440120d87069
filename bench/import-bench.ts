/**
 * `verdicts import arena-battles` of a generated battle file: rows/s and the importer's peak RSS
 * (reported by the CLI itself from getrusage), on the database the environment names.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { asArenaBattle, generateVerdicts } from './workload';

export interface ImportFigure {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakMegabytes: number;
  accepted: number;
}

export async function writeBattleFile(file: string, rows: number, seed = 1): Promise<void> {
  const out = createWriteStream(file);
  for (const verdict of generateVerdicts(rows, seed)) {
    if (!out.write(`${asArenaBattle(verdict)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function benchImport(rows: number, env: NodeJS.ProcessEnv): Promise<ImportFigure> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'verdicts-bench-import-'));
  try {
    const file = path.join(directory, 'battles.jsonl');
    await writeBattleFile(file, rows);
    const main = path.join(__dirname, '..', '..', 'dist', 'main.js');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [main, 'import', 'arena-battles', file, '--quiet'], {
      env: { ...env, VERDICTS_DATA_DIR: env.VERDICTS_DATA_DIR ?? path.join(directory, 'data') },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`import failed (${result.status}): ${result.stderr.slice(0, 2000)}`);
    const accepted = Number(/accepted (\d+)/.exec(result.stdout)?.[1]);
    const peak = Number(/peak memory (\d+) MB/.exec(result.stdout)?.[1]);
    return { rows, seconds, rowsPerSecond: rows / seconds, peakMegabytes: peak, accepted };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
