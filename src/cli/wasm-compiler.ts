/**
 * Which of V8's WebAssembly compilers a CLI process lets PGlite's engine (9 MB of WebAssembly)
 * use. V8 compiles it with its baseline compiler, Liftoff, then re-compiles the functions that run
 * hot with its optimising compiler, TurboFan, on background threads. A command that is over in a
 * second or two never earns that back: the compile jobs take CPU beside it, and the process
 * waits for the unfinished ones before it exits. Measured on this 2-core machine, on an existing
 * data directory (3 runs each):
 *   - `verdicts keys create` exits 1.43–1.54 s after it starts with both compilers, 0.92–0.96 s
 *     with Liftoff only (it has printed the key by 1.05–1.08 s and 0.89–0.93 s);
 *   - an import of 20k Arena battle rows (2.6 MB) takes 4.3–4.4 s with both, 3.9–4.2 s with
 *     Liftoff only; of 200k rows (26 MB), 24.0 s against 24.8 s;
 *   - an export of 200k verdicts takes 51–58 s with both, 73–97 s with Liftoff only.
 * So the quick commands, and imports of small files, run on Liftoff alone; the server, demo,
 * export and large imports keep both.
 */
import { setFlagsFromString } from 'node:v8';

/** Commands that read or write little, so are over in a second or two on any database. */
const QUICK_COMMANDS: ReadonlySet<string> = new Set([
  'migrate',
  'keys',
  'leaderboard',
  'compare',
  'next',
]);

/** An import of less than this is over before TurboFan's code pays for itself (see above). */
export const QUICK_IMPORT_BYTES = 8 * 1024 * 1024;

export function isQuickCommand(command: string): boolean {
  return QUICK_COMMANDS.has(command);
}

/**
 * `sizes` are the import's sources in bytes (a gzip file's uncompressed: the 6.9 MB of gzipped
 * Arena-Hard answers hold 22 MB of text, and took 11.7 s on Liftoff only against 8.8 s with both
 * compilers), `null` for standard input, whose size is not known up front (so it counts as large).
 */
export function isQuickImport(sizes: ReadonlyArray<number | null>): boolean {
  let total = 0;
  for (const size of sizes) {
    if (size === null) return false;
    total += size;
  }
  return total < QUICK_IMPORT_BYTES;
}

/**
 * Process-wide, and it applies to modules compiled after it, so a command calls it before it
 * opens the database, and only in the CLI's own process (a test runner that opened PGlite
 * in-process would keep the slower code for every later test in that process).
 */
export function useBaselineCompilerOnly(): void {
  setFlagsFromString('--liftoff-only');
}
