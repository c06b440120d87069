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

/** Options as the CLI hands them over (text, booleans, parsed JSON); each parser checks its own. */
export type RawOptions = Record<string, unknown>;

/**
 * A parser may hand its items over in batches as well (`Batched`, domain/batches.ts); the importer
 * then takes a batch per async step instead of an item.
 */
export type Parser<Options = RawOptions> = (
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: Options,
) => AsyncIterable<ImportItem>;
