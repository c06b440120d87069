/**
 * Verdicts' own export format, read back: flat rows as JSON lines or CSV (the first non-blank
 * character decides: `{` or `[` is JSON). A re-import of an export stores nothing new, because
 * each row keeps its idempotency key; rows exported without one get a key from file and line.
 */
import { isOutcomeLabel, OUTCOME_LABELS } from '../domain/outcome-labels';
import type { VerdictRecord } from '../domain/verdict-record';
import { readCsvObjects } from './csv';
import { describeValue } from './fields';
import type { ImportItem } from '../domain/import-item';
import type { Parser, SourceLine } from './parser';
import { readJsonRecords } from './json-records';
import { lineKey, provenanceOf } from './source-keys';

type Row = Record<string, unknown>;

export const parseVerdictsFile: Parser = async function* (lines, context) {
  const buffered: SourceLine[] = [];
  const iterator = lines[Symbol.asyncIterator]();
  let first: SourceLine | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) return;
    buffered.push(next.value);
    if (next.value.text.trim() !== '') first = next.value;
  }
  const replay = (async function* () {
    yield* buffered;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  })();
  const json = /^\s*[[{]/.test(first.text);
  const records = json ? readJsonRecords(replay) : readCsvObjects(replay);
  for await (const record of records) {
    if (record.kind === 'error') {
      yield record;
      continue;
    }
    const row = ('values' in record ? record.values : record.value) as Row;
    yield toItem(row, record.line, context.sourceName, json);
  }
};

function toItem(row: Row, line: number, sourceName: string, json: boolean): ImportItem {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return {
      kind: 'error',
      line,
      reason: `expected an object of exported verdict fields, but got ${describeValue(row)}.`,
    };
  }
  const text = (key: string): string | null => {
    const value = row[key];
    if (value === null || value === undefined || value === '') return null;
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const outcome = text('outcome');
  if (outcome === null || !isOutcomeLabel(outcome)) {
    return {
      kind: 'error',
      line,
      reason: `outcome must be one of ${OUTCOME_LABELS.join(', ')}, but got ${describeValue(row.outcome)}.`,
    };
  }
  const tags = json ? (Array.isArray(row.tags) ? row.tags.map(String) : []) : csvTags(text('tags'));
  const preference = text('preference_a');
  const kind = text('judge_kind');
  const shownFirst = text('shown_first');
  const createdAt = text('created_at');
  const record: VerdictRecord = {
    judge: text('judge') ?? '',
    judgeKind: kind === 'HUMAN' || kind === 'LLM' ? kind : null,
    judgeVersion: text('judge_version'),
    prompt: {
      externalId: text('prompt_id'),
      text: text('prompt_text'),
      category: text('category'),
      tags,
    },
    modelA: text('model_a') ?? '',
    modelB: text('model_b') ?? '',
    responseA: text('response_a'),
    responseB: text('response_b'),
    outcome,
    preferenceA: preference === null ? null : Number(preference),
    shownFirst: shownFirst === 'A' || shownFirst === 'B' ? shownFirst : null,
    judgment: text('judgment'),
    idempotencyKey: text('idempotency_key') ?? lineKey({ sourceName }, line),
    createdAt: createdAt === null ? null : new Date(createdAt),
    provenance: provenanceOf({ sourceName }),
  };
  return { kind: 'verdict', line, record };
}

/**
 * The tags column of an exported CSV: a JSON array of strings; exports written before tags
 * were JSON joined them with `|`, which is read as before.
 */
function csvTags(cell: string | null): string[] {
  if (cell === null) return [];
  if (cell.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(cell);
      if (Array.isArray(parsed) && parsed.every((tag) => typeof tag === 'string')) return parsed;
    } catch {
      // Not JSON: a `|`-joined list whose first tag starts with a bracket.
    }
  }
  return cell.split('|').filter(Boolean);
}
