/**
 * JSON records from either layout the projects write: JSON lines (one object per line) or one
 * big JSON array. `auto` decides by the first non-blank character (`[` means an array).
 *
 * Python's `json.dump` writes NaN and ±Infinity for float values (a missing AlpacaEval
 * preference is `NaN`); JSON has no such literals, so they are read as `null`.
 */
import type { SourceLine } from './parser';
import { expectObject, type JsonObject } from './fields';
import { splitJsonArray, type SplitJsonArrayOptions } from './json-array';
import { lineBatches, sourceLinesOf } from './read-lines';
import { batchedOf, type Batched } from '../domain/batches';

export type JsonRecord =
  | { kind: 'record'; line: number; indexInLine: number; value: unknown }
  | { kind: 'error'; line: number; reason: string };

export type JsonLayout = 'auto' | 'array' | 'lines';

export interface ReadJsonRecordsOptions extends SplitJsonArrayOptions {
  layout?: JsonLayout;
}

export function readJsonRecords(
  lines: AsyncIterable<SourceLine>,
  options: ReadJsonRecordsOptions = {},
): Batched<JsonRecord> {
  return batchedOf(readJsonRecordBatches(lines, options));
}

/** Elements of a JSON array come from the splitter one by one; they are handed on this many at once. */
const ARRAY_BATCH_SIZE = 1024;

async function* readJsonRecordBatches(
  lines: AsyncIterable<SourceLine>,
  options: ReadJsonRecordsOptions,
): AsyncGenerator<readonly JsonRecord[]> {
  const batches = lineBatches(lines)[Symbol.asyncIterator]();
  const buffered: Array<readonly SourceLine[]> = [];
  let layout = options.layout ?? 'auto';
  while (layout === 'auto') {
    const next = await batches.next();
    if (next.done) break;
    buffered.push(next.value);
    const first = next.value.find((line) => line.text.trim() !== '');
    if (first) layout = first.text.trimStart().startsWith('[') ? 'array' : 'lines';
  }
  const replayed = sourceLinesOf(replay(buffered, batches));

  if (layout === 'array') {
    let records: JsonRecord[] = [];
    for await (const part of splitJsonArray(replayed, options)) {
      if (part.kind === 'error') {
        records.push(part);
        break;
      }
      records.push(toRecord(part.line, part.indexInLine, part.text));
      if (records.length >= ARRAY_BATCH_SIZE) {
        yield records;
        records = [];
      }
    }
    if (records.length > 0) yield records;
    return;
  }
  for await (const batch of replayed.batches()) {
    const records: JsonRecord[] = [];
    for (const { line, text } of batch) {
      if (text.trim() !== '') records.push(toRecord(line, 0, text));
    }
    if (records.length > 0) yield records;
  }
}

/** The batches read ahead, then the rest; a consumer that stops early still closes the source. */
async function* replay(
  buffered: Array<readonly SourceLine[]>,
  rest: AsyncIterator<readonly SourceLine[]>,
): AsyncGenerator<readonly SourceLine[]> {
  let finished = false;
  try {
    yield* buffered;
    for (;;) {
      const next = await rest.next();
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) await rest.return?.();
  }
}

function toRecord(line: number, indexInLine: number, text: string): JsonRecord {
  const parsed = parseJson(text);
  return parsed.ok
    ? { kind: 'record', line, indexInLine, value: parsed.value }
    : { kind: 'error', line, reason: parsed.reason };
}

export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (/NaN|Infinity/.test(text)) {
      try {
        return { ok: true, value: JSON.parse(nonFiniteToNull(text)) };
      } catch {
        // Report the original failure below.
      }
    }
    return { ok: false, reason: `invalid JSON: ${describeJsonError(error)}.` };
  }
}

/** V8 quotes the start of the input in its message; we report the fault without echoing data. */
function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const withoutEcho = message.replace(/, ".*" is not valid JSON$/s, '');
  const short = withoutEcho.length > 120 ? `${withoutEcho.slice(0, 117)}...` : withoutEcho;
  return short.charAt(0).toLowerCase() + short.slice(1);
}

/** Replaces the bare literals NaN, Infinity and -Infinity outside strings with null. */
export function nonFiniteToNull(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    for (const literal of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(literal, i)) {
        out += text.slice(copiedUpTo, i) + 'null';
        i += literal.length - 1;
        copiedUpTo = i + 1;
        break;
      }
    }
  }
  return out + text.slice(copiedUpTo);
}

export type JsonObjectRecord =
  | { kind: 'record'; line: number; indexInLine: number; value: JsonObject }
  | { kind: 'error'; line: number; reason: string };

/** JSON records that must be objects: any other value becomes an error item naming what it was. */
export function readJsonObjects(
  lines: AsyncIterable<SourceLine>,
  options: ReadJsonRecordsOptions = {},
): Batched<JsonObjectRecord> {
  return batchedOf(readJsonObjectBatches(lines, options));
}

async function* readJsonObjectBatches(
  lines: AsyncIterable<SourceLine>,
  options: ReadJsonRecordsOptions,
): AsyncGenerator<readonly JsonObjectRecord[]> {
  for await (const batch of readJsonRecords(lines, options).batches()) {
    yield batch.map((record): JsonObjectRecord => {
      if (record.kind === 'error') return record;
      const value = expectObject(record.value);
      return typeof value === 'string'
        ? { kind: 'error', line: record.line, reason: value }
        : { kind: 'record', line: record.line, indexInLine: record.indexInLine, value };
    });
  }
}
