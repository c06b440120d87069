/**
 * What every format parser yields: one item per stored thing (a verdict, a prompt, a response)
 * or per row it could not use, always with the 1-based line the row starts on, so the importer
 * can report `file:line: reason` and carry on.
 */
import type { PromptRecord, VerdictRecord } from './verdict-record';

export interface ResponseRecord {
  prompt: PromptRecord;
  model: string;
  text: string;
  tokens?: number | null;
}

export type ImportItem =
  | { kind: 'verdict'; line: number; record: VerdictRecord }
  | { kind: 'prompt'; line: number; record: PromptRecord }
  | { kind: 'response'; line: number; record: ResponseRecord }
  /** A row the source itself marks as unusable: a null game, an `error` winner, a null preference. */
  | { kind: 'skipped'; line: number; reason: string }
  /** A malformed row; parsing goes on with the next one. */
  | { kind: 'error'; line: number; reason: string };
