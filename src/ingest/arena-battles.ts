/**
 * Chatbot Arena battles (FastChat `clean_battle_data.py`: one pretty-printed JSON array) or the
 * same records as JSON lines; the layout is detected from the first character. Fields:
 * `model_a, model_b, winner` (model_a | model_b | tie | tie (bothbad)) and optionally `judge,
 * tstamp, language, question_id, turn, anony, conversation_a/b, conv_metadata`. Arena-Hard's
 * `arena_hard_battles.jsonl` (`{question_id, model_a, model_b, winner}`) is the same format.
 *
 * The source has no battle id, and Arena-Hard writes a strong verdict as three identical rows,
 * so each verdict's key is its file and line. Files written in FastChat's "simple" mode drop
 * `question_id` and the conversations; such a battle gets a prompt of its own, keyed like the
 * verdict, since the prompt is unknown but was not shared with other battles.
 */
import type { OutcomeLabel } from '../domain/outcome-labels';
import type { JudgeKindName, VerdictRecord } from '../domain/verdict-record';
import { turnsOf } from './conversation';
import {
  countValue,
  describeValue,
  isObject,
  textField,
  timestampValue,
  truncate,
  type JsonObject,
} from './fields';
import { judgeKindOption, optionalOption } from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { batchedOf } from '../domain/batches';
import { readJsonObjects } from './json-records';
import { lineKey, provenanceOf } from './source-keys';

export interface ArenaBattleOptions {
  /** Judge for every battle, instead of the row's `judge` (default `arena-humans`). */
  judge?: string;
  /** Default HUMAN: an Arena `judge` value is a voter's id. */
  judgeKind?: JudgeKindName;
  judgeVersion?: string;
}

export const ARENA_DEFAULT_JUDGE = 'arena-humans';

/** Chatbot Arena's `winner` values; MT-Bench's human judgments use them too. */
export const ARENA_WINNERS: Readonly<Record<string, OutcomeLabel>> = {
  model_a: 'A>B',
  model_b: 'B>A',
  tie: 'A=B',
  'tie (bothbad)': 'BOTH_BAD',
};

const FORMAT = 'arena-battles';

export const parseArenaBattles: Parser<ArenaBattleOptions> = (lines, context, options = {}) =>
  batchedOf(arenaBattleBatches(lines, context, options));

/** One batch of items per batch of records: no async step per row (README, "Ingestion"). */
async function* arenaBattleBatches(
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: ArenaBattleOptions,
): AsyncGenerator<readonly ImportItem[]> {
  const judgeOverride = optionalOption(FORMAT, 'judge', options.judge);
  const judgeKind = judgeKindOption(FORMAT, options.judgeKind) ?? 'HUMAN';
  const judgeVersion = optionalOption(FORMAT, 'judgeVersion', options.judgeVersion) ?? null;
  const provenance = provenanceOf(context);

  for await (const records of readJsonObjects(lines).batches()) {
    yield records.map((record): ImportItem => {
      if (record.kind === 'error') return record;
      const row = record.value;
      const key = lineKey(context, record.line, record.indexInLine);
      const battle = readBattle(row, key);
      if (typeof battle === 'string') return { kind: 'error', line: record.line, reason: battle };
      battle.judge = judgeOverride ?? textField(row, 'judge') ?? ARENA_DEFAULT_JUDGE;
      battle.judgeKind = judgeKind;
      battle.judgeVersion = judgeVersion;
      battle.shownFirst = shownFirstOf(row);
      battle.idempotencyKey = key;
      battle.provenance = provenance;
      return { kind: 'verdict', line: record.line, record: battle };
    });
  }
}

/**
 * A Chatbot Arena battle record (it has the vote's time or the conversations) is of a battle the
 * voter saw with model A on the left, so A was shown first. A row with neither, like Arena-Hard's
 * battle file (games re-oriented to the baseline as model A), does not say what the judge saw.
 */
function shownFirstOf(row: JsonObject): 'A' | null {
  return row.tstamp !== undefined || row.conversation_a !== undefined ? 'A' : null;
}

/**
 * The verdict of one battle, its judge and key still to be filled in (one object per row, not a
 * copy per step), or why it cannot be one.
 */
function readBattle(row: JsonObject, fallbackPromptId: string): VerdictRecord | string {
  const modelA = textField(row, 'model_a');
  const modelB = textField(row, 'model_b');
  if (modelA === undefined)
    return `expected model_a to name a model, but got ${describeValue(row.model_a)}.`;
  if (modelB === undefined)
    return `expected model_b to name a model, but got ${describeValue(row.model_b)}.`;
  const winner = typeof row.winner === 'string' ? row.winner.trim() : undefined;
  const outcome = winner === undefined ? undefined : ARENA_WINNERS[winner];
  if (outcome === undefined) {
    return `unknown winner ${describeValue(row.winner)}; expected one of ${Object.keys(ARENA_WINNERS).join(', ')}.`;
  }
  if (modelA === modelB) {
    return `self-battle: model_a and model_b are the same model ("${truncate(modelA)}"); a verdict compares two different models.`;
  }
  const createdAt = timestampValue(row.tstamp);
  if (createdAt === null)
    return `expected tstamp in seconds since 1970, but got ${describeValue(row.tstamp)}.`;

  const answersA = turnsOf(row.conversation_a, 'assistant');
  const answersB = turnsOf(row.conversation_b, 'assistant');
  const questionId = textField(row, 'question_id');
  const promptText =
    turnsOf(row.conversation_a, 'user')[0] ?? turnsOf(row.conversation_b, 'user')[0];
  const language = textField(row, 'language');
  const metadata = isObject(row.conv_metadata) ? row.conv_metadata : {};
  return {
    prompt: {
      externalId: questionId ?? (promptText === undefined ? fallbackPromptId : null),
      text: promptText ?? null,
      tags: language === undefined ? [] : [`lang:${language}`],
    },
    modelA,
    modelB,
    outcome,
    responseA: answersA[answersA.length - 1] ?? null,
    responseB: answersB[answersB.length - 1] ?? null,
    // conv_metadata sums all turns; it is the response's count only for a one-turn battle.
    responseATokens:
      answersA.length === 1 ? (countValue(metadata.sum_assistant_a_tokens) ?? null) : null,
    responseBTokens:
      answersB.length === 1 ? (countValue(metadata.sum_assistant_b_tokens) ?? null) : null,
    createdAt: createdAt ?? null,
    judge: '',
  };
}
