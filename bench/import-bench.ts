/**
 * `verdicts import arena-battles` of a generated battle file: rows/s and the importer's peak RSS
 * (reported by the CLI itself from getrusage, and cross-checked by sampling /proc), on the
 * database the environment names.
 */
import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { runVerdicts } from './processes';
import { asArenaBattle, generateVerdicts } from './workload';

export interface ImportFigure {
  rows: number;
  /** Wall time of the whole `verdicts import` process (start-up, migrations check, import, close). */
  seconds: number;
  rowsPerSecond: number;
  /** The rate the CLI prints itself (its clock starts after the database is open). */
  reportedRowsPerSecond: number;
  /** `peak memory N MB` from the CLI's summary (getrusage maxRSS). */
  peakMegabytes: number;
  /** The same, from sampling /proc/<pid>/status every 250 ms. */
  sampledPeakMegabytes: number;
  accepted: number;
}

async function writeBattleFile(file: string, rows: number, seed = 1): Promise<void> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  for (const verdict of generateVerdicts(rows, seed)) {
    if (!out.write(`${asArenaBattle(verdict)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(partial, file);
}

/** Writes the file unless an earlier run (or the other driver) already did. */
export async function ensureBattleFile(file: string, rows: number): Promise<void> {
  const existing = await stat(file).catch(() => null);
  if (!existing) await writeBattleFile(file, rows);
}

export async function benchImport(
  file: string,
  rows: number,
  env: NodeJS.ProcessEnv,
): Promise<ImportFigure> {
  const result = await runVerdicts(['import', 'arena-battles', file, '--quiet'], env);
  if (result.status !== 0)
    throw new Error(
      `import failed (${result.status}): ${result.stderr.slice(0, 2000)}${result.stdout.slice(0, 2000)}`,
    );
  const accepted = Number(/accepted ([\d,]+)/.exec(result.stdout)?.[1].replaceAll(',', ''));
  const peak = Number(/peak memory (\d+) MB/.exec(result.stdout)?.[1]);
  const reported = Number(/\(([\d,]+) rows\/s\)/.exec(result.stdout)?.[1]?.replace(/,/g, ''));
  if (accepted !== rows)
    throw new Error(`import accepted ${accepted} of ${rows} rows: ${result.stdout.slice(0, 2000)}`);
  return {
    rows,
    seconds: result.seconds,
    rowsPerSecond: rows / result.seconds,
    reportedRowsPerSecond: reported,
    peakMegabytes: peak,
    sampledPeakMegabytes: result.memory.sampledMaxMegabytes,
    accepted,
  };
}
