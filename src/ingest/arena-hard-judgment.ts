/**
 * Arena-Hard-Auto `model_judgment/<judge>/<model>.jsonl` (lmarena/arena-hard-auto
 * `gen_judgment.py`). One row per (question, model), each with the judge's games against the
 * baseline:
 *
 * - v0.1: `{question_id, model, judge, games: [{user_prompt, judgment, score}, …]}`; the
 *   baseline is not written in the row (gpt-4-0314 unless `baseline` says otherwise).
 * - v2.0: `{uid, category, judge, model, baseline, games: [{score, judgment: {answer}, prompt:
 *   [messages]}, …]}`; a game whose judge call failed is `null`.
 *
 * Game 1 shows the baseline as Assistant A and the model as B; game 2 swaps them (the source
 * swaps on every odd game index). `score` is the label as the judge wrote it, from the judge's
 * A/B point of view; when it is null the label is read from the judgment text with Arena-Hard's
 * rule (judgment-label.ts). The judge prompt is a transcript from which the question and both
 * answers are recovered.
 */
import type { OutcomeLabel } from '../domain/outcome-labels';
import { messageText } from './conversation';
import { describeValue, isObject, textField, type JsonObject } from './fields';
import { optionalOption } from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { readJsonObjects } from './json-records';
import { parseJudgmentLabel } from '../domain/judgment-label';
import { provenanceOf, sourceKey } from './source-keys';
import { parseJudgeTranscript } from './transcript';

export interface ArenaHardJudgmentOptions {
  /** Baseline for rows that do not name one (v0.1); default gpt-4-0314. */
  baseline?: string;
  /** Judge for rows that do not name one. */
  judge?: string;
  /** Version of the judge prompt, e.g. `arena-hard-v0.1`; default none. */
  judgeVersion?: string;
}

export const ARENA_HARD_V01_BASELINE = 'gpt-4-0314';
const FORMAT = 'arena-hard';

export const parseArenaHardJudgments: Parser<ArenaHardJudgmentOptions> = async function* (
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: ArenaHardJudgmentOptions = {},
): AsyncGenerator<ImportItem> {
  const defaultBaseline =
    optionalOption(FORMAT, 'baseline', options.baseline) ?? ARENA_HARD_V01_BASELINE;
  const defaultJudge = optionalOption(FORMAT, 'judge', options.judge);
  const judgeVersion = optionalOption(FORMAT, 'judgeVersion', options.judgeVersion) ?? null;

  for await (const record of readJsonObjects(lines)) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const row = record.value;
    yield* rowItems(row, record.line);
  }

  function* rowItems(row: JsonObject, line: number): Generator<ImportItem> {
    const questionId = textField(row, 'question_id') ?? textField(row, 'uid');
    const model = textField(row, 'model');
    const judge = textField(row, 'judge') ?? defaultJudge;
    const baseline = textField(row, 'baseline') ?? defaultBaseline;
    let problem: string | null = null;
    if (questionId === undefined) {
      problem = `expected question_id (v0.1) or uid (v2.0), but got ${describeValue(row.question_id ?? row.uid)}.`;
    } else if (model === undefined) {
      problem = `expected model to name the judged model, but got ${describeValue(row.model)}.`;
    } else if (judge === undefined) {
      problem = `expected judge to name the judge model, but got ${describeValue(row.judge)}.`;
    } else if (!Array.isArray(row.games)) {
      problem = `expected games to be a list of judge games, but got ${describeValue(row.games)}.`;
    } else if (model === baseline) {
      problem = `the judged model and the baseline are the same model ("${model}"); a verdict compares two different models.`;
    }
    if (
      problem !== null ||
      questionId === undefined ||
      model === undefined ||
      judge === undefined
    ) {
      yield { kind: 'error', line, reason: problem ?? 'incomplete row.' };
      return;
    }
    const category = textField(row, 'category') ?? null;

    for (const [index, game] of (row.games as unknown[]).entries()) {
      const number = index + 1;
      if (game === null || game === undefined) {
        yield { kind: 'skipped', line, reason: `game ${number} is null (the judge call failed).` };
        continue;
      }
      if (!isObject(game)) {
        yield {
          kind: 'error',
          line,
          reason: `game ${number}: expected an object, but got ${describeValue(game)}.`,
        };
        continue;
      }
      const judgment = judgmentText(game.judgment);
      const label = labelOf(game.score, judgment);
      if (typeof label === 'string') {
        yield { kind: 'error', line, reason: `game ${number}: ${label}` };
        continue;
      }
      const transcriptText = userPrompt(game);
      const transcript = transcriptText === undefined ? null : parseJudgeTranscript(transcriptText);
      // The source swaps positions on every odd game index (gen_judgment.py `game % 2 == 1`).
      const swapped = index % 2 === 1;
      yield {
        kind: 'verdict',
        line,
        record: {
          judge: judge,
          judgeKind: 'LLM',
          judgeVersion,
          prompt: { externalId: questionId, text: transcript?.prompt ?? null, category },
          modelA: swapped ? model : baseline,
          modelB: swapped ? baseline : model,
          responseA: transcript?.answerA ?? null,
          responseB: transcript?.answerB ?? null,
          outcome: label.label,
          judgment: judgment ?? null,
          shownFirst: 'A',
          idempotencyKey: sourceKey(
            'arena-hard',
            judge,
            questionId,
            model,
            baseline,
            `game${number}`,
          ),
          provenance: provenanceOf(context),
        },
      };
    }
  }
};

/** v0.1 stores the judge's reply as a string, v2.0 as `{answer, …}`. */
function judgmentText(judgment: unknown): string | undefined {
  if (typeof judgment === 'string') return judgment === '' ? undefined : judgment;
  if (isObject(judgment) && typeof judgment.answer === 'string') return judgment.answer;
  return undefined;
}

/** The label, or an error message (a plain string) when there is none to be had. */
function labelOf(score: unknown, judgment: string | undefined): { label: OutcomeLabel } | string {
  if (typeof score === 'string' && score.trim() !== '') {
    const parsed = parseJudgmentLabel(`[[${score.trim()}]]`);
    if (parsed.kind === 'label') return { label: parsed.label };
    return `unknown score ${describeValue(score)}; expected one of A>>B, A>B, A=B, B>A, B>>A.`;
  }
  if (score !== null && score !== undefined && score !== '') {
    return `expected score to be a label like "A>B" or null, but got ${describeValue(score)}.`;
  }
  if (judgment === undefined)
    return 'score is null and there is no judgment text to read a label from.';
  const parsed = parseJudgmentLabel(judgment);
  if (parsed.kind === 'label') return { label: parsed.label };
  if (parsed.kind === 'ambiguous') {
    return `score is null and the judgment holds several different labels (${parsed.candidates.join(', ')}).`;
  }
  return 'score is null and the judgment holds no verdict label like [[A>B]].';
}

/** v0.1 `user_prompt` (a string, or `[text, images]`); v2.0 the user message of `prompt`. */
function userPrompt(game: JsonObject): string | undefined {
  const direct = messageText(game.user_prompt);
  if (direct !== undefined) return direct;
  if (Array.isArray(game.prompt)) {
    for (const message of game.prompt) {
      if (isObject(message) && message.role === 'user') return messageText(message.content);
    }
  }
  return undefined;
}
