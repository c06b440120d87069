/**
 * `verdicts demo`: loads a small real data set shipped in `demo/` (LLMFAO, CC BY 4.0: 19 prompts,
 * 1,133 answers, 8,931 crowd votes and the GPT-4 and GPT-3.5 judges' votes on the same pairs) and
 * an Arena-Hard judge transcript, then serves the API and prints a first query. Loading again
 * stores nothing new.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import { parseCsvTable, type GenericTableOptions } from '../ingest/generic-table';
import type { ImportItem } from '../domain/import-item';
import { readSourceLines } from '../ingest/read-lines';
import { parseJudgeTranscript } from '../ingest/transcript';
import { Importer } from '../services/importer';
import { HELP_OPTION, parseArguments, refusePositionals, type OptionSpec } from './arguments';
import { describeDatabase, openMigratedDatabase } from './database';
import { formatLeaderboard } from './leaderboard-command';
import { computeLeaderboard } from '../services/leaderboard';
import { countJudgeKinds, type JudgeKindCount } from '../services/judge-kind-counts';
import { serveUntilStopped } from './serve-command';

/** `demo/` sits two levels above this file both in `src/cli/` and in the compiled `dist/cli/`. */
const DEMO_DIRECTORY = path.resolve(__dirname, '..', '..', 'demo');
const LLMFAO = path.join(DEMO_DIRECTORY, 'llmfao');

const JUDGE_FILES: { file: string; options: Partial<GenericTableOptions> }[] = [
  {
    file: 'crowd-comparisons.csv',
    options: { judge: 'worker', judgeName: 'llmfao-crowd', judgeKind: 'HUMAN' },
  },
  { file: 'gpt4-crowd-comparisons.csv', options: { judgeName: 'gpt-4', judgeKind: 'LLM' } },
  {
    file: 'gpt3-crowd-comparisons.csv',
    options: { judgeName: 'gpt-3.5-turbo-instruct', judgeKind: 'LLM' },
  },
];

export const FIRST_QUERY = `query FirstLeaderboard {
  leaderboard(input: { judgeKinds: [HUMAN], bootstrapRounds: 100 }) {
    verdictCount modelCount
    entries { rank model { name } rating ciLower ciUpper wins losses ties }
  }
}`;

/**
 * The board the demo prints, and the one the dashboard opens on (web/src/state/slice.ts,
 * defaultJudgeKinds): the crowd's votes alone. The LLM judges' verdicts on the same pairs are a
 * different instrument; pooling them is a choice made explicitly, never the default.
 */
/** Rows of the board the demo prints; the rest are a command away. */
const DEMO_ROWS = 10;

export const DEMO_SLICE = { filter: { judgeKinds: ['HUMAN' as const] }, bootstrapRounds: 100 };

/** Which judges the printed board holds, and how to see the others. */
export function demoSliceNote(kinds: readonly JudgeKindCount[]): string {
  const human = kinds.find((kind) => kind.kind === 'HUMAN');
  const llm = kinds.find((kind) => kind.kind === 'LLM');
  const shown = `Human judges only (${(human?.verdicts ?? 0).toLocaleString('en-US')} crowd votes), as the dashboard opens.`;
  if (llm === undefined) return shown;
  return `${shown} Left out: ${llm.verdicts.toLocaleString('en-US')} LLM verdicts from ${llm.judges} judges (verdicts leaderboard --judge-kind LLM; "LLM only" on the dashboard).`;
}

export async function loadDemoData(importer: Importer): Promise<void> {
  const prompts = (await readJsonLines(path.join(LLMFAO, 'prompts.jsonl'))) as {
    id: number;
    text: string;
    type: string;
    slug: string;
  }[];
  const results = (await readJsonLines(path.join(LLMFAO, 'results.jsonl'))) as {
    prompt: number;
    name: string;
    result: string;
  }[];
  const answers = new Map(
    results.filter((r) => r.result.trim() !== '').map((r) => [`${r.prompt}:${r.name}`, r.result]),
  );

  await importer.importItems(
    'prompts.jsonl',
    items(
      prompts.map((p, i) => ({
        kind: 'prompt',
        line: i + 1,
        record: { externalId: `llmfao:${p.id}`, text: p.text, category: p.type, tags: [p.slug] },
      })),
    ),
  );
  await importer.importItems(
    'results.jsonl',
    items(
      results.flatMap((r, i) =>
        r.result.trim() === ''
          ? []
          : [
              {
                kind: 'response' as const,
                line: i + 1,
                record: {
                  prompt: { externalId: `llmfao:${r.prompt}` },
                  model: r.name,
                  text: r.result,
                },
              },
            ],
      ),
    ),
  );
  for (const { file, options } of JUDGE_FILES) {
    const parsed = parseCsvTable(
      readSourceLines(path.join(LLMFAO, file)),
      { sourceName: `llmfao/${file}` },
      {
        modelA: 'left',
        modelB: 'right',
        winner: 'winner',
        prompt: 'prompt',
        promptIdPrefix: 'llmfao:',
        ...options,
      },
    );
    await importer.importItems(file, withAnswers(parsed, answers));
  }

  const transcript = parseJudgeTranscript(
    await readFile(path.join(DEMO_DIRECTORY, 'judge-prompt-transcript.txt'), 'utf8'),
  );
  if (transcript) {
    const prompt = {
      externalId: 'demo:arena-hard-transcript',
      text: transcript.prompt,
      category: 'arena-hard',
    };
    await importer.importItems(
      'judge-prompt-transcript.txt',
      items([
        {
          kind: 'response',
          line: 1,
          record: { prompt, model: 'arena-hard-assistant-a', text: transcript.answerA },
        },
        {
          kind: 'response',
          line: 1,
          record: { prompt, model: 'arena-hard-assistant-b', text: transcript.answerB },
        },
      ]),
    );
  }
}

/** The vote files name prompt and models only; the answers they judged are in results.jsonl. */
async function* withAnswers(
  parsed: AsyncIterable<ImportItem>,
  answers: Map<string, string>,
): AsyncGenerator<ImportItem> {
  for await (const item of parsed) {
    if (item.kind === 'verdict') {
      const promptId = item.record.prompt.externalId?.replace(/^llmfao:/, '');
      item.record.responseA = answers.get(`${promptId}:${item.record.modelA}`) ?? null;
      item.record.responseB = answers.get(`${promptId}:${item.record.modelB}`) ?? null;
    }
    yield item;
  }
}

async function* items(list: ImportItem[]): AsyncGenerator<ImportItem> {
  yield* list;
}

async function readJsonLines(file: string): Promise<unknown[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): unknown => JSON.parse(line));
}

const OPTIONS: OptionSpec[] = [
  {
    name: 'load-only',
    kind: 'boolean',
    description: 'Load the data, print the leaderboard and exit.',
  },
  HELP_OPTION,
];

export async function demoCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts demo');
  refusePositionals(parsed, 'demo');
  if (parsed.flag('help')) {
    console.log(
      'Usage: verdicts demo [--load-only]\n\nLoads the LLMFAO demo data (CC BY 4.0) into the database, then serves the API.\n  --load-only  load the data, print the leaderboard and exit',
    );
    return 0;
  }
  const database = await openMigratedDatabase(config, {
    name: 'demo',
    whileServed: 'stop the server',
  });
  const importer = new Importer(database.db);
  console.log(`Loading the LLMFAO demo data into ${describeDatabase(config, database)} …`);
  await loadDemoData(importer);
  const summary = importer.finish();
  if (summary.accepted > 0) await refreshPlannerStatistics(database.db);
  console.log(
    `Loaded ${summary.accepted.toLocaleString('en-US')} new rows (${summary.duplicates.toLocaleString('en-US')} already there, ${summary.rejected.toLocaleString('en-US')} rejected).\n`,
  );
  const board = await computeLeaderboard(database.db, DEMO_SLICE);
  console.log(formatLeaderboard({ ...board, entries: board.entries.slice(0, DEMO_ROWS) }));
  if (board.entries.length > DEMO_ROWS)
    console.log(
      `The top ${DEMO_ROWS} of ${board.entries.length} rated models; \`verdicts leaderboard --judge-kind HUMAN\` prints them all.`,
    );
  console.log(demoSliceNote(await countJudgeKinds(database.db, {})));
  if (parsed.flag('load-only')) {
    await database.close();
    return 0;
  }
  console.log('');
  await serveUntilStopped(database, config, FIRST_QUERY);
  return new Promise<number>(() => undefined);
}
