/**
 * Arena-Hard-Auto `model_answer/<model>.jsonl`: one model's answers, stored as responses to
 * prompts identified by external id.
 *
 * - v0.1 (`gen_answer.py`): `{question_id, answer_id, model_id, choices: [{index, turns:
 *   [{content, token_len?}]}], tstamp, conv_metadata?: {token_len, …}}`. The first choice's first
 *   turn is the answer; its token count is `token_len` of the turn, else of `conv_metadata`.
 * - v2.0 (`src/arenahard/gen_answer.py`): `{uid, ans_id, model, messages: [{role, content}],
 *   tstamp, metadata: {token_len, …}}`; the last assistant message is the answer and its
 *   content is `{answer}` (a plain string is accepted too).
 */
import { messageText, turnsOf } from './conversation';
import { countValue, describeValue, isObject, textField, type JsonObject } from './fields';
import { optionalOption } from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { readJsonObjects } from './json-records';

export interface ArenaHardAnswerOptions {
  /** Model name to use instead of the row's `model_id` / `model`. */
  model?: string;
}

export const parseArenaHardAnswers: Parser<ArenaHardAnswerOptions> = async function* (
  lines: AsyncIterable<SourceLine>,
  _context: ParseContext,
  options: ArenaHardAnswerOptions = {},
): AsyncGenerator<ImportItem> {
  const modelOverride = optionalOption('arena-hard-answers', 'model', options.model);
  for await (const record of readJsonObjects(lines)) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const row = record.value;
    const externalId = textField(row, 'question_id') ?? textField(row, 'uid');
    const model = modelOverride ?? textField(row, 'model_id') ?? textField(row, 'model');
    if (externalId === undefined) {
      yield {
        kind: 'error',
        line: record.line,
        reason: `expected question_id (v0.1) or uid (v2.0), but got ${describeValue(row.question_id ?? row.uid)}.`,
      };
      continue;
    }
    if (model === undefined) {
      yield {
        kind: 'error',
        line: record.line,
        reason: `expected model_id (v0.1) or model (v2.0), but got ${describeValue(row.model_id ?? row.model)}.`,
      };
      continue;
    }
    const answer = Array.isArray(row.choices) ? fromChoices(row) : fromMessages(row);
    if (answer === undefined) {
      yield {
        kind: 'error',
        line: record.line,
        reason:
          'expected the answer in choices[0].turns[0].content (v0.1) or in the last assistant message (v2.0), but found none.',
      };
      continue;
    }
    yield {
      kind: 'response',
      line: record.line,
      record: {
        prompt: { externalId, text: answer.promptText ?? null },
        model,
        text: answer.text,
        tokens: answer.tokens ?? null,
      },
    };
  }
};

interface Answer {
  text: string;
  tokens?: number;
  promptText?: string;
}

function fromChoices(row: JsonObject): Answer | undefined {
  const choice = (row.choices as unknown[])[0];
  if (!isObject(choice) || !Array.isArray(choice.turns) || !isObject(choice.turns[0]))
    return undefined;
  const turn = choice.turns[0];
  const text = messageText(turn.content);
  if (text === undefined || text === '') return undefined;
  const metadata = isObject(row.conv_metadata) ? row.conv_metadata : {};
  // conv_metadata counts the whole answer, which is this turn only when there is one turn.
  const tokens =
    countValue(turn.token_len) ??
    (choice.turns.length === 1 ? countValue(metadata.token_len) : undefined);
  return { text, tokens };
}

function fromMessages(row: JsonObject): Answer | undefined {
  const answers = turnsOf(row.messages, 'assistant');
  const text = answers[answers.length - 1];
  if (text === undefined || text === '') return undefined;
  const metadata = isObject(row.metadata) ? row.metadata : {};
  return {
    text,
    tokens: countValue(metadata.token_len),
    promptText: turnsOf(row.messages, 'user')[0],
  };
}
