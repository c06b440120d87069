/**
 * Verdicts from any table whose columns the caller names: CSV (`csv`) or JSON lines (`jsonl`).
 * Enough for LLMFAO's `crowd-comparisons.csv` (`left,right,winner,worker`; winner left | right |
 * tie) and Copilot Arena's `model_a,model_b,acceptedIndex` (0.0 → A, 1.0 → B):
 *
 *   { modelA: 'left', modelB: 'right', winner: 'winner', judge: 'worker', judgeName: 'llmfao-crowd' }
 *   { modelA: 'model_a', modelB: 'model_b', winner: 'acceptedIndex', winnerMap: { '0': 'A', '1': 'B' } }
 *
 * A winner value is looked up as written, then ignoring case, then as a number (`0.0` = `0`).
 * Without a `prompt` or `promptText` column each row gets a prompt of its own, keyed like the
 * verdict: the prompt is unknown, but it was not shared with other rows.
 */
import { isOutcomeLabel, type OutcomeLabel } from '../domain/outcome-labels';
import type { JudgeKindName, PromptRecord, VerdictRecord } from '../domain/verdict-record';
import { readCsvObjects } from './csv';
import { isObject, timestampValue, truncate, type JsonObject } from './fields';
import {
  ImportOptionsError,
  judgeKindOption,
  optionalOption,
  requiredOption,
} from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser } from './parser';
import { readJsonRecords } from './json-records';
import { lineKey, provenanceOf, sourceKey } from './source-keys';

/** An outcome label, or shorthand: `A` (A won), `B`, `tie` (A=B), `bothbad` (BOTH_BAD). */
export type WinnerMeaning = OutcomeLabel | 'A' | 'B' | 'tie' | 'bothbad';

export interface GenericTableOptions {
  /** Column naming model A (shown first / on the left). */
  modelA: string;
  modelB: string;
  /** Column holding the winner, read through `winnerMap`. */
  winner: string;
  /** Winner value → meaning; default: the labels, A/B/tie/bothbad, model_a/model_b/tie (bothbad), left/right. */
  winnerMap?: Record<string, WinnerMeaning>;
  /** Column naming the judge (a person or model). */
  judge?: string;
  /** The judge's name when there is no judge column; with one, a prefix: `<judgeName>:<value>`. */
  judgeName?: string;
  judgeKind?: JudgeKindName;
  judgeVersion?: string;
  /** Column with the prompt's external id, and a prefix for it (ids like `8` are not unique across data sets). */
  prompt?: string;
  promptIdPrefix?: string;
  promptText?: string;
  category?: string;
  /** Column with a unique row id, used for the idempotency key instead of the line. */
  id?: string;
  /** Column with Unix seconds or an ISO 8601 date-time. */
  createdAt?: string;
  responseA?: string;
  responseB?: string;
  judgment?: string;
  /**
   * Column saying which answer was shown first: `A`/`B` (any case), `model_a`/`model_b`, or the
   * shown model's name. Without it the order is stored as unknown: a table's column order is
   * no evidence of what the judge saw first.
   */
  shownFirst?: string;
  /** CSV only: one character, default `,`. */
  delimiter?: string;
}

export const DEFAULT_WINNER_MAP: Readonly<Record<string, WinnerMeaning>> = {
  'A>>B': 'A>>B',
  'A>B': 'A>B',
  'A=B': 'A=B',
  'B>A': 'B>A',
  'B>>A': 'B>>A',
  BOTH_BAD: 'BOTH_BAD',
  A: 'A',
  B: 'B',
  tie: 'tie',
  bothbad: 'bothbad',
  model_a: 'A',
  model_b: 'B',
  'tie (bothbad)': 'bothbad',
  left: 'A',
  right: 'B',
};

type Row = { line: number; indexInLine: number; get: (column: string) => string | undefined };

export const parseCsvTable: Parser<GenericTableOptions> = async function* (
  lines,
  context,
  options,
) {
  const table = compile('csv', options);
  let checkedHeader = false;
  for await (const record of readCsvObjects(lines, { delimiter: options.delimiter })) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    if (!checkedHeader) {
      checkedHeader = true;
      const missing = table.columns.filter((column) => !(column in record.values));
      if (missing.length > 0) {
        const known = Object.keys(record.values).map((name) => truncate(name, 30));
        yield {
          kind: 'error',
          line: 1,
          reason: `the header has no column ${missing.map((name) => `"${truncate(name)}"`).join(', ')}; its columns are ${known.slice(0, 20).join(', ')}.`,
        };
        return;
      }
    }
    const values = record.values;
    yield table.itemOf(
      {
        line: record.line,
        indexInLine: 0,
        get: (column) => (values[column] === '' ? undefined : values[column]),
      },
      context,
    );
  }
};

export const parseJsonlTable: Parser<GenericTableOptions> = async function* (
  lines,
  context,
  options,
) {
  const table = compile('jsonl', options);
  for await (const record of readJsonRecords(lines)) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const value = record.value;
    if (!isObject(value)) {
      yield { kind: 'error', line: record.line, reason: 'expected a JSON object per record.' };
      continue;
    }
    yield table.itemOf(
      {
        line: record.line,
        indexInLine: record.indexInLine,
        get: (column) => cellText(value, column),
      },
      context,
    );
  }
};

/** A JSON value as table text; `a.b` reaches into nested objects when there is no key `a.b`. */
function cellText(row: JsonObject, column: string): string | undefined {
  let value: unknown = row[column];
  if (value === undefined && column.includes('.')) {
    value = column
      .split('.')
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), row);
  }
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

interface CompiledTable {
  columns: string[];
  itemOf(row: Row, context: ParseContext): ImportItem;
}

function compile(format: string, options: GenericTableOptions): CompiledTable {
  if (!isObject(options))
    throw new ImportOptionsError(
      format,
      'options must name the columns modelA, modelB and winner.',
    );
  const modelA = requiredOption(format, 'modelA', options.modelA);
  const modelB = requiredOption(format, 'modelB', options.modelB);
  const winner = requiredOption(format, 'winner', options.winner);
  const judgeColumn = optionalOption(format, 'judge', options.judge);
  const judgeName = optionalOption(format, 'judgeName', options.judgeName);
  if (judgeColumn === undefined && judgeName === undefined) {
    throw new ImportOptionsError(
      format,
      'a judge is required: name a judge column (judge) or a constant judgeName.',
    );
  }
  const judgeKind = judgeKindOption(format, options.judgeKind) ?? null;
  const judgeVersion = optionalOption(format, 'judgeVersion', options.judgeVersion) ?? null;
  const optionalColumns = {
    prompt: optionalOption(format, 'prompt', options.prompt),
    promptText: optionalOption(format, 'promptText', options.promptText),
    category: optionalOption(format, 'category', options.category),
    id: optionalOption(format, 'id', options.id),
    createdAt: optionalOption(format, 'createdAt', options.createdAt),
    responseA: optionalOption(format, 'responseA', options.responseA),
    responseB: optionalOption(format, 'responseB', options.responseB),
    judgment: optionalOption(format, 'judgment', options.judgment),
    shownFirst: optionalOption(format, 'shownFirst', options.shownFirst),
  };
  const promptIdPrefix = options.promptIdPrefix ?? '';
  const lookup = winnerLookup(format, options.winnerMap ?? DEFAULT_WINNER_MAP);
  const expected = truncate(Object.keys(options.winnerMap ?? DEFAULT_WINNER_MAP).join(', '), 200);
  const columns = [modelA, modelB, winner, judgeColumn, ...Object.values(optionalColumns)].filter(
    (c): c is string => c !== undefined,
  );

  function itemOf(row: Row, context: ParseContext): ImportItem {
    const line = row.line;
    const a = row.get(modelA)?.trim();
    const b = row.get(modelB)?.trim();
    if (!a)
      return {
        kind: 'error',
        line,
        reason: `expected column "${truncate(modelA)}" to name model A, but it is empty.`,
      };
    if (!b)
      return {
        kind: 'error',
        line,
        reason: `expected column "${truncate(modelB)}" to name model B, but it is empty.`,
      };
    if (a === b)
      return {
        kind: 'error',
        line,
        reason: `model A and model B are the same model ("${truncate(a)}"); a verdict compares two different models.`,
      };
    const winnerValue = row.get(winner)?.trim() ?? '';
    const outcome = lookup(winnerValue);
    if (outcome === undefined) {
      return {
        kind: 'error',
        line,
        reason: `unknown winner "${truncate(winnerValue)}" in column "${truncate(winner)}"; expected one of ${expected}.`,
      };
    }
    const judgeValue = judgeColumn === undefined ? undefined : row.get(judgeColumn)?.trim();
    const judge = judgeValue ? (judgeName ? `${judgeName}:${judgeValue}` : judgeValue) : judgeName;
    if (!judge)
      return {
        kind: 'error',
        line,
        reason: `expected column "${truncate(judgeColumn ?? '')}" to name the judge, but it is empty.`,
      };
    const createdAt =
      optionalColumns.createdAt === undefined
        ? undefined
        : timestampValue(row.get(optionalColumns.createdAt));
    if (createdAt === null) {
      return {
        kind: 'error',
        line,
        reason: `expected column "${truncate(optionalColumns.createdAt ?? '')}" to hold Unix seconds or an ISO 8601 date-time.`,
      };
    }
    const shownFirstValue =
      optionalColumns.shownFirst === undefined ? undefined : row.get(optionalColumns.shownFirst);
    const shownFirst =
      shownFirstValue === undefined ? null : positionOf(shownFirstValue.trim(), a, b);
    if (shownFirst === undefined) {
      return {
        kind: 'error',
        line,
        reason: `expected column "${truncate(optionalColumns.shownFirst ?? '')}" to say which answer was shown first (A, B, model_a, model_b or one of the two model names), but got "${truncate(shownFirstValue ?? '')}".`,
      };
    }

    const sourceId = optionalColumns.id === undefined ? undefined : row.get(optionalColumns.id);
    const key =
      sourceId !== undefined
        ? sourceKey(context.sourceName, 'id', sourceId)
        : lineKey(context, line, row.indexInLine);
    const promptId =
      optionalColumns.prompt === undefined ? undefined : row.get(optionalColumns.prompt);
    const promptText =
      optionalColumns.promptText === undefined ? undefined : row.get(optionalColumns.promptText);
    const prompt: PromptRecord = {
      externalId:
        promptId !== undefined
          ? `${promptIdPrefix}${promptId}`
          : promptText === undefined
            ? key
            : null,
      text: promptText ?? null,
      category:
        optionalColumns.category === undefined ? null : (row.get(optionalColumns.category) ?? null),
    };
    const record: VerdictRecord = {
      judge,
      judgeKind,
      judgeVersion,
      prompt,
      modelA: a,
      modelB: b,
      responseA:
        optionalColumns.responseA === undefined
          ? null
          : (row.get(optionalColumns.responseA) ?? null),
      responseB:
        optionalColumns.responseB === undefined
          ? null
          : (row.get(optionalColumns.responseB) ?? null),
      outcome,
      judgment:
        optionalColumns.judgment === undefined ? null : (row.get(optionalColumns.judgment) ?? null),
      shownFirst,
      createdAt: createdAt ?? null,
      idempotencyKey: key,
      provenance: provenanceOf(context),
    };
    return { kind: 'verdict', line, record };
  }

  return { columns, itemOf };
}

/** The position a shown-first value names; undefined when it names neither. */
function positionOf(value: string, modelA: string, modelB: string): 'A' | 'B' | undefined {
  const folded = value.toLowerCase();
  if (folded === 'a' || folded === 'model_a' || value === modelA) return 'A';
  if (folded === 'b' || folded === 'model_b' || value === modelB) return 'B';
  return undefined;
}

const SHORTHAND: Record<string, OutcomeLabel> = {
  a: 'A>B',
  b: 'B>A',
  tie: 'A=B',
  bothbad: 'BOTH_BAD',
};

function winnerLookup(
  format: string,
  map: Record<string, WinnerMeaning>,
): (value: string) => OutcomeLabel | undefined {
  if (!isObject(map))
    throw new ImportOptionsError(format, 'option winnerMap must map winner values to outcomes.');
  const exact = new Map<string, OutcomeLabel>();
  const folded = new Map<string, OutcomeLabel>();
  const numeric = new Map<number, OutcomeLabel>();
  for (const [value, meaning] of Object.entries(map)) {
    const label =
      typeof meaning === 'string'
        ? isOutcomeLabel(meaning)
          ? meaning
          : SHORTHAND[meaning.toLowerCase()]
        : undefined;
    if (label === undefined) {
      throw new ImportOptionsError(
        format,
        `winnerMap["${truncate(value)}"] must be an outcome label (A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD) or A, B, tie, bothbad, but got ${JSON.stringify(meaning)}.`,
      );
    }
    exact.set(value.trim(), label);
    if (!folded.has(value.trim().toLowerCase())) folded.set(value.trim().toLowerCase(), label);
    const number = value.trim() === '' ? NaN : Number(value);
    if (Number.isFinite(number)) numeric.set(number, label);
  }
  return (value) => {
    const found = exact.get(value) ?? folded.get(value.toLowerCase());
    if (found !== undefined || value === '') return found;
    const number = Number(value);
    return Number.isFinite(number) ? numeric.get(number) : undefined;
  };
}
