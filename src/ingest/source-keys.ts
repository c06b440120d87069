/**
 * Provenance and idempotency keys of imported verdicts. A key names the verdict in its source,
 * so importing the same file again stores nothing new: from the source's own ids where it has
 * them, else from the file name and the row's position (`battles.jsonl:17`), so that identical
 * rows on different lines (Arena-Hard writes a strong verdict three times) stay distinct.
 */
import { createHash } from 'node:crypto';
import { LIMITS } from '../domain/limits';
import type { ParseContext } from './parser';

export function provenanceOf(context: ParseContext): string {
  return `import:${context.sourceName}`;
}

/** `name:line`, with `:index` for the second and later records starting on the same line. */
export function lineKey(context: ParseContext, line: number, indexInLine = 0): string {
  return boundedKey(
    indexInLine === 0
      ? `${context.sourceName}:${line}`
      : `${context.sourceName}:${line}:${indexInLine}`,
  );
}

/** Joins id parts with `:`; a key longer than the store accepts keeps its start and a hash. */
export function sourceKey(...parts: Array<string | number>): string {
  return boundedKey(parts.join(':'));
}

function boundedKey(key: string): string {
  if (key.length <= LIMITS.keyLength) return key;
  const hash = shortHash(key);
  return `${key.slice(0, LIMITS.keyLength - hash.length - 1)}#${hash}`;
}

/** 16 hex digits of SHA-256: enough to tell texts apart in a key. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
