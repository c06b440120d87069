/**
 * Checks of a parser's options. A wrong option is the caller's mistake, not a bad row, so it
 * throws before the first line is read instead of turning every row into an error item.
 */
import { isOutcomeLabel, OUTCOME_LABELS, type OutcomeLabel } from '../domain/outcome-labels';
import type { JudgeKindName } from '../domain/verdict-record';
import { describeValue } from './fields';

export class ImportOptionsError extends Error {
  constructor(format: string, message: string) {
    super(`${format}: ${message}`);
    this.name = 'ImportOptionsError';
  }
}

export function requiredOption(format: string, name: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ImportOptionsError(
      format,
      `option ${name} is required and must be a non-empty string, but got ${describeValue(value)}.`,
    );
  }
  return value.trim();
}

export function optionalOption(
  format: string,
  name: string,
  value: string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  return requiredOption(format, name, value);
}

export function judgeKindOption(
  format: string,
  value: string | undefined,
): JudgeKindName | undefined {
  if (value === undefined) return undefined;
  const upper = typeof value === 'string' ? value.toUpperCase() : value;
  if (upper === 'HUMAN' || upper === 'LLM') return upper;
  throw new ImportOptionsError(
    format,
    `option judgeKind must be HUMAN or LLM, but got ${describeValue(value)}.`,
  );
}

export function outcomeOption(format: string, value: string | undefined): OutcomeLabel | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && isOutcomeLabel(value.trim()))
    return value.trim() as OutcomeLabel;
  throw new ImportOptionsError(
    format,
    `option outcome must be one of ${OUTCOME_LABELS.join(', ')}, but got ${describeValue(value)}.`,
  );
}
