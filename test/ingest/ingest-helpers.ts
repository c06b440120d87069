import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportItem } from '../../src/domain/import-item';
import type { Parser } from '../../src/ingest/parser';
import { readSourceLines } from '../../src/ingest/read-lines';
import type { VerdictRecord } from '../../src/domain/verdict-record';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'ingest');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Runs a parser over a fixture file, named by its base name as the CLI would. */
export function parseFile<O>(
  parser: Parser<O>,
  name: string,
  options: O,
  sourceName = name,
): Promise<ImportItem[]> {
  return collect(parser(readSourceLines(fixture(name)), { sourceName }, options));
}

/** Runs a parser over in-memory bytes, through the same reader as files. */
export function parseBytes<O>(
  parser: Parser<O>,
  bytes: string | Buffer,
  options: O,
  sourceName = 'input.txt',
): Promise<ImportItem[]> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return collect(parser(readSourceLines(Readable.from([buffer])), { sourceName }, options));
}

export function verdicts(items: ImportItem[]): VerdictRecord[] {
  return items.flatMap((item) => (item.kind === 'verdict' ? [item.record] : []));
}

export function problems(
  items: ImportItem[],
  kind: 'error' | 'skipped' = 'error',
): Array<{ line: number; reason: string }> {
  return items.flatMap((item) =>
    item.kind === kind ? [{ line: item.line, reason: item.reason }] : [],
  );
}

export function kindCounts(items: ImportItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}
