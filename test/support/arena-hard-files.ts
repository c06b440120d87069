/**
 * The official Arena-Hard-Auto v0.1 files of the shared public-data store (its README gives the
 * sources and licence), imported as the CLI imports them: the battle file (2,658 battles, no
 * answer text), the 500 questions and three models' answers.
 */
import path from 'node:path';
import { present } from '../../src/domain/invariant';
import { findFormat } from '../../src/ingest/formats';
import { readSourceLines } from '../../src/ingest/read-lines';
import { Importer, type ImportSummary } from '../../src/services/importer';
import type { TestServer } from './test-server';

/** Override with VERDICTS_SHARED_DATA. */
export const SHARED_DATA = process.env.VERDICTS_SHARED_DATA ?? '/work/shared/data';
export const ARENA_HARD = path.join(SHARED_DATA, 'arena_hard_auto');
export const BATTLES = path.join(ARENA_HARD, 'battles_official_judgments_2models.jsonl');
export const ANSWER_MODELS = ['gpt-4-0314', 'gpt-4-0613', 'gpt-3.5-turbo-0125'];
export const ARENA_HARD_JUDGE = 'gpt-4-1106-preview';

export async function importFile(
  server: TestServer,
  format: string,
  file: string,
  options: Record<string, unknown> = {},
): Promise<ImportSummary> {
  const parser = present(findFormat(format), `format ${format}`);
  const importer = new Importer(server.database.db);
  const name = path.basename(file);
  await importer.importItems(
    name,
    parser.parse(readSourceLines(file, { name }), { sourceName: name }, options),
  );
  return importer.finish();
}

/** `import arena-hard-questions question.jsonl`, then `import arena-hard-answers` per model. */
export async function importQuestionsAndAnswers(server: TestServer): Promise<ImportSummary[]> {
  const summaries = [
    await importFile(server, 'arena-hard-questions', path.join(ARENA_HARD, 'question.jsonl')),
  ];
  for (const model of ANSWER_MODELS)
    summaries.push(
      await importFile(
        server,
        'arena-hard-answers',
        path.join(ARENA_HARD, 'model_answer', `${model}.jsonl.gz`),
      ),
    );
  return summaries;
}

/** `import arena-battles battles_official_judgments_2models.jsonl --judge … --judge-kind LLM`. */
export function importBattles(server: TestServer): Promise<ImportSummary> {
  return importFile(server, 'arena-battles', BATTLES, {
    judge: ARENA_HARD_JUDGE,
    judgeKind: 'LLM',
  });
}
