/**
 * The opaque keyset cursor of every connection: base64url of `v1:<id>`. Clients must treat it as
 * opaque; the benchmark builds cursors with encodeCursor too (this file has no decorators).
 */
import { badUserInput } from './errors';

export function encodeCursor(id: number): string {
  return Buffer.from(`v1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^v1:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw badUserInput(
      'after must be a cursor returned by this API (pageInfo.endCursor), but it could not be read.',
      'after',
    );
  return Number(match[1]);
}
