/**
 * AlpacaEval `results/<model>/<annotator>/annotations.json`: a JSON array of `{instruction,
 * output_1, generator_1, output_2, generator_2, annotator, preference, …}` (tatsu-lab/alpaca_eval).
 * generator_1 (the baseline) is model A, generator_2 model B.
 *
 * `preference` (AlpacaEval's convention): 1 = output_1 better, 2 = output_2 better, 1.5 = draw
 * (0 is a legacy draw), null/NaN = no valid annotation (skipped). Weighted annotators write a
 * continuous 1 + P(output_2 better), kept as preferenceA = 2 − preference with no label, so the
 * store derives it. AlpacaEval shows the two outputs to its judge in random order, so which one
 * came first is unknown.
 *
 * Every model's file is called `annotations.json`, so a key from the file name and line would
 * collide across models; the key is (annotator, generator_1, generator_2, instruction) instead:
 * AlpacaEval annotates each instruction once per pair.
 */
import type { OutcomeLabel } from '../domain/outcome-labels';
import { describeValue, numberValue, rawText, textField, truncate } from './fields';
import { optionalOption } from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { readJsonObjects } from './json-records';
import { provenanceOf, shortHash, sourceKey } from './source-keys';

export interface AlpacaEvalOptions {
  /** Judge for rows without `annotator`, or for all rows when `overrideJudge` is set. */
  judge?: string;
  overrideJudge?: boolean;
  /** Prefix of prompt ids taken from `idx` / `instruction_id`; default `alpaca-eval:`. */
  promptIdPrefix?: string;
}

const FORMAT = 'alpaca-eval';

export const parseAlpacaEval: Parser<AlpacaEvalOptions> = async function* (
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: AlpacaEvalOptions = {},
): AsyncGenerator<ImportItem> {
  const judgeOption = optionalOption(FORMAT, 'judge', options.judge);
  const prefix = options.promptIdPrefix ?? 'alpaca-eval:';
  /** Repeats of one key within this file, so duplicated rows stay distinct and stable. */
  const seen = new Map<string, number>();

  for await (const record of readJsonObjects(lines)) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const row = record.value;
    const line = record.line;
    const instruction = rawText(row.instruction);
    const modelA = textField(row, 'generator_1');
    const modelB = textField(row, 'generator_2');
    const judge = options.overrideJudge
      ? judgeOption
      : (textField(row, 'annotator') ?? judgeOption);
    const instructionId = textField(row, 'instruction_id') ?? textField(row, 'idx');
    let problem: string | null = null;
    if (instruction === undefined && instructionId === undefined) {
      problem = `expected instruction to hold the prompt text, but got ${describeValue(row.instruction)}.`;
    } else if (modelA === undefined) {
      problem = `expected generator_1 to name a model, but got ${describeValue(row.generator_1)}.`;
    } else if (modelB === undefined) {
      problem = `expected generator_2 to name a model, but got ${describeValue(row.generator_2)}.`;
    } else if (modelA === modelB) {
      problem = `generator_1 and generator_2 are the same model ("${truncate(modelA)}"); a verdict compares two different models.`;
    } else if (judge === undefined) {
      problem = `expected annotator to name the judge (or the judge option), but got ${describeValue(row.annotator)}.`;
    }
    if (problem !== null || modelA === undefined || modelB === undefined || judge === undefined) {
      yield { kind: 'error', line, reason: problem ?? 'incomplete row.' };
      continue;
    }

    const preference = preferenceOf(row.preference);
    if (preference === 'missing') {
      yield {
        kind: 'skipped',
        line,
        reason: 'preference is null: the annotator gave no valid annotation.',
      };
      continue;
    }
    if (preference === 'invalid') {
      yield {
        kind: 'error',
        line,
        reason: `expected preference 1, 2, 1.5 (or 0 for a draw) or a value between 1 and 2, but got ${describeValue(row.preference)}.`,
      };
      continue;
    }

    const baseKey = sourceKey(
      'alpaca-eval',
      judge,
      modelA,
      modelB,
      instructionId ?? shortHash(instruction ?? ''),
    );
    const repeat = seen.get(baseKey) ?? 0;
    seen.set(baseKey, repeat + 1);
    yield {
      kind: 'verdict',
      line,
      record: {
        judge: judge,
        judgeKind: 'LLM',
        prompt: {
          externalId: instructionId === undefined ? null : `${prefix}${instructionId}`,
          text: instruction ?? null,
          tags:
            typeof row.dataset === 'string' && row.dataset !== '' ? [`dataset:${row.dataset}`] : [],
        },
        modelA: modelA,
        modelB: modelB,
        responseA: rawText(row.output_1) ?? null,
        responseB: rawText(row.output_2) ?? null,
        outcome: preference.outcome,
        preferenceA: preference.preferenceA,
        shownFirst: null,
        idempotencyKey: repeat === 0 ? baseKey : sourceKey(baseKey, `${repeat + 1}`),
        provenance: provenanceOf(context),
      },
    };
  }
};

type Preference = { outcome: OutcomeLabel | null; preferenceA: number } | 'missing' | 'invalid';

function preferenceOf(value: unknown): Preference {
  if (value === null || value === undefined || value === '') return 'missing';
  const preference = numberValue(value);
  if (preference === undefined)
    return typeof value === 'string' && /^\s*nan\s*$/i.test(value) ? 'missing' : 'invalid';
  if (preference === 1) return { outcome: 'A>B', preferenceA: 1 };
  if (preference === 2) return { outcome: 'B>A', preferenceA: 0 };
  if (preference === 1.5 || preference === 0) return { outcome: 'A=B', preferenceA: 0.5 };
  if (preference > 1 && preference < 2) return { outcome: null, preferenceA: 2 - preference };
  return 'invalid';
}
