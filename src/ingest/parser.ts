/**
 * The contract of a format parser: source lines in, `ImportItem`s (domain/import-item.ts) out.
 */
import type { ImportItem } from '../domain/import-item';

/** One physical line of a source file, without its line break. */
export interface SourceLine {
  line: number;
  text: string;
}

export interface ParseContext {
  /** The file's base name (`gpt-4-0613.jsonl`), used in idempotency keys and provenance. */
  sourceName: string;
}

export type Parser<Options = {}> = (
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: Options,
) => AsyncGenerator<ImportItem>;
