/** `verdicts import <format> <file|dir|->...`: bulk import in batches, with a summary and exit status. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import { FORMATS, findFormat, type FormatOption } from '../ingest/formats';
import { readSourceLines } from '../ingest/read-lines';
import { textSizeOfFile } from '../ingest/source-size';
import {
  IMPORT_BATCH_SIZE,
  Importer,
  MAX_IMPORT_BATCH_SIZE,
  POSTGRES_PARALLEL_BATCHES,
} from '../services/importer';
import {
  camelToKebab,
  HELP_OPTION,
  helpText,
  parseArguments,
  UsageError,
  type OptionSpec,
} from './arguments';
import { describeDatabase, openMigratedDatabase } from './database';
import { ProgressReporter } from './progress';
import { isQuickImport, useBaselineCompilerOnly } from './wasm-compiler';

const COMMON_OPTIONS: OptionSpec[] = [
  {
    name: 'strict',
    kind: 'boolean',
    description: 'Stop at the first bad row (everything before it is stored).',
  },
  {
    name: 'batch-size',
    kind: 'string',
    valueName: 'n',
    description: `Verdicts per transaction, at most ${MAX_IMPORT_BATCH_SIZE}; default ${IMPORT_BATCH_SIZE}.`,
  },
  { name: 'quiet', kind: 'boolean', description: 'No progress line.' },
  {
    name: 'judgment-file',
    kind: 'string',
    valueName: 'path',
    description: "transcript: read the judge's reply from this file.",
  },
  HELP_OPTION,
];

const MAX_PRINTED_PROBLEMS = 50;

export function importUsage(): string {
  const formats = Object.entries(FORMATS).map(([name, format]) => {
    const options = format.options.map(
      (option: FormatOption) =>
        `--${camelToKebab(option.name)}${option.required ? ' (required)' : ''}`,
    );
    return `  ${name.padEnd(22)} ${format.description}${options.length > 0 ? `\n  ${''.padEnd(22)} options: ${options.join(', ')}` : ''}`;
  });
  return `${helpText('Usage: verdicts import <format> <file|directory|->... [options]\n\nExit status: 0 all stored, 1 some rows rejected (or --strict stopped), 2 failed.', COMMON_OPTIONS)}\nFormats:\n${formats.join('\n')}\n`;
}

/** Returns the exit status. */
export async function importCommand(argv: string[], config: Config): Promise<number> {
  const [formatName, ...rest] = argv;
  if (!formatName || formatName === '--help') {
    console.log(importUsage());
    return formatName ? 0 : 2;
  }
  const format = findFormat(formatName);
  if (!format)
    throw new UsageError(
      `import: unknown format ${JSON.stringify(formatName)}; the formats are ${Object.keys(FORMATS).join(', ')}.`,
    );
  const formatSpecs: OptionSpec[] = format.options.map((option: FormatOption) => ({
    name: camelToKebab(option.name),
    kind: option.type === 'boolean' ? 'boolean' : 'string',
    description: option.description,
  }));
  const parsed = parseArguments(
    rest,
    [...COMMON_OPTIONS, ...formatSpecs],
    `verdicts import ${formatName}`,
  );
  if (parsed.flag('help')) {
    console.log(
      helpText(
        `Usage: verdicts import ${formatName} <file|directory|->... [options]\n\n${format.description}`,
        [...COMMON_OPTIONS, ...formatSpecs],
      ),
    );
    return 0;
  }
  if (parsed.positionals.length === 0)
    throw new UsageError(
      `import ${formatName}: name at least one file, directory, or - for standard input.`,
    );

  const formatOptions: Record<string, unknown> = {};
  for (const option of format.options) {
    const value = parsed.options.get(camelToKebab(option.name));
    if (value === undefined) continue;
    formatOptions[option.name] =
      option.type === 'json' && typeof value === 'string'
        ? parseJsonOption(option.name, value)
        : value;
  }
  const judgmentFile = parsed.string('judgment-file');
  if (judgmentFile) formatOptions.judgment = await readFile(judgmentFile, 'utf8');
  const batchSizeText = parsed.string('batch-size');
  const batchSize = batchSizeText === undefined ? undefined : Number(batchSizeText);
  if (
    batchSize !== undefined &&
    !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= MAX_IMPORT_BATCH_SIZE)
  ) {
    throw new UsageError(
      `--batch-size must be a whole number from 1 to ${MAX_IMPORT_BATCH_SIZE}, but got ${JSON.stringify(batchSizeText)}.`,
    );
  }
  const sources = await expandSources(parsed.positionals);
  if (isQuickImport(await sourceSizes(sources))) useBaselineCompilerOnly();

  const database = await openMigratedDatabase(config, {
    name: 'import',
    whileServed: 'stop the server',
  });
  const progress = new ProgressReporter(process.stderr, parsed.flag('quiet'));
  let printed = 0;
  let label = '';
  try {
    const importer = new Importer(database.db, {
      batchSize,
      // PostgreSQL works on several batches at once (a connection each); PGlite is one engine.
      parallelBatches: database.driver === 'postgres' ? POSTGRES_PARALLEL_BATCHES : 1,
      strict: parsed.flag('strict'),
      onProgress: (counts) => progress.update(label, counts),
      onProblem: (problem) => {
        printed += 1;
        if (printed <= MAX_PRINTED_PROBLEMS)
          progress.message(`${problem.file}:${problem.line}: ${problem.reason}`);
        else if (printed === MAX_PRINTED_PROBLEMS + 1)
          progress.message('… more problems are counted in the summary but not printed.');
      },
    });
    for (const source of sources) {
      const sourceName = source === '-' ? 'stdin' : path.basename(source);
      label = sourceName;
      const lines = readSourceLines(source === '-' ? process.stdin : source, { name: sourceName });
      await importer.importItems(sourceName, format.parse(lines, { sourceName }, formatOptions));
      if (importer.stopped) break;
    }
    const summary = importer.finish();
    if (summary.accepted > 0) await refreshPlannerStatistics(database.db);
    progress.clear();
    const seconds = progress.elapsedSeconds();
    console.log(
      `Imported ${count(summary.rows)} rows from ${sources.length} source${sources.length === 1 ? '' : 's'} into ${describeDatabase(config, database)} ` +
        `in ${seconds.toFixed(1)} s (${count(Math.round(summary.rows / Math.max(seconds, 1e-3)))} rows/s): ` +
        `accepted ${count(summary.accepted)}, duplicates ${count(summary.duplicates)}, rejected ${count(summary.rejected)}, skipped ${count(summary.skipped)}; ` +
        `peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
    );
    if (summary.ambiguousAnswers > 0)
      console.log(
        `${count(summary.ambiguousAnswers)} verdicts were left without an answer on a side: the model has several stored answers to that prompt, so which one was judged is unknown.`,
      );
    if (summary.stopped) console.log('Stopped at the first bad row (--strict).');
    return summary.rejected > 0 || summary.stopped ? 1 : 0;
  } finally {
    progress.clear();
    await database.close();
  }
}

/** Counts as the progress line prints them: 2,658, not 2658. */
const count = (value: number) => value.toLocaleString('en-US');

function parseJsonOption(name: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new UsageError(
      `--${camelToKebab(name)} must be JSON (e.g. '{"0":"A","1":"B"}'), but it could not be parsed.`,
    );
  }
}

/** Each source's size in bytes of text (a gzip file's uncompressed); `null` for standard input. */
function sourceSizes(sources: string[]): Promise<Array<number | null>> {
  return Promise.all(
    sources.map(async (source) => (source === '-' ? null : textSizeOfFile(source))),
  );
}

/** Files as given; a directory stands for the files directly in it, in name order. */
async function expandSources(arguments_: string[]): Promise<string[]> {
  const sources: string[] = [];
  for (const argument of arguments_) {
    if (argument === '-') {
      sources.push('-');
      continue;
    }
    const info = await stat(argument).catch(() => null);
    if (!info) throw new UsageError(`import: no file or directory ${JSON.stringify(argument)}.`);
    if (info.isDirectory()) {
      const names = (await readdir(argument)).filter((name) => !name.startsWith('.')).sort();
      for (const name of names) {
        if ((await stat(path.join(argument, name))).isFile())
          sources.push(path.join(argument, name));
      }
    } else {
      sources.push(argument);
    }
  }
  return sources;
}
