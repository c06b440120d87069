/**
 * The opaque cursor of search pages: base64url of `s1:<rank>:<prompt id>`. Hits are ordered by
 * rank, so unlike common/cursor.ts the position needs the rank too; the rank is a float8 written
 * in JavaScript's shortest round-tripping form, so it compares equal when read back.
 */
import type { SearchPosition } from '../../services/prompt-search';
import { badUserInput } from '../common/errors';

export function encodeSearchCursor({ rank, promptId }: SearchPosition): string {
  return Buffer.from(`s1:${rank}:${promptId}`).toString('base64url');
}

export function decodeSearchCursor(cursor: string): SearchPosition {
  const match = /^s1:([0-9.eE+-]{1,32}):(\d{1,10})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const rank = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !Number.isFinite(rank))
    throw badUserInput(
      'after must be a cursor returned by search (pageInfo.endCursor), but it could not be read.',
      'after',
    );
  return { rank, promptId: Number(match[2]) };
}
