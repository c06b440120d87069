/**
 * Arena-Hard-Auto `question.jsonl`, so prompts and their categories can be stored before (or
 * after) the verdicts that point at them by external id.
 *
 * - v0.1: `{question_id, category, cluster, turns: [{content}]}`; the cluster becomes the tag
 *   `cluster:<cluster>`. Only the first turn is the prompt text (every v0.1 question has one).
 * - v2.0: `{uid, category, subcategory?, prompt}`; a subcategory becomes `subcategory:<x>`.
 */
import { messageText } from './conversation';
import { describeValue, isObject, textField } from './fields';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { readJsonObjects } from './json-records';

export type ArenaHardQuestionOptions = Record<string, never>;

export const parseArenaHardQuestions: Parser<ArenaHardQuestionOptions> = async function* (
  lines: AsyncIterable<SourceLine>,
  _context: ParseContext,
): AsyncGenerator<ImportItem> {
  for await (const record of readJsonObjects(lines)) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const row = record.value;
    const externalId = textField(row, 'question_id') ?? textField(row, 'uid');
    if (externalId === undefined) {
      yield {
        kind: 'error',
        line: record.line,
        reason: `expected question_id (v0.1) or uid (v2.0), but got ${describeValue(row.question_id ?? row.uid)}.`,
      };
      continue;
    }
    const firstTurn =
      Array.isArray(row.turns) && isObject(row.turns[0])
        ? messageText(row.turns[0].content)
        : undefined;
    const text = firstTurn ?? messageText(row.prompt);
    if (text === undefined || text === '') {
      yield {
        kind: 'error',
        line: record.line,
        reason:
          'expected the question text in turns[0].content (v0.1) or prompt (v2.0), but found none.',
      };
      continue;
    }
    const tags: string[] = [];
    const cluster = textField(row, 'cluster');
    if (cluster !== undefined) tags.push(`cluster:${cluster}`);
    const subcategory = textField(row, 'subcategory');
    if (subcategory !== undefined) tags.push(`subcategory:${subcategory}`);
    yield {
      kind: 'prompt',
      line: record.line,
      record: { externalId, text, category: textField(row, 'category') ?? null, tags },
    };
  }
};
