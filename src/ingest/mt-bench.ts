/**
 * MT-Bench pairwise judgments, in either layout FastChat's llm_judge publishes:
 *
 * - `model_judgment/gpt-4_pair.jsonl` (`gen_judgment.py --mode pairwise-all`): `{question_id,
 *   model_1, model_2, g1_winner, g2_winner, judge: [judge model, prompt name], g1_user_prompt,
 *   g1_judgment, g2_user_prompt, g2_judgment, turn, tstamp}`. Game 1 shows model_1 as Assistant
 *   A, game 2 swaps them; winners are model_1 | model_2 | tie | error, and an `error` game
 *   (no `[[A]]`/`[[B]]`/`[[C]]` in the judgment) is skipped. Two verdicts per row, keyed by
 *   the row's own ids.
 * - the human-judgment release (`mt_bench_human_judgments`): `{question_id, model_a, model_b,
 *   winner, judge: "expert_3" | [model, prompt], turn, conversation_a, conversation_b}`, with
 *   Chatbot Arena winners plus `tie (inconsistent)`. One verdict per row, keyed by position.
 *
 * MT-Bench numbers its 80 questions 81–160, ids that other benchmarks reuse, so prompt ids get
 * the prefix `mt-bench:`. A second-turn verdict judges a different exchange than the first, so
 * it points at its own prompt `mt-bench:<id>:turn2`; both carry a `turn:<n>` tag.
 */
import type { OutcomeLabel } from '../domain/outcome-labels';
import type { JudgeKindName, PromptRecord } from '../domain/verdict-record';
import { ARENA_WINNERS } from './arena-battles';
import { turnsOf } from './conversation';
import {
  countValue,
  describeValue,
  rawText,
  textField,
  timestampValue,
  truncate,
  type JsonObject,
} from './fields';
import { judgeKindOption } from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { readJsonObjects } from './json-records';
import { lineKey, provenanceOf, sourceKey } from './source-keys';
import { parseJudgeTranscript } from './transcript';

export interface MtBenchOptions {
  /** Prefix of prompt external ids; default `mt-bench:`. */
  promptIdPrefix?: string;
  /** Kind of a judge given as a plain string (human layout); default HUMAN. */
  judgeKind?: JudgeKindName;
}

const FORMAT = 'mt-bench';
const GAME_WINNERS = ['model_1', 'model_2', 'tie', 'error'] as const;
const HUMAN_WINNERS: Readonly<Record<string, OutcomeLabel>> = {
  ...ARENA_WINNERS,
  'tie (inconsistent)': 'A=B',
};

export const parseMtBench: Parser<MtBenchOptions> = async function* (
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: MtBenchOptions = {},
): AsyncGenerator<ImportItem> {
  const prefix = options.promptIdPrefix ?? 'mt-bench:';
  const plainJudgeKind = judgeKindOption(FORMAT, options.judgeKind) ?? 'HUMAN';

  for await (const record of readJsonObjects(lines)) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const row = record.value;
    if ('model_1' in row || 'g1_winner' in row) yield* pairwiseItems(row, record.line);
    else yield* humanItems(row, record.line, record.indexInLine);
  }

  function* pairwiseItems(row: JsonObject, line: number): Generator<ImportItem> {
    const common = commonFields(
      textField(row, 'question_id') ?? textField(row, 'id'),
      textField(row, 'model_1'),
      textField(row, 'model_2'),
      judgeOf(row.judge, 'LLM'),
      turnOf(row.turn),
      row,
      'model_1',
      'model_2',
    );
    if (typeof common === 'string') {
      yield { kind: 'error', line, reason: common };
      return;
    }
    const { questionId, modelA: model1, modelB: model2, judge, turn } = common;
    const createdAt = timestampValue(row.tstamp);
    for (const game of [1, 2] as const) {
      const winner = row[`g${game}_winner`];
      if (winner === 'error') {
        yield {
          kind: 'skipped',
          line,
          reason: `game ${game}: the judge gave no verdict (winner "error").`,
        };
        continue;
      }
      if (typeof winner !== 'string' || !(GAME_WINNERS as readonly string[]).includes(winner)) {
        yield {
          kind: 'error',
          line,
          reason: `game ${game}: unknown winner ${describeValue(winner)}; expected one of ${GAME_WINNERS.join(', ')}.`,
        };
        continue;
      }
      // Game 2 shows model_2 as Assistant A.
      const [modelA, modelB] = game === 1 ? [model1, model2] : [model2, model1];
      const outcome: OutcomeLabel =
        winner === 'tie' ? 'A=B' : winner === (game === 1 ? 'model_1' : 'model_2') ? 'A>B' : 'B>A';
      const userPrompt = rawText(row[`g${game}_user_prompt`]);
      const transcript = userPrompt === undefined ? null : parseJudgeTranscript(userPrompt);
      yield {
        kind: 'verdict',
        line,
        record: {
          judge: judge.name,
          judgeKind: judge.kind,
          judgeVersion: judge.version,
          prompt: promptOf(questionId, turn, transcript?.prompt),
          modelA,
          modelB,
          responseA: transcript?.answerA ?? null,
          responseB: transcript?.answerB ?? null,
          outcome,
          judgment: rawText(row[`g${game}_judgment`]) ?? null,
          shownFirst: 'A',
          createdAt: createdAt ?? null,
          idempotencyKey: sourceKey(
            'mt-bench',
            judge.name,
            judge.version ?? '',
            questionId,
            model1,
            model2,
            `turn${turn}`,
            `game${game}`,
          ),
          provenance: provenanceOf(context),
        },
      };
    }
  }

  function* humanItems(row: JsonObject, line: number, indexInLine: number): Generator<ImportItem> {
    const common = commonFields(
      textField(row, 'question_id'),
      textField(row, 'model_a'),
      textField(row, 'model_b'),
      judgeOf(row.judge, plainJudgeKind),
      turnOf(row.turn),
      row,
      'model_a',
      'model_b',
    );
    if (typeof common === 'string') {
      yield { kind: 'error', line, reason: common };
      return;
    }
    const { questionId, modelA, modelB, judge, turn } = common;
    const winner = typeof row.winner === 'string' ? row.winner.trim() : '';
    const outcome = HUMAN_WINNERS[winner];
    if (outcome === undefined) {
      yield {
        kind: 'error',
        line,
        reason: `unknown winner ${describeValue(row.winner)}; expected one of ${Object.keys(HUMAN_WINNERS).join(', ')}.`,
      };
      return;
    }
    const createdAt = timestampValue(row.tstamp);
    yield {
      kind: 'verdict',
      line,
      record: {
        judge: judge.name,
        judgeKind: judge.kind,
        judgeVersion: judge.version,
        prompt: promptOf(questionId, turn, turnsOf(row.conversation_a, 'user')[turn - 1]),
        modelA: modelA,
        modelB: modelB,
        responseA: turnsOf(row.conversation_a, 'assistant')[turn - 1] ?? null,
        responseB: turnsOf(row.conversation_b, 'assistant')[turn - 1] ?? null,
        outcome,
        shownFirst: 'A',
        createdAt: createdAt ?? null,
        idempotencyKey: lineKey(context, line, indexInLine),
        provenance: provenanceOf(context),
      },
    };
  }

  function promptOf(questionId: string, turn: number, text: string | undefined): PromptRecord {
    return {
      externalId: turn === 1 ? `${prefix}${questionId}` : `${prefix}${questionId}:turn${turn}`,
      text: text ?? null,
      tags: [`turn:${turn}`],
    };
  }
};

interface JudgeName {
  name: string;
  version: string | null;
  kind: JudgeKindName;
}

/** `[model, prompt name]` is an LLM judge with its prompt version; a string is a judge's name. */
function judgeOf(judge: unknown, plainKind: JudgeKindName): JudgeName | undefined {
  if (Array.isArray(judge) && typeof judge[0] === 'string' && judge[0].trim() !== '') {
    return {
      name: judge[0].trim(),
      version: typeof judge[1] === 'string' && judge[1].trim() !== '' ? judge[1].trim() : null,
      kind: 'LLM',
    };
  }
  if (typeof judge === 'string' && judge.trim() !== '')
    return { name: judge.trim(), version: null, kind: plainKind };
  return undefined;
}

function turnOf(turn: unknown): number | undefined {
  if (turn === undefined || turn === null) return 1;
  const number = countValue(turn);
  return number !== undefined && number >= 1 ? number : undefined;
}

interface CommonFields {
  questionId: string;
  modelA: string;
  modelB: string;
  judge: JudgeName;
  turn: number;
}

/** The fields both layouts need, checked; a string says what was wrong. */
function commonFields(
  questionId: string | undefined,
  modelA: string | undefined,
  modelB: string | undefined,
  judge: JudgeName | undefined,
  turn: number | undefined,
  row: JsonObject,
  fieldA: string,
  fieldB: string,
): CommonFields | string {
  if (questionId === undefined)
    return `expected question_id, but got ${describeValue(row.question_id)}.`;
  if (modelA === undefined)
    return `expected ${fieldA} to name a model, but got ${describeValue(row[fieldA])}.`;
  if (modelB === undefined)
    return `expected ${fieldB} to name a model, but got ${describeValue(row[fieldB])}.`;
  if (modelA === modelB)
    return `${fieldA} and ${fieldB} are the same model ("${truncate(modelA)}"); a verdict compares two different models.`;
  if (judge === undefined)
    return `expected judge to be a name or [judge model, prompt name], but got ${describeValue(row.judge)}.`;
  if (turn === undefined)
    return `expected turn to be 1 or more, but got ${describeValue(row.turn)}.`;
  if (timestampValue(row.tstamp) === null)
    return `expected tstamp in seconds since 1970, but got ${describeValue(row.tstamp)}.`;
  return { questionId, modelA, modelB, judge, turn };
}
