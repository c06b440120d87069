/** Rows out as CSV (RFC 4180) or JSON lines, to a file or standard output. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type TableFormat = 'csv' | 'jsonl';

/**
 * One CSV field. A list (a prompt's tags) is written as a JSON array, so a tag holding `|`,
 * a comma or quotes reads back as the same tag (`verdicts import verdicts`).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = fieldText(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

export async function writeRows<Row extends object>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: (keyof Row)[],
  format: TableFormat,
  output: string | undefined,
): Promise<number> {
  const stream: Writable = output ? createWriteStream(output) : process.stdout;
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  let count = 0;
  if (format === 'csv') await write(`${columns.map(String).join(',')}\n`);
  for await (const row of rows) {
    count += 1;
    await write(
      format === 'csv'
        ? `${columns.map((column) => csvField(row[column])).join(',')}\n`
        : `${JSON.stringify(row)}\n`,
    );
  }
  if (output) {
    stream.end();
    await once(stream, 'finish');
  }
  return count;
}
