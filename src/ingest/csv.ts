/**
 * Streaming CSV after RFC 4180: fields separated by commas, a field in double quotes may hold
 * commas, line breaks and doubled quotes (`""` is one `"`). Lines arrive without their breaks
 * (LF or CRLF), so a line break inside a quoted field is read back as `\n`.
 *
 * Leniency, as in Python's csv module: a quote inside an unquoted field is kept literally, and
 * text after a closing quote is appended to the field. Blank lines between records are ignored.
 */
import type { SourceLine } from './parser';
import { lineBatches } from './read-lines';

export type CsvRow =
  { kind: 'row'; line: number; fields: string[] } | { kind: 'error'; line: number; reason: string };

export type CsvObject =
  | { kind: 'record'; line: number; values: Record<string, string> }
  | { kind: 'error'; line: number; reason: string };

export interface CsvOptions {
  /** One character; `,` by default (`\t` reads TSV). */
  delimiter?: string;
  /** A longer record (usually an unclosed quote) is reported instead of exhausting memory. */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024 * 1024;

export async function* readCsvRows(
  lines: AsyncIterable<SourceLine>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRow> {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') {
    throw new Error(
      `CSV delimiter must be one character other than a quote or a line break, but got ${JSON.stringify(delimiter)}.`,
    );
  }
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  let recordLine = 0;
  let recordChars = 0;

  for await (const batch of lineBatches(lines)) {
    for (const { line, text } of batch) {
      if (!inQuotes) {
        if (text === '') continue;
        recordLine = line;
        recordChars = 0;
      }
      recordChars += text.length + 1;
      if (recordChars > maxRecordChars) {
        yield {
          kind: 'error',
          line: recordLine,
          reason: `the record starting on line ${recordLine} is longer than ${maxRecordChars} characters (an unclosed quote?).`,
        };
        return;
      }
      let position = 0;
      for (;;) {
        if (inQuotes) {
          const quote = text.indexOf('"', position);
          if (quote === -1) {
            field += text.slice(position) + '\n';
            break;
          }
          field += text.slice(position, quote);
          if (text.charCodeAt(quote + 1) === 0x22) {
            field += '"';
            position = quote + 2;
          } else {
            inQuotes = false;
            position = quote + 1;
          }
          continue;
        }
        if (atFieldStart && text.charCodeAt(position) === 0x22) {
          inQuotes = true;
          atFieldStart = false;
          position += 1;
          continue;
        }
        const next = text.indexOf(delimiter, position);
        if (next === -1) {
          field += text.slice(position);
          fields.push(field);
          yield { kind: 'row', line: recordLine, fields };
          fields = [];
          field = '';
          atFieldStart = true;
          break;
        }
        field += text.slice(position, next);
        fields.push(field);
        field = '';
        atFieldStart = true;
        position = next + 1;
      }
    }
  }
  if (inQuotes) {
    yield {
      kind: 'error',
      line: recordLine,
      reason: `the quoted field in the record starting on line ${recordLine} is never closed (truncated file?).`,
    };
  }
}

/** Rows as objects keyed by the header row's column names (trimmed). */
export async function* readCsvObjects(
  lines: AsyncIterable<SourceLine>,
  options: CsvOptions = {},
): AsyncGenerator<CsvObject> {
  let header: string[] | null = null;
  for await (const row of readCsvRows(lines, options)) {
    if (row.kind === 'error') {
      yield row;
      continue;
    }
    if (header === null) {
      const names = row.fields.map((name) => name.trim());
      header = names;
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate !== undefined) {
        yield {
          kind: 'error',
          line: row.line,
          reason: `the header names the column "${truncate(duplicate)}" twice; column names must be unique.`,
        };
        return;
      }
      continue;
    }
    if (row.fields.length !== header.length) {
      yield {
        kind: 'error',
        line: row.line,
        reason: `expected ${header.length} fields (as in the header), but got ${row.fields.length}.`,
      };
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = row.fields[index];
    });
    yield { kind: 'record', line: row.line, values };
  }
}

function truncate(text: string): string {
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}
